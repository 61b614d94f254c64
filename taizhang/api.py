"""The typed HTTP API (django-ninja, OpenAPI at /api/docs). Each app adds its router here.

Authentication is the browser session; django-ninja's session auth checks the CSRF token on unsafe
methods (send it as the X-CSRFToken header). Errors have one shape everywhere:
    403 {"detail": "..."}                      the role or unit may not do this
    404 {"detail": "..."}                      no such row, or outside the user's scope
    422 {"detail": "...", "errors": {field: message}}   input the services or the schema reject
"""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaValidationError
from ninja.security import django_auth

from taizhang.ledgers.api import router as ledgers_router
from taizhang.plans.api import router as plans_router


class TaizhangAPI(NinjaAPI):
    def _get_urls(self):
        """Operations answer 401 JSON themselves: exempt them from LoginRequiredMiddleware's redirect to the
        login page (the docs and the OpenAPI schema stay behind the login)."""
        urls = super()._get_urls()
        for pattern in urls:
            if getattr(pattern, "name", None) not in {"openapi-json", "openapi-view"} and hasattr(
                pattern, "callback"
            ):
                login_not_required(pattern.callback)
        return urls


api = TaizhangAPI(
    title="taizhang API",
    version="1",
    auth=django_auth,
    docs_url="/docs",
    description="台账 API: tasks, progress reports and the period's status rollup.",
)
api.add_router("", plans_router)
api.add_router("", ledgers_router)


def _messages(exc: DjangoValidationError) -> tuple[str, dict[str, str]]:
    if hasattr(exc, "error_dict"):
        errors = {field: " ".join(str(m) for m in messages) for field, messages in exc.message_dict.items()}
    else:
        errors = {}
    detail = next(iter(errors.values()), None) or " ".join(str(m) for m in exc.messages)
    return detail, errors


@api.exception_handler(DjangoValidationError)
def validation_error(request, exc: DjangoValidationError):
    detail, errors = _messages(exc)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(SchemaValidationError)
def schema_error(request, exc: SchemaValidationError):
    errors: dict[str, str] = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ()) if part not in {"body", "query", "path", "payload"}]
        errors[".".join(loc) or "body"] = str(error.get("msg", ""))
    return api.create_response(
        request, {"detail": _("Some input is not valid."), "errors": errors}, status=422
    )


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or _("You may not do this.")}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or _("Not found.")}, status=404)
