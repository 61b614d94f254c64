"""Tasks over HTTP: GET /api/tasks and /api/tasks/{id}, each with its 序时 evaluation for a period.

Rows are scoped by Task.objects.for_user (through ledgers.selectors.visible_tasks): a task outside
the user's scope is a 404, never a 403, so its existence does not leak.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from taizhang.core import schedule
from taizhang.ledgers.schemas import ErrorRead
from taizhang.ledgers.selectors import (
    current_plan,
    default_period,
    evaluate_tasks,
    plan_period,
    visible_tasks,
)
from taizhang.plans.models import Plan
from taizhang.plans.schemas import TaskRead

router = Router(tags=["tasks"])


class TaskFilters(Schema):
    period: str | None = None  # YYYY-MM; default: the newest reported period
    plan_id: int | None = None  # default: the current plan
    area_id: int | None = None
    unit_id: int | None = None  # lead unit
    light: str | None = None  # green | yellow | red


def period_or_422(plan, raw: str | None) -> str:
    if not raw:
        return default_period(plan)
    try:
        return plan_period(plan, raw)
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from None


def plan_or_404(plan_id: int | None) -> Plan | None:
    """The plan asked for (404 when there is no such live plan), else the current plan."""
    if plan_id is None:
        return current_plan()
    plan = Plan.objects.filter(pk=plan_id, is_archived=False).first()
    if plan is None:
        raise Http404(_("No such plan."))
    return plan


@router.get(
    "/tasks",
    response={200: list[TaskRead], 404: ErrorRead, 422: ErrorRead},
    summary="Tasks with their status for a period",
)
def list_tasks(request, filters: Query[TaskFilters]):
    plan = plan_or_404(filters.plan_id)
    if plan is None:
        return []
    period = period_or_422(plan, filters.period)
    if filters.light and filters.light not in {light.value for light in schedule.Light}:
        raise ValidationError({"light": _("Light: choose green, yellow or red.")})
    tasks = visible_tasks(request.user, plan).prefetch_related("cooperating_units")
    if filters.area_id is not None:
        tasks = tasks.filter(area_id=filters.area_id)
    if filters.unit_id is not None:
        tasks = tasks.filter(lead_unit_id=filters.unit_id)
    states = evaluate_tasks(tasks, period)
    if filters.light:
        states = [s for s in states if s.evaluation.light == filters.light]
    return [TaskRead.of(s, period) for s in states]


@router.get(
    "/tasks/{task_id}",
    response={200: TaskRead, 404: ErrorRead, 422: ErrorRead},
    summary="One task with its status for a period",
)
def get_task(request, task_id: int, period: str | None = None):
    task = visible_tasks(request.user, None).prefetch_related("cooperating_units").filter(pk=task_id).first()
    if task is None:
        raise Http404(_("No such task."))
    period = period_or_422(task.plan, period)
    (state,) = evaluate_tasks([task], period)
    return TaskRead.of(state, period)
