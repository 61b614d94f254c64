"""重点项目 metrics: 开工率, 开复工率, 竣工率, 投资完成率 against 序时, 开发区"三个一批" rates, project lights.

Pure functions on plain values, standard library only (plus taizhang.core.schedule, itself pure), so every
formula can be table-tested against the published figures; Django code only moves data in and out
(CONTRIBUTING.md rule 4). No Django import, ever. Amounts are unit-agnostic (亿元 or 万元: one unit per call).

Sources (shared/domain/glossary.md):
- §2 the rows 开工率, 开复工率, 竣工率, 投资完成率, 施工项目, 入库, 签约开工率/开工投产率/投产达效率;
- §1.1 序时进度 = m/12, and 超/低于序时进度 (个百分点) = 完成率(%) − 序时进度(%);
- §1.2 银川市发改委 2025 重点项目"红黄绿灯": investment 10–30 pp (含) yellow, >30 red; 计划当月未开工 yellow,
  连续3个月应开工未开工 red; 开工后1个月未入库 yellow, 开工超2个月未入库 red.

Rounding: as taizhang.core.schedule ("Rounding decision"): percentages are computed from unrounded values
(in Decimal, so 30.9/100 is 30.9) and rounded once for display, ROUND_HALF_UP on Decimal(str(value)):
``round1`` (the schedule engine's) for most rates, ``round2`` for the zone rates, published to 0.01.

Months
------
Dispatch sheets are monthly, so time is counted in CALENDAR MONTHS and the day of a date is ignored:
``month_diff(day, year, month)`` = (year − day.year) × 12 + (month − day.month); 2025-03-31 -> 2025-04 is 1.
A period (year, month) means "as of the last day of that month" (1–m月 cumulative figures). An event dated
after that day has not happened yet in that period, so past periods can be recomputed from today's record.

开工 / 竣工 timing (``classify_timing``), for a planned month P and a period ending with month m
- 提前 EARLY: happened by the end of m, in a calendar month before P (it may be before P's year, and P may
  still be after m: "early, not yet due");
- 按期 ON_TIME: happened in month P (any day);
- 逾期 LATE: happened by the end of m, in a month after P;
- 应开未开 / 应竣未竣 MISSED: not happened by the end of m, and P ≤ m (at the end of the planned month it is
  missed: the month is over);
- 未到期 PENDING: not happened, and P > m.
未按期 (glossary: 未按期开工) = LATE + MISSED. "Due by m" = P ≤ m = ON_TIME + LATE + MISSED + EARLY with P ≤ m.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

# light_for_gap is THE 10/30 pp gap → light rule of the schedule engine (lights decided on the gap as
# displayed). It is reused here, not copied, so tasks and projects can never disagree.
from taizhang.core.schedule import LIGHT_LABELS, Light, Thresholds, light_for_gap, period_end, round1

__all__ = [
    "CURVE_LABELS",
    "DEFAULT_THRESHOLDS",
    "DIMENSION_LABELS",
    "LINEAR",
    "NATURE_LABELS",
    "COMPLETION_TIMING_LABELS",
    "START_TIMING_LABELS",
    "Amount",
    "CurveKind",
    "Dimension",
    "InvestmentProgress",
    "Nature",
    "ProjectFacts",
    "ProjectLight",
    "ProjectThresholds",
    "Rate",
    "RatesSummary",
    "ScheduleCurve",
    "Timing",
    "TimingBreakdown",
    "classify_timing",
    "completion_breakdown",
    "completion_rate_dispatch",
    "completion_rate_statistical",
    "group_rates",
    "investment_progress",
    "investment_rate",
    "month_diff",
    "output_rate",
    "project_light",
    "project_schedule",
    "rate",
    "round1",
    "round2",
    "seasonal_schedule",
    "signed_start_rate",
    "start_breakdown",
    "start_production_rate",
    "start_rate_annual",
    "start_rate_due",
    "start_resume_rate",
    "summarize",
]

Amount = Decimal | float | int


# ---------------------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------------------


def _decimal(value: object, what: str = "数值") -> Decimal:
    """A finite Decimal from an int, float or Decimal (floats via str: 0.1 stays 0.1); else ValueError."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(f"{what}应为数字，收到“{value}”")
    result = value if isinstance(value, Decimal) else Decimal(str(value))
    if not result.is_finite():
        raise ValueError(f"{what}应为数字，收到“{value}”")
    return result


_TWO_DECIMALS = Decimal("0.01")


def round2(value: float | Decimal | None) -> Decimal | None:
    """Two decimals, ROUND_HALF_UP on Decimal(str(value)), "-0.00" becomes 0.00: ``round1``'s method.

    For the zone rates, which are published to 0.01 (82/94 = 87.23%). Display only.
    """
    if value is None:
        return None
    rounded = _decimal(value).quantize(_TWO_DECIMALS, rounding=ROUND_HALF_UP)
    return rounded if rounded != 0 else Decimal("0.00")


def _plain(value: int | Decimal) -> str:
    """ "1594.2", "1200" (not "1200.00": amounts read from the database carry their column's scale)."""
    return str(value) if isinstance(value, int) else f"{value.normalize():f}"


