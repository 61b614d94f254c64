"""Reads of the ledger: each task's 序时 status for a period, and the rollups built on them.

Only approved reports count toward status. Queries are batched: two for the latest approved reports, one for
this period's reports, whatever the number of tasks (no N+1 in lists and rollups).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.core import schedule
from taizhang.core.rollup import Row, rollup
from taizhang.core.thresholds import current_thresholds
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.models import ProgressReport
from taizhang.plans.models import Milestone, Plan, Task


@dataclass
class TaskState:
    task: Task
    approved: ProgressReport | None  # the latest approved report up to the period
    current: ProgressReport | None  # this period's report, whatever its state
    evaluation: schedule.Evaluation
    missing: bool  # 未报送: due, not submitted, past the due day
    derived: "DerivedFigure | None" = (
        None  # the actual taken from an indicator or a count (nobody reports it)
    )

    @property
    def status_label(self) -> str:
        return schedule.STATUS_LABELS[self.evaluation.status]

    @property
    def light_label(self) -> str:
        return schedule.LIGHT_LABELS[self.evaluation.light]

    @property
    def actual(self):
        if self.derived is not None:
            return self.derived.value
        if self.approved is None:
            return None
        if self.task.target_kind == "milestone":
            return self.approved.percent_complete
        return self.approved.cumulative_value


def tasks_for_status(queryset):
    """The select/prefetch every status computation needs."""
    return queryset.select_related("lead_unit", "area", "plan").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.filter(is_archived=False)),
        "cooperating_units",
    )


def reporting_month(frequency: str, month: int) -> int:
    """The month whose 序时 a task is measured against in a period: a quarterly task reports at quarter
    ends, so in October it stands on its September figure against the September schedule (3/4, not 10/12);
    in January and February nothing is due yet (0)."""
    if frequency == "quarterly":
        return month - month % 3
    return month


def evaluate_task(
    task: Task, actual, year: int, month: int, thresholds: schedule.Thresholds
) -> schedule.Evaluation:
    measured = reporting_month(task.frequency, month)
    if measured == 0:
        return schedule.Evaluation(
            schedule.Status.NOT_STARTED,
            schedule.Light.GREEN,
            None,
            0.0,
            0.0,
            _("Reports quarterly: the first report is due for March."),
        )
    if measured != month and thresholds.mode == schedule.ScheduleMode.MONTH:
        # the deadline is still checked against the period itself: a task due in October is overdue in October
        return _evaluate(task, actual, year, measured, thresholds, as_of=schedule.period_end(year, month))
    return _evaluate(task, actual, year, month, thresholds)


def _evaluate(task: Task, actual, year: int, month: int, thresholds: schedule.Thresholds, as_of=None):
    args = dict(
        target_kind=task.target_kind,
        target_value=task.target_value,
        baseline=task.baseline,
        actual=actual,
        year=year,
        month=month,
        deadline=task.deadline,
        thresholds=thresholds,
        as_of=as_of,
    )
    try:
        return schedule.evaluate(milestones=task.milestone_points, **args)
    except ValueError:
        # Services keep milestone plans consistent; a plan broken by hand in the database falls back to
        # linear 序时 rather than taking every page down.
        return schedule.evaluate(**args)


def latest_approved(model, owner: str, ids: list[int], period: str) -> dict:
    """Each owner's (task's, project's) latest approved report of the period's year up to the period, in
    two queries: the latest period per owner (an aggregate), then only the reports of those periods — not
    every month's row. ``owner`` names the foreign key ("task", "project")."""
    year, _month = schedule.parse_period(period)
    approved = model.objects.filter(
        **{f"{owner}_id__in": ids},
        state=ReportState.APPROVED,
        is_archived=False,
        period__lte=period,
        period__gte=schedule.period_str(year, 1),
    )
    key = f"{owner}_id"
    latest = dict(approved.values_list(key).annotate(latest=Max("period")).order_by())
    return {
        getattr(r, key): r
        for r in approved.filter(period__in=set(latest.values()))
        if latest[getattr(r, key)] == r.period
    }


@dataclass
class DerivedFigure:
    """A task's actual taken from where it is already reported (report once, issue 4 point 4)."""

    value: object  # Decimal or int; None when the source has no approved figure yet
    period: str | None  # the period of the figure it was taken from
    source: str  # the task's figure_source, in words


