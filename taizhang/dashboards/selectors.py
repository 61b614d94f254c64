"""Reads behind the 工作台 (home), the 全市总览 (overview), the 项目调度总览 and the 同题共答 county
comparison, and the one JSON form of each rollup.

The views, the API's /status and `taizhang status` / `taizhang projects-status` all take their numbers from
here, so a count means the same thing everywhere. The counting itself is the pure `core.rollup`; the
per-task status is `ledgers.selectors.evaluate_tasks` (only approved reports count toward a light); every
key-project figure is the pure `core.projectmetrics` kernel's, reached through `projects.selectors`.
"""

from dataclasses import dataclass, field
from datetime import date

from taizhang.accounts.choices import UnitKind
from taizhang.accounts.models import Unit
from taizhang.core import schedule
from taizhang.core.access import Action, allows
from taizhang.core.indicators import Move, bottom_three, moves, rank
from taizhang.core.projectmetrics import START_TIMING_LABELS, RatesSummary, Timing
from taizhang.core.projectmetrics import Nature as KernelNature
from taizhang.core.rollup import LightCounts
from taizhang.demo.simulate import DEMO_LABEL
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.models import ProgressReport
from taizhang.ledgers.selectors import (
    TaskState,
    evaluate_tasks,
    period_choices,
    period_label_of,
    plan_period,
    status_rollup,
    tasks_for_status,
    visible_tasks,
)
from taizhang.plans.models import Plan, Task
from taizhang.projects import selectors as project_selectors
from taizhang.projects.choices import Level, Nature
from taizhang.projects.models import ProjectReport

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


# --------------------------------------------------------------------------------------------------
# 重点项目: 项目调度总览, 同题共答 county comparison, the project part of the 工作台 (issue 3 §3, §7)
#
# Every figure is the metrics kernel's (core.projectmetrics), reached through projects.selectors
# (project_states + rollup); this module only orders groups, counts lights and ranks counties.
#
# Who sees what follows the task overview (overview_for): 督查/领导/管理员 the whole city; a county's or a
# department's users the projects they may see (Project.objects.for_user: located in, or the
# responsibility of, their unit). County ranks are shown only to users who see all 12 units: a rank
# computed over one county's rows would be false, and one computed over rows they may not see would leak.
# --------------------------------------------------------------------------------------------------

COUNTY_KINDS = (UnitKind.COUNTY, UnitKind.ZONE)  # the 11 counties and 晋中开发区 (glossary §6.1)
PROJECT_GROUP_KEYS = ("county", "zone", "cluster", "level", "nature", "tag")


def resolve_project_period(raw: str | None, *, today: date | None = None) -> tuple[str, str | None]:
    """The period a project page shows: `?period=` when usable, else the newest period with an approved
    project report; plus the error to show when `?period=` was refused (bad format, future period)."""
    default = project_selectors.default_project_period(today=today)
    raw = (raw or "").strip()
    if not raw:
        return default, None
    try:
        return plan_period(None, raw, today=today), None
    except ValueError as exc:
        return default, str(exc)


def project_period_choices(period: str, *, today: date | None = None) -> list[tuple[str, str]]:
    """The started periods of every list year, newest first (the chosen period kept)."""
    year = schedule.parse_period(period)[0]
    years = sorted(set(project_selectors.project_years()) | {year}, reverse=True)
    choices: list[tuple[str, str]] = []
    for y in years:
        choices += period_choices(y, today=today, keep=period if y == year else None)
    return choices


def _light_counts(states) -> dict[str, int]:
    counts = dict.fromkeys(("green", "yellow", "red"), 0)
    for s in states:
        counts[str(s.light.light)] += 1
    return counts


def _group_members(value) -> list:
    """The kernel's grouping (projectmetrics._group_values): None → none, a list → each distinct item."""
    if value is None:
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return list(dict.fromkeys(value))
    return [value]


@dataclass
class ProjectGroup:
    """One row of a project rollup table: a group's kernel summary, its light counts, how to link it."""

    key: str  # "county", "tag", … or "total"
    name: str
    summary: RatesSummary
    lights: dict[str, int]
    unit_id: int | None = None  # county and zone rows: the unit, for links to the project list

    @property
    def expected_display(self):
        return schedule.round1(self.summary.investment.expected)

    @property
    def gap_display(self) -> str:
        return schedule.format_pp(self.summary.investment.gap_pp)

    @property
    def plan_total(self):
        return self.summary.investment.rate.denominator

    @property
    def done_total(self):
        return self.summary.investment.rate.numerator


