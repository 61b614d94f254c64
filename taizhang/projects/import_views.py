"""Web import of the Excel sheets counties send: upload → preview (every problem, counts, totals) → commit.

Four kinds: a 重点项目调度表 for a period (``kind=projects``), a 重点任务台账 into a plan (``kind=tasks``),
an 企业名录 with the period's figures (``kind=enterprises``) and the 主要经济指标 of a period
(``kind=indicators``).
The upload keeps the file as an ImportBatch and records what its import would do; the preview shows that
record; the commit (POST) runs the import again on the stored file, all or nothing
(taizhang.projects.imports). 督查/管理员 import any county's rows and task ledgers; a county's 填报员 their
own county's project and enterprise rows; a 填报员 of a unit that owns indicators (市统计局 …) that unit's
figures. A kind the user may not import is a 403 (``projects.imports.scope_for``).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from taizhang.core import schedule
from taizhang.core.access import Action, allows
from taizhang.plans.models import Plan
from taizhang.projects.columns import TASK_COLUMNS
from taizhang.projects.imports import KINDS, commit_batch, scope_for, stage_upload
from taizhang.projects.models import ImportBatch
from taizhang.projects.selectors import default_project_period

_NAV = {"projects": "projects", "tasks": "tasks", "enterprises": "industry", "indicators": "indicators"}
KIND_LABELS = {
    "projects": _lazy("Key project dispatch sheet (重点项目调度表)"),
    "tasks": _lazy("Key task ledger (重点任务台账)"),
    "enterprises": _lazy("Enterprise list with the period's figures (企业名录)"),
    "indicators": _lazy("Economic indicator figures (主要经济指标)"),
}


def _max_bytes() -> int:
    return int(getattr(settings, "TAIZHANG_IMPORT_MAX_MB", 20)) * 1024 * 1024


def _kinds_for(user) -> dict[str, object]:
    """The kinds of sheet ``user`` may import, each with the unit it is limited to (None: the city)."""
    if not user.is_authenticated:
        return {}
    kinds = {}
    for kind in KINDS:
        try:
            kinds[kind] = scope_for(kind, user)
        except PermissionDenied:
            continue
    return kinds


def _scope_or_403(user):
    """403 for a user who may import no kind of sheet."""
    if not _kinds_for(user):
        raise PermissionDenied


def _live_plans(user):
    """The plans a task ledger may go into: live ones, the current (newest) plan first. Plans are the
    city's (no unit scope); only MANAGE may import into them."""
    if not allows(user, Action.MANAGE):
        return []
    return list(Plan.objects.filter(is_archived=False).order_by("-year", "-id"))


def _kind_or_403(kinds: dict, raw: str) -> str:
    """The kind asked for; 403 when the user may not import it (their first kind when none is asked)."""
    if not kinds:
        raise PermissionDenied
    if not raw:
        return next(iter(kinds))
    if raw not in KINDS:
        return next(iter(kinds))
    if raw not in kinds:
        raise PermissionDenied(_("You may not import this kind of sheet."))
    return raw


def _chosen_plan(plans, raw: str):
    """The plan asked for (None if it is not a live plan), or the current plan when none is asked for."""
    raw = (raw or "").strip()
    if not raw:
        return plans[0] if plans else None
    return next((p for p in plans if str(p.pk) == raw), None)


@require_http_methods(["GET", "POST"])
def upload(request):
    kinds = _kinds_for(request.user)
    data = request.POST if request.method == "POST" else request.GET
    kind = _kind_or_403(kinds, data.get("kind", ""))
    scope = kinds[kind]
    may_import_tasks = "tasks" in kinds
    plans = _live_plans(request.user)
    period = data.get("period") or default_project_period()
    plan = _chosen_plan(plans, data.get("plan", "")) if may_import_tasks else None
    errors: list[str] = []
    if request.method == "POST":
        if kind == "tasks" and plan is None:
            errors.append(
                _("Plan: choose one of the live plans to import the task ledger into.")
                if plans
                else _("Plan: there is no live plan; create the year's plan first.")
            )
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
                if kind == "tasks":
                    batch = stage_upload(uploaded, actor=request.user, kind="tasks", plan=plan)
                else:
                    batch = stage_upload(uploaded, actor=request.user, kind=kind, period=period)
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                return redirect("projects:import_preview", pk=batch.pk)
    recent = ImportBatch.objects.for_user(request.user).select_related("created_by")
    recent = recent.filter(kind__in=list(kinds))
    recent = list(recent[:10])
    plan_titles = _plan_titles(recent)
    for item in recent:
        item.plan_title = plan_titles.get((item.summary or {}).get("plan"), "")
        item.kind_label = KIND_LABELS.get(item.kind, item.kind)
    return render(
        request,
        "projects/import_upload.html",
        {
            "nav": _NAV[kind],
            "kind": kind,
            "kinds": [(k, KIND_LABELS[k]) for k in kinds],
            "may_import_tasks": may_import_tasks,
            "plans": plans,
            "plan": plan,
            "period": period,
            "scope": scope,
            "errors": errors,
            "recent": recent,
            "accept": ".xlsx,.xls",
            "max_mb": _max_bytes() // (1024 * 1024),
            "task_columns": "、".join(c.label for c in TASK_COLUMNS if c.kind != "ignore"),
        },
        status=400 if errors else 200,
    )


def _plan_titles(batches) -> dict:
    ids = {(b.summary or {}).get("plan") for b in batches if b.kind == "tasks"} - {None}
    return dict(Plan.objects.filter(pk__in=ids).values_list("pk", "title")) if ids else {}


def _by_row(items) -> list[dict]:
    """Problems in sheet order (the reader's and the rules' problems come in two passes)."""
    return sorted(items or [], key=lambda item: item.get("row") or 0)


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
    plan = None
    if batch.kind == "tasks":
        plan = Plan.objects.filter(pk=(batch.summary or {}).get("plan")).first()
    return render(
        request,
        "projects/import_preview.html",
        {
            "nav": _NAV.get(batch.kind, "projects"),
            "batch": batch,
            "kind_label": KIND_LABELS.get(batch.kind, batch.kind),
            "plan": plan,
            "problems": _by_row(batch.errors),
            "warnings": _by_row(batch.warnings),
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