@dataclass(frozen=True)
class Rate:
    """numerator / denominator × 100, unrounded; ``percent`` is None when the denominator is 0.

    Counts stay ints, amounts are Decimals. ``digits`` is the display precision: 1 (``round1``) for most
    rates, 2 (``round2``) for the zone rates.
    """

    numerator: int | Decimal
    denominator: int | Decimal
    percent: float | None
    digits: int = 1

    @property
    def rounded(self) -> Decimal | None:
        return round2(self.percent) if self.digits == 2 else round1(self.percent)

    @property
    def label(self) -> str:
        """ "206/255 = 80.8%"; "0/0 = —" when there is no denominator."""
        shown = f"{self.rounded}%" if self.percent is not None else "—"
        return f"{_plain(self.numerator)}/{_plain(self.denominator)} = {shown}"


def rate(numerator: Amount, denominator: Amount, *, digits: int = 1) -> Rate:
    """Build a ``Rate``: ints are kept as counts, anything else becomes a Decimal (via str)."""

    def keep(value: Amount) -> int | Decimal:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        return _decimal(value)

    num, den = keep(numerator), keep(denominator)
    percent = None if den == 0 else float(Decimal(num) / Decimal(den) * 100)
    return Rate(num, den, percent, digits)


# ---------------------------------------------------------------------------------------------------------
# Project facts
# ---------------------------------------------------------------------------------------------------------


class Nature(StrEnum):
    """建设性质 (glossary §2, §8.2)."""

    NEW = "new"  # 新开工: permanent works start this year
    CONTINUING = "continuing"  # 续建 (结转): started earlier, continues; expected to 复工 after winter
    PREPARATORY = "preparatory"  # 前期: not yet eligible to start; tracked by procedures
    COMPLETED = "completed"  # 竣工投产: to be completed / put into production (on the list as such)


NATURE_LABELS: dict[Nature, str] = {
    Nature.NEW: "新开工",
    Nature.CONTINUING: "续建",
    Nature.PREPARATORY: "前期",
    Nature.COMPLETED: "竣工投产",
}
_NATURE_BY_LABEL = {label: nature for nature, label in NATURE_LABELS.items()}

_AMOUNT_FIELDS = {
    "annual_plan": "年度计划投资",
    "cumulative_investment": "累计完成投资",
    "expected_output": "预计年产值",
    "actual_output": "实际年产值",
}
_DATE_FIELDS = {
    "planned_start": "计划开工时间",
    "actual_start": "实际开工时间",
    "planned_completion": "计划竣工时间",
    "actual_completion": "实际竣工时间",
    "registered_on": "入库时间",
}


@dataclass(frozen=True, kw_only=True)
class ProjectFacts:
    """What the rates and lights need to know about one project for one year's list. Plain values.

    Amounts (any one unit) are normalised to Decimal, datetimes to dates; ``nature`` also accepts its
    value ("new") or Chinese label ("新开工"). Raises ValueError (Chinese, naming the field) for negative or
    non-numeric amounts, non-dates, completion before start, or an 入库 date without ``registered``:
    call it from model/import validation.

    ``cumulative_investment`` is 1–m月 of the period being evaluated; ``registered`` is statistical 入库
    (联网直报库, glossary §2 入库 meaning 1), ``registered_on`` its date when known; ``resumed`` is 续建
    已复工 (no date: it is read as of the latest report). The zone fields are the 开发区"三个一批" campaign
    flags as the zone reports them (签约 / 开工 / 投产), independent of the dates above.
    """

    nature: Nature
    annual_plan: Amount | None = None
    cumulative_investment: Amount | None = None
    planned_start: date | None = None
    actual_start: date | None = None
    planned_completion: date | None = None
    actual_completion: date | None = None
    registered: bool = False
    registered_on: date | None = None
    resumed: bool = False
    signed: bool = False
    started: bool = False
    producing: bool = False
    expected_output: Amount | None = None
    actual_output: Amount | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "nature", _nature(self.nature))
        for name, label in _AMOUNT_FIELDS.items():
            value = getattr(self, name)
            if value is not None:
                amount = _decimal(value, label)
                if amount < 0:
                    raise ValueError(f"{label}不能为负数，收到{value}")
                object.__setattr__(self, name, amount)
        for name, label in _DATE_FIELDS.items():
            value = getattr(self, name)
            if isinstance(value, datetime):
                object.__setattr__(self, name, value.date())
            elif value is not None and not isinstance(value, date):
                raise ValueError(f"{label}应为日期，收到“{value}”")
        if self.actual_start and self.actual_completion and self.actual_completion < self.actual_start:
            raise ValueError("实际竣工时间早于实际开工时间")
        if self.planned_start and self.planned_completion and self.planned_completion < self.planned_start:
            raise ValueError("计划竣工时间早于计划开工时间")
        if self.registered_on is not None and not self.registered:
            raise ValueError("填写了入库时间但未标记已入库")


def _nature(value: object) -> Nature:
    if isinstance(value, Nature):
        return value
    if value in _NATURE_BY_LABEL:
        return _NATURE_BY_LABEL[value]
    try:
        return Nature(value)
    except ValueError:
        raise ValueError(
            f"建设性质应为新开工、续建、前期或竣工投产（new/continuing/preparatory/completed），收到“{value}”"
        ) from None


# ---------------------------------------------------------------------------------------------------------
# Months and timing
# ---------------------------------------------------------------------------------------------------------


