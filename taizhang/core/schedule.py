"""序时进度 (time-elapsed schedule), gaps, statuses and 红黄绿灯 lights: pure functions, standard library only.

Everything here works on plain numbers and dates so it can be table-tested against published figures;
Django code only moves data in and out (shared/STYLE.md, "Pure kernels"). No Django import, ever.

Sources (shared/domain/glossary.md):
- §1.1 序时进度 = m/12 (monthly reports) or 已过天数/全年天数 (dashboards, 366 in leap years);
  gap 超/低于序时进度 (个百分点) = 完成率(%) − 序时进度(%); growth-rate targets are compared in pp, never as a ratio.
- §1.2 银川市发改委 2025 重点项目"红黄绿灯": 低于序时进度 10–30 个百分点(含) yellow, >30 red;
  天津市发改委 2022 投资"红黄绿"分级监测: growth ≥ plan green, growth below plan yellow, 负增长 red.

Rounding decision
-----------------
taizhang computes every percentage and every gap from UNROUNDED values, and rounds ONCE, for display only,
to ONE decimal with ROUND_HALF_UP on the decimal representation (``round1``: ``Decimal(str(value))``).
Published example (glossary §1.1): 1–10月 completion 97.2% vs 序时 10/12 = 83.333…% gives a gap of
13.866… pp, which taizhang shows as 13.9. The report itself printed 13.8 because it first rounded 序时 to
83.4 and subtracted. The other published figures agree with this rule: 30.90 − 25 = 5.9; 74 − 66.67 = 7.3;
43.2 − 33.33 = 9.9; 37.8 − 33.33 = 4.5; 44 − 41.67 = 2.3; 85.1 − 83.33 = 1.8.
Lights are decided on the gap AS DISPLAYED (rounded to one decimal), so what a user reads and the light
agree: a gap of −9.96 pp shows as "-10.0" and is yellow; −9.94 shows as "-9.9" and is green; −30.04 shows
as "-30.0" and is still yellow (10–30 个百分点(含)). A 1e-9 pp tolerance is kept at the other comparisons
so that binary-float noise (e.g. 2/30 vs 2/12 giving −9.999999999999996) does not flip a status.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

__all__ = [
    "LIGHT_LABELS",
    "STATUS_LABELS",
    "Evaluation",
    "Light",
    "ScheduleMode",
    "Status",
    "TargetKind",
    "Thresholds",
    "completion_rate",
    "evaluate",
    "expected_progress",
    "format_pp",
    "gap_pp",
    "is_future_period",
    "is_missing",
    "is_report_due",
    "light_for_gap",
    "parse_period",
    "period_end",
    "period_label",
    "period_str",
    "report_due_date",
    "round1",
    "schedule_progress",
    "validate_milestones",
]

Number = int | float | Decimal

# Tolerance, in percentage points, for comparisons at threshold boundaries (see module docstring).
EPSILON_PP = 1e-9


class TargetKind(StrEnum):
    COUNT = "count"  # e.g. 百亿企业 户数, 开工项目 个数
    AMOUNT = "amount"  # e.g. 年度计划投资 亿元
    PERCENTAGE = "percentage"  # a target that is itself a percentage level (e.g. 开工率 90%)
    GROWTH_PP = "growth_pp"  # growth-rate target (GDP +5%): compared in pp, never as a ratio (glossary §1.1)
    MILESTONE = "milestone"  # qualitative task; the report gives % complete (形象进度)


class Status(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AHEAD = "ahead"
    LAGGING = "lagging"
    SEVERELY_LAGGING = "severely_lagging"
    DONE = "done"
    OVERDUE = "overdue"


STATUS_LABELS: dict[Status, str] = {
    Status.NOT_STARTED: "未启动",
    Status.ON_TRACK: "正常推进",
    Status.AHEAD: "超序时",
    Status.LAGGING: "滞后",
    Status.SEVERELY_LAGGING: "严重滞后",
    Status.DONE: "已完成",
    Status.OVERDUE: "逾期",
}


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


LIGHT_LABELS: dict[Light, str] = {
    Light.GREEN: "绿灯",
    Light.YELLOW: "黄灯",
    Light.RED: "红灯",
}


class ScheduleMode(StrEnum):
    # glossary §1.1: official monthly reports use m/12; dashboards use 已过天数/全年天数. Support both.
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True)
class Thresholds:
    """Warning thresholds. Defaults follow 银川 2025 (glossary §1.2); 晋中 has published none ([NOT FOUND])."""

    yellow_lag_pp: float = 10.0  # 银川 2025: 低于序时进度 10–30 个百分点(含) = yellow
    red_lag_pp: float = 30.0  # 银川 2025: 低于序时进度 >30 个百分点 = red
    mode: ScheduleMode = ScheduleMode.MONTH
    # A period YYYY-MM's report is due by this day of the FOLLOWING month. A setting, [INFERRED]: no
    # 晋中 rule found; 盘锦 2021 used the 28th of the same month (glossary §8.1).
    report_due_day: int = 5

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "mode", ScheduleMode(self.mode))
        except ValueError:
            raise ValueError(f"序时进度计算方式应为month或day，收到“{self.mode}”") from None
        if not 0 <= self.yellow_lag_pp <= self.red_lag_pp:
            raise ValueError("预警阈值应满足 0 ≤ 黄灯阈值 ≤ 红灯阈值（单位：个百分点）")
        if not 1 <= self.report_due_day <= 31:
            raise ValueError("报送截止日应在1—31之间")


# ---------------------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------------------


def _check_period(year: int, month: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"月份应在1—12之间，收到{month}")
    if not 1 <= year <= 9999:
        raise ValueError(f"年份无效：{year}")


def period_end(year: int, month: int) -> date:
    """Last day of the month (year, month): the date a cumulative 1–m月 figure refers to."""
    _check_period(year, month)
    return date(year, month, calendar.monthrange(year, month)[1])


def period_str(year: int, month: int) -> str:
    """Machine form of a period: (2025, 10) -> "2025-10"."""
    _check_period(year, month)
    return f"{year:04d}-{month:02d}"


_PERIOD_RE = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII digits only: "２０２５-10" is rejected
_PERIOD_FORMAT_ERROR = "报告期格式应为YYYY-MM，例如2025-10"


def parse_period(text: str) -> tuple[int, int]:
    """Parse "2025-10" -> (2025, 10). Surrounding whitespace is ignored; anything else raises ValueError."""
    if not isinstance(text, str):
        raise ValueError(_PERIOD_FORMAT_ERROR)
    match = _PERIOD_RE.fullmatch(text.strip())
    if match is None:
        raise ValueError(_PERIOD_FORMAT_ERROR)
    year, month = int(match[1]), int(match[2])
    if year < 1 or not 1 <= month <= 12:
        raise ValueError(_PERIOD_FORMAT_ERROR)
    return year, month


def period_label(year: int, month: int) -> str:
    """Chinese cumulative-period label as reports print it: "2025年1—10月"; January alone: "2025年1月"."""
    _check_period(year, month)
    if month == 1:
        return f"{year}年1月"
    return f"{year}年1—{month}月"  # em dash, as in 1—10月 of printed reports


def is_future_period(year: int, month: int, *, today: date) -> bool:
    """True when the period starts after today's month (nothing can be reported for it yet)."""
    _check_period(year, month)
    return (year, month) > (today.year, today.month)


