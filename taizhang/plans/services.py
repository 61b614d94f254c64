"""Writes to plans, areas, tasks and milestones (督查/调度 and 管理员 only), each with who and why."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.accounts.models import Unit
from taizhang.audit.services import record_event, save_audited
from taizhang.core import schedule
from taizhang.core.access import Action, require
from taizhang.ledgers.services import parse_decimal
from taizhang.plans.choices import Category, Frequency, TargetKind
from taizhang.plans.models import Area, DerivedCount, Milestone, Plan, Task


@transaction.atomic
def create_plan(
    *, actor, year: int, title: str, source_title: str = "", source_text: str = "", is_demo: bool = False
) -> Plan:
    require(actor, Action.MANAGE)
    if not title.strip():
        raise ValidationError({"title": _("Title: required.")})
    plan = Plan(year=year, title=title.strip(), source_title=source_title, source_text=source_text)
    return save_audited(plan, actor=actor, reason=_("Plan created"), action="create")


@transaction.atomic
def create_area(*, actor, plan: Plan, code: str, name: str, description: str = "", order: int = 0) -> Area:
    require(actor, Action.MANAGE)
    area = Area(plan=plan, code=code, name=name, description=description, order=order)
    return save_audited(area, actor=actor, reason=_("Area created"), action="create")


TASK_FIELDS = (
    "code",
    "title",
    "content",
    "source_clause",
    "target_kind",
    "target_value",
    "target_unit",
    "baseline",
    "deadline",
    "lead_unit",
    "responsible_leader",
    "category",
    "frequency",
    "area",
)


def _clean_task(plan: Plan, data: dict) -> dict:
    errors: dict[str, str] = {}
    cleaned = dict(data)
    for field, label in (("code", _("Code")), ("title", _("Title"))):
        if not str(data.get(field) or "").strip():
            errors[field] = _("%(label)s: required.") % {"label": label}
    if data.get("target_kind") not in TargetKind.values:
        errors["target_kind"] = _(
            "Target kind: choose one of count, amount, percentage, growth rate, milestone."
        )
    if data.get("category", Category.A) not in Category.values:
        errors["category"] = _("Category: choose A, B or C.")
    if data.get("frequency", Frequency.MONTHLY) not in Frequency.values:
        errors["frequency"] = _("Reporting frequency: choose monthly or quarterly.")
    for field, label in (("target_value", _("Target value")), ("baseline", _("Baseline"))):
        try:
            cleaned[field] = parse_decimal(data.get(field), field, label)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    kind = data.get("target_kind")
    if (
        kind in TargetKind.values
        and kind != TargetKind.MILESTONE
        and cleaned.get("target_value") is None
        and "target_value" not in errors
    ):
        errors["target_value"] = _("Target value: required unless the target is milestone-only.")
    if kind == TargetKind.MILESTONE:
        cleaned["target_value"] = None
    elif (
        cleaned.get("target_value") is not None
        and cleaned.get("baseline") is not None
        and cleaned["target_value"] == cleaned["baseline"]
    ):
        errors["baseline"] = _("Baseline: equals the target value, so progress cannot be measured.")
    deadline = data.get("deadline")
    if isinstance(deadline, str):
        try:
            deadline = date.fromisoformat(deadline)
        except ValueError:
            errors["deadline"] = _("Deadline: “%(value)s” is not a date (YYYY-MM-DD).") % {"value": deadline}
    if deadline is None:
        errors.setdefault("deadline", _("Deadline: required."))
    elif isinstance(deadline, date) and deadline.year < plan.year:
        errors["deadline"] = _("Deadline: before the plan year %(year)s.") % {"year": plan.year}
    cleaned["deadline"] = deadline
    if not isinstance(data.get("lead_unit"), Unit):
        errors["lead_unit"] = _("Lead unit: required.")
    area = data.get("area")
    if not isinstance(area, Area) or area.plan_id != plan.pk:
        errors["area"] = _("Area: choose an area of this plan.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def create_task(
    *,
    actor,
    plan: Plan,
    data: dict,
    cooperating_units=(),
    milestones=(),
    is_demo: bool = False,
    reason: str = "",
) -> Task:
    require(actor, Action.MANAGE)
    cleaned = _clean_task(plan, data)
    if Task.objects.filter(plan=plan, code=cleaned["code"]).exists():
        raise ValidationError(
            {"code": _("Code: %(code)s is already used in this plan.") % {"code": cleaned["code"]}}
        )
    task = Task(plan=plan, is_demo=is_demo, **{k: cleaned[k] for k in TASK_FIELDS if k in cleaned})
    save_audited(task, actor=actor, reason=reason or _("Task created"), action="create")
    task.cooperating_units.set(cooperating_units)
    points = [_clean_milestone(month, pct) for month, pct in milestones]
    _check_milestone_plan(task, points)
    for month, pct in points:
        _save_milestone(actor, task, month, pct, "")
    return task


def _check_milestone_plan(task: Task, points) -> None:
    """The whole milestone plan must stay consistent (cumulative, 100% by the deadline month)."""
    try:
        schedule.validate_milestones(points, year=task.plan.year, deadline=task.deadline)
    except ValueError as exc:
        raise ValidationError({"milestones": str(exc)}) from exc


@transaction.atomic
def update_task(*, actor, task: Task, data: dict, reason: str, cooperating_units=None) -> Task:
    require(actor, Action.MANAGE)
    if task.is_archived:
        raise ValidationError({"task": _("This task is archived and can no longer be changed.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Reason for the change: required (it is kept in the history).")})
    merged = {k: getattr(task, k) for k in TASK_FIELDS} | data
    cleaned = _clean_task(task.plan, merged)
    old_lead_unit_id = task.lead_unit_id
    if cleaned["target_kind"] != task.target_kind and task.reports.exists():
        # a count report has no % complete and the reverse: switching would silently drop the figures
        raise ValidationError(
            {"target_kind": _("Target kind: cannot change once reports exist for this task.")}
        )
    if Task.objects.filter(plan=task.plan, code=cleaned["code"]).exclude(pk=task.pk).exists():
        raise ValidationError(
            {"code": _("Code: %(code)s is already used in this plan.") % {"code": cleaned["code"]}}
        )
    for field in TASK_FIELDS:
        setattr(task, field, cleaned[field])
    save_audited(task, actor=actor, reason=reason, action="edit")
    if task.lead_unit_id != old_lead_unit_id:
        _move_open_reports(actor, task, reason)
    _check_milestone_plan(
        task, [(m.month, m.expected_progress) for m in task.milestones.filter(is_archived=False)]
    )
    if cooperating_units is not None:
        task._history_user = actor
        task._change_reason = reason
        task.cooperating_units.set(cooperating_units)
    return task


def _move_open_reports(actor, task: Task, reason: str) -> None:
    """A new lead unit takes over the reports still in its hands (draft, returned, submitted); approved
    reports stay with the unit that wrote them."""
    from taizhang.ledgers.choices import ReportState

    for report in task.reports.filter(
        state__in=[ReportState.DRAFT, ReportState.RETURNED, ReportState.SUBMITTED]
    ):
        report.unit_id = task.lead_unit_id
        save_audited(
            report, actor=actor, reason=_("Lead unit changed: %(reason)s") % {"reason": reason}, action="edit"
        )


def _clean_milestone(month, pct) -> tuple[int, Decimal]:
    """One milestone's month (1–12) and expected cumulative % (0–100), or a ValidationError naming both."""
    errors = {}
    try:
        month = int(month)
        if not 1 <= month <= 12:
            raise ValueError
    except (TypeError, ValueError):
        errors["month"] = _("Milestone month: %(value)s is not a month 1–12.") % {"value": month}
    try:
        pct = parse_decimal(
            pct,
            "expected_progress",
            _("Milestone expected progress"),
            minimum=Decimal(0),
            maximum=Decimal(100),
            max_digits=5,
            decimal_places=1,
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if pct is None and "expected_progress" not in errors:
        errors["expected_progress"] = _("Milestone expected progress: required.")
    if errors:
        raise ValidationError(errors)
    return month, pct


def _save_milestone(actor, task: Task, month, pct, description: str) -> Milestone:
    if task.is_archived:
        raise ValidationError({"task": _("This task is archived; its milestones can no longer change.")})
    month, pct = _clean_milestone(month, pct)
    milestone = Milestone.objects.filter(task=task, month=month).first() or Milestone(task=task, month=month)
    milestone.expected_progress = pct
    milestone.description = description
    milestone.is_archived, milestone.archived_at, milestone.archived_by = False, None, None
    save_audited(milestone, actor=actor, reason=_("Milestone set"))
    record_event(
        actor=actor,
        obj=task,
        action="milestone",
        reason=_("Month %(month)s: %(pct)s%%") % {"month": month, "pct": pct},
    )
    return milestone


@transaction.atomic
def set_milestone(*, actor, task: Task, month, expected_progress, description: str = "") -> Milestone:
    require(actor, Action.MANAGE)
    milestone = _save_milestone(actor, task, month, expected_progress, description)
    _check_milestone_plan(
        task, [(m.month, m.expected_progress) for m in task.milestones.filter(is_archived=False)]
    )
    return milestone


@transaction.atomic
def archive(*, actor, obj, reason: str):
    """Archive a plan, area, task or milestone. Ledger data is never deleted."""
    require(actor, Action.MANAGE)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Reason for archiving: required.")})
    if obj.is_archived:
        raise ValidationError({"reason": _("Already archived.")})
    obj.is_archived = True
    obj.archived_at = timezone.now()
    obj.archived_by = actor
    save_audited(obj, actor=actor, reason=reason, action="archive")
    if isinstance(obj, Milestone):  # show it on the task's page too
        record_event(
            actor=actor,
            obj=obj.task,
            action="milestone_archived",
            reason=_("Month %(month)s: %(reason)s") % {"month": obj.month, "reason": reason},
        )
    return obj


@transaction.atomic
def set_figure_source(*, actor, task: Task, indicator=None, derived_count: str = "", reason: str) -> Task:
    """Tie a task's actual to an indicator or a derived count (report once): nobody reports it afterwards."""
    require(actor, Action.MANAGE)
    if indicator is not None and derived_count:
        raise ValidationError(
            {"indicator": _("Source of the actual: choose an indicator or a count, not both.")}
        )
    if derived_count and derived_count not in DerivedCount.values:
        raise ValidationError(
            {
                "derived_count": _("Source of the actual: unknown count “%(count)s”.")
                % {"count": derived_count}
            }
        )
    task.indicator = indicator
    task.derived_count = derived_count
    save_audited(task, actor=actor, reason=reason or _("Source of the actual changed"))
    return task