def month_diff(day: date, year: int, month: int) -> int:
    """Calendar months from ``day``'s month to (year, month); the day is ignored (module docstring)."""
    return (year - day.year) * 12 + (month - day.month)


def _ym(day: date) -> str:
    return f"{day.year}年{day.month}月"


def _happened(day: date | None, end: date) -> bool:
    return day is not None and day <= end


class Timing(StrEnum):
    """提前 / 按期 / 逾期 / 应X未X / 未到期 (module docstring, "开工 / 竣工 timing")."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    MISSED = "missed"
    PENDING = "pending"


START_TIMING_LABELS: dict[Timing, str] = {
    Timing.EARLY: "提前开工",
    Timing.ON_TIME: "按期开工",
    Timing.LATE: "逾期开工",
    Timing.MISSED: "应开未开",
    Timing.PENDING: "未到开工时间",
}
COMPLETION_TIMING_LABELS: dict[Timing, str] = {
    Timing.EARLY: "提前竣工",
    Timing.ON_TIME: "按期竣工",
    Timing.LATE: "逾期竣工",
    Timing.MISSED: "应竣未竣",
    Timing.PENDING: "未到竣工时间",
}


def classify_timing(planned: date, actual: date | None, year: int, month: int) -> Timing:
    """Timing of an event planned in ``planned``'s month, as of the end of (year, month)."""
    end = period_end(year, month)
    if actual is not None and actual <= end:
        lag = month_diff(planned, actual.year, actual.month)
        if lag < 0:
            return Timing.EARLY
        return Timing.ON_TIME if lag == 0 else Timing.LATE
    return Timing.MISSED if month_diff(planned, year, month) >= 0 else Timing.PENDING


@dataclass(frozen=True)
class TimingBreakdown:
    """The year's planned 开工 (or 竣工) projects, classified at the end of month m. Counts.

    ``early`` includes ``early_not_due`` (started/completed ahead of a planned month still after m).
    The five classes partition the year's plan; the bases of the rates are derived from them.
    """

    early: int = 0
    early_not_due: int = 0
    on_time: int = 0
    late: int = 0
    missed: int = 0
    pending: int = 0

    @property
    def planned_year(self) -> int:
        """Planned in the year: the annual base (glossary §2 开工率 (a))."""
        return self.early + self.on_time + self.late + self.missed + self.pending

    @property
    def planned_due(self) -> int:
        """Planned month ≤ m: the 序时 base (glossary §2 开工率 (b): "1–8月计划开工74项")."""
        return self.planned_year - self.pending - self.early_not_due

    @property
    def done(self) -> int:
        """Started (completed) by the end of m, however timed: "实际开工72项"."""
        return self.early + self.on_time + self.late

    @property
    def done_due(self) -> int:
        """Of ``done``, those already due: the numerator on the 序时 base (never above ``planned_due``)."""
        return self.done - self.early_not_due

    @property
    def behind(self) -> int:
        """未按期 = started (completed) after the planned month + due and not yet."""
        return self.late + self.missed


def _breakdown(pairs: Iterable[tuple[date, date | None]], year: int, month: int) -> TimingBreakdown:
    counts = dict.fromkeys(Timing, 0)
    early_not_due = 0
    for planned, actual in pairs:
        timing = classify_timing(planned, actual, year, month)
        counts[timing] += 1
        if timing is Timing.EARLY and month_diff(planned, year, month) < 0:
            early_not_due += 1
    return TimingBreakdown(
        early=counts[Timing.EARLY],
        early_not_due=early_not_due,
        on_time=counts[Timing.ON_TIME],
        late=counts[Timing.LATE],
        missed=counts[Timing.MISSED],
        pending=counts[Timing.PENDING],
    )


# ---------------------------------------------------------------------------------------------------------
# 开工率, 开复工率, 竣工率 (glossary §2)
# ---------------------------------------------------------------------------------------------------------


def _planned_new_starts(projects: Iterable[ProjectFacts], year: int) -> list[tuple[date, date | None]]:
    """计划新开工项目 of ``year``: nature 新开工 with a planned start in that year (others are in no base)."""
    return [
        (p.planned_start, p.actual_start)
        for p in projects
        if p.nature is Nature.NEW and p.planned_start is not None and p.planned_start.year == year
    ]


def start_breakdown(projects: Iterable[ProjectFacts], year: int, month: int) -> TimingBreakdown:
    """提前 / 按期 / 未按期开工 of the year's planned new starts at the end of month m (glossary §2 开工率:
    "1–8月计划开工74项,实际开工72项,其中提前开工3项,未按期开工5项"; the platform keeps them apart)."""
    return _breakdown(_planned_new_starts(projects, year), year, month)


def start_rate_annual(projects: Iterable[ProjectFacts], year: int, month: int = 12) -> Rate:
    """开工率, annual base (glossary §2 开工率 (a)): 已开工的计划新开工项目数 / 计划新开工项目数 (the year's).

    Started means started by the end of month m (default: the whole year), early ones included.
    Published: "完成年度计划开工的80.8%" = 206/255; 山西 2014 77/230 = 33.48%.
    """
    b = start_breakdown(projects, year, month)
    return rate(b.done, b.planned_year)