def derived_actuals(tasks, period: str) -> dict[int, DerivedFigure]:
    """The actual of every task tied to an indicator or a derived count, as of the period: the indicator's
    latest approved 全市 figure of the year (growth for a growth_pp task, amount otherwise), or the count from
    the approved enterprise figures. A handful of queries whatever the number of tasks."""
    tied = [t for t in tasks if t.is_derived]
    if not tied:
        return {}
    from taizhang.indicators.models import IndicatorValue

    year, _month = schedule.parse_period(period)
    result = {}
    indicator_ids = {t.indicator_id for t in tied if t.indicator_id is not None}
    latest = {}
    if indicator_ids:
        values = IndicatorValue.objects.filter(
            indicator_id__in=indicator_ids,
            subject__isnull=True,
            state=ReportState.APPROVED,
            is_archived=False,
            period__gte=schedule.period_str(year, 1),
            period__lte=period,
        ).order_by("indicator_id", "period")
        for value in values:
            latest[value.indicator_id] = value  # ordered by period: the last one wins
    counts = {}
    for task in tied:
        if task.indicator_id is not None:
            value = latest.get(task.indicator_id)
            figure = None
            if value is not None:
                figure = value.growth if task.target_kind == "growth_pp" else value.amount
            result[task.pk] = DerivedFigure(figure, value and value.period, task.figure_source)
        else:
            if task.derived_count not in counts:
                counts[task.derived_count] = derived_count(task.derived_count, period)
            result[task.pk] = DerivedFigure(counts[task.derived_count], period, task.figure_source)
    return result


def derived_count(key: str, period: str) -> int:
    """A count taizhang derives from approved figures as of the period (plans.models.DerivedCount)."""
    from taizhang.core import enterprises as enterprise_kernel
    from taizhang.enterprises import selectors as enterprise_selectors
    from taizhang.enterprises.models import Enterprise

    if key != "hundred_yi_enterprises":
        raise ValueError(f"未知的派生计数：“{key}”")
    enterprises = list(Enterprise.objects.filter(is_archived=False))
    figures = enterprise_selectors.figures_for(enterprises, period)
    revenues = [None if figures.get(e.pk) is None else figures[e.pk].revenue for e in enterprises]
    counts = enterprise_kernel.tier_counts(revenues, enterprise_selectors.tier_thresholds())
    return counts.at_least(enterprise_kernel.Tier.HUNDRED_YI)


def evaluate_tasks(tasks, period: str, *, today: date | None = None) -> list[TaskState]:
    today = today or timezone.localdate()
    year, month = schedule.parse_period(period)
    thresholds = current_thresholds()
    tasks = list(tasks)
    ids = [t.pk for t in tasks]
    approved = latest_approved(ProgressReport, "task", ids, period)
    current = {
        r.task_id: r for r in ProgressReport.objects.filter(task_id__in=ids, period=period, is_archived=False)
    }
    by_id = {t.pk: t for t in tasks}
    for report in [*approved.values(), *current.values()]:
        report.task = by_id[report.task_id]  # pages read report.task: no query per row
    derived = derived_actuals(tasks, period)
    states = []
    for task in tasks:
        report = approved.get(task.pk)
        if task.pk in derived:
            # report once: the figure is already reported elsewhere; the task asks no one and is never 未报送
            figure = derived[task.pk]
            evaluation = evaluate_task(task, figure.value, year, month, thresholds)
            states.append(TaskState(task, None, current.get(task.pk), evaluation, False, figure))
            continue
        if report is None:
            actual = None
        elif task.target_kind == "milestone":
            actual = report.percent_complete
        else:
            actual = report.cumulative_value
        evaluation = evaluate_task(task, actual, year, month, thresholds)
        this = current.get(task.pk)
        has_report = this is not None and this.state in {ReportState.SUBMITTED, ReportState.APPROVED}
        done = evaluation.status == schedule.Status.DONE and report is not None and report.period < period
        missing = not done and schedule.is_missing(
            year=year,
            month=month,
            frequency=task.frequency,
            has_report=has_report,
            today=today,
            thresholds=thresholds,
        )
        states.append(TaskState(task, report, this, evaluation, missing))
    return states


def default_period(plan: Plan | None, *, today: date | None = None) -> str:
    """The period pages open on: the newest period with an approved report, else last month.

    Approved only: one unit drafting the current month must not move the whole city's pages onto a month
    where every other task looks behind."""
    today = today or timezone.localdate()
    if plan is not None:
        latest = ProgressReport.objects.filter(
            task__plan=plan, state=ReportState.APPROVED, is_archived=False
        ).aggregate(p=Max("period"))["p"]
        if latest:
            return latest
        if plan.year < today.year:
            return schedule.period_str(plan.year, 12)
        if plan.year > today.year or today.month == 1:
            return schedule.period_str(plan.year, 1)  # nothing to report yet: the plan's first month
        return schedule.period_str(plan.year, today.month - 1)
    month = today.month - 1 or 12
    year = today.year if today.month > 1 else today.year - 1
    return schedule.period_str(year, month)


