"""The typed HTTP API (django-ninja, OpenAPI at /api/docs). Each app adds its router here.

Authentication is the browser session; django-ninja's session auth checks the CSRF token on unsafe
methods (send it as the X-CSRFToken header). Errors have one shape everywhere:
    403 {"detail": "..."}                      the role or unit may not do this
    404 {"detail": "..."}                      no such row, or outside the user's scope
    422 {"detail": "...", "errors": {field: message}}   input the services or the schema reject
    400 {"detail": "...", "errors": {"body": message}}   a body that is not JSON at all
Input errors are in Chinese and name the field: 累计完成值（cumulative_value）：应为数字，收到“true”。
`detail` repeats the field messages, so a client that shows one string shows the right one.
"""

import json
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.parser import Parser
from ninja.security import django_auth

from taizhang.ledgers.api import router as ledgers_router
from taizhang.ledgers.schemas import NUMBER_TYPE, OBJECT_TYPE, TEXT_TYPE
from taizhang.plans.api import router as plans_router
from taizhang.projects.api import router as projects_router
from taizhang.projects.schemas import FIELD_NAMES as PROJECT_FIELD_NAMES


class BodyNotJSON(ValueError):
    """The request body does not parse as JSON (ninja turns this into HttpError 400, caused by this)."""


class JSONParser(Parser):
    def parse_body(self, request):
        try:
            return json.loads(request.body)
        except ValueError as exc:  # JSONDecodeError, or bytes that are not UTF-8/16/32
            raise BodyNotJSON(str(exc)) from exc


class TaizhangAPI(NinjaAPI):
    def validation_error_from_error_contexts(self, error_contexts) -> SchemaValidationError:
        """ninja drops each error's input; keep it, so a message can quote what was sent (“收到“abc””)."""
        exc = super().validation_error_from_error_contexts(error_contexts)
        inputs = [
            error.get("input")
            for context in error_contexts
            for error in context.pydantic_validation_error.errors(include_url=False)
        ]
        if len(inputs) == len(exc.errors):
            for error, value in zip(exc.errors, inputs, strict=True):
                error["input"] = value
        return exc

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
    parser=JSONParser(),
    description="台账 API: tasks, progress reports and the period's status rollup.",
)
api.add_router("", plans_router)
api.add_router("", ledgers_router)
api.add_router("", projects_router)


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


# What a field is called in messages: "%(name)s (%(field)s)", e.g. 累计完成值（cumulative_value）.
FIELD_NAMES = {
    "period": gettext_lazy("Period"),
    "plan_id": gettext_lazy("Plan number"),
    "area_id": gettext_lazy("Area number"),
    "unit_id": gettext_lazy("Lead unit number"),
    "task_id": gettext_lazy("Task number"),
    "report_id": gettext_lazy("Report number"),
    "light": gettext_lazy("Light"),
    "state": gettext_lazy("State"),
    "cumulative_value": gettext_lazy("Cumulative actual"),
    "percent_complete": gettext_lazy("Percent complete"),
    "progress": gettext_lazy("Progress"),
    "problems": gettext_lazy("Problems"),
    "next_steps": gettext_lazy("Next steps"),
    "confidence": gettext_lazy("Delivery judgement"),
    "reason": gettext_lazy("Return reason"),
    "note": gettext_lazy("Submission note"),
    "comment": gettext_lazy("Review comment"),
    **PROJECT_FIELD_NAMES,
}
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
INTEGER_ERRORS = {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}
NUMBER_ERRORS = {
    "float_parsing",
    "float_type",
    "finite_number",
    "decimal_parsing",
    "decimal_type",
    NUMBER_TYPE,
}
TEXT_ERRORS = {"string_type", "string_unicode", TEXT_TYPE}
OBJECT_ERRORS = {"model_type", "model_attributes_type", "dict_type", OBJECT_TYPE}


def _field(loc) -> str:
    """The field an error is about: query.area_id → area_id, body.payload.progress → progress, the body → body."""
    parts = [str(part) for part in loc]
    if parts and parts[0] in SOURCES:
        source = parts.pop(0)
        if source == "body" and parts[:1] == ["payload"]:  # every body parameter is called payload
            parts.pop(0)
    return ".".join(parts) or "body"


def _label(field: str) -> str:
    name = FIELD_NAMES.get(field.split(".")[0])
    if name is None:
        return _("Field %(field)s") % {"field": field}
    return _("%(name)s (%(field)s)") % {"name": name, "field": field}


def _shown(value: Any) -> str:
    """What was sent, as the client wrote it (JSON for non-strings), cut short."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def _message(field: str, error: dict) -> str:
    kind = error.get("type", "")
    if field == "body" and (kind in OBJECT_ERRORS or kind == "missing"):
        return _("The request body must be a JSON object.")
    label = _label(field)
    quoted = "input" in error and kind != "missing"
    if kind == "missing":
        return _("%(label)s: required.") % {"label": label}
    if kind in INTEGER_ERRORS:
        if quoted:
            return _("%(label)s: must be a whole number, got “%(value)s”.") % {
                "label": label,
                "value": _shown(error["input"]),
            }
        return _("%(label)s: must be a whole number.") % {"label": label}
    if kind in NUMBER_ERRORS:
        if quoted:
            return _("%(label)s: must be a number, got “%(value)s”.") % {
                "label": label,
                "value": _shown(error["input"]),
            }
        return _("%(label)s: must be a number.") % {"label": label}
    if kind in TEXT_ERRORS:
        return _("%(label)s: must be text.") % {"label": label}
    if kind in OBJECT_ERRORS:
        return _("%(label)s: must be a JSON object.") % {"label": label}
    return _("%(label)s: this value is not valid.") % {"label": label}


@api.exception_handler(SchemaValidationError)
def schema_error(request, exc: SchemaValidationError):
    """Input the schema rejects, in Chinese, one message per field (the first error of each field)."""
    errors: dict[str, str] = {}
    for error in exc.errors:
        field = _field(error.get("loc", ()))
        errors.setdefault(field, _message(field, error))
    detail = "".join(errors.values()) or _("Some input is not valid.")
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """ninja's own HTTP errors; a body that is not JSON gets a Chinese message in the 422 shape (status 400)."""
    if isinstance(exc.__cause__, BodyNotJSON):
        message = _("The request body is not valid JSON.")
        return api.create_response(request, {"detail": message, "errors": {"body": message}}, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or _("You may not do this.")}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or _("Not found.")}, status=404)
