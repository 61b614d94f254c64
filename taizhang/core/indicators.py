"""Economic indicators: publication calendar, comparison against the annual target, ranks among peers.

Pure functions on plain values, standard library only (plus taizhang.core.schedule, itself pure), so every
rule can be table-tested against the published figures; Django code only moves data in and out
(CONTRIBUTING.md rule 4). No Django import, ever.

Sources (shared/domain/glossary.md):
- §9 the indicator table: GDP and 居民人均可支配收入 are quarterly and cumulative (一季度, 上半年, 前三季度,
  全年); 规上工业增加值 and 一般公共预算收入 monthly cumulative (1–m月); 固定资产投资 monthly cumulative with
  NO January figure (first release 1–2月); 社零 monthly with 1–2月 combined. Targets come from the 政府工作报告
  (晋中 2023: 固定资产投资 ≥7%, 规上工业 ≥7%) and are compared "as the cumulative growth rate versus the
  target growth (in pp), or as the absolute amount versus the annual plan (完成率, compared with 序时进度)".
- §1.1 the caveat: a growth target is compared in percentage points, never as a completion ratio; 序时进度
  = m/12 and 超/低于序时进度 = 完成率 − 序时进度 (pp).
- §1.2 the lights: 银川 2025 10–30 pp(含) yellow, >30 red on the gap to 序时 (amount targets); 天津 2022 on
  growth: ≥ plan green, growing but below plan yellow, 负增长 red (growth targets).
- §9 ranking practice: 11 cities of the province or 12 county-level units; ranks by growth and by volume;
  进位 / 退位 against the previous period; 后三位 call-outs; "低于全省平均X个百分点".
- §4 "十百千": 百亿企业 3 → 8, "年内有望达10户" (a count target measured from a baseline); 规上工业企业
  1164户, the most in the province.

Publication calendar
--------------------
``is_published(spec, month)``: a monthly indicator is published for every month from ``first_month``
(2 for 固定资产投资 and 社零: their first release covers 1–2月); a quarterly one at the quarter-end months
3, 6, 9, 12 (``schedule.is_report_due``), never before ``first_month``. ``published_label`` prints the period
as releases do: cumulative monthly "2025年1—9月" (January alone "2025年1月"), a first release that merges
months "2025年1—2月" even for a non-cumulative series; cumulative quarterly "2025年一季度", "2025年上半年",
"2025年前三季度", "2025年全年" (the 统计局's words for Q1, H1, Q1–3, the year); non-cumulative quarterly
"2025年三季度". ``latest_published`` finds the release a dashboard shows in a month without one (GDP in
October shows 前三季度; 固定资产投资 in January shows last year's 1—12月). Comparing an unpublished period
raises ValueError: the caller asks ``latest_published`` first.

Comparison against the annual target (``compare``)
-------------------------------------------------
Three kinds of target, each answered by the schedule engine (taizhang.core.schedule), never re-derived:
- GROWTH ("规上工业增加值增长7%"): ``schedule.evaluate(target_kind=GROWTH_PP)``, the gap is actual growth −
  target growth in pp (the 天津 rule), light per 天津.
- AMOUNT ("固定资产投资完成X亿元", "百亿企业达10户" from a baseline of 3): completion (actual − baseline) /
  (target − baseline) against 序时 via ``schedule.evaluate(target_kind=AMOUNT)``, light by
  ``schedule.light_for_gap`` with the ``Thresholds`` given (defaults 银川 10/30 pp). Cumulative indicators
  only, or a stock (a count, a balance) measured from its start-of-year ``baseline``.
- LEVEL ("城镇调查失业率控制在5.5%以内"): the actual level against the target level in pp. [INFERRED] No source
  gives a light for a level: met is green, missed is yellow (never red on a level alone).

Direction "lower is better" (能耗, 失业率) flips the sign, and exactly this way:
- GROWTH: the engine is given −target and −actual. 单位GDP能耗 target −3% (下降3%), actual −3.5% reaches it as
  "growth" 3.5 ≥ 3: green, gap +0.5. The engine's gap is then (−actual) − (−target) = target − actual, and its
  "负增长 red" reads "rose when it had to fall": 能耗 actual +0.4% is red, −1% (fell, but less than 3%) yellow.
  A cap on growth (target +2%, "增长控制在2%以内") has no yellow band: anything above +2% is red.
- AMOUNT (a cap, e.g. 能耗总量 ≤ X): completion and 序时 as for HIGHER (``schedule.completion_rate``,
  ``schedule.expected_progress``), the gap is 序时 − completion (``−schedule.gap_pp``), and the light is
  ``light_for_gap`` of that gap: using the cap faster than the year elapses is the lag. No "done" at 100%:
  a cap reached early is a red light, not a finished task.
- LEVEL: gap = target − actual; 失业率 5.2% under a 5.5% ceiling is +0.3 pp, green.
In every case ``Comparison.gap_pp`` is ORIENTED: positive means better than the target or the schedule.
Reasons for "lower is better" targets are written here in 下降/上升 words; HIGHER targets keep the engine's
sentence, so a task and an indicator judged on the same figure read the same.

Ranks (``rank``, ``moves``, ``bottom_three``, ``gap_to_average``)
----------------------------------------------------------------
- Competition ranking ("1, 2, 2, 4") on the values AS DISPLAYED: each value is first rounded to ``digits``
  (ROUND_HALF_UP on Decimal(str(value)); ``round1`` for one decimal), so 47.46 and 47.54, both shown as
  47.5, tie. None is unranked and listed last; the result is ordered best first, ties and the unranked in
  input order. ``higher_is_better=False`` ranks the smallest first (失业率, 能耗).
- ``moves``: previous rank − current rank: > 0 进位 n, < 0 退位 n, 0 持平; no previous rank 新进; no
  current rank: no move (None).
- ``bottom_three``: 后三位 only when more than three are ranked: the keys whose competition rank is among
  the last three places (rank > ranked count − 3). A tie straddling the boundary is a rank above those
  places, so with ranks 1, 2, 3, 3, 3, 3 nobody is flagged: rank 3 of 6 has only two units ahead of it.
- ``gap_to_average``: value − average in pp, computed from the figures given (Decimal, unrounded) and
  rounded once for display; "低于全省平均21.6个百分点". ``peer_average`` is the plain mean of the ranked values:
  pass the province's own published figure instead when there is one (a province's growth is not the mean
  of its cities').
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TypeVar

from taizhang.core.schedule import (
    Light,
    Status,
    TargetKind,
    Thresholds,
    completion_rate,
    evaluate,
    expected_progress,
    format_pp,
    gap_pp,
    is_report_due,
    light_for_gap,
    period_end,
    period_label,
    round1,
)

__all__ = [
    "BOTTOM_PLACES",
    "DIRECTION_LABELS",
    "FREQUENCY_LABELS",
    "MOVE_LABELS",
    "STANDARD",
    "AverageGap",
    "Comparison",
    "Direction",
    "Frequency",
    "IndicatorSpec",
    "Move",
    "MoveKind",
    "TargetType",
    "bottom_three",
    "compare",
    "gap_to_average",
    "is_published",
    "latest_published",
    "moves",
    "peer_average",
    "published_label",
    "published_months",
    "rank",
    "round1",
    "shown",
]

K = TypeVar("K", bound=Hashable)
Number = int | float | Decimal

BOTTOM_PLACES = 3  # 后三位 (glossary §9 ranking practice)


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better: GDP, 投资, 社零, 收入
    LOWER = "lower"  # lower is better: 能耗, 城镇调查失业率


class TargetType(StrEnum):
    GROWTH = "growth"  # 增长X%: pp against the target growth
    AMOUNT = "amount"  # 完成X (亿元, 户): completion against 序时进度
    LEVEL = "level"  # 达到 / 控制在X (a rate level): pp against the target level


FREQUENCY_LABELS: dict[Frequency, str] = {Frequency.MONTHLY: "月度", Frequency.QUARTERLY: "季度"}
DIRECTION_LABELS: dict[Direction, str] = {Direction.HIGHER: "越高越好", Direction.LOWER: "越低越好"}


# ---------------------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------------------


def _decimal(value: object, what: str) -> Decimal:
    """A finite Decimal from an int, float or Decimal (floats via str: 0.1 stays 0.1); else ValueError."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(f"{what}应为数字，收到“{value}”")
    result = value if isinstance(value, Decimal) else Decimal(str(value))
    if not result.is_finite():
        raise ValueError(f"{what}应为数字，收到“{value}”")
    return result