# ---------------------------------------------------------------------------------------------------------
# Reporting calendar
# ---------------------------------------------------------------------------------------------------------

# glossary §8.1 (方正县): A/B tasks report monthly, C tasks quarterly.
_QUARTER_END_MONTHS = (3, 6, 9, 12)


def is_report_due(frequency: str, month: int) -> bool:
    """Whether a report is expected for `month` at this frequency ("monthly" or "quarterly")."""
    if not 1 <= month <= 12:
        raise ValueError(f"月份应在1—12之间，收到{month}")
    if frequency == "monthly":
        return True
    if frequency == "quarterly":
        return month in _QUARTER_END_MONTHS
    raise ValueError(f"未知的报送频次：“{frequency}”（应为monthly或quarterly）")


def report_due_date(year: int, month: int, *, due_day: int) -> date:
    """`due_day` of the month after the period, clamped to that month's length (31 -> Feb 28/29)."""
    _check_period(year, month)
    if not 1 <= due_day <= 31:
        raise ValueError("报送截止日应在1—31之间")
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    last_day = calendar.monthrange(next_year, next_month)[1]
    return date(next_year, next_month, min(due_day, last_day))


def is_missing(
    *,
    year: int,
    month: int,
    frequency: str,
    has_report: bool,
    today: date,
    thresholds: Thresholds = Thresholds(),  # noqa: B008 - frozen, safe as a default
) -> bool:
    """未报送: a report is due for the period, none was submitted, and today is after the due date.

    On the due date itself the report is not yet late.
    """
    if has_report or not is_report_due(frequency, month):
        return False
    return today > report_due_date(year, month, due_day=thresholds.report_due_day)