def current_plan() -> Plan | None:
    return Plan.objects.filter(is_archived=False).order_by("-year", "-id").first()


def status_rollup(states: list[TaskState]) -> dict:
    """Counts by light (and 未报送) overall, per area and per lead unit, in ledger order."""
    rows = [
        Row(
            s.evaluation.light.value,
            s.evaluation.status.value,
            s.missing,
            {"area": s.task.area, "unit": s.task.lead_unit},
        )
        for s in states
    ]
    total, by = rollup(rows, ["area", "unit"])
    return {"total": total, "by_area": by["area"], "by_unit": by["unit"]}


def visible_tasks(user, plan: Plan | None):
    qs = Task.objects.for_user(user).filter(is_archived=False)
    if plan is not None:
        qs = qs.filter(plan=plan)
    return tasks_for_status(qs)


# --- periods: which period a page shows, and which it offers ------------------------------------------


def resolve_plan(raw: str | None) -> Plan | None:
    """`?plan=ID` when it names a live plan, else the current plan."""
    if raw and str(raw).isdigit():
        plan = Plan.objects.filter(pk=int(raw), is_archived=False).first()
        if plan is not None:
            return plan
    return current_plan()


def plan_period(plan: Plan | None, raw: str, *, today: date | None = None) -> str:
    """A period of this plan's year that has started, normalised; ValueError with a message otherwise."""
    year, month = schedule.parse_period(raw)  # ValueError with the Chinese message of core.schedule
    if plan is not None and year != plan.year:
        raise ValueError(
            _("Period %(period)s is outside the plan year %(year)s.")
            % {"period": raw.strip(), "year": plan.year}
        )
    if schedule.is_future_period(year, month, today=today or timezone.localdate()):
        raise ValueError(_("Period %(period)s has not started yet.") % {"period": raw.strip()})
    return schedule.period_str(year, month)


def resolve_period(
    raw: str | None, plan: Plan | None, *, today: date | None = None
) -> tuple[str, str | None]:
    """The period a page shows: `?period=` when usable, else the default; plus an error to show, if any."""
    today = today or timezone.localdate()
    default = default_period(plan, today=today)
    raw = (raw or "").strip()
    if not raw:
        return default, None
    try:
        return plan_period(plan, raw, today=today), None
    except ValueError as exc:
        return default, str(exc)


def period_choices(year: int, *, today: date | None = None, keep: str | None = None) -> list[tuple[str, str]]:
    """The periods of a plan year that have started, newest first, labelled the Chinese way."""
    today = today or timezone.localdate()
    last = 12 if year < today.year else (today.month if year == today.year else 1)
    choices = [(schedule.period_str(year, m), schedule.period_label(year, m)) for m in range(last, 0, -1)]
    if keep and keep not in {value for value, _label in choices}:
        choices.insert(0, (keep, period_label_of(keep)))
    return choices


def period_label_of(period: str) -> str:
    """ "2025-10" → "2025年1—10月"."""
    return schedule.period_label(*schedule.parse_period(period))


def progress_curve(task: Task, period: str) -> dict:
    """A task's month-by-month course up to the period: approved cumulative completion against 序时.

    Only approved reports count; a month without a new approved report carries the last figure forward
    (cumulative reporting). Growth targets are drawn as growth against the target line, never as a ratio.
    A task whose actual is derived (an indicator, a count) is drawn from that source month by month.
    """
    year, month = schedule.parse_period(period)
    thresholds = current_thresholds()
    approved = {
        r.period: r
        for r in ProgressReport.objects.filter(
            task=task,
            state=ReportState.APPROVED,
            is_archived=False,
            period__gte=f"{year}-01",
            period__lte=period,
        )
    }
    growth = task.target_kind == "growth_pp"
    months, actual, expected = [], [], []
    last = None
    for m in range(1, month + 1):
        if task.is_derived:  # report once: the figure as the indicator or the count stood that month
            value = derived_actuals([task], schedule.period_str(year, m))[task.pk].value
            if value is not None:
                last = evaluate_task(task, value, year, m, thresholds)
            report = None
        else:
            report = approved.get(schedule.period_str(year, m))
        if report is not None:
            value = report.percent_complete if task.target_kind == "milestone" else report.cumulative_value
            last = evaluate_task(task, value, year, m, thresholds)
        months.append(f"{m}月")
        if growth:
            actual.append(None if last is None else float(last.gap_pp + float(task.target_value)))
            expected.append(float(task.target_value))
        else:
            actual.append(
                None if last is None or last.completion is None else float(schedule.round1(last.completion))
            )
            expected.append(float(schedule.round1(evaluate_task(task, None, year, m, thresholds).expected)))
    return {"months": months, "actual": actual, "expected": expected, "growth": growth}