def shown(value: Number | None, digits: int = 1, *, what: str = "数值") -> Decimal | None:
    """The value as displayed: ``digits`` decimals, ROUND_HALF_UP on Decimal(str(value)); -0 becomes 0.

    One decimal is exactly the schedule engine's ``round1``.
    """
    if isinstance(digits, bool) or not isinstance(digits, int) or digits < 0:
        raise ValueError(f"小数位数digits应为非负整数，收到“{digits}”")
    if value is None:
        return None
    number = _decimal(value, what)
    if digits == 1:
        return round1(number)
    rounded = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return rounded if rounded != 0 else abs(rounded)


def _pct(value: Number) -> str:
    return f"{round1(value)}%"


def _pp(value: Number) -> str:
    return f"{round1(abs(value))}个百分点"


def _change(value: Decimal) -> str:
    """ "下降3.5%", "增长0.4%", "持平" (as displayed)."""
    rounded = round1(value)
    if rounded < 0:
        return f"下降{-rounded}%"
    if rounded > 0:
        return f"增长{rounded}%"
    return "持平"


# ---------------------------------------------------------------------------------------------------------
# The indicator and its publication calendar
# ---------------------------------------------------------------------------------------------------------

_QUARTER_NAMES = {3: "一季度", 6: "二季度", 9: "三季度", 12: "四季度"}
_CUMULATIVE_QUARTER_NAMES = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}


