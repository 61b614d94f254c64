"""Web import of the Excel sheets counties send: upload → preview (every problem, counts, totals) → commit.

Two kinds: a 重点项目调度表 for a period (``kind=projects``) and a 重点任务台账 into a plan (``kind=tasks``).
The upload keeps the file as an ImportBatch and records what its import would do; the preview shows that
record; the commit (POST) runs the import again on the stored file, all or nothing
(taizhang.projects.imports). 督查/管理员 import any county's rows and task ledgers; a county's 填报员 their
own county's project rows only (asking for a task ledger is a 403).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from taizhang.core import schedule
from taizhang.core.access import Action, allows
from taizhang.plans.models import Plan
from taizhang.projects.columns import TASK_COLUMNS
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


KINDS = ("projects", "tasks")


def _live_plans(user):
    """The plans a task ledger may go into: live ones, the current (newest) plan first. Plans are the
    city's (no unit scope); only MANAGE may import into them."""
    if not allows(user, Action.MANAGE):
        return []
    return list(Plan.objects.filter(is_archived=False).order_by("-year", "-id"))


def _kind_or_403(user, raw: str) -> str:
    kind = raw if raw in KINDS else "projects"
    if kind == "tasks" and not allows(user, Action.MANAGE):
        raise PermissionDenied(_("Only supervisors and administrators may import task ledgers."))
    return kind


def _chosen_plan(plans, raw: str):
    """The plan asked for (None if it is not a live plan), or the current plan when none is asked for."""
    raw = (raw or "").strip()
    if not raw:
        return plans[0] if plans else None
    return next((p for p in plans if str(p.pk) == raw), None)


@require_http_methods(["GET", "POST"])
def upload(request):
    scope = _scope_or_403(request.user)
    data = request.POST if request.method == "POST" else request.GET
    kind = _kind_or_403(request.user, data.get("kind", ""))
    may_import_tasks = allows(request.user, Action.MANAGE)
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
                    batch = stage_upload(uploaded, actor=request.user, period=period)
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                return redirect("projects:import_preview", pk=batch.pk)
    recent = ImportBatch.objects.for_user(request.user).select_related("created_by")
    if not may_import_tasks:
        recent = recent.filter(kind="projects")
    recent = list(recent[:10])
    plan_titles = _plan_titles(recent)
    for item in recent:
        item.plan_title = plan_titles.get((item.summary or {}).get("plan"), "")
    return render(
        request,
        "projects/import_upload.html",
        {
            "nav": "tasks" if kind == "tasks" else "projects",
            "kind": kind,
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
            "nav": "tasks" if batch.kind == "tasks" else "projects",
            "batch": batch,
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