def start_rate_due(projects: Iterable[ProjectFacts], year: int, month: int) -> Rate:
    """开工率, 序时 base (glossary §2 开工率 (b)): started among those planned to start by month m / those.

    Early starts of projects planned after m are in neither count (see ``TimingBreakdown.done``).
    """
    b = start_breakdown(projects, year, month)
    return rate(b.done_due, b.planned_due)


def start_resume_rate(projects: Iterable[ProjectFacts], year: int, month: int = 12) -> Rate:
    """开复工率 (glossary §2): (已开工新开工项目 + 已复工续建项目) / (计划新开工 + 续建项目).

    New starts on the annual base, as ``start_rate_annual``; 续建 = nature 续建, 已复工 = ``resumed``.
    Published: 山西 2017 Q1 46.5%, 晋中 70.5% (no counts were printed).
    """
    projects = list(projects)
    b = start_breakdown(projects, year, month)
    continuing = [p for p in projects if p.nature is Nature.CONTINUING]
    resumed = sum(1 for p in continuing if p.resumed)
    return rate(b.done + resumed, b.planned_year + len(continuing))


def completion_breakdown(projects: Iterable[ProjectFacts], year: int, month: int) -> TimingBreakdown:
    """提前 / 按期 / 逾期竣工 of the projects planned to complete in ``year`` (any nature), at the end of m.

    山西 2018: 42 planned this year; by November 22 planned and 22 done, 4 early and 4 late.
    """
    pairs = [
        (p.planned_completion, p.actual_completion)
        for p in projects
        if p.planned_completion is not None and p.planned_completion.year == year
    ]
    return _breakdown(pairs, year, month)


def completion_rate_dispatch(projects: Iterable[ProjectFacts], year: int, month: int) -> Rate:
    """竣工率, dispatch practice (glossary §2 竣工率): 实际竣工项目 / 计划竣工项目, both by the end of m.

    Completed among those planned to complete by month m / those; early completions of projects planned
    after m are counted in ``completion_breakdown`` only.
    """
    b = completion_breakdown(projects, year, month)
    return rate(b.done_due, b.planned_due)


def completion_rate_statistical(projects: Iterable[ProjectFacts], year: int, month: int) -> Rate:
    """竣工率, statistical (glossary §2 竣工率): 报告期竣工项目个数 / 报告期施工项目个数 × 100%.

    Reporting period = 1–m月 of ``year``. 施工项目 (glossary §2: 上期跨入 + 本期新开工 + 复工) = not completed
    before Jan 1, and started by the end of m, or of nature 续建 / 竣工投产 (carried over; start date may be
    unknown), or completed within the period. 竣工 = actual completion within the period.
    Published: 山西 2014 3/126 ≈ 2.4%.
    """
    first, end = date(year, 1, 1), period_end(year, month)
    carried_over = (Nature.CONTINUING, Nature.COMPLETED)
    under_construction = completed = 0
    for p in projects:
        if p.actual_completion is not None and p.actual_completion < first:
            continue
        done = _happened(p.actual_completion, end)
        if done or _happened(p.actual_start, end) or p.nature in carried_over:
            under_construction += 1
            completed += done
    return rate(completed, under_construction)


# ---------------------------------------------------------------------------------------------------------
# 序时 curves (glossary §1.1; issue 3: linear or seasonal, and pages say which)
# ---------------------------------------------------------------------------------------------------------


class CurveKind(StrEnum):
    LINEAR = "linear"
    SEASONAL = "seasonal"


CURVE_LABELS: dict[CurveKind, str] = {CurveKind.LINEAR: "线性序时", CurveKind.SEASONAL: "季节性序时"}


def _check_month(month: object) -> int:
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise ValueError(f"月份应在1—12之间，收到{month}")
    return month


def _validate_shares(shares: object) -> tuple[Decimal, ...]:
    if isinstance(shares, str | bytes) or not isinstance(shares, Sequence):
        raise ValueError(f"季节性序时曲线应有12个月的占比，收到“{shares}”")
    if len(shares) != 12:
        raise ValueError(f"季节性序时曲线应有12个月的占比，收到{len(shares)}个")
    result = []
    for month, share in enumerate(shares, start=1):
        value = _decimal(share, f"季节性序时曲线{month}月的占比")
        if value < 0:
            raise ValueError(f"季节性序时曲线{month}月的占比不能为负数，收到{share}")
        result.append(value)
    if not any(result):
        raise ValueError("季节性序时曲线的12个月占比不能全为0")
    return tuple(result)