@dataclass(frozen=True)
class IndicatorSpec:
    """What an indicator is and when it is published (glossary §9).

    ``unit`` is the unit of its level (亿元, 元, %, 户); growth rates are always %. ``first_month`` is the
    first month with a release in a year: 2 for 固定资产投资 and 社零 (the first release covers 1–2月).
    """

    name: str
    unit: str
    frequency: Frequency = Frequency.MONTHLY
    cumulative: bool = True
    direction: Direction = Direction.HIGHER
    first_month: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("指标名称name不能为空")
        if not isinstance(self.unit, str) or not self.unit.strip():
            raise ValueError(f"{self.name}：计量单位unit不能为空")
        try:
            object.__setattr__(self, "frequency", Frequency(self.frequency))
        except ValueError:
            raise ValueError(
                f"{self.name}：频次frequency应为monthly或quarterly，收到“{self.frequency}”"
            ) from None
        try:
            object.__setattr__(self, "direction", Direction(self.direction))
        except ValueError:
            raise ValueError(f"{self.name}：方向direction应为higher或lower，收到“{self.direction}”") from None
        if not isinstance(self.cumulative, bool):
            raise ValueError(f"{self.name}：是否累计cumulative应为True或False，收到“{self.cumulative}”")
        first = self.first_month
        if isinstance(first, bool) or not isinstance(first, int) or not 1 <= first <= 12:
            raise ValueError(f"{self.name}：首次发布月份first_month应在1—12之间，收到“{first}”")

    @property
    def higher_is_better(self) -> bool:
        return self.direction is Direction.HIGHER


def _check_month(month: int) -> None:
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise ValueError(f"月份应在1—12之间，收到{month}")


def is_published(spec: IndicatorSpec, month: int) -> bool:
    """Whether the indicator has a release for month ``month`` (of any year): see the module docstring."""
    _check_month(month)
    return month >= spec.first_month and is_report_due(spec.frequency.value, month)


def published_months(spec: IndicatorSpec) -> tuple[int, ...]:
    """The months with a release: (2, 3, …, 12) for 固定资产投资, (3, 6, 9, 12) for GDP."""
    return tuple(m for m in range(1, 13) if is_published(spec, m))


def _not_published(spec: IndicatorSpec, year: int, month: int) -> ValueError:
    months = published_months(spec)
    if spec.frequency is Frequency.QUARTERLY:
        when = "按季度发布（3、6、9、12月）"
    else:
        when = f"首次发布为{published_label(spec, year, months[0])}"
    return ValueError(f"{spec.name}{year}年{month}月不发布数据（{when}）")


def published_label(spec: IndicatorSpec, year: int, month: int) -> str:
    """The release's period as printed: "2025年1—2月", "2025年一季度", "2025年1—9月"; ValueError when none."""
    period_end(year, month)  # checks the period
    if not is_published(spec, month):
        raise _not_published(spec, year, month)
    if spec.frequency is Frequency.QUARTERLY:
        names = _CUMULATIVE_QUARTER_NAMES if spec.cumulative else _QUARTER_NAMES
        return f"{year}年{names[month]}"
    if spec.cumulative:
        return period_label(year, month)  # "2025年1—9月", January alone "2025年1月"
    if month == spec.first_month and month > 1:
        return f"{year}年1—{month}月"  # the first release merges the months before it (社零 1–2月)
    return f"{year}年{month}月"


