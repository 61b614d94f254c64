"""Reads behind the 工作台 (home) and the 全市总览 (overview), and the one JSON form of a period's rollup.

The views, the API's /status and `taizhang status` all take their numbers from here, so a count means
the same thing everywhere. The counting itself is the pure `core.rollup`; the per-task status is
`ledgers.selectors.evaluate_tasks` (only approved reports count toward a light).
"""

from dataclasses import dataclass, field
from datetime import date

from taizhang.accounts.choices import UnitKind
from taizhang.core import schedule
from taizhang.core.access import Action, allows
from taizhang.core.rollup import LightCounts
from taizhang.demo.simulate import DEMO_LABEL
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.models import ProgressReport
from taizhang.ledgers.selectors import (
    TaskState,
    evaluate_tasks,
    period_label_of,
    status_rollup,
    tasks_for_status,
    visible_tasks,
)
from taizhang.plans.models import Plan, Task

REDDEST_LIMIT = 10  # the 10 reddest tasks on a supervisor's workbench
WAITING_LIMIT = 20  # submitted reports listed on a reviewer's workbench (the count shows them all)

# Reports list 市直部门 before 县(区、市) and 开发区 (glossary §6); counties and zones share one order.
_UNIT_KIND_RANK = {UnitKind.OFFICE: 0, UnitKind.DEPARTMENT: 1, UnitKind.COUNTY: 2, UnitKind.ZONE: 2}
_LIGHT_RANK = {schedule.Light.RED: 0, schedule.Light.YELLOW: 1, schedule.Light.GREEN: 2}


# --------------------------------------------------------------------------------------------------
# Plan and period from the query string
# --------------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------------
# Rollups
# --------------------------------------------------------------------------------------------------


@dataclass
class GroupCounts:
    """One row of a rollup table: an area or a lead unit with its light counts."""

    id: int
    code: str
    name: str
    counts: LightCounts

    def as_dict(self) -> dict:
        return {"id": self.id, "code": self.code, "name": self.name} | _counts_dict(self.counts)


@dataclass
class Overview:
    plan: Plan | None
    period: str
    period_label: str
    states: list[TaskState]
    total: LightCounts
    by_area: list[GroupCounts]
    by_unit: list[GroupCounts]
    demo_data: bool  # any task shown is demo data: the page and the chart say 演示数据

    @property
    def missing(self) -> int:
        return self.total.missing

    def reddest(self, limit: int = REDDEST_LIMIT) -> list["FlaggedTask"]:
        """Red then yellow tasks, furthest behind 序时 first (green ones are not listed)."""
        flagged = [s for s in self.states if s.evaluation.light != schedule.Light.GREEN]
        flagged.sort(
            key=lambda s: (
                _LIGHT_RANK[s.evaluation.light],
                s.evaluation.gap_pp if s.evaluation.gap_pp is not None else 0.0,
                not s.missing,
                s.task.code,
            )
        )
        return [FlaggedTask(s) for s in flagged[:limit]]


@dataclass
class FlaggedTask:
    """A yellow or red task as the workbench lists it."""

    state: TaskState

    def __getattr__(self, name):
        return getattr(self.state, name)

    @property
    def gap_display(self) -> str:
        return schedule.format_pp(self.state.evaluation.gap_pp)


def _counts_dict(counts: LightCounts) -> dict:
    """{"total", "green", "yellow", "red", "missing", "statuses": {status: n}} with plain str keys."""
    data = counts.as_dict()
    data["statuses"] = {str(key): n for key, n in data["statuses"].items()}
    return data


def _unit_key(unit) -> tuple:
    return (_UNIT_KIND_RANK.get(unit.kind, 3), unit.order, unit.code)


def build_overview(plan: Plan | None, period: str, states: list[TaskState]) -> Overview:
    rolled = status_rollup(states)
    by_area = [
        GroupCounts(a.pk, a.code, a.name, c)
        for a, c in sorted(rolled["by_area"].items(), key=lambda item: (item[0].order, item[0].code))
    ]
    by_unit = [
        GroupCounts(u.pk, u.code, u.short_name or u.name, c)
        for u, c in sorted(rolled["by_unit"].items(), key=lambda item: _unit_key(item[0]))
    ]
    return Overview(
        plan=plan,
        period=period,
        period_label=period_label_of(period),
        states=states,
        total=rolled["total"],
        by_area=by_area,
        by_unit=by_unit,
        demo_data=any(s.task.is_demo for s in states),
    )


def overview_for(user, plan: Plan | None, period: str, *, today: date | None = None) -> Overview:
    """The rollup of the tasks this user may see (reporters: their unit's; supervisors, leaders: all)."""
    states = evaluate_tasks(visible_tasks(user, plan), period, today=today) if plan is not None else []
    return build_overview(plan, period, states)


def overview_of_plan(plan: Plan, period: str, *, today: date | None = None) -> Overview:
    """The whole plan's rollup, for the console (`taizhang status`), where there is no user."""
    tasks = tasks_for_status(Task.objects.filter(plan=plan, is_archived=False))
    return build_overview(plan, period, evaluate_tasks(tasks, period, today=today))