@dataclass
class ProjectOverview:
    year: int
    period: str
    period_label: str
    curve_label: str  # "线性序时" / "季节性序时" (the kernel's words)
    states: list
    total: ProjectGroup
    groups: dict[str, list[ProjectGroup]]
    demo_data: bool

    @property
    def summary(self):
        return self.total.summary

    @property
    def lights(self) -> dict[str, int]:
        return self.total.lights

    @property
    def natures(self) -> list[tuple[str, str, int]]:
        """(value, label, count) for every nature, in the choices' order."""

        counts = self.summary.natures
        return [(value, label, counts[KernelNature(value)]) for value, label in Nature.choices]


def _ordered_groups(key: str, states, groups: list[dict], rolled: dict) -> list[ProjectGroup]:
    """The kernel's groups of one key as table rows, in the order city reports list them.

    ``groups`` is each state's ``groups`` mapping, computed once by the caller (it translates labels)."""
    members: dict = {}
    units: dict = {}
    tag_order: dict = {}
    for s, g in zip(states, groups, strict=True):
        for value in _group_members(g[key]):
            members.setdefault(value, []).append(s)
        if key in ("county", "zone"):
            units.setdefault(g["county"], s.project.location)
        if key == "tag":
            for t in s.project.tags.all():
                tag_order[t.name] = (t.order, t.name)
    names = list(rolled)
    if key in ("county", "zone"):
        names.sort(key=lambda n: (units[n].order, units[n].code))
    elif key == "level":
        order = [str(label) for _v, label in Level.choices]
        names.sort(key=lambda n: order.index(n) if n in order else len(order))
    elif key == "nature":
        order = [str(label) for _v, label in Nature.choices]
        names.sort(key=lambda n: order.index(n) if n in order else len(order))
    elif key == "tag":
        names.sort(key=lambda n: tag_order.get(n, (0, n)))
    return [
        ProjectGroup(
            key=key,
            name=str(name),
            summary=rolled[name],
            lights=_light_counts(members.get(name, [])),
            unit_id=units[name].pk if name in units else None,
        )
        for name in names
    ]


def project_overview_of(states, period: str) -> ProjectOverview:
    """The period's rollup of these project states (projects.selectors.rollup), ordered for the pages."""

    rolled = project_selectors.rollup(states, period, PROJECT_GROUP_KEYS)
    groups = [s.groups for s in states]
    year, _month = schedule.parse_period(period)
    total = ProjectGroup("total", "", rolled.total, _light_counts(states))
    return ProjectOverview(
        year=year,
        period=period,
        period_label=period_label_of(period),
        curve_label=rolled.curve_label,
        states=states,
        total=total,
        groups={key: _ordered_groups(key, states, groups, rolled.groups[key]) for key in PROJECT_GROUP_KEYS},
        demo_data=any(s.project.is_demo for s in states),
    )


def visible_county_units(user, states) -> list:
    """The county-level units a comparison lists: all 12 for users who see every unit; otherwise the
    units of the projects they see (and their own, when it is one)."""

    units = Unit.objects.filter(kind__in=COUNTY_KINDS, is_active=True)
    if not user.sees_all_units:
        ids = {s.project.location_id for s in states}
        if user.unit_id is not None:
            ids.add(user.unit_id)
        units = units.filter(pk__in=ids)
    return list(units.order_by("order", "code"))


def project_overview_for(user, period: str) -> ProjectOverview:
    """The rollup of the key projects of the period's list year this user may see."""

    year, _month = schedule.parse_period(period)
    states = project_selectors.project_states(project_selectors.visible_projects(user, year), period)
    return project_overview_of(states, period)


def _rate_dict(r) -> dict:
    def plain(value):
        return value if isinstance(value, int) else f"{value:f}"

    return {
        "numerator": plain(r.numerator),
        "denominator": plain(r.denominator),
        "percent": r.percent,
        "rounded": float(r.rounded) if r.rounded is not None else None,
        "label": r.label,
    }


def _timing_dict(b) -> dict:
    names = ("early", "early_not_due", "on_time", "late", "missed", "pending")
    derived = ("planned_year", "planned_due", "done", "done_due", "behind")
    return {n: getattr(b, n) for n in (*names, *derived)}