def latest_published(spec: IndicatorSpec, year: int, month: int) -> tuple[int, int]:
    """The latest release on or before (year, month): GDP in 2025-10 -> (2025, 9); FAI in 2025-01 -> (2024, 12)."""
    period_end(year, month)
    for m in range(month, 0, -1):
        if is_published(spec, m):
            return year, m
    return year - 1, published_months(spec)[-1]


# glossary §9: the standard indicators' calendars. Units are those of the level figure.
STANDARD: dict[str, IndicatorSpec] = {
    spec.name: spec
    for spec in (
        IndicatorSpec("地区生产总值", "亿元", Frequency.QUARTERLY),
        IndicatorSpec("规模以上工业增加值", "亿元"),
        IndicatorSpec("固定资产投资（不含农户）", "亿元", first_month=2),
        IndicatorSpec("社会消费品零售总额", "亿元", first_month=2),
        IndicatorSpec("一般公共预算收入", "亿元"),
        IndicatorSpec("城镇居民人均可支配收入", "元", Frequency.QUARTERLY),
        IndicatorSpec("农村居民人均可支配收入", "元", Frequency.QUARTERLY),
        # [INFERRED] calendars not in the glossary: 城镇调查失业率 is a monthly level (not cumulative).
        IndicatorSpec("城镇调查失业率", "%", cumulative=False, direction=Direction.LOWER),
    )
}


# ---------------------------------------------------------------------------------------------------------
# Comparison against the annual target
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """One indicator's figure for one release against its annual target.

    ``gap_pp`` is oriented: positive is better than the target (GROWTH, LEVEL) or than 序时 (AMOUNT), for
    either direction. ``completion`` and ``expected`` (序时, %) are set for AMOUNT targets only.
    """

    indicator: str
    period_label: str
    target_type: TargetType
    direction: Direction
    target: Decimal
    actual: Decimal | None
    completion: float | None
    expected: float | None
    gap_pp: float | None
    status: Status
    light: Light
    reason: str

    @property
    def gap_display(self) -> str:
        """ "+0.5", "-11.9", "0.0"; "—" without a figure (the oriented gap, the engine's ``format_pp``)."""
        return format_pp(self.gap_pp)


def compare(
    spec: IndicatorSpec,
    *,
    target_type: TargetType | str,
    target: Number,
    actual: Number | None,
    year: int,
    month: int,
    baseline: Number | None = None,
    thresholds: Thresholds = Thresholds(),  # noqa: B008 - frozen, safe as a default
) -> Comparison:
    """Compare the release of (year, month) with the annual target: see the module docstring.

    ``actual`` is the published figure (a growth rate in % for GROWTH, the cumulative amount or the stock
    for AMOUNT, the level for LEVEL), None when it is not in yet. ``baseline`` (AMOUNT only) is the level at
    the start of the year for a stock (百亿企业 3 → 10). ValueError on an unpublished period, a non-cumulative
    indicator compared as an amount without a baseline, or a bad number (the message names the field).
    """
    try:
        kind = TargetType(target_type)
    except ValueError:
        raise ValueError(
            f"{spec.name}：目标类型target_type应为growth、amount或level，收到“{target_type}”"
        ) from None
    label = published_label(spec, year, month)
    goal = _decimal(target, f"{spec.name}的目标值target")
    figure = None if actual is None else _decimal(actual, f"{spec.name}的实际值actual")
    base = None if baseline is None else _decimal(baseline, f"{spec.name}的基数baseline")
    if base is not None and kind is not TargetType.AMOUNT:
        raise ValueError(f"{spec.name}：基数baseline只用于完成量（amount）目标")

    def result(completion, expected, gap, status, light, reason) -> Comparison:
        return Comparison(
            spec.name,
            label,
            kind,
            spec.direction,
            goal,
            figure,
            completion,
            expected,
            gap,
            status,
            light,
            reason,
        )

    if kind is TargetType.GROWTH:
        return result(None, None, *_growth(spec, goal, figure, year, month))
    if kind is TargetType.LEVEL:
        return result(None, None, *_level(spec, goal, figure))

    if not spec.cumulative and base is None:
        raise ValueError(f"{spec.name}不是累计指标，按序时进度比较完成量须给出年初基数baseline")
    if goal == (base or 0):
        raise ValueError(f"{spec.name}：目标值target与基数baseline相同，无法计算完成率")
    if spec.direction is Direction.HIGHER:
        e = evaluate(
            target_kind=TargetKind.AMOUNT,
            target_value=goal,
            baseline=base,
            actual=figure,
            year=year,
            month=month,
            thresholds=thresholds,
        )
        return result(e.completion, e.expected, e.gap_pp, e.status, e.light, e.reason)
    return result(*_amount_cap(spec, goal, base, figure, year, month, thresholds))