def rollup_dict(overview: Overview) -> dict:
    """The machine form shared by /overview/data.json, GET /api/status and `taizhang status --json`."""
    plan = overview.plan
    return {
        "period": overview.period,
        "period_label": overview.period_label,
        "plan": {"id": plan.pk, "year": plan.year, "title": plan.title} if plan is not None else None,
        "total": _counts_dict(overview.total),
        "by_area": [g.as_dict() for g in overview.by_area],
        "by_unit": [g.as_dict() for g in overview.by_unit],
        "missing": overview.missing,
        "demo_data": overview.demo_data,
    }


def chart_data(overview: Overview) -> dict:
    """Series for the two ECharts stacked bars (lights by area, lights by lead unit)."""
    names = {light.value: schedule.LIGHT_LABELS[light] for light in schedule.Light}

    def chart(groups: list[GroupCounts], dimension: str) -> dict:
        return {
            "dimension": dimension,
            "ids": [g.id for g in groups],
            "categories": [g.name for g in groups],
            "series": [
                {"light": light, "name": names[light], "data": [getattr(g.counts, light) for g in groups]}
                for light in ("green", "yellow", "red")
            ],
            "missing": [g.counts.missing for g in groups],
        }

    return {
        "period": overview.period,
        "period_label": overview.period_label,
        "demo_data": overview.demo_data,
        "demo_label": DEMO_LABEL,
        "by_area": chart(overview.by_area, "area"),
        "by_unit": chart(overview.by_unit, "unit"),
    }


# --------------------------------------------------------------------------------------------------
# 工作台
# --------------------------------------------------------------------------------------------------


@dataclass
class DueTask:
    """A task of the user's unit that reports this period, with this period's report (if any)."""

    state: TaskState

    @property
    def task(self) -> Task:
        return self.state.task

    @property
    def report(self) -> ProgressReport | None:
        return self.state.current

    @property
    def can_edit(self) -> bool:
        return self.report is None or self.report.is_editable


@dataclass
class Workbench:
    plan: Plan | None
    period: str
    period_label: str
    due: list[DueTask] = field(default_factory=list)  # reporters and reviewers: their unit's tasks
    due_open: int = 0  # of `due`: not yet submitted (no report, draft or returned)
    returned: list[ProgressReport] = field(default_factory=list)  # reporters: reports sent back
    waiting: list[ProgressReport] = field(default_factory=list)  # reviewers: submitted, first WAITING_LIMIT
    waiting_count: int = 0
    city: Overview | None = None  # supervisors, leaders, administrators
    shows_unit: bool = False  # a unit's reporter or reviewer: the unit's tasks due this period
    shows_reporting: bool = False
    shows_review: bool = False

    @property
    def demo_data(self) -> bool:
        """Any task or report on the page is demo data (the page then says 演示数据)."""
        return (
            any(d.task.is_demo for d in self.due)
            or any(r.is_demo for r in self.returned)
            or any(r.is_demo for r in self.waiting)
            or (self.city is not None and self.city.demo_data)
        )


def workbench(user, plan: Plan | None, period: str, *, today: date | None = None) -> Workbench:
    bench = Workbench(plan=plan, period=period, period_label=period_label_of(period))
    bench.shows_reporting = allows(user, Action.REPORT)
    bench.shows_review = allows(user, Action.REVIEW)
    bench.shows_unit = (
        (bench.shows_reporting or bench.shows_review) and user.unit_id is not None and plan is not None
    )
    reports = ProgressReport.objects.filter(is_archived=False).select_related(
        "task", "unit", "reviewed_by", "submitted_by"
    )
    if plan is not None:
        reports = reports.filter(task__plan=plan)

    if bench.shows_unit:
        _, month = schedule.parse_period(period)
        own = visible_tasks(user, plan).filter(lead_unit_id=user.unit_id)
        due_tasks = [t for t in own if schedule.is_report_due(t.frequency, month)]
        due = [DueTask(s) for s in evaluate_tasks(due_tasks, period, today=today)]
        bench.due = sorted(due, key=lambda d: not d.can_edit)  # what still needs the clerk comes first
        bench.due_open = sum(1 for d in bench.due if d.can_edit)

    if bench.shows_reporting and user.unit_id is not None:
        bench.returned = list(
            reports.filter(
                pk__in=ProgressReport.objects.for_user(user, Action.REPORT), state=ReportState.RETURNED
            ).order_by("-period", "task__code")
        )

    if bench.shows_review:
        waiting = reports.filter(
            pk__in=ProgressReport.objects.for_user(user, Action.REVIEW), state=ReportState.SUBMITTED
        ).order_by("submitted_at", "task__code")
        bench.waiting_count = waiting.count()
        bench.waiting = list(waiting[:WAITING_LIMIT])

    if user.sees_all_units:
        bench.city = overview_for(user, plan, period, today=today)
    return bench