@dataclass(frozen=True)
class ScheduleCurve:
    """序时进度 as a cumulative curve over the year, linear (``shares`` None) or seasonal.

    Seasonal: 12 monthly shares of the annual plan, Jan..Dec, non-negative and not all zero; they need not
    sum to 1 (normalised), so last year's monthly amounts can be given as they are (northern winters stop
    construction: glossary §1.1 supports "both modes"; the issue sets the curve per city).
    """

    shares: tuple[Decimal, ...] | None = None

    def __post_init__(self) -> None:
        if self.shares is not None:
            object.__setattr__(self, "shares", _validate_shares(self.shares))

    @classmethod
    def linear(cls) -> ScheduleCurve:
        return cls()

    @classmethod
    def seasonal(cls, shares: Sequence[Amount]) -> ScheduleCurve:
        return cls(_validate_shares(shares))

    @property
    def kind(self) -> CurveKind:
        return CurveKind.LINEAR if self.shares is None else CurveKind.SEASONAL

    @property
    def label(self) -> str:
        """ "线性序时" or "季节性序时", for pages to say which benchmark they compare with."""
        return CURVE_LABELS[self.kind]

    def progress(self, month: int, *, from_month: int = 1) -> float:
        """Percent (0..100) of the annual plan due by the end of ``month``.

        Linear (glossary §1.1): m / 12 × 100, the schedule engine's MONTH mode. Seasonal: cumulative share
        through m / total × 100. ``from_month`` rebases the curve to start that month (what is due from
        then on, rescaled to 100 by December): 0 before it; 100 when nothing is left to do after it.
        """
        _check_month(month)
        _check_month(from_month)
        if month < from_month:
            return 0.0
        if self.shares is None:
            if from_month == 1:
                return month / 12 * 100
            return (month - from_month + 1) / (13 - from_month) * 100
        total = sum(self.shares)
        before = sum(self.shares[: from_month - 1])
        remaining = total - before
        if remaining == 0:
            return 100.0
        return float((sum(self.shares[:month]) - before) / remaining * 100)


LINEAR = ScheduleCurve()


def seasonal_schedule(shares: Sequence[Amount], month: int) -> float:
    """季节性序时进度 at the end of ``month``: cumulative share of ``shares`` (normalised) × 100.

    ValueError (Chinese) unless ``shares`` are 12 non-negative numbers, not all zero, and 1 ≤ month ≤ 12.
    """
    return ScheduleCurve.seasonal(shares).progress(month)


# ---------------------------------------------------------------------------------------------------------
# 投资完成率 (glossary §2) against 序时 (§1.1)
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectThresholds:
    """Project light thresholds (issue 3 §4). Defaults follow 银川 2025 (glossary §1.2); 晋中 has published
    none ([NOT FOUND]). Months are calendar months (module docstring)."""

    yellow_lag_pp: float = 10.0  # 银川 2025: 低于序时进度 10–30 个百分点(含) = yellow (as tasks)
    red_lag_pp: float = 30.0  # 银川 2025: 低于序时进度 >30 个百分点 = red
    # 银川 2025: 计划当月开工但无正当理由未开工 = yellow -> at the end of the planned month, counting that
    # month as the 1st month 应开工未开工.
    start_yellow_months: int = 1
    start_red_months: int = (
        3  # 银川 2025: 连续3个月应开工未开工 = red -> end of the 3rd month from P, P included
    )
    # 银川 2025: 开工后1个月无正当理由未入库 = yellow -> 1 calendar month after the start month.
    registration_yellow_months: int = 1
    # 银川 2025: 开工超2个月未入库 = red -> 2 calendar months after the start month: at the end of that month
    # at least 2 months (61+ days) have passed since any start day in the start month.
    registration_red_months: int = 2
    # [INFERRED] A 新开工/前期 project planned to start in month P of the year is measured against the curve
    # rebased to P (what is due from P on, rescaled to 100 by December), not against the whole year's:
    # otherwise a project starting on time in June shows red at once. Off = the whole-year curve.
    rebase_to_planned_start: bool = True

    def __post_init__(self) -> None:
        self.schedule  # noqa: B018 - Thresholds validates the pp pair (0 ≤ yellow ≤ red), in Chinese
        for name, low, high in (
            ("开工", self.start_yellow_months, self.start_red_months),
            ("入库", self.registration_yellow_months, self.registration_red_months),
        ):
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high)):
                raise ValueError(f"{name}预警月数应为整数")
            if not 1 <= low <= high:
                raise ValueError(f"{name}预警月数应满足 1 ≤ 黄灯月数 ≤ 红灯月数")

    @property
    def schedule(self) -> Thresholds:
        """The schedule engine's thresholds for the investment gap (its 10/30 pp rule)."""
        return Thresholds(yellow_lag_pp=self.yellow_lag_pp, red_lag_pp=self.red_lag_pp)


DEFAULT_THRESHOLDS = ProjectThresholds()


def investment_rate(projects: Iterable[ProjectFacts]) -> Rate:
    """投资完成率 (glossary §2): Σ 1–m月累计完成投资 / Σ 年度计划投资 × 100.

    Over projects with an annual plan (others, e.g. most 前期 projects, are left out with their
    investment); a missing cumulative counts as 0. Published: 山西 2019 1–8月 1594.2/2306.8 = 69.1%.
    """
    done, plan = Decimal(0), Decimal(0)
    for p in projects:
        if p.annual_plan is not None:
            plan += p.annual_plan
            done += p.cumulative_investment or 0
    return rate(done, plan)


def _gap_phrase(gap: float) -> str:
    shown = round1(gap)
    if shown > 0:
        return f"超序时{shown}个百分点"
    if shown == 0:
        return "与序时进度持平"
    return f"低于序时进度{-shown}个百分点"