def summary_dict(s) -> dict:
    """A kernel RatesSummary in JSON form (amounts as exact decimal strings, percents unrounded + rounded)."""
    inv = s.investment
    return {
        "projects": s.projects,
        "natures": {str(n): count for n, count in s.natures.items()},
        "start": _timing_dict(s.start),
        "start_rate_annual": _rate_dict(s.start_rate_annual),
        "start_rate_due": _rate_dict(s.start_rate_due),
        "start_resume_rate": _rate_dict(s.start_resume_rate),
        "completion": _timing_dict(s.completion),
        "completion_rate_dispatch": _rate_dict(s.completion_rate_dispatch),
        "completion_rate_statistical": _rate_dict(s.completion_rate_statistical),
        "investment": {
            "rate": _rate_dict(inv.rate),
            "expected": inv.expected,
            "expected_rounded": float(schedule.round1(inv.expected)),
            "gap_pp": inv.gap_pp,
            "gap_display": schedule.format_pp(inv.gap_pp),
            "light": str(inv.light) if inv.light is not None else None,
            "curve_label": inv.curve_label,
            "label": inv.label,
        },
        "signed_start_rate": _rate_dict(s.signed_start_rate),
        "start_production_rate": _rate_dict(s.start_production_rate),
        "output_rate": _rate_dict(s.output_rate),
    }


def _group_dict(g: ProjectGroup) -> dict:
    return {"name": g.name, "unit_id": g.unit_id, "lights": g.lights} | summary_dict(g.summary)


def project_chart_data(ov: ProjectOverview) -> dict:
    """Series for the overview's two charts: 投资完成率 by county against the 序时 line, and the stacked
    开工 status of each county's planned new starts (the kernel's TimingBreakdown classes)."""

    counties = ov.groups["county"]
    starts = [
        ("early", Timing.EARLY),
        ("on_time", Timing.ON_TIME),
        ("late", Timing.LATE),
        ("missed", Timing.MISSED),
        ("pending", Timing.PENDING),
    ]
    return {
        "period": ov.period,
        "period_label": ov.period_label,
        "curve_label": ov.curve_label,
        "demo_data": ov.demo_data,
        "demo_label": DEMO_LABEL,
        "expected": float(schedule.round1(ov.summary.investment.expected)),
        "expected_label": f"{ov.curve_label}进度{schedule.round1(ov.summary.investment.expected)}%",
        "investment_by_county": {
            "categories": [g.name for g in counties],
            "ids": [g.unit_id for g in counties],
            "percent": [_rate_dict(g.summary.investment.rate)["rounded"] for g in counties],
            "labels": [g.summary.investment.label for g in counties],
        },
        "start_by_county": {
            "categories": [g.name for g in counties],
            "series": [
                {
                    "key": key,
                    "name": START_TIMING_LABELS[timing],
                    "data": [getattr(g.summary.start, key) for g in counties],
                }
                for key, timing in starts
            ],
        },
    }


def project_overview_dict(ov: ProjectOverview) -> dict:
    """The machine form of the project overview: /projects-overview/data.json and `projects-status --json`."""
    return {
        "period": ov.period,
        "period_label": ov.period_label,
        "year": ov.year,
        "curve_label": ov.curve_label,
        "demo_data": ov.demo_data,
        "total": {"lights": ov.lights} | summary_dict(ov.summary),
        "groups": {key: [_group_dict(g) for g in rows] for key, rows in ov.groups.items()},
        "chart": project_chart_data(ov),
    }


# --- 同题共答: the 12 county-level units side by side ------------------------------------------------


def competition_ranks(values: dict) -> dict:
    """Rank 1 = highest value as displayed (one decimal); ties share a rank and the next rank skips
    ("1, 2, 2, 4"); None is unranked. The indicator kernel's ``rank`` (core.indicators), one rule for every
    ranking in taizhang."""
    return rank(values, digits=1)


