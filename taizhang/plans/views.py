"""Plan and task pages: the ledger (台账) as a filterable table of tasks with their 序时 status, and the
supervisor's (督查) pages that create a task, archive it and set or archive its milestones.

Rows come from `Task.objects.for_user` (through ledgers.selectors.visible_tasks), so a county clerk
sees the tasks their unit leads or cooperates on and a supervisor sees them all. Writes go through
plans.services. A task the user cannot see is a 404 before the role is asked (a 403).
"""

from collections import Counter
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from taizhang.accounts.models import Unit
from taizhang.core.access import Action, require
from taizhang.core.htmx import is_htmx
from taizhang.ledgers.forms import attach_errors, number_display
from taizhang.ledgers.models import ProgressReport
from taizhang.ledgers.selectors import (
    current_plan,
    evaluate_tasks,
    period_choices,
    period_label_of,
    progress_curve,
    resolve_period,
    status_rollup,
    tasks_for_status,
    visible_tasks,
)
from taizhang.ledgers.services import check_period
from taizhang.ledgers.views import (
    history_context,
    may_act_for_unit,
    report_figure,
    state_display,
    target_display,
)
from taizhang.plans.exports import ledger_workbook
from taizhang.plans.forms import ArchiveForm, MilestoneForm, TaskCreateForm, TaskFilterForm, TaskForm
from taizhang.plans.models import Milestone, Plan, Task
from taizhang.plans.services import archive, create_task, set_figure_source, set_milestone, update_task


def plan_detail(request, pk: int):
    require(request.user, Action.VIEW)
    plan = get_object_or_404(Plan, pk=pk)
    visible = Task.objects.for_user(request.user).filter(plan=plan, is_archived=False)
    per_area = Counter(area_id for _pk, area_id in set(visible.values_list("pk", "area_id")))
    areas = [
        {"area": area, "count": per_area.get(area.pk, 0)} for area in plan.areas.filter(is_archived=False)
    ]
    return render(
        request,
        "plans/plan_detail.html",
        {
            "nav": "tasks",
            "plan": plan,
            "areas": areas,
            "task_total": sum(per_area.values()),
            **history_context(plan),
        },
    )


def _plan_from(request) -> Plan | None:
    raw = request.GET.get("plan", "").strip()
    if raw.isdigit():
        return get_object_or_404(Plan, pk=int(raw))
    return current_plan()


def _filtered_states(request, today):
    """The task list's filters applied: (plan, period, period error, filter form, task states)."""
    user = request.user
    require(user, Action.VIEW)
    plan = _plan_from(request)
    period, period_error = resolve_period(request.GET.get("period"), plan, today=today)
    tasks = visible_tasks(user, plan)
    units = Unit.objects.filter(pk__in=tasks.values("lead_unit"))
    filters = TaskFilterForm(request.GET or None, plan=plan, units=units)

    if area := filters.value("area"):
        tasks = tasks.filter(area=area)
    if unit := filters.value("unit"):
        tasks = tasks.filter(lead_unit=unit)
    if category := filters.value("category"):
        tasks = tasks.filter(category=category)
    if q := (filters.value("q") or "").strip():
        tasks = tasks.filter(Q(code__icontains=q) | Q(title__icontains=q))
    states = evaluate_tasks(tasks, period, today=today) if plan is not None else []
    if status := filters.value("status"):
        states = [s for s in states if s.evaluation.status == status]
    if light := filters.value("light"):
        states = [s for s in states if s.evaluation.light == light]
    if filters.value("missing"):
        states = [s for s in states if s.missing]
    return plan, period, period_error, filters, states


def task_list(request):
    today = timezone.localdate()
    plan, period, period_error, filters, states = _filtered_states(request, today)
    context = {
        "nav": "tasks",
        "plan": plan,
        "plans": Plan.objects.filter(is_archived=False),
        "period": period,
        "period_label": period_label_of(period),
        "period_error": period_error,
        "periods": period_choices(plan.year, today=today, keep=period) if plan else [],
        "filters": filters,
        "rows": [state_display(s) for s in states],
        "counts": status_rollup(states)["total"],
    }
    template = "plans/_task_results.html" if is_htmx(request) else "plans/task_list.html"
    return render(request, template, context)


