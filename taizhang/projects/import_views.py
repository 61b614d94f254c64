"""Web import of a dispatch sheet (导入调度表): upload → preview (every problem, counts, totals) → commit.

The upload keeps the file as an ImportBatch and records what its import would do; the preview shows that
record; the commit (POST) runs the import again on the stored file, all or nothing
(taizhang.projects.imports). 督查/管理员 import any county's rows, a county's 填报员 their own county's.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from taizhang.core import schedule
from taizhang.projects.imports import commit_batch, import_scope, stage_upload
from taizhang.projects.models import ImportBatch
from taizhang.projects.selectors import default_project_period


def _max_bytes() -> int:
    return int(getattr(settings, "TAIZHANG_IMPORT_MAX_MB", 20)) * 1024 * 1024


def _scope_or_403(user):
    """The county a user imports for (None: the whole city); PermissionDenied (403) for other roles."""
    if not user.is_authenticated:
        raise PermissionDenied
    return import_scope(user)


@require_http_methods(["GET", "POST"])
def upload(request):
    scope = _scope_or_403(request.user)
    period = request.POST.get("period") or request.GET.get("period") or default_project_period()
    errors: list[str] = []
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        if uploaded is None:
            errors.append(_("File: choose the Excel sheet to import."))
        elif not uploaded.name.lower().endswith((".xlsx", ".xls")):
            errors.append(
                _("File: “%(name)s” is not an Excel file (.xlsx or .xls).") % {"name": uploaded.name}
            )
        elif uploaded.size > _max_bytes():
            errors.append(
                _("File: %(name)s is larger than %(mb)s MB.")
                % {"name": uploaded.name, "mb": _max_bytes() // (1024 * 1024)}
            )
        if not errors:
            try:
                batch = stage_upload(uploaded, actor=request.user, period=period)
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                return redirect("projects:import_preview", pk=batch.pk)
    recent = (
        ImportBatch.objects.for_user(request.user).filter(kind="projects").select_related("created_by")[:10]
    )
    return render(
        request,
        "projects/import_upload.html",
        {
            "nav": "projects",
            "period": period,
            "scope": scope,
            "errors": errors,
            "recent": recent,
            "accept": ".xlsx,.xls",
            "max_mb": _max_bytes() // (1024 * 1024),
        },
        status=400 if errors else 200,
    )


def _batch_for(request, pk: int) -> ImportBatch:
    _scope_or_403(request.user)
    return get_object_or_404(
        ImportBatch.objects.for_user(request.user).select_related("created_by", "unit"), pk=pk
    )


def preview(request, pk: int):
    batch = _batch_for(request, pk)
    totals = (batch.summary or {}).get("totals") or {}
    sums = [
        {
            "label": totals.get("labels", {}).get(key, key),
            "sum": value,
            "sheet": (totals.get("sheet") or {}).get(key),
        }
        for key, value in (totals.get("sums") or {}).items()
    ]
    try:
        period_label = schedule.period_label(*schedule.parse_period(batch.period)) if batch.period else ""
    except ValueError:
        period_label = batch.period
    return render(
        request,
        "projects/import_preview.html",
        {
            "nav": "projects",
            "batch": batch,
            "period_label": period_label,
            "sums": sums,
            "sheet_row": totals.get("sheet_row"),
            "can_commit": not batch.committed and not batch.errors,
        },
    )


@require_POST
def commit(request, pk: int):
    batch = _batch_for(request, pk)
    try:
        result = commit_batch(batch, actor=request.user, today=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("projects:import_preview", pk=batch.pk)
    if result.committed:
        messages.success(
            request,
            _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
        )
    else:
        messages.error(request, _("Nothing was imported: the sheet has problems, listed below."))
    return redirect("projects:import_preview", pk=batch.pk)