def _no_figure(goal_words: str) -> tuple[float | None, Status, Light, str]:
    # Published period, figure not in yet: yellow, as the engine does for growth targets.
    return None, Status.NOT_STARTED, Light.YELLOW, f"尚无数据，{goal_words}"


def _growth(spec: IndicatorSpec, goal: Decimal, figure: Decimal | None, year: int, month: int):
    """GROWTH through schedule.evaluate(GROWTH_PP); LOWER gives it −target and −actual."""
    if spec.direction is Direction.HIGHER:
        e = evaluate(
            target_kind=TargetKind.GROWTH_PP, target_value=goal, actual=figure, year=year, month=month
        )
        return e.gap_pp, e.status, e.light, e.reason
    goal_words = f"目标{_change(goal)}"
    if figure is None:
        return _no_figure(goal_words)
    e = evaluate(target_kind=TargetKind.GROWTH_PP, target_value=-goal, actual=-figure, year=year, month=month)
    gap = e.gap_pp  # (−actual) − (−target) = target − actual: positive is better
    head = f"累计{_change(figure)}，{goal_words}"
    if e.status is Status.DONE:
        return gap, e.status, e.light, f"全年{head}，完成全年目标"
    return gap, e.status, e.light, f"{head}，{_versus_target(Decimal(str(gap)))}"


def _versus_target(gap: Decimal) -> str:
    if gap > 0:
        return f"好于目标{_pp(gap)}"
    if gap == 0:
        return "与目标持平"
    return f"差于目标{_pp(gap)}"


def _level(spec: IndicatorSpec, goal: Decimal, figure: Decimal | None):
    """LEVEL: [INFERRED] met = green, missed = yellow; the oriented gap in pp."""
    higher = spec.direction is Direction.HIGHER
    goal_words = f"目标{'不低于' if higher else '控制在'}{_pct(goal)}{'' if higher else '以内'}"
    if figure is None:
        return _no_figure(goal_words)
    gap = figure - goal if higher else goal - figure
    if gap > 0:
        status, light = Status.AHEAD, Light.GREEN
    elif gap == 0:
        status, light = Status.ON_TRACK, Light.GREEN
    else:
        status, light = Status.LAGGING, Light.YELLOW
    return float(gap), status, light, f"{_pct(figure)}，{goal_words}，{_versus_target(gap)}"


def _amount_cap(
    spec: IndicatorSpec,
    goal: Decimal,
    base: Decimal | None,
    figure: Decimal | None,
    year: int,
    month: int,
    thresholds: Thresholds,
):
    """AMOUNT with LOWER: a cap used against 序时; the engine's gap with its sign flipped."""
    expected = expected_progress(year, month, mode=thresholds.mode)
    goal_words = f"上限{goal.normalize():f}{spec.unit}，序时进度{_pct(expected)}"
    if figure is None:
        return (None, expected, *_no_figure(goal_words))
    completion = completion_rate(figure, goal, base)
    gap = -gap_pp(completion, expected)  # 序时 − completion: using the cap faster than the year is the lag
    light = light_for_gap(gap, thresholds)
    head = f"已用{_pct(completion)}，{goal_words}"
    shown_gap = round1(gap)
    if shown_gap > 0:
        tail = f"低于序时进度{_pp(gap)}"
    elif shown_gap == 0:
        tail = "与序时进度持平"
    else:
        tail = f"超序时进度{_pp(gap)}"
    status = {Light.GREEN: Status.ON_TRACK, Light.YELLOW: Status.LAGGING}.get(light, Status.SEVERELY_LAGGING)
    return completion, expected, gap, status, light, f"{head}，{tail}"


# ---------------------------------------------------------------------------------------------------------
# Ranks among peers
# ---------------------------------------------------------------------------------------------------------