@dataclass(frozen=True)
class InvestmentProgress:
    """投资完成率 against 序时 at the end of month m (glossary §1.1 gap metric)."""

    rate: Rate
    expected: float  # 序时进度 %, on ``curve_label``'s curve
    gap_pp: float | None  # rate.percent − expected: positive = 超序时; None without a plan
    light: Light | None  # the 10/30 pp rule; None without a plan
    curve_label: str  # "线性序时" / "季节性序时"

    @property
    def label(self) -> str:
        """ "投资完成率69.1%，线性序时进度66.7%，超序时2.4个百分点"."""
        schedule = f"{self.curve_label}进度{round1(self.expected)}%"
        if self.gap_pp is None:
            return f"无年度计划投资，{schedule}"
        return f"投资完成率{self.rate.rounded}%，{schedule}，{_gap_phrase(self.gap_pp)}"


def investment_progress(
    projects: Iterable[ProjectFacts],
    month: int,
    *,
    curve: ScheduleCurve = LINEAR,
    thresholds: ProjectThresholds = DEFAULT_THRESHOLDS,
) -> InvestmentProgress:
    """``investment_rate`` against the curve's 序时 at month m, with the gap in pp and its light.

    The whole-year curve, as published reports compare (not rebased per project).
    """
    result = investment_rate(projects)
    expected = curve.progress(month)
    if result.percent is None:
        return InvestmentProgress(result, expected, None, None, curve.label)
    gap = result.percent - expected
    return InvestmentProgress(result, expected, gap, light_for_gap(gap, thresholds.schedule), curve.label)


# ---------------------------------------------------------------------------------------------------------
# 开发区"三个一批" (glossary §2, §1.3): published to two decimals
# ---------------------------------------------------------------------------------------------------------


def signed_start_rate(projects: Iterable[ProjectFacts]) -> Rate:
    """签约开工率 (glossary §2): 已开工签约项目数 / 签约项目数. 晋中 82/94 = 87.23%."""
    signed = [p for p in projects if p.signed]
    return rate(sum(1 for p in signed if p.started), len(signed), digits=2)


def start_production_rate(projects: Iterable[ProjectFacts]) -> Rate:
    """开工投产率 (glossary §2): 已投产开工项目数 / 开工项目数. 晋中 67/107 = 62.62%."""
    started = [p for p in projects if p.started]
    return rate(sum(1 for p in started if p.producing), len(started), digits=2)


def output_rate(projects: Iterable[ProjectFacts]) -> Rate:
    """投产达效率 (glossary §2): 实际年产值 / 预计年产值, over 投产 projects. 晋中 216.65/235.04 = 92.18%.

    Producing projects without an expected output are left out (their output has nothing to be measured
    against); a missing actual output counts as 0. 太原's published 72.17% does not follow from its printed
    301.7/418.12 (= 72.16%): see the tests.
    """
    actual, expected = Decimal(0), Decimal(0)
    for p in projects:
        if p.producing and p.expected_output is not None:
            expected += p.expected_output
            actual += p.actual_output or 0
    return rate(actual, expected, digits=2)


# ---------------------------------------------------------------------------------------------------------
# Project lights (银川 2025, glossary §1.2)
# ---------------------------------------------------------------------------------------------------------


class Dimension(StrEnum):
    START = "start"  # 开工
    REGISTRATION = "registration"  # 统计入库
    INVESTMENT = "investment"  # 投资进度 vs 序时


DIMENSION_LABELS: dict[Dimension, str] = {
    Dimension.START: "开工",
    Dimension.REGISTRATION: "入库",
    Dimension.INVESTMENT: "投资进度",
}

_SEVERITY = {Light.GREEN: 0, Light.YELLOW: 1, Light.RED: 2}


@dataclass(frozen=True)
class ProjectLight:
    """A project's light: the worst of its judged dimensions.

    ``reasons``: one Chinese sentence per yellow/red dimension (start, 入库, investment order), so a page can
    say why. ``notes``: what was not judged and why, or context on a green dimension (a late start).
    ``dimensions``: the light of each judged dimension.
    """

    light: Light
    reasons: list[str]
    notes: list[str] = field(default_factory=list)
    dimensions: dict[Dimension, Light] = field(default_factory=dict)
    # The investment dimension's figures, as judged (None when it was not judged): the project's
    # 投资完成率, the 序时 it was measured against (rebased to the planned start when that applies) and the
    # gap in pp; ``schedule_basis`` names that benchmark ("线性序时进度（自2025年6月计划开工起算）").
    investment_percent: float | None = None
    schedule_percent: float | None = None
    gap_pp: float | None = None
    schedule_basis: str | None = None

    @property
    def light_label(self) -> str:
        return LIGHT_LABELS[self.light]


@dataclass(frozen=True)
class _Verdict:
    light: Light | None  # None: not judged
    text: str | None = None  # a reason when yellow/red, else a note
    figures: tuple[float, float, str] | None = None  # investment: (完成率, 序时, basis)


_PREPARATORY_NOTE = "前期项目，未定计划开工时间，按前期手续（立项、用地、规划、环评、施工许可）跟踪，不亮开工、入库、投资进度灯"