# ---------------------------------------------------------------------------------------------------------
# 序时进度
# ---------------------------------------------------------------------------------------------------------


def _days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def _days_elapsed(year: int, as_of: date) -> int:
    """Days from Jan 1 of `year` up to and including `as_of` (Jan 1 itself counts as 1); never negative."""
    return max(0, (as_of - date(year, 1, 1)).days + 1)


def schedule_progress(
    year: int,
    month: int,
    *,
    mode: ScheduleMode | str = ScheduleMode.MONTH,
    as_of: date | None = None,
) -> float:
    """Percent (0..100) of the calendar year elapsed at the end of period (year, month).

    MONTH (glossary §1.1, official monthly reports): month / 12 * 100; `as_of` is ignored.
    DAY (glossary §1.1, dashboards): days elapsed up to and including `as_of` (default: the period's last
    day) / days in the year (366 in leap years) * 100, clamped to 0..100.
    """
    _check_period(year, month)
    if ScheduleMode(mode) is ScheduleMode.MONTH:
        return month / 12 * 100
    as_of = as_of or period_end(year, month)
    days = _days_in_year(year)
    return min(_days_elapsed(year, as_of), days) / days * 100


def _month_position(year: int, month: int, mode: ScheduleMode, as_of: date | None) -> float:
    """Position on the 0..12 month axis used by milestones: end of month m is m.

    DAY mode uses a fractional position for `as_of`: (m - 1) + day / days_in_month, clamped to the year.
    """
    if mode is ScheduleMode.MONTH:
        return float(month)
    as_of = as_of or period_end(year, month)
    if as_of.year < year:
        return 0.0
    if as_of.year > year:
        return 12.0
    return (as_of.month - 1) + as_of.day / calendar.monthrange(year, as_of.month)[1]


def validate_milestones(
    milestones: Sequence[tuple[int, Number]],
    *,
    year: int,
    deadline: date | None = None,
) -> tuple[tuple[int, float], ...]:
    """Check a cumulative milestone plan [(month, cumulative_pct), ...] and return it sorted, pct as float.

    Rules (a cumulative plan, anchors.md §(d)2 "stepwise milestones" 序时 curves):
    months 1..12 and unique; pct 0..100 and non-decreasing; when the deadline falls in `year` (None means
    an annual task, due Dec 31 of `year`), no milestone may come after the deadline month and a milestone
    in the deadline month must say 100. Call this from model/form validation: `expected_progress` and
    `evaluate` raise the same ValueError on bad plans.
    """
    plan: list[tuple[int, float]] = []
    for month, pct in milestones:
        if not (isinstance(month, int) and 1 <= month <= 12):
            raise ValueError(f"里程碑月份应在1—12之间，收到{month}")
        value = float(pct)
        if not 0 <= value <= 100:
            raise ValueError(f"里程碑累计进度应在0—100之间，收到{pct}")
        plan.append((month, value))
    plan.sort()
    for (m1, p1), (m2, p2) in zip(plan, plan[1:], strict=False):
        if m1 == m2:
            raise ValueError(f"里程碑月份重复：{m1}月")
        if p2 < p1:
            raise ValueError(f"里程碑累计进度不能下降：{m1}月{p1:g}%，{m2}月{p2:g}%")
    due = deadline or date(year, 12, 31)
    if due.year == year:
        for month, pct in plan:
            if month > due.month:
                raise ValueError(f"里程碑{month}月晚于完成时限{_date_zh(due)}")
            if month == due.month and pct < 100:
                raise ValueError(f"完成时限所在的{month}月，里程碑累计进度应为100%，收到{pct:g}%")
    return tuple(plan)