def task_export(request):
    """The filtered task list as an Excel ledger (导出台账): what the page shows, as a sheet."""
    plan, period, _error, _filters, states = _filtered_states(request, timezone.localdate())
    if plan is None:
        raise Http404
    content = ledger_workbook(
        states, title=plan.title, period=period, is_demo=any(s.task.is_demo for s in states)
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"{plan.title}-{period}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _visible_task(user, pk: int) -> Task:
    """A task the user may see (404 otherwise), ready for its page."""
    return get_object_or_404(
        tasks_for_status(Task.objects.for_user(user)).prefetch_related("cooperating_units"), pk=pk
    )


def _task_page(
    request,
    task: Task,
    *,
    milestone_form: MilestoneForm | None = None,
    archive_form: ArchiveForm | None = None,
    milestone_archive: dict | None = None,
):
    """A task's page. The POST views below render it again with their bound form when it has errors."""
    user = request.user
    today = timezone.localdate()
    period, period_error = resolve_period(request.GET.get("period"), task.plan, today=today)
    state = evaluate_tasks([task], period, today=today)[0]
    reports = [
        {"report": r, "figure": report_figure(r), "period_label": period_label_of(r.period)}
        for r in ProgressReport.objects.for_user(user)
        .filter(task=task, is_archived=False)
        .select_related("task", "submitted_by", "reviewed_by")
        .order_by("-period")
    ]
    can_fill = False
    fill_note = ""
    if may_act_for_unit(user, Action.REPORT, task.lead_unit_id) and not task.is_archived:
        try:
            check_period(task, period, today=today)
        except ValidationError as exc:
            fill_note = " ".join(exc.messages)
        else:
            can_fill = state.current is None or state.current.is_editable
    can_manage = may_act_for_unit(user, Action.MANAGE, task.lead_unit_id)
    archived_milestones = []
    if can_manage:
        archived_milestones = list(
            Milestone.objects.filter(task=task, is_archived=True).select_related("archived_by")
        )
    return render(
        request,
        "plans/task_detail.html",
        {
            "nav": "tasks",
            "task": task,
            "period": period,
            "period_label": period_label_of(period),
            "period_error": period_error,
            "periods": period_choices(task.plan.year, today=today, keep=period),
            "row": state_display(state),
            "curve": progress_curve(task, period),
            "target": target_display(task),
            "baseline": "—"
            if task.baseline is None
            else f"{number_display(task.baseline)}{task.target_unit}",
            "milestones": [m for m in task.milestones.all() if not m.is_archived],
            "archived_milestones": archived_milestones,
            "reports": reports,
            "can_fill": can_fill,
            "fill_note": fill_note,
            "can_edit_task": can_manage,
            "can_manage_task": can_manage and not task.is_archived,
            "milestone_form": milestone_form or MilestoneForm(),
            "archive_form": archive_form or ArchiveForm(auto_id="id_archive_%s"),
            "milestone_archive": milestone_archive or {},
            **history_context(task),
        },
    )


def task_detail(request, pk: int):
    return _task_page(request, _visible_task(request.user, pk))


@require_http_methods(["GET", "POST"])
def task_edit(request, pk: int):
    user = request.user
    task = get_object_or_404(Task.objects.for_user(user).select_related("plan"), pk=pk)
    require(user, Action.MANAGE)
    if request.method == "GET":
        form = TaskForm(task=task, initial=TaskForm.initial_for(task))
        return render(request, "plans/task_form.html", {"nav": "tasks", "task": task, "form": form})
    form = TaskForm(request.POST, task=task)
    if form.is_valid():
        try:
            with transaction.atomic():
                update_task(
                    actor=user,
                    task=task,
                    data=form.service_data(),
                    reason=form.cleaned_data["reason"],
                    cooperating_units=form.cleaned_data["cooperating_units"],
                )
                _set_figure_source(user, task, form, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            attach_errors(form, exc)
            task.refresh_from_db()
        else:
            messages.success(request, _("Task %(code)s updated.") % {"code": task.code})
            return redirect(task)
    messages.error(request, _("Nothing was saved: please correct the marked fields."))
    return render(request, "plans/task_form.html", {"nav": "tasks", "task": task, "form": form})


# --------------------------------------------------------------------------------------------------
# 督查: a new task, archiving a task, a task's milestones
# --------------------------------------------------------------------------------------------------


def _set_figure_source(user, task: Task, form, *, reason: str) -> None:
    """Tie the task's actual to the indicator or count the form names, when that changed."""
    source = form.figure_source()
    indicator = source["indicator"]
    if (indicator.pk if indicator else None, source["derived_count"]) != (
        task.indicator_id,
        task.derived_count,
    ):
        set_figure_source(actor=user, task=task, reason=reason, **source)


@require_http_methods(["GET", "POST"])
def task_create(request, plan_pk: int):
    user = request.user
    plan = get_object_or_404(Plan, pk=plan_pk)
    require(user, Action.MANAGE)
    if plan.is_archived:
        messages.error(request, _("This plan is archived: no new tasks can be added to it."))
        return redirect(plan)
    context = {"nav": "tasks", "plan": plan}
    if request.method == "GET":
        form = TaskCreateForm(plan=plan, initial=TaskCreateForm.initial_for_plan(plan))
        return render(request, "plans/task_form.html", context | {"form": form})
    form = TaskCreateForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            with transaction.atomic():
                task = create_task(
                    actor=user,
                    plan=plan,
                    data=form.service_data(),
                    cooperating_units=form.cleaned_data["cooperating_units"],
                    milestones=form.cleaned_data["milestones"],
                )
                _set_figure_source(user, task, form, reason="")
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Task %(code)s created.") % {"code": task.code})
            return redirect(task)
    messages.error(request, _("Nothing was saved: please correct the marked fields."))
    return render(request, "plans/task_form.html", context | {"form": form})


@require_POST
def task_archive(request, pk: int):
    user = request.user
    task = _visible_task(user, pk)
    require(user, Action.MANAGE)
    if task.is_archived:
        messages.info(request, _("Task %(code)s is already archived.") % {"code": task.code})
        return redirect(task)
    form = ArchiveForm(request.POST, auto_id="id_archive_%s")
    form.is_valid()
    try:
        archive(actor=user, obj=task, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        attach_errors(form, exc)
        messages.error(request, _("Nothing was saved: please correct the marked fields."))
        return _task_page(request, _visible_task(user, pk), archive_form=form)
    messages.success(
        request,
        _("Task %(code)s archived: it no longer appears in the ledger or the counts.") % {"code": task.code},
    )
    return redirect(task)


def _refuse_if_archived(request, task: Task):
    """Milestones of an archived task stay as they were; a redirect with a message, or None."""
    if not task.is_archived:
        return None
    messages.error(
        request, _("Task %(code)s is archived: its milestones can no longer change.") % {"code": task.code}
    )
    return redirect(task)


@require_POST
def milestone_set(request, pk: int):
    user = request.user
    task = _visible_task(user, pk)
    require(user, Action.MANAGE)
    if refused := _refuse_if_archived(request, task):
        return refused
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            milestone = set_milestone(
                actor=user,
                task=task,
                month=form.cleaned_data["month"],
                expected_progress=form.cleaned_data["expected_progress"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("Milestone for month %(month)s set to %(pct)s%%.")
                % {"month": milestone.month, "pct": number_display(milestone.expected_progress)},
            )
            return redirect(task)
    messages.error(request, _("Nothing was saved: please correct the marked fields."))
    return _task_page(request, _visible_task(user, pk), milestone_form=form)


@require_POST
def milestone_archive(request, pk: int):
    user = request.user
    milestone = get_object_or_404(
        Milestone.objects.filter(task__in=Task.objects.for_user(user)).select_related("task"), pk=pk
    )
    require(user, Action.MANAGE)
    task = milestone.task
    if refused := _refuse_if_archived(request, task):
        return refused
    if milestone.is_archived:
        messages.info(request, _("This milestone is already archived."))
        return redirect(task)
    form = ArchiveForm(request.POST, auto_id=f"id_milestone_{milestone.pk}_%s")
    form.is_valid()
    try:
        archive(actor=user, obj=milestone, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        attach_errors(form, exc)
        messages.error(request, _("Nothing was saved: please correct the marked fields."))
        return _task_page(
            request, _visible_task(user, task.pk), milestone_archive={"pk": milestone.pk, "form": form}
        )
    messages.success(request, _("Milestone for month %(month)s archived.") % {"month": milestone.month})
    return redirect(task)