def _judge_start(f: ProjectFacts, year: int, month: int, th: ProjectThresholds, end: date) -> _Verdict | None:
    """银川: 计划当月开工但未开工 yellow; 连续3个月应开工未开工 red. For 新开工 and 前期 projects.

    n = months 应开工未开工 = month_diff(planned, period) + 1 when not started by the end of the period:
    1 at the end of the planned month. Yellow from ``start_yellow_months``, red from ``start_red_months``.
    """
    if f.nature not in (Nature.NEW, Nature.PREPARATORY):
        return None
    planned, actual = f.planned_start, f.actual_start
    started = actual is not None and actual <= end
    if planned is None:
        return None if started else _Verdict(None, "未填计划开工时间，未评价开工进度")
    if actual is not None and actual <= end:
        late = month_diff(planned, actual.year, actual.month)
        note = f"计划{_ym(planned)}开工，{_ym(actual)}开工，晚于计划{late}个月" if late > 0 else None
        return _Verdict(Light.GREEN, note)
    n = month_diff(planned, year, month) + 1
    if n < 1:
        return _Verdict(Light.GREEN)
    head = f"计划{_ym(planned)}开工，截至{year}年{month}月底"
    state = "未开工" if n == 1 else f"已连续{n}个月应开工未开工"
    if n >= th.start_red_months:
        return _Verdict(Light.RED, f"{head}{state}（红灯：连续{th.start_red_months}个月应开工未开工）")
    if n >= th.start_yellow_months:
        return _Verdict(Light.YELLOW, f"{head}{state}（黄灯：计划开工月份已过未开工）")
    return _Verdict(Light.GREEN, f"{head}{state}")


def _judge_registration(
    f: ProjectFacts, year: int, month: int, th: ProjectThresholds, end: date
) -> _Verdict | None:
    """银川: 开工后1个月未入库 yellow; 开工超2个月未入库 red. Any nature, once started.

    k = month_diff(actual start, period). 入库 as of the period: ``registered`` and (no date, or dated by the
    end of the period).
    """
    registered = f.registered and (f.registered_on is None or f.registered_on <= end)
    start = f.actual_start
    if start is None or start > end:
        if start is None and not registered and f.nature in (Nature.CONTINUING, Nature.COMPLETED):
            return _Verdict(None, "未填实际开工时间，未评价入库")
        return None
    if registered:
        return _Verdict(Light.GREEN)
    k = month_diff(start, year, month)
    if k >= th.registration_red_months:
        light = Light.RED
    elif k >= th.registration_yellow_months:
        light = Light.YELLOW
    else:
        return _Verdict(Light.GREEN, f"{_ym(start)}开工，尚未入库")
    return _Verdict(light, f"{_ym(start)}开工，开工后{k}个月未入库（{LIGHT_LABELS[light]}）")


def project_schedule(
    f: ProjectFacts,
    year: int,
    month: int,
    thresholds: ProjectThresholds = DEFAULT_THRESHOLDS,
    *,
    curve: ScheduleCurve = LINEAR,
) -> tuple[float, date | None] | None:
    """The 序时 % a project's own investment is measured against at the end of (year, month), and the
    planned start it was rebased to (None: the whole-year curve); None while it is not judged yet.

    A 新开工/前期 project not started and before its planned start month is not judged; one planned in this
    year (after January) is measured from its planned month when ``rebase_to_planned_start``; one planned
    for next year but started early has nothing due yet (0). Everything else: the whole-year curve.
    """
    end = period_end(year, month)
    planned = f.planned_start if f.nature in (Nature.NEW, Nature.PREPARATORY) else None
    if planned is None:
        return curve.progress(month), None
    if month_diff(planned, year, month) < 0 and not _happened(f.actual_start, end):
        return None
    if not thresholds.rebase_to_planned_start or (planned.year, planned.month) <= (year, 1):
        return curve.progress(month), None
    if planned.year > year:
        return 0.0, planned
    return curve.progress(month, from_month=planned.month), planned


def _judge_investment(
    f: ProjectFacts, year: int, month: int, th: ProjectThresholds, end: date, curve: ScheduleCurve
) -> _Verdict:
    """银川: 完成序时进度 green, 低于 10–30 pp (含) yellow, >30 pp red: the schedule engine's rule.

    投资完成率 = cumulative / annual plan (missing cumulative = 0), against ``project_schedule``.
    """
    plan = f.annual_plan
    if plan is None:
        return _Verdict(None, "未填年度计划投资，未评价投资进度")
    if plan == 0:
        return _Verdict(None, "年度计划投资为0，未评价投资进度")
    judged = project_schedule(f, year, month, th, curve=curve)
    if judged is None:
        return _Verdict(None, f"计划{_ym(f.planned_start)}开工，未到计划开工月份，暂不评价投资进度")
    expected, rebase_from = judged
    cumulative = f.cumulative_investment if f.cumulative_investment is not None else Decimal(0)
    completion = float(cumulative / plan * 100)
    gap = completion - expected
    light = light_for_gap(gap, th.schedule)
    benchmark = "序时进度" if curve.kind is CurveKind.LINEAR else "季节性序时进度"
    if rebase_from is not None:
        benchmark += f"（自{_ym(rebase_from)}计划开工起算）"
    figures = (completion, expected, benchmark)
    if light is Light.GREEN:
        return _Verdict(Light.GREEN, figures=figures)
    shown = f"投资完成率{round1(completion)}%"
    if f.cumulative_investment is None:
        shown += "（未填报累计完成投资，按0计）"
    reason = f"{shown}，低于{benchmark}{round1(expected)}%共{round1(-gap)}个百分点（{LIGHT_LABELS[light]}）"
    return _Verdict(light, reason, figures)