def _interpolate(points: Sequence[tuple[float, float]], x: float) -> float:
    """Piecewise-linear through sorted `points`; 0 before the first, hold the last value after it."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def expected_progress(
    year: int,
    month: int,
    *,
    deadline: date | None = None,
    milestones: Sequence[tuple[int, Number]] = (),
    mode: ScheduleMode | str = ScheduleMode.MONTH,
    as_of: date | None = None,
) -> float:
    """Expected cumulative % complete at the end of period (year, month), capped at 100.

    Without milestones: linear 序时 (glossary §1.1) from Jan 1 of `year` to the deadline. A deadline of None
    or Dec 31 of `year` gives `schedule_progress`; an earlier deadline reaches 100 at the deadline month; a
    deadline in a later year spreads linearly over the whole span (2025..2027-12-31 = 36 months). MONTH mode
    counts months (the deadline's month counts whole), DAY mode counts days (both ends included).

    With milestones [(month, cumulative_pct), ...] in `year`: piecewise-linear through (0, 0), the
    milestones, and (deadline, 100) when the deadline is in `year` (None = Dec 31) and no milestone already
    says 100; the value is held after the last point. DAY mode places `as_of` and the deadline at
    fractional months (see `_month_position`).
    """
    _check_period(year, month)
    mode = ScheduleMode(mode)
    if milestones:
        return _expected_from_milestones(year, month, deadline, milestones, mode, as_of)
    if deadline is None:
        return schedule_progress(year, month, mode=mode, as_of=as_of)
    if mode is ScheduleMode.MONTH:
        elapsed = month
        total = (deadline.year - year) * 12 + deadline.month
    else:
        elapsed = _days_elapsed(year, as_of or period_end(year, month))
        total = (deadline - date(year, 1, 1)).days + 1
    if total <= 0:  # deadline before the year began: everything should already be done
        return 100.0
    return min(100.0, elapsed / total * 100)


def _expected_from_milestones(
    year: int,
    month: int,
    deadline: date | None,
    milestones: Sequence[tuple[int, Number]],
    mode: ScheduleMode,
    as_of: date | None,
) -> float:
    plan = validate_milestones(milestones, year=year, deadline=deadline)
    points: list[tuple[float, float]] = [(0.0, 0.0)]
    points.extend((float(m), pct) for m, pct in plan)
    due = deadline or date(year, 12, 31)  # an annual task is due at year end
    if due.year == year and not any(pct >= 100 for _, pct in plan):
        if mode is ScheduleMode.MONTH:
            due_x = float(due.month)
        else:
            due_x = (due.month - 1) + due.day / calendar.monthrange(year, due.month)[1]
        points.append((due_x, 100.0))  # validate_milestones guarantees due_x is after every milestone
    x = _month_position(year, month, mode, as_of)
    return min(100.0, _interpolate(points, x))


# ---------------------------------------------------------------------------------------------------------
# Completion and gaps
# ---------------------------------------------------------------------------------------------------------


def _to_decimal(value: Number) -> Decimal:
    result = value if isinstance(value, Decimal) else Decimal(str(value))
    if not result.is_finite():
        raise ValueError(f"数值无效：{value}")
    return result


def completion_rate(
    actual: float | Decimal | None,
    target: float | Decimal | None,
    baseline: float | Decimal | None = None,
) -> float | None:
    """完成率 in percent: (actual − baseline) / (target − baseline) × 100, baseline defaulting to 0.

    glossary §2 投资完成率 = 1–m月累计完成 / 年度计划 × 100%. The baseline form covers targets like
    "百亿企业 from 8 to 10" (9 -> 50%) and reductions (100 -> 80, at 90 -> 50%). May exceed 100 or be
    negative. None when actual or target is None, or target == baseline. Computed in Decimal so that
    30.9 / 100 gives 30.9, not 30.900000000000002.
    """
    if actual is None or target is None:
        return None
    base = _to_decimal(baseline) if baseline is not None else Decimal(0)
    span = _to_decimal(target) - base
    if span == 0:
        return None
    return float((_to_decimal(actual) - base) / span * 100)


def gap_pp(completion: float, expected: float) -> float:
    """超/低于序时进度 in percentage points (glossary §1.1): completion − expected; positive = 超序时."""
    return completion - expected


# ---------------------------------------------------------------------------------------------------------
# Display helpers
# ---------------------------------------------------------------------------------------------------------

_ONE_DECIMAL = Decimal("0.1")


def round1(value: float | Decimal | None) -> Decimal | None:
    """One decimal, ROUND_HALF_UP, on the decimal representation (Decimal(str(value))); "-0.0" becomes 0.0.

    Display only: compute with unrounded values (module docstring, "Rounding decision").
    """
    if value is None:
        return None
    rounded = _to_decimal(value).quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return rounded if rounded != 0 else Decimal("0.0")


def format_pp(value: float | Decimal | None) -> str:
    """Signed percentage points for display: "+5.9", "-12.0", "0.0"; None gives "—"."""
    rounded = round1(value)
    if rounded is None:
        return "—"
    return f"+{rounded}" if rounded > 0 else str(rounded)


def _pct(value: Number) -> str:
    return f"{round1(value)}%"


def _abs_pp(value: Number) -> str:
    return str(round1(abs(value)))


def _threshold(value: float) -> str:
    """Thresholds without a needless ".0": 10.0 -> "10", 7.5 -> "7.5"."""
    rounded = round1(value)
    return str(rounded.to_integral_value()) if rounded == rounded.to_integral_value() else str(rounded)


def _date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# ---------------------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    status: Status
    light: Light
    completion: float | None  # % complete; None for growth targets and when there is no approved report
    expected: float | None  # 序时 %; None for growth targets
    gap_pp: float | None  # completion − expected; for growth targets: actual growth − target growth, in pp
    reason: str  # one Chinese sentence, numbers to one decimal

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def light_label(self) -> str:
        return LIGHT_LABELS[self.light]


def light_for_gap(gap: float, thresholds: Thresholds) -> Light:
    """银川 2025 (glossary §1.2) on the gap in pp.

    - behind by less than yellow_lag_pp (including ahead): green. 银川 only says "完成序时进度" is green and
      leaves 0–10 pp behind undefined; the glossary's natural reading is green, so it is green here.
    - behind by yellow_lag_pp .. red_lag_pp, both ends included (10–30 个百分点(含)): yellow.
    - behind by more than red_lag_pp (>30): red.
    """
    lag = float(round1(-gap))  # the lag as displayed: a gap shown as "-10.0" is never green
    if lag < thresholds.yellow_lag_pp - EPSILON_PP:
        return Light.GREEN
    if lag <= thresholds.red_lag_pp + EPSILON_PP:
        return Light.YELLOW
    return Light.RED


def _gap_phrase(gap: float, light: Light, thresholds: Thresholds) -> str:
    if gap > EPSILON_PP:
        return f"超序时{_abs_pp(gap)}个百分点"
    if gap >= -EPSILON_PP:
        return "与序时进度持平"
    behind = f"低于序时进度{_abs_pp(gap)}个百分点"
    yellow, red = _threshold(thresholds.yellow_lag_pp), _threshold(thresholds.red_lag_pp)
    if light is Light.GREEN:
        return f"{behind}，未达{yellow}个百分点黄灯线"
    if light is Light.YELLOW:
        return f"{behind}，处于{yellow}—{red}个百分点黄灯区间"
    return f"{behind}，超过{red}个百分点红灯线"


_NO_REPORT = "尚无已审核的进度报告"


def evaluate(
    *,
    target_kind: TargetKind | str,
    target_value: Number | None,
    baseline: Number | None = None,
    actual: Number | None = None,
    year: int,
    month: int,
    deadline: date | None = None,
    milestones: Sequence[tuple[int, Number]] = (),
    thresholds: Thresholds = Thresholds(),  # noqa: B008 - frozen, safe as a default
    as_of: date | None = None,
) -> Evaluation:
    """Status and light of one target at the end of period (year, month).

    `actual` is the cumulative value of the latest APPROVED report, or None when there is none. For
    MILESTONE targets `actual` is the reported % complete and `target_value` is ignored (treated as 100).
    Order of rules: DONE (≥100%) > OVERDUE (deadline passed) > NOT_STARTED (no report or ≤0%) > the gap
    bands of `light_for_gap`. NOT_STARTED keeps the light its gap gives (nothing in January is green,
    nothing in October is red). GROWTH_PP targets follow `_evaluate_growth` instead.
    Raises ValueError for an unknown kind, a missing target, target == baseline, or a bad milestone plan.
    """
    try:
        kind = TargetKind(target_kind)
    except ValueError:
        raise ValueError(f"未知的指标类型：“{target_kind}”") from None
    _check_period(year, month)
    if kind is TargetKind.GROWTH_PP:
        return _evaluate_growth(target_value, actual, month)

    if kind is TargetKind.MILESTONE:
        completion = float(_to_decimal(actual)) if actual is not None else None
    else:
        if target_value is None:
            raise ValueError("目标值缺失，无法计算完成率")
        if _to_decimal(target_value) == (_to_decimal(baseline) if baseline is not None else 0):
            raise ValueError("目标值与基数相同，无法计算完成率")
        completion = completion_rate(actual, target_value, baseline)

    expected = expected_progress(
        year, month, deadline=deadline, milestones=milestones, mode=thresholds.mode, as_of=as_of
    )
    done_so_far = completion if completion is not None else 0.0  # no report counts as 0 for the light
    gap = gap_pp(done_so_far, expected)
    shown = f"完成率{_pct(completion)}" if completion is not None else _NO_REPORT

    def result(status: Status, light: Light, reason: str) -> Evaluation:
        return Evaluation(status, light, completion, expected, gap, reason)

    if done_so_far >= 100 - EPSILON_PP:
        return result(Status.DONE, Light.GREEN, f"{shown}，已完成目标")

    # 宿迁产发 三色督办单 (glossary §1.2): 逾期未办结 = red. The reference day is the period's last day
    # (or `as_of` when given), so a deadline equal to it is not yet overdue.
    check_day = as_of or period_end(year, month)
    if deadline is not None and deadline < check_day:
        return result(Status.OVERDUE, Light.RED, f"完成时限{_date_zh(deadline)}已过，{shown}，未完成目标")

    light = light_for_gap(gap, thresholds)
    phrase = _gap_phrase(gap, light, thresholds)
    if completion is None:
        return result(
            Status.NOT_STARTED, light, f"{_NO_REPORT}，序时进度{_pct(expected)}，按完成率0计{phrase}"
        )
    if completion <= 0:
        return result(Status.NOT_STARTED, light, f"{shown}，尚未启动，序时进度{_pct(expected)}，{phrase}")

    if gap > EPSILON_PP:
        status = Status.AHEAD
    elif light is Light.GREEN:
        status = Status.ON_TRACK
    elif light is Light.YELLOW:
        status = Status.LAGGING
    else:
        status = Status.SEVERELY_LAGGING
    return result(status, light, f"{shown}，序时进度{_pct(expected)}，{phrase}")


def _evaluate_growth(target_value: Number | None, actual: Number | None, month: int) -> Evaluation:
    """Growth-rate targets (e.g. GDP +5%).

    glossary §1.1 caveat: never a completion ratio (ratios misbehave for negative plans or actuals); the
    gap is actual growth − target growth, in pp. Light per 天津 2022 (glossary §1.2): green when growth ≥
    plan, yellow when 0 ≤ growth < plan, red when 负增长. 天津's green also requires ≥ 全市平均; no peer
    average is available here, so that part is not applied. Deadlines and baselines do not apply: the
    figures are cumulative year-on-year rates. DONE only at month 12, when the full-year rate is known.
    """
    if target_value is None:
        raise ValueError("目标增速缺失，无法比较")
    target = _to_decimal(target_value)
    target_shown = f"目标增长{_pct(target)}"
    if actual is None:
        # No figure yet (e.g. GDP is quarterly, FAI has no January release: glossary §9): yellow, not red.
        return Evaluation(Status.NOT_STARTED, Light.YELLOW, None, None, None, f"尚无数据，{target_shown}")

    growth = _to_decimal(actual)
    gap_dec = growth - target  # Decimal, so 6.8 − 6 is 0.8 exactly
    gap = float(gap_dec)
    if growth >= target:
        light = Light.GREEN
    elif growth >= 0:
        light = Light.YELLOW
    else:
        light = Light.RED

    if month == 12 and growth >= target:
        reason = f"全年累计增长{_pct(growth)}，{target_shown}，完成全年目标"
        return Evaluation(Status.DONE, light, None, None, gap, reason)

    growth_shown = f"累计增长{_pct(growth)}"
    if gap_dec > 0:
        status, tail = Status.AHEAD, f"高于目标{_abs_pp(gap_dec)}个百分点"
    elif gap_dec == 0:
        status, tail = Status.ON_TRACK, "与目标持平"
    elif light is Light.YELLOW:
        status, tail = Status.LAGGING, f"低于目标{_abs_pp(gap_dec)}个百分点"
    else:
        status, tail = Status.SEVERELY_LAGGING, f"负增长，低于目标{_abs_pp(gap_dec)}个百分点"
    return Evaluation(status, light, None, None, gap, f"{growth_shown}，{target_shown}，{tail}")