@dataclass
class CountyRow:
    unit: object
    summary: RatesSummary
    lights: dict[str, int]
    rank: int | None = None  # by 投资完成率 as displayed (one decimal); None without an annual plan
    previous_rank: int | None = None
    change: Move | None = None  # the kernel's 进位/退位/持平/新进; None when unranked
    trailing: bool = False  # 后三位

    @property
    def name(self) -> str:
        return self.unit.short_name or self.unit.name

    @property
    def completion(self):
        return self.summary.investment.rate.rounded

    @property
    def expected_display(self):
        return schedule.round1(self.summary.investment.expected)

    @property
    def gap(self):
        return schedule.round1(self.summary.investment.gap_pp)

    @property
    def gap_display(self) -> str:
        return schedule.format_pp(self.summary.investment.gap_pp)

    @property
    def move(self) -> int | None:
        """进位 (+n) / 退位 (−n) against the previous period's rank; None when either is missing."""
        return self.change.signed if self.change is not None else None

    @property
    def move_display(self) -> str:
        move = self.move
        if not move:
            return "—"
        return f"↑{move}" if move > 0 else f"↓{-move}"


COUNTY_SORTS = {
    "order": lambda r: (r.unit.order, r.unit.code),
    "projects": lambda r: r.summary.projects,
    "plan": lambda r: r.summary.investment.rate.denominator,
    "done": lambda r: r.summary.investment.rate.numerator,
    "rate": lambda r: r.completion,
    "expected": lambda r: r.summary.investment.expected,
    "gap": lambda r: r.gap,
    "rank": lambda r: r.rank,
    "move": lambda r: r.move,
    "start": lambda r: r.summary.start_rate_due.rounded,
    "red": lambda r: r.lights["red"],
    "yellow": lambda r: r.lights["yellow"],
}


def sort_county_rows(rows: list[CountyRow], sort: str, descending: bool) -> list[CountyRow]:
    """Rows sorted by one column; rows without a value go last either way; ties keep reporting order."""
    key = COUNTY_SORTS.get(sort, COUNTY_SORTS["order"])
    with_value = [r for r in rows if key(r) is not None]
    without = [r for r in rows if key(r) is None]
    return sorted(with_value, key=key, reverse=descending) + without


def _county_summaries(states, period: str, units) -> dict:
    """{unit id: (RatesSummary, light counts)} for every unit, empty counties summarised as no projects."""

    by_unit: dict = {u.pk: [] for u in units}
    for s in states:
        if s.project.location_id in by_unit:
            by_unit[s.project.location_id].append(s)
    empty = None
    result = {}
    for unit in units:
        members = by_unit[unit.pk]
        if members:
            summary = project_selectors.rollup(members, period, keys=()).total
        else:
            empty = empty or project_selectors.rollup([], period, keys=()).total
            summary = empty
        result[unit.pk] = (summary, _light_counts(members))
    return result


@dataclass
class CountyComparison:
    period: str
    period_label: str
    previous_period: str | None
    curve_label: str
    expected: object  # the city's 序时 this period, one decimal
    rows: list[CountyRow]
    ranked: bool  # ranks shown (the user sees all 12 units)
    demo_data: bool

    @property
    def expected_label(self) -> str:
        """ "线性序时进度83.3%": the benchmark in the kernel's words."""
        return f"{self.curve_label}进度{self.expected}%"

    def chart(self) -> dict:
        ordered = self.rows
        return {
            "period_label": self.period_label,
            "curve_label": self.curve_label,
            "expected": float(self.expected),
            "expected_label": self.expected_label,
            "demo_data": self.demo_data,
            "demo_label": DEMO_LABEL,
            "categories": [r.name for r in ordered],
            "percent": [float(r.completion) if r.completion is not None else None for r in ordered],
            "trailing": [r.trailing for r in ordered],
        }


def county_comparison_for(user, period: str, *, sort: str = "order", descending: bool = False):
    """同题共答: each county-level unit's 投资完成率 against 序时, its rank among the 12 and its 进位/退位."""

    year, month = schedule.parse_period(period)
    projects = list(project_selectors.visible_projects(user, year))
    states = project_selectors.project_states(projects, period)
    units = visible_county_units(user, states)
    current = _county_summaries(states, period, units)
    previous_period = schedule.period_str(year, month - 1) if month > 1 else None
    ranked = user.sees_all_units
    rows = [CountyRow(u, *current[u.pk]) for u in units]
    if ranked:
        ranks = competition_ranks({r.unit.pk: r.completion for r in rows})
        if previous_period is not None:
            before = _county_summaries(
                project_selectors.project_states(projects, previous_period), previous_period, units
            )
            previous = competition_ranks({pk: s.investment.rate.rounded for pk, (s, _l) in before.items()})
        else:
            previous = {}
        changes = moves(ranks, previous)
        trailing = set(bottom_three(ranks))
        for r in rows:
            r.rank = ranks[r.unit.pk]
            r.previous_rank = previous.get(r.unit.pk)
            r.change = changes[r.unit.pk]
            r.trailing = r.unit.pk in trailing

    city = project_selectors.rollup(states, period, keys=())
    return CountyComparison(
        period=period,
        period_label=period_label_of(period),
        previous_period=previous_period,
        curve_label=city.curve_label,
        expected=schedule.round1(city.total.investment.expected),
        rows=sort_county_rows(rows, sort, descending),
        ranked=ranked,
        demo_data=any(s.project.is_demo for s in states),
    )