def project_light(
    facts: ProjectFacts,
    year: int,
    month: int,
    thresholds: ProjectThresholds = DEFAULT_THRESHOLDS,
    *,
    curve: ScheduleCurve = LINEAR,
) -> ProjectLight:
    """The project's light at the end of period (year, month), after 银川 2025 (glossary §1.2).

    Dimensions, each judged only when it applies (otherwise a note says why not):
    - 开工: 新开工 and 前期 projects with a planned start (``_judge_start``);
    - 入库: every project started by the end of the period (``_judge_registration``);
    - 投资进度: every project with a positive annual plan (``_judge_investment``), on ``curve``.
    The light is the worst judged dimension, green when none is. A 前期 project without a planned start is
    judged on its procedures only, which this kernel does not see: green, with a note.
    """
    end = period_end(year, month)  # also checks the period
    if facts.nature is Nature.PREPARATORY and facts.planned_start is None:
        return ProjectLight(Light.GREEN, [], [_PREPARATORY_NOTE], {})
    verdicts = {
        Dimension.START: _judge_start(facts, year, month, thresholds, end),
        Dimension.REGISTRATION: _judge_registration(facts, year, month, thresholds, end),
        Dimension.INVESTMENT: _judge_investment(facts, year, month, thresholds, end, curve),
    }
    reasons: list[str] = []
    notes: list[str] = []
    dimensions: dict[Dimension, Light] = {}
    for dimension, verdict in verdicts.items():
        if verdict is None:
            continue
        if verdict.light is not None:
            dimensions[dimension] = verdict.light
        if verdict.text:
            (reasons if verdict.light in (Light.YELLOW, Light.RED) else notes).append(verdict.text)
    light = max(dimensions.values(), key=_SEVERITY.__getitem__, default=Light.GREEN)
    figures = verdicts[Dimension.INVESTMENT].figures
    if figures is None:
        return ProjectLight(light, reasons, notes, dimensions)
    completion, expected, basis = figures
    return ProjectLight(light, reasons, notes, dimensions, completion, expected, completion - expected, basis)


# ---------------------------------------------------------------------------------------------------------
# Rollups (issue 3 §3: overall and by county, zone, cluster, level, nature and tag)
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatesSummary:
    """Counts and rates of a set of projects at the end of month m of ``year``."""

    projects: int
    natures: dict[Nature, int]  # every nature, zeros included
    start: TimingBreakdown
    start_rate_annual: Rate
    start_rate_due: Rate
    start_resume_rate: Rate
    completion: TimingBreakdown
    completion_rate_statistical: Rate
    completion_rate_dispatch: Rate
    investment: InvestmentProgress
    signed_start_rate: Rate
    start_production_rate: Rate
    output_rate: Rate


def summarize(
    projects: Iterable[ProjectFacts],
    *,
    year: int,
    month: int,
    curve: ScheduleCurve = LINEAR,
    thresholds: ProjectThresholds = DEFAULT_THRESHOLDS,
) -> RatesSummary:
    """Every count and rate of this module over ``projects`` (the 全市 total row of a rollup)."""
    period_end(year, month)  # checks the period
    projects = list(projects)
    natures = dict.fromkeys(Nature, 0)
    for p in projects:
        natures[p.nature] += 1
    start = start_breakdown(projects, year, month)
    completion = completion_breakdown(projects, year, month)
    return RatesSummary(
        projects=len(projects),
        natures=natures,
        start=start,
        start_rate_annual=rate(start.done, start.planned_year),
        start_rate_due=rate(start.done_due, start.planned_due),
        start_resume_rate=start_resume_rate(projects, year, month),
        completion=completion,
        completion_rate_statistical=completion_rate_statistical(projects, year, month),
        completion_rate_dispatch=rate(completion.done_due, completion.planned_due),
        investment=investment_progress(projects, month, curve=curve, thresholds=thresholds),
        signed_start_rate=signed_start_rate(projects),
        start_production_rate=start_production_rate(projects),
        output_rate=output_rate(projects),
    )


def _group_values(value: Hashable | Iterable[Hashable] | None) -> list[Hashable]:
    """None -> no group; a list, tuple, set or frozenset -> one group per distinct item; else one group."""
    if value is None:
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return list(dict.fromkeys(value))
    return [value]


def group_rates(
    projects_with_groups: Iterable[tuple[ProjectFacts, Mapping[str, object]]],
    key: str,
    *,
    year: int,
    month: int,
    curve: ScheduleCurve = LINEAR,
    thresholds: ProjectThresholds = DEFAULT_THRESHOLDS,
) -> dict[Hashable, RatesSummary]:
    """``summarize`` per value of ``groups[key]``, groups in first-seen order.

    Each item is (facts, groups), e.g. (facts, {"county": "榆次区", "zone": None, "tags": ["省重点", "两新"]}).
    A collection value puts the project once in each of its distinct groups (tags); None or an empty
    collection puts it in none (a project outside any zone). A missing key raises KeyError: every project
    must say. The nature is a group like any other: put it in the mapping when you want it.
    """
    members: dict[Hashable, list[ProjectFacts]] = {}
    for facts, groups in projects_with_groups:
        for value in _group_values(groups[key]):
            members.setdefault(value, []).append(facts)
    return {
        group: summarize(projects, year=year, month=month, curve=curve, thresholds=thresholds)
        for group, projects in members.items()
    }
