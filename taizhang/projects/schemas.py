"""API schemas for key projects, their monthly reports and the rollups (<Thing>Read out, <Thing>Write in).

The figures are the metrics kernel's (taizhang.core.projectmetrics); percentages and gaps are rounded once,
for display, to one decimal (the zone rates to two), as the kernel's ``Rate.rounded`` does.
"""

from datetime import date, datetime

from ninja import Schema

from taizhang.core import schedule
from taizhang.core.projectmetrics import (
    NATURE_LABELS,
    InvestmentProgress,
    Nature,
    ProjectThresholds,
    Rate,
    RatesSummary,
    ScheduleCurve,
    TimingBreakdown,
    project_schedule,
)
from taizhang.core.schedule import LIGHT_LABELS
from taizhang.ledgers.schemas import Number, Text, WriteSchema
from taizhang.projects.models import Project, ProjectReport
from taizhang.projects.selectors import ProjectState
from taizhang.projects.services import facts_of

# What the API's error messages call this app's fields (merged into taizhang.api.FIELD_NAMES): the models'
# own verbose names, so the Chinese catalogue already has them.
FIELD_NAMES = {
    "month_investment": ProjectReport._meta.get_field("month_investment").verbose_name,
    "cumulative_investment": ProjectReport._meta.get_field("cumulative_investment").verbose_name,
    "image_progress": ProjectReport._meta.get_field("image_progress").verbose_name,
    "coordination": ProjectReport._meta.get_field("coordination").verbose_name,
    "year": Project._meta.get_field("year").verbose_name,
    "county": Project._meta.get_field("location").verbose_name,
    "nature": Project._meta.get_field("nature").verbose_name,
    "level": Project._meta.get_field("level").verbose_name,
    "tag": Project._meta.get_field("tags").verbose_name,
    "project_id": Project._meta.verbose_name,
}


def _num(value) -> float | None:
    return float(value) if value is not None else None


def _pct(value) -> float | None:
    rounded = schedule.round1(value)
    return float(rounded) if rounded is not None else None


def expected_for(
    project: Project, year: int, month: int, curve: ScheduleCurve, thresholds: ProjectThresholds
):
    """The project's own 序时 % at the end of (year, month), as its investment light is judged (the
    kernel's ``project_schedule``); None when it is not judged yet (not started, before its planned month)."""
    judged = project_schedule(facts_of(project), year, month, thresholds, curve=curve)
    return None if judged is None else judged[0]


# --- projects --------------------------------------------------------------------------------------------


class ProjectRead(Schema):
    id: int
    year: int
    code: str
    name: str
    level: str
    level_label: str
    category: str
    category_label: str
    nature: str
    nature_label: str
    location_id: int
    location_name: str
    owner: str
    cluster: str
    tags: list[str]
    total_investment: float | None  # 万元
    invested_before: float | None
    annual_plan: float | None
    planned_start: date | None
    actual_start: date | None
    planned_completion: date | None
    actual_completion: date | None
    registered: bool
    registered_on: date | None
    resumed: bool
    is_demo: bool
    period: str  # the period the light is for
    cumulative_investment: float | None  # latest approved 1–m月 figure up to the period
    report_id: int | None  # this period's report, whatever its state
    report_state: str | None
    reported: bool  # this period's report is submitted or approved (else 未报送)
    light: str
    light_label: str
    reasons: list[str]  # why yellow or red, in Chinese (the kernel's)
    notes: list[str]
    completion: float | None  # 投资完成率 %, one decimal; None without an annual plan
    expected: float | None  # 序时进度 % the investment is judged against; None when not judged yet
    gap_pp: float | None
    curve_label: str  # 线性序时 / 季节性序时

    @staticmethod
    def of(state: ProjectState, period: str, curve: ScheduleCurve, thresholds: ProjectThresholds) -> dict:
        p = state.project
        year, month = schedule.parse_period(period)
        expected = expected_for(p, year, month, curve, thresholds) if p.annual_plan else None
        completion = state.completion_percent
        return {
            "id": p.pk,
            "year": p.year,
            "code": p.code,
            "name": p.name,
            "level": p.level,
            "level_label": str(p.get_level_display()),
            "category": p.category,
            "category_label": str(p.get_category_display()),
            "nature": p.nature,
            "nature_label": NATURE_LABELS[Nature(p.nature)],
            "location_id": p.location_id,
            "location_name": p.location.short_name or p.location.name,
            "owner": p.owner,
            "cluster": p.cluster,
            "tags": [t.name for t in p.tags.all()],
            "total_investment": _num(p.total_investment),
            "invested_before": _num(p.invested_before),
            "annual_plan": _num(p.annual_plan),
            "planned_start": p.planned_start,
            "actual_start": p.actual_start,
            "planned_completion": p.planned_completion,
            "actual_completion": p.actual_completion,
            "registered": p.registered,
            "registered_on": p.registered_on,
            "resumed": p.resumed,
            "is_demo": p.is_demo,
            "period": period,
            "cumulative_investment": _num(state.cumulative),
            "report_id": state.current.pk if state.current else None,
            "report_state": state.current.state if state.current else None,
            "reported": state.reported,
            "light": state.light.light.value,
            "light_label": state.light.light_label,
            "reasons": list(state.light.reasons),
            "notes": list(state.light.notes),
            "completion": _pct(completion),
            "expected": _pct(expected),
            "gap_pp": _pct(completion - expected)
            if completion is not None and expected is not None
            else None,
            "curve_label": curve.label,
        }