# --- the project part of the 工作台 -----------------------------------------------------------------


@dataclass
class DueProject:
    """A project of the reporter's county and its report for the period, if any."""

    project: object
    report: ProjectReport | None

    @property
    def is_open(self) -> bool:
        """Still needs the clerk: no report, a draft or a returned one (not submitted, not approved)."""
        return self.report is None or self.report.is_editable


@dataclass
class ProjectBench:
    period: str
    period_label: str
    due: list[DueProject] = field(default_factory=list)  # a county 填报员: the county's projects, open first
    returned: list[ProjectReport] = field(default_factory=list)  # a county 填报员: project reports sent back
    waiting_count: int = 0  # a county 审核员: project reports waiting for review
    city: ProjectOverview | None = None  # 督查/领导/管理员: the period's headline figures
    shows_reporting: bool = False
    shows_review: bool = False

    @property
    def due_open(self) -> list[DueProject]:
        return [d for d in self.due if d.is_open]

    @property
    def due_done(self) -> list[DueProject]:
        return [d for d in self.due if not d.is_open]

    @property
    def demo_data(self) -> bool:
        return (
            any(d.project.is_demo for d in self.due)
            or any(r.is_demo for r in self.returned)
            or (self.city is not None and self.city.demo_data)
        )


def project_workbench(user, period: str) -> ProjectBench:
    """What the 工作台 shows about key projects for the page's period (the task part's period)."""
    year, _month = schedule.parse_period(period)
    bench = ProjectBench(period=period, period_label=period_label_of(period))
    in_county = user.unit_id is not None and user.unit.kind in COUNTY_KINDS
    bench.shows_reporting = in_county and allows(user, Action.REPORT)
    bench.shows_review = in_county and allows(user, Action.REVIEW)
    if bench.shows_reporting:
        projects = list(
            project_selectors.visible_projects(user, year)
            .filter(location_id=user.unit_id)
            .order_by("code", "name")
        )
        reports = {
            r.project_id: r
            for r in ProjectReport.objects.for_user(user, Action.REPORT).filter(
                project__in=[p.pk for p in projects], period=period, is_archived=False
            )
        }
        due = [DueProject(p, reports.get(p.pk)) for p in projects]
        bench.due = sorted(due, key=lambda d: not d.is_open)  # what still needs the clerk comes first
        bench.returned = list(
            ProjectReport.objects.for_user(user, Action.REPORT)
            .filter(state=ReportState.RETURNED, is_archived=False, project__is_archived=False)
            .select_related("project", "reviewed_by")
            .order_by("-period", "project__code")
        )
    if bench.shows_review:
        bench.waiting_count = (
            ProjectReport.objects.for_user(user, Action.REVIEW)
            .filter(state=ReportState.SUBMITTED, is_archived=False)
            .count()
        )
    if user.sees_all_units and project_selectors.visible_projects(user, year).exists():
        bench.city = project_overview_for(user, period)
    return bench


def figures_waiting(user) -> int | None:
    """Enterprise figures and indicator values submitted to the user's unit for review (None: the user
    reviews nothing), for the 工作台 — the review queue lists them."""
    from taizhang.enterprises.models import EnterpriseFigure
    from taizhang.indicators.models import IndicatorValue

    if not allows(user, Action.REVIEW):
        return None
    return sum(
        model.objects.for_user(user, Action.REVIEW)
        .filter(state=ReportState.SUBMITTED, is_archived=False)
        .count()
        for model in (EnterpriseFigure, IndicatorValue)
    )
