"""Plan and task pages: the ledger (台账) as a filterable table of tasks with their 序时 status.

Rows come from `Task.objects.for_user` (through ledgers.selectors.visible_tasks), so a county clerk
sees the tasks their unit leads or cooperates on and a supervisor sees them all. Writes go through
plans.services.
"""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taizhang.accounts.models import Unit
from taizhang.core.access import Action, require
from taizhang.core.htmx import is_htmx
from taizhang.ledgers.forms import attach_errors, number_display
from taizhang.ledgers.models import ProgressReport
from taizhang.ledgers.selectors import (
    current_plan,
    evaluate_tasks,
    period_choices,
    resolve_period,
    status_rollup,
    tasks_for_status,
    visible_tasks,
)
from taizhang.ledgers.selectors import period_label_of as label_for
from taizhang.ledgers.services import check_period
from taizhang.ledgers.views import (
    history_context,
    may_act_for_unit,
    report_figure,
    state_display,
    target_display,
)
from taizhang.plans.forms import TaskFilterForm, TaskForm
from taizhang.plans.models import Plan, Task
from taizhang.plans.services import update_task


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


def task_list(request):
    user = request.user
    require(user, Action.VIEW)
    today = timezone.localdate()
    plan = _plan_from(request)
    period, period_error = resolve_period(request.GET.get("period"), plan, today=today)
    tasks = visible_tasks(user, plan)
    units = Unit.objects.filter(pk__in=tasks.values("lead_unit")).order_by("kind", "order", "code")
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

    context = {
        "nav": "tasks",
        "plan": plan,
        "plans": Plan.objects.filter(is_archived=False),
        "period": period,
        "period_label": label_for(period),
        "period_error": period_error,
        "periods": period_choices(plan.year, today=today, keep=period) if plan else [],
        "filters": filters,
        "rows": [state_display(s) for s in states],
        "counts": status_rollup(states)["total"],
    }
    template = "plans/_task_results.html" if is_htmx(request) else "plans/task_list.html"
    return render(request, template, context)


def task_detail(request, pk: int):
    user = request.user
    task = get_object_or_404(
        tasks_for_status(Task.objects.for_user(user)).prefetch_related("cooperating_units"), pk=pk
    )
    today = timezone.localdate()
    period, period_error = resolve_period(request.GET.get("period"), task.plan, today=today)
    state = evaluate_tasks([task], period, today=today)[0]
    reports = [
        {"report": r, "figure": report_figure(r), "period_label": label_for(r.period)}
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
    return render(
        request,
        "plans/task_detail.html",
        {
            "nav": "tasks",
            "task": task,
            "period": period,
            "period_label": label_for(period),
            "period_error": period_error,
            "periods": period_choices(task.plan.year, today=today, keep=period),
            "row": state_display(state),
            "target": target_display(task),
            "baseline": "—"
            if task.baseline is None
            else f"{number_display(task.baseline)}{task.target_unit}",
            "milestones": [m for m in task.milestones.all() if not m.is_archived],
            "reports": reports,
            "can_fill": can_fill,
            "fill_note": fill_note,
            "can_edit_task": may_act_for_unit(user, Action.MANAGE, task.lead_unit_id),
            **history_context(task),
        },
    )


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
            update_task(
                actor=user,
                task=task,
                data=form.service_data(),
                reason=form.cleaned_data["reason"],
                cooperating_units=form.cleaned_data["cooperating_units"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
            task.refresh_from_db()
        else:
            messages.success(request, _("Task %(code)s updated.") % {"code": task.code})
            return redirect(task)
    messages.error(request, _("Nothing was saved: please correct the marked fields."))
    return render(request, "plans/task_form.html", {"nav": "tasks", "task": task, "form": form})