class CoursePointRead(Schema):
    period: str
    cumulative_investment: float | None  # latest approved figure up to the month (carried forward)
    completion: float | None  # 投资完成率 %
    expected: float | None  # 序时进度 %


class ProjectReportRead(Schema):
    id: int
    project_id: int
    project_code: str
    project_name: str
    period: str
    unit_id: int
    state: str
    state_label: str
    month_investment: float | None
    cumulative_investment: float | None
    image_progress: str
    problems: str
    coordination: str
    return_reason: str
    created_by_id: int
    submitted_by_id: int | None
    submitted_at: datetime | None
    reviewed_by_id: int | None
    reviewed_at: datetime | None
    is_demo: bool
    updated_at: datetime

    @staticmethod
    def of(report: ProjectReport) -> dict:
        return {
            "id": report.pk,
            "project_id": report.project_id,
            "project_code": report.project.code,
            "project_name": report.project.name,
            "period": report.period,
            "unit_id": report.unit_id,
            "state": report.state,
            "state_label": str(report.get_state_display()),
            "month_investment": _num(report.month_investment),
            "cumulative_investment": _num(report.cumulative_investment),
            "image_progress": report.image_progress,
            "problems": report.problems,
            "coordination": report.coordination,
            "return_reason": report.return_reason,
            "created_by_id": report.created_by_id,
            "submitted_by_id": report.submitted_by_id,
            "submitted_at": report.submitted_at,
            "reviewed_by_id": report.reviewed_by_id,
            "reviewed_at": report.reviewed_at,
            "is_demo": report.is_demo,
            "updated_at": report.updated_at,
        }


class ProjectDetailRead(ProjectRead):
    content: str
    image_progress: str
    start_year: int | None
    end_year: int | None
    procedures: dict[str, bool]  # 立项 / 用地 / 规划 / 环评 / 施工许可
    leader: str
    responsible_unit_id: int | None
    responsible_person: str
    signed: bool
    expected_output: float | None
    actual_output: float | None
    course: list[CoursePointRead]  # months 1..m: the approved curve against 序时
    reports: list[ProjectReportRead]


class ProjectReportWrite(WriteSchema):
    """This period's figures, saved as a draft. Numbers as JSON numbers or strings ("1,234.5"), never
    booleans; 本月完成投资 left out is derived from last month's approved cumulative. Text may be null."""

    period: Text  # YYYY-MM, within the project's list year, not in the future
    month_investment: Number = None  # 本月完成投资, 万元
    cumulative_investment: Number = None  # 1–m月累计完成投资, 万元 (required before submitting)
    image_progress: Text = ""  # 形象进度 (required before submitting)
    problems: Text = ""  # 存在问题
    coordination: Text = ""  # 需协调事项


# --- rollups ---------------------------------------------------------------------------------------------


class RateRead(Schema):
    numerator: float
    denominator: float
    percent: float | None  # rounded for display (one decimal; zone rates two); None without a denominator
    label: str  # "206/255 = 80.8%"

    @staticmethod
    def of(rate: Rate) -> dict:
        rounded = rate.rounded
        return {
            "numerator": float(rate.numerator),
            "denominator": float(rate.denominator),
            "percent": float(rounded) if rounded is not None else None,
            "label": rate.label,
        }