def rank(
    values: Mapping[K, Number | None], *, higher_is_better: bool = True, digits: int = 1
) -> dict[K, int | None]:
    """Competition ranks (1, 2, 2, 4) on the values as displayed; None unranked. Ordered best first."""
    displayed = {key: shown(v, digits, what=f"“{key}”的数值") for key, v in values.items()}
    present = [(key, v) for key, v in displayed.items() if v is not None]
    present.sort(key=lambda kv: kv[1], reverse=higher_is_better)  # stable: ties keep the input order
    result: dict[K, int | None] = {}
    first_place: dict[Decimal, int] = {}
    for place, (key, v) in enumerate(present, start=1):
        result[key] = first_place.setdefault(v, place)
    for key, v in displayed.items():
        if v is None:
            result[key] = None
    return result


class MoveKind(StrEnum):
    UP = "up"  # 进位
    DOWN = "down"  # 退位
    SAME = "same"  # 持平
    NEW = "new"  # 新进: no previous rank


MOVE_LABELS: dict[MoveKind, str] = {
    MoveKind.UP: "进位",
    MoveKind.DOWN: "退位",
    MoveKind.SAME: "持平",
    MoveKind.NEW: "新进",
}


@dataclass(frozen=True)
class Move:
    """A rank's change against the previous period; ``places`` is never negative."""

    kind: MoveKind
    places: int = 0

    @property
    def signed(self) -> int | None:
        """+n for 进位 n, −n for 退位 n, 0 for 持平, None for 新进."""
        if self.kind is MoveKind.NEW:
            return None
        return -self.places if self.kind is MoveKind.DOWN else self.places

    @property
    def label(self) -> str:
        """ "进位2", "退位1", "持平", "新进"."""
        word = MOVE_LABELS[self.kind]
        return f"{word}{self.places}" if self.kind in (MoveKind.UP, MoveKind.DOWN) else word


def moves(current: Mapping[K, int | None], previous: Mapping[K, int | None]) -> dict[K, Move | None]:
    """Each current key's move: previous − current rank; 新进 without a previous rank; None when unranked now."""
    result: dict[K, Move | None] = {}
    for key, now in current.items():
        before = previous.get(key)
        if now is None:
            result[key] = None
        elif before is None:
            result[key] = Move(MoveKind.NEW)
        elif before > now:
            result[key] = Move(MoveKind.UP, before - now)
        elif before < now:
            result[key] = Move(MoveKind.DOWN, now - before)
        else:
            result[key] = Move(MoveKind.SAME)
    return result


def bottom_three(ranks: Mapping[K, int | None], places: int = BOTTOM_PLACES) -> list[K]:
    """后三位: keys ranked in the last ``places`` places, worst last; [] unless more than ``places`` ranked."""
    ranked = [(r, key) for key, r in ranks.items() if r is not None]
    if len(ranked) <= places:
        return []
    cut = len(ranked) - places
    order = {key: i for i, key in enumerate(ranks)}
    return [key for r, key in sorted(ranked, key=lambda rk: (rk[0], order[rk[1]])) if r > cut]


def peer_average(values: Mapping[Hashable, Number | None]) -> Decimal | None:
    """The plain mean of the values given (None left out), unrounded; None when there are none."""
    present = [_decimal(v, f"“{k}”的数值") for k, v in values.items() if v is not None]
    if not present:
        return None
    return sum(present, Decimal(0)) / len(present)


@dataclass(frozen=True)
class AverageGap:
    """A value against the peer average: ``gap_pp`` = value − average (unrounded); ``behind`` is oriented."""

    gap_pp: Decimal
    behind: bool
    label: str


def gap_to_average(
    value: Number, average: Number, *, higher_is_better: bool = True, peers: str = "全省"
) -> AverageGap:
    """ "低于全省平均21.6个百分点" / "高于…" / "与全省平均持平"; ``behind`` means worse for the direction."""
    gap = _decimal(value, "数值value") - _decimal(average, "平均值average")
    rounded = round1(gap)
    if rounded > 0:
        label = f"高于{peers}平均{_pp(gap)}"
    elif rounded < 0:
        label = f"低于{peers}平均{_pp(gap)}"
    else:
        label = f"与{peers}平均持平"
    behind = rounded < 0 if higher_is_better else rounded > 0
    return AverageGap(gap, behind, label)