class TimingRead(Schema):
    """提前 / 按期 / 逾期 / 应X未X / 未到期 of the year's planned starts (or completions), and the bases."""

    early: int
    early_not_due: int
    on_time: int
    late: int
    missed: int
    pending: int
    planned_year: int
    planned_due: int
    done: int
    done_due: int
    behind: int  # 未按期 = late + missed

    @staticmethod
    def of(b: TimingBreakdown) -> dict:
        return {
            "early": b.early,
            "early_not_due": b.early_not_due,
            "on_time": b.on_time,
            "late": b.late,
            "missed": b.missed,
            "pending": b.pending,
            "planned_year": b.planned_year,
            "planned_due": b.planned_due,
            "done": b.done,
            "done_due": b.done_due,
            "behind": b.behind,
        }


class InvestmentRead(Schema):
    """投资完成率 against 序时 (the whole-year curve, as published reports compare)."""

    rate: RateRead
    expected: float  # 序时进度 %
    gap_pp: float | None  # + 超序时 / − 低于序时
    light: str | None
    light_label: str | None
    curve_label: str
    label: str  # "投资完成率69.1%，线性序时进度66.7%，超序时2.4个百分点"

    @staticmethod
    def of(inv: InvestmentProgress) -> dict:
        return {
            "rate": RateRead.of(inv.rate),
            "expected": _pct(inv.expected),
            "gap_pp": _pct(inv.gap_pp),
            "light": inv.light.value if inv.light else None,
            "light_label": LIGHT_LABELS[inv.light] if inv.light else None,
            "curve_label": inv.curve_label,
            "label": inv.label,
        }


class LightCountsRead(Schema):
    green: int
    yellow: int
    red: int
    missing: int  # 未报送: no submitted or approved report for the period


class RatesSummaryRead(Schema):
    projects: int
    natures: dict[str, int]  # new / continuing / preparatory / completed
    nature_labels: dict[str, str]
    start: TimingRead
    start_rate_annual: RateRead  # 开工率, annual base
    start_rate_due: RateRead  # 开工率, 序时 base
    start_resume_rate: RateRead  # 开复工率
    completion: TimingRead
    completion_rate_statistical: RateRead  # 竣工率 (statistical)
    completion_rate_dispatch: RateRead  # 竣工率 (dispatch practice)
    investment: InvestmentRead
    signed_start_rate: RateRead  # 签约开工率 (开发区"三个一批")
    start_production_rate: RateRead  # 开工投产率
    output_rate: RateRead  # 投产达效率
    lights: LightCountsRead

    @staticmethod
    def of(summary: RatesSummary, states: list[ProjectState]) -> dict:
        lights = {"green": 0, "yellow": 0, "red": 0, "missing": 0}
        for state in states:
            lights[state.light.light.value] += 1
            lights["missing"] += not state.reported
        return {
            "projects": summary.projects,
            "natures": {nature.value: count for nature, count in summary.natures.items()},
            "nature_labels": {nature.value: NATURE_LABELS[nature] for nature in summary.natures},
            "start": TimingRead.of(summary.start),
            "start_rate_annual": RateRead.of(summary.start_rate_annual),
            "start_rate_due": RateRead.of(summary.start_rate_due),
            "start_resume_rate": RateRead.of(summary.start_resume_rate),
            "completion": TimingRead.of(summary.completion),
            "completion_rate_statistical": RateRead.of(summary.completion_rate_statistical),
            "completion_rate_dispatch": RateRead.of(summary.completion_rate_dispatch),
            "investment": InvestmentRead.of(summary.investment),
            "signed_start_rate": RateRead.of(summary.signed_start_rate),
            "start_production_rate": RateRead.of(summary.start_production_rate),
            "output_rate": RateRead.of(summary.output_rate),
            "lights": lights,
        }


class CountyRollupRead(RatesSummaryRead):
    id: int
    code: str
    name: str


class ProjectRollupRead(Schema):
    period: str
    period_label: str  # "2025年1—10月"
    curve_label: str  # which 序时 the investment rate is compared with
    total: RatesSummaryRead
    by_county: list[CountyRollupRead]  # the 12 county-level units in reporting order
    demo_data: bool  # some of the figures are 演示数据
