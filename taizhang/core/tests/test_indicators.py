"""Table-driven tests for taizhang.core.indicators (publication calendar, target comparison, peer ranks).

Pure Python: no Django, no database. Run with
    .venv/bin/python -m pytest -q -p no:cacheprovider taizhang/core/tests/test_indicators.py

Published figures: shared/domain/glossary.md §2 (山西 2019 重点工程 1–8月 1594.2/2306.8 = 69.1%, 长治 124.9%
first … 晋中 47.5% last; 2017 Q1 开复工率 全省 46.5%, 晋中 70.5% 2nd of 11), §4 (百亿企业 3 → 8, 年内有望达10户;
规上工业企业 1164户, the most in the province), §9 (晋中 2024 GDP 2458.8亿元 +2.3%, 4th by size; 2025 H1 规上
工业 +6.8%; 2023 targets 固定资产投资 ≥7%, 规上工业 ≥7%; FAI has no January release; 社零 1–2月 combined;
GDP and 居民收入 quarterly). Every other figure is CONSTRUCTED and marked so.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from taizhang.core import indicators
from taizhang.core.indicators import (
    STANDARD,
    AverageGap,
    Comparison,
    Direction,
    Frequency,
    IndicatorSpec,
    Move,
    MoveKind,
    TargetType,
    bottom_three,
    compare,
    gap_to_average,
    is_published,
    latest_published,
    moves,
    peer_average,
    published_label,
    published_months,
    rank,
    shown,
)
from taizhang.core.schedule import (
    Light,
    Status,
    TargetKind,
    Thresholds,
    evaluate,
    light_for_gap,
    round1,
)

GREEN, YELLOW, RED = Light.GREEN, Light.YELLOW, Light.RED

GDP = STANDARD["地区生产总值"]
INDUSTRY = STANDARD["规模以上工业增加值"]
FAI = STANDARD["固定资产投资（不含农户）"]
RETAIL = STANDARD["社会消费品零售总额"]
BUDGET = STANDARD["一般公共预算收入"]
INCOME = STANDARD["城镇居民人均可支配收入"]
UNEMPLOYMENT = STANDARD["城镇调查失业率"]
# CONSTRUCTED specs for the "lower is better" rules (no 晋中 target for them was found).
ENERGY_INTENSITY = IndicatorSpec("单位GDP能耗", "吨标准煤/万元", direction=Direction.LOWER)
ENERGY_TOTAL = IndicatorSpec("能源消费总量", "万吨标准煤", direction=Direction.LOWER)
RETAIL_MONTH = IndicatorSpec("社会消费品零售总额（当月）", "亿元", cumulative=False, first_month=2)
GDP_QUARTER = IndicatorSpec("地区生产总值（当季）", "亿元", Frequency.QUARTERLY, cumulative=False)
BILLION_FIRMS = IndicatorSpec("百亿企业", "户", cumulative=False)  # a stock, counted at each month's end


# --------------------------------------------------------------------------------------------
# The indicator and its publication calendar (glossary §9)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "months"),
    [
        (GDP, (3, 6, 9, 12)),  # quarterly
        (INCOME, (3, 6, 9, 12)),  # quarterly (调查队)
        (INDUSTRY, tuple(range(1, 13))),
        (BUDGET, tuple(range(1, 13))),
        (FAI, tuple(range(2, 13))),  # no January release: the first is 1–2月
        (RETAIL, tuple(range(2, 13))),  # 1–2月 combined
        (IndicatorSpec("x", "亿元", Frequency.QUARTERLY, first_month=4), (6, 9, 12)),
    ],
)
def test_published_months(spec, months):
    assert published_months(spec) == months
    assert [m for m in range(1, 13) if is_published(spec, m)] == list(months)


@pytest.mark.parametrize(
    ("spec", "year", "month", "label"),
    [
        (FAI, 2025, 2, "2025年1—2月"),
        (FAI, 2025, 9, "2025年1—9月"),
        (INDUSTRY, 2025, 1, "2025年1月"),
        (INDUSTRY, 2025, 6, "2025年1—6月"),
        (RETAIL, 2025, 2, "2025年1—2月"),
        (RETAIL_MONTH, 2025, 2, "2025年1—2月"),  # the first release merges January into it
        (RETAIL_MONTH, 2025, 3, "2025年3月"),
        (UNEMPLOYMENT, 2025, 1, "2025年1月"),
        (UNEMPLOYMENT, 2025, 9, "2025年9月"),
        (GDP, 2025, 3, "2025年一季度"),
        (GDP, 2025, 6, "2025年上半年"),
        (GDP, 2025, 9, "2025年前三季度"),
        (GDP, 2024, 12, "2024年全年"),
        (GDP_QUARTER, 2025, 9, "2025年三季度"),
        (GDP_QUARTER, 2025, 12, "2025年四季度"),
        (BILLION_FIRMS, 2025, 10, "2025年10月"),
    ],
)
def test_published_label(spec, year, month, label):
    assert published_label(spec, year, month) == label


@pytest.mark.parametrize(
    ("spec", "month", "message"),
    [
        (FAI, 1, "固定资产投资（不含农户）2025年1月不发布数据（首次发布为2025年1—2月）"),
        (RETAIL, 1, "社会消费品零售总额2025年1月不发布数据（首次发布为2025年1—2月）"),
        (GDP, 10, "地区生产总值2025年10月不发布数据（按季度发布（3、6、9、12月））"),
    ],
)
def test_an_unpublished_period_has_no_label_and_says_when_it_is_published(spec, month, message):
    with pytest.raises(ValueError) as raised:
        published_label(spec, 2025, month)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("spec", "year", "month", "latest"),
    [
        (GDP, 2025, 10, (2025, 9)),  # October shows 前三季度
        (GDP, 2025, 2, (2024, 12)),  # before the first quarter: last year's 全年
        (GDP, 2025, 12, (2025, 12)),
        (FAI, 2025, 1, (2024, 12)),  # no January release: last year's 1—12月
        (FAI, 2025, 2, (2025, 2)),
        (INDUSTRY, 2025, 1, (2025, 1)),
    ],
)
def test_latest_published(spec, year, month, latest):
    assert latest_published(spec, year, month) == latest


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "", "unit": "亿元"}, "指标名称name不能为空"),
        ({"name": "GDP", "unit": " "}, "GDP：计量单位unit不能为空"),
        ({"name": "GDP", "unit": "亿元", "frequency": "yearly"}, "GDP：频次frequency应为monthly或quarterly"),
        ({"name": "GDP", "unit": "亿元", "direction": "up"}, "GDP：方向direction应为higher或lower"),
        ({"name": "GDP", "unit": "亿元", "cumulative": "yes"}, "GDP：是否累计cumulative应为True或False"),
        ({"name": "GDP", "unit": "亿元", "first_month": 0}, "GDP：首次发布月份first_month应在1—12之间"),
        ({"name": "GDP", "unit": "亿元", "first_month": 13}, "GDP：首次发布月份first_month应在1—12之间"),
    ],
)
def test_a_bad_spec_is_refused_naming_the_field(kwargs, message):
    with pytest.raises(ValueError, match=message):
        IndicatorSpec(**kwargs)


def test_the_spec_is_frozen_and_takes_plain_strings():
    spec = IndicatorSpec("能耗", "万吨标准煤", "quarterly", direction="lower")
    assert (spec.frequency, spec.direction, spec.higher_is_better) == (
        Frequency.QUARTERLY,
        Direction.LOWER,
        False,
    )
    with pytest.raises(AttributeError):
        spec.unit = "亿元"
    assert GDP.higher_is_better and not UNEMPLOYMENT.higher_is_better


@pytest.mark.parametrize("month", [0, 13, True])
def test_is_published_checks_the_month(month):
    with pytest.raises(ValueError, match="月份应在1—12之间"):
        is_published(GDP, month)


# --------------------------------------------------------------------------------------------
# Comparison against the annual target
# --------------------------------------------------------------------------------------------


def growth(spec, target, actual, month=9, year=2025) -> Comparison:
    return compare(spec, target_type=TargetType.GROWTH, target=target, actual=actual, year=year, month=month)


@pytest.mark.parametrize(
    ("spec", "year", "month", "target", "actual", "light", "gap", "reason"),
    [
        # 2025 H1 规上工业 +6.8% (published) against the 2023 target ≥7% (published; the pairing is constructed)
        (INDUSTRY, 2025, 6, 7, 6.8, YELLOW, "-0.2", "累计增长6.8%，目标增长7.0%，低于目标0.2个百分点"),
        # 晋中 2024 GDP +2.3% (published) against a CONSTRUCTED 5% target (晋中's is [NOT FOUND])
        (GDP, 2024, 12, 5, 2.3, YELLOW, "-2.7", "累计增长2.3%，目标增长5.0%，低于目标2.7个百分点"),
        (GDP, 2024, 12, 2, 2.3, GREEN, "+0.3", "全年累计增长2.3%，目标增长2.0%，完成全年目标"),
        (FAI, 2025, 2, 7, -1.5, RED, "-8.5", "累计增长-1.5%，目标增长7.0%，负增长，低于目标8.5个百分点"),
        (FAI, 2025, 9, 7, 7, GREEN, "0.0", "累计增长7.0%，目标增长7.0%，与目标持平"),
        (FAI, 2025, 9, 7, None, YELLOW, "—", "尚无数据，目标增长7.0%"),
    ],
)
def test_a_growth_target_is_compared_in_percentage_points(
    spec, year, month, target, actual, light, gap, reason
):
    result = growth(spec, target, actual, month, year)
    assert (result.light, result.gap_display, result.reason) == (light, gap, reason)
    assert result.completion is None and result.expected is None  # never a completion ratio (§1.1)


@pytest.mark.parametrize("actual", [-3, -0.1, 0, 3.4, 6.99, 7, 7.01, 12, None])
@pytest.mark.parametrize("month", [3, 9, 12])
def test_a_higher_growth_target_is_the_schedule_engines_verdict(actual, month):
    """The 天津 rule lives in taizhang.core.schedule (GROWTH_PP); this module calls it."""
    engine = evaluate(target_kind=TargetKind.GROWTH_PP, target_value=7, actual=actual, year=2025, month=month)
    result = growth(GDP, 7, actual, month)
    assert (result.status, result.light, result.gap_pp, result.reason) == (
        engine.status,
        engine.light,
        engine.gap_pp,
        engine.reason,
    )


@pytest.mark.parametrize(
    ("target", "actual", "light", "status", "gap", "reason"),
    [
        # 单位GDP能耗 target 下降3% (growth −3), CONSTRUCTED actuals
        (-3, -3.5, GREEN, Status.AHEAD, "+0.5", "累计下降3.5%，目标下降3.0%，好于目标0.5个百分点"),
        (-3, -3, GREEN, Status.ON_TRACK, "0.0", "累计下降3.0%，目标下降3.0%，与目标持平"),
        (-3, -1, YELLOW, Status.LAGGING, "-2.0", "累计下降1.0%，目标下降3.0%，差于目标2.0个百分点"),
        (-3, 0, YELLOW, Status.LAGGING, "-3.0", "累计持平，目标下降3.0%，差于目标3.0个百分点"),
        (-3, 0.4, RED, Status.SEVERELY_LAGGING, "-3.4", "累计增长0.4%，目标下降3.0%，差于目标3.4个百分点"),
        # a cap on growth (增长控制在2%以内) has no yellow band
        (2, 1.5, GREEN, Status.AHEAD, "+0.5", "累计增长1.5%，目标增长2.0%，好于目标0.5个百分点"),
        (2, 2.1, RED, Status.SEVERELY_LAGGING, "-0.1", "累计增长2.1%，目标增长2.0%，差于目标0.1个百分点"),
        (-3, None, YELLOW, Status.NOT_STARTED, "—", "尚无数据，目标下降3.0%"),
    ],
)
def test_lower_is_better_growth_flips_the_sign_of_target_and_actual(
    target, actual, light, status, gap, reason
):
    result = growth(ENERGY_INTENSITY, target, actual)
    assert (result.light, result.status, result.gap_display, result.reason) == (light, status, gap, reason)
    if actual is not None:
        engine = evaluate(
            target_kind=TargetKind.GROWTH_PP, target_value=-target, actual=-actual, year=2025, month=9
        )
        assert (result.light, result.status, result.gap_pp) == (engine.light, engine.status, engine.gap_pp)
        assert result.gap_pp == pytest.approx(target - actual)  # oriented: positive is better


def test_lower_is_better_growth_met_in_december_is_done():
    result = growth(ENERGY_INTENSITY, -3, -3.2, month=12)
    assert (result.status, result.reason) == (Status.DONE, "全年累计下降3.2%，目标下降3.0%，完成全年目标")


def amount(spec, target, actual, month, baseline=None, thresholds=Thresholds(), year=2025) -> Comparison:  # noqa: B008
    return compare(
        spec,
        target_type="amount",
        target=target,
        actual=actual,
        baseline=baseline,
        year=year,
        month=month,
        thresholds=thresholds,
    )


def test_billion_yuan_enterprises_from_3_to_8_of_10_by_october_is_yellow():
    """glossary §4: 百亿企业 3 → 8 (工信局, 2025-10), 年内有望达10户: (8 − 3) / (10 − 3) = 71.4% vs 序时 83.3%."""
    result = amount(BILLION_FIRMS, 10, 8, 10, baseline=3)
    assert (round1(result.completion), round1(result.expected), result.gap_display) == (
        Decimal("71.4"),
        Decimal("83.3"),
        "-11.9",
    )
    assert (result.light, result.status) == (YELLOW, Status.LAGGING)
    assert result.reason == "完成率71.4%，序时进度83.3%，低于序时进度11.9个百分点，处于10—30个百分点黄灯区间"
    assert amount(BILLION_FIRMS, 10, 10, 10, baseline=3).status is Status.DONE


@pytest.mark.parametrize("actual", [0, 10, 20, 45, 52.5, 53.3, 53.4, 60, 73.3, 73.4, 83.3, 90, 100, None])
@pytest.mark.parametrize("month", [2, 6, 10, 12])
def test_a_higher_amount_target_is_the_schedule_engines_verdict(actual, month):
    engine = evaluate(target_kind=TargetKind.AMOUNT, target_value=100, actual=actual, year=2025, month=month)
    result = amount(FAI, 100, actual, month)
    assert (
        result.completion,
        result.expected,
        result.gap_pp,
        result.status,
        result.light,
        result.reason,
    ) == (
        engine.completion,
        engine.expected,
        engine.gap_pp,
        engine.status,
        engine.light,
        engine.reason,
    )


def test_amount_thresholds_are_parameters():
    th = Thresholds(yellow_lag_pp=5, red_lag_pp=20)
    assert amount(FAI, 100, 45, 6, thresholds=th).light is YELLOW  # 5.0 pp behind 50%
    assert amount(FAI, 100, 29, 6, thresholds=th).light is RED
    assert amount(FAI, 100, 45, 6).light is GREEN  # default 10/30


@pytest.mark.parametrize(
    ("actual", "light", "status", "gap", "reason"),
    [
        # 能源消费总量 cap 100 (CONSTRUCTED), September: 序时 75%
        (
            50,
            GREEN,
            Status.ON_TRACK,
            "+25.0",
            "已用50.0%，上限100万吨标准煤，序时进度75.0%，低于序时进度25.0个百分点",
        ),
        (75, GREEN, Status.ON_TRACK, "0.0", "已用75.0%，上限100万吨标准煤，序时进度75.0%，与序时进度持平"),
        (
            84.9,
            GREEN,
            Status.ON_TRACK,
            "-9.9",
            "已用84.9%，上限100万吨标准煤，序时进度75.0%，超序时进度9.9个百分点",
        ),
        (
            85,
            YELLOW,
            Status.LAGGING,
            "-10.0",
            "已用85.0%，上限100万吨标准煤，序时进度75.0%，超序时进度10.0个百分点",
        ),
        (
            105,
            YELLOW,
            Status.LAGGING,
            "-30.0",
            "已用105.0%，上限100万吨标准煤，序时进度75.0%，超序时进度30.0个百分点",
        ),
        (
            110,
            RED,
            Status.SEVERELY_LAGGING,
            "-35.0",
            "已用110.0%，上限100万吨标准煤，序时进度75.0%，超序时进度35.0个百分点",
        ),
        (None, YELLOW, Status.NOT_STARTED, "—", "尚无数据，上限100万吨标准煤，序时进度75.0%"),
    ],
)
def test_lower_is_better_amount_is_a_cap_used_against_the_schedule(actual, light, status, gap, reason):
    result = amount(ENERGY_TOTAL, 100, actual, 9)
    assert (result.light, result.status, result.gap_display, result.reason) == (light, status, gap, reason)


@pytest.mark.parametrize("actual", [0, 20, 50, 60, 66.7, 70, 75, 80, 84.9, 85, 95, 104.9, 105.1, 130])
@pytest.mark.parametrize("month", [3, 9, 12])
def test_lower_is_better_amount_light_is_light_for_gap_of_the_flipped_gap(actual, month):
    result = amount(ENERGY_TOTAL, 100, actual, month)
    engine = evaluate(target_kind=TargetKind.AMOUNT, target_value=100, actual=actual, year=2025, month=month)
    assert result.completion == engine.completion and result.expected == engine.expected
    assert result.gap_pp == -engine.gap_pp
    assert result.light is light_for_gap(-engine.gap_pp, Thresholds())


@pytest.mark.parametrize(
    ("spec", "target", "actual", "light", "gap", "reason"),
    [
        # 城镇调查失业率 控制在5.5%以内 (CONSTRUCTED target)
        (UNEMPLOYMENT, 5.5, 5.2, GREEN, "+0.3", "5.2%，目标控制在5.5%以内，好于目标0.3个百分点"),
        (UNEMPLOYMENT, 5.5, 5.5, GREEN, "0.0", "5.5%，目标控制在5.5%以内，与目标持平"),
        (UNEMPLOYMENT, 5.5, 5.8, YELLOW, "-0.3", "5.8%，目标控制在5.5%以内，差于目标0.3个百分点"),
        (UNEMPLOYMENT, 5.5, None, YELLOW, "—", "尚无数据，目标控制在5.5%以内"),
        # a HIGHER level (税收占比 ≥70%, CONSTRUCTED)
        (
            IndicatorSpec("税收收入占比", "%"),
            70,
            69.3,
            YELLOW,
            "-0.7",
            "69.3%，目标不低于70.0%，差于目标0.7个百分点",
        ),
        (
            IndicatorSpec("税收收入占比", "%"),
            70,
            71,
            GREEN,
            "+1.0",
            "71.0%，目标不低于70.0%，好于目标1.0个百分点",
        ),
    ],
)
def test_a_level_target_is_met_or_missed_in_percentage_points(spec, target, actual, light, gap, reason):
    result = compare(spec, target_type="level", target=target, actual=actual, year=2025, month=9)
    assert (result.light, result.gap_display, result.reason) == (light, gap, reason)


@pytest.mark.parametrize(
    ("spec", "kwargs", "message"),
    [
        (FAI, {"target_type": "growth", "month": 1}, "固定资产投资（不含农户）2025年1月不发布数据"),
        (GDP, {"target_type": "growth", "month": 10}, "地区生产总值2025年10月不发布数据"),
        (FAI, {"target_type": "ratio"}, "目标类型target_type应为growth、amount或level"),
        (FAI, {"target_type": "growth", "target": "7%"}, "固定资产投资（不含农户）的目标值target应为数字"),
        (FAI, {"target_type": "growth", "actual": float("nan")}, "的实际值actual应为数字"),
        (FAI, {"target_type": "growth", "actual": True}, "的实际值actual应为数字"),
        (FAI, {"target_type": "growth", "baseline": 3}, "基数baseline只用于完成量（amount）目标"),
        (FAI, {"target_type": "amount", "target": 3, "baseline": 3}, "目标值target与基数baseline相同"),
        (FAI, {"target_type": "amount", "target": 0}, "目标值target与基数baseline相同"),
        (
            UNEMPLOYMENT,
            {"target_type": "amount"},
            "城镇调查失业率不是累计指标，按序时进度比较完成量须给出年初基数baseline",
        ),
    ],
)
def test_bad_comparisons_are_refused_naming_the_field(spec, kwargs, message):
    arguments = {"target": 7, "actual": 5, "year": 2025, "month": 9} | kwargs
    with pytest.raises(ValueError, match=message):
        compare(spec, **arguments)


def test_the_comparison_carries_its_release_and_figures():
    result = growth(FAI, 7, 6.5, month=2)
    assert (result.indicator, result.period_label, result.target_type, result.direction) == (
        "固定资产投资（不含农户）",
        "2025年1—2月",
        TargetType.GROWTH,
        Direction.HIGHER,
    )
    assert (result.target, result.actual) == (Decimal("7"), Decimal("6.5"))
    assert growth(GDP, 5, 2.3, month=12, year=2024).period_label == "2024年全年"


# --------------------------------------------------------------------------------------------
# Ranks among peers (glossary §9 ranking practice)
# --------------------------------------------------------------------------------------------

# 山西 2019 1–8月 重点工程投资完成率 by city: 长治 124.9% (first) and 晋中 47.5% (last) are published
# (glossary §2); the nine others are CONSTRUCTED, placed between them.
KEY_WORKS_2019 = {
    "太原": 80.2,
    "大同": 70.4,
    "朔州": 66.0,
    "忻州": 75.3,
    "吕梁": 58.1,
    "晋中": 47.5,
    "阳泉": 62.7,
    "长治": 124.9,
    "晋城": 90.6,
    "临汾": 55.0,
    "运城": 69.9,
}
SHANXI_2019 = 1594.2 / 2306.8 * 100  # 69.1%, published (glossary §2)

# 2017 Q1 开复工率: 晋中 70.5%, 2nd of 11 (published); 全省 46.5% (published); the rest CONSTRUCTED.
START_RESUME_2017Q1 = {
    "太原": 52.0,
    "大同": 41.3,
    "朔州": 38.8,
    "忻州": 44.0,
    "吕梁": 47.9,
    "晋中": 70.5,
    "阳泉": 36.2,
    "长治": 73.1,
    "晋城": 58.4,
    "临汾": 40.0,
    "运城": 45.5,
}

# 2024 GDP 亿元: 晋中 2458.8, 4th by size (published); the rest CONSTRUCTED (not the real figures).
GDP_2024 = {
    "太原": 5400.0,
    "大同": 1900.0,
    "朔州": 1300.0,
    "忻州": 1400.0,
    "吕梁": 2300.0,
    "晋中": 2458.8,
    "阳泉": 900.0,
    "长治": 2900.0,
    "晋城": 2000.0,
    "临汾": 2200.0,
    "运城": 2600.0,
}


def test_2019_key_works_completion_changzhi_first_jinzhong_last():
    ranks = rank(KEY_WORKS_2019)
    assert (ranks["长治"], ranks["晋中"]) == (1, 11)
    assert list(ranks)[0] == "长治" and list(ranks)[-1] == "晋中"
    assert bottom_three(ranks) == ["吕梁", "临汾", "晋中"]
    assert round1(SHANXI_2019) == Decimal("69.1")
    behind = gap_to_average(KEY_WORKS_2019["晋中"], SHANXI_2019)
    assert (behind.label, behind.behind) == ("低于全省平均21.6个百分点", True)
    assert gap_to_average(KEY_WORKS_2019["长治"], round1(SHANXI_2019)).label == "高于全省平均55.8个百分点"


def test_2017_first_quarter_start_resume_rate_jinzhong_second_of_eleven():
    ranks = rank(START_RESUME_2017Q1)
    assert ranks["晋中"] == 2
    assert sum(1 for r in ranks.values() if r is not None) == 11
    assert "晋中" not in bottom_three(ranks)
    assert gap_to_average(70.5, 46.5) == AverageGap(Decimal("24.0"), False, "高于全省平均24.0个百分点")


def test_2024_gdp_jinzhong_fourth_by_size():
    assert rank(GDP_2024)["晋中"] == 4


def test_most_above_scale_industrial_enterprises_in_the_province():
    """glossary §4: 规上工业企业 1164户, the most in the province (the other counts CONSTRUCTED)."""
    counts = {"晋中": 1164, "太原": 1100, "长治": 980, "运城": 960, "临汾": 700}
    assert rank(counts, digits=0)["晋中"] == 1


@pytest.mark.parametrize(
    ("values", "kwargs", "expected"),
    [
        ({"a": 50, "b": 70, "c": 60}, {}, {"b": 1, "c": 2, "a": 3}),
        ({"a": 70, "b": 70, "c": 60, "d": 50}, {}, {"a": 1, "b": 1, "c": 3, "d": 4}),  # 1, 1, 3, 4
        ({"a": 70, "b": 60, "c": 60, "d": 50}, {}, {"a": 1, "b": 2, "c": 2, "d": 4}),  # 1, 2, 2, 4
        ({"a": 47.46, "b": 47.54, "c": 47.44}, {}, {"a": 1, "b": 1, "c": 3}),  # 47.5, 47.5, 47.4 as shown
        ({"a": 47.45, "b": 47.5}, {}, {"a": 1, "b": 1}),  # ROUND_HALF_UP on the decimal: 47.45 shows 47.5
        ({"a": 47.46, "b": 47.54}, {"digits": 2}, {"b": 1, "a": 2}),
        ({"a": 1163.6, "b": 1164.4}, {"digits": 0}, {"a": 1, "b": 1}),
        ({"a": None, "b": 10, "c": None, "d": 20}, {}, {"d": 1, "b": 2, "a": None, "c": None}),
        ({"a": 5.2, "b": 4.8, "c": 5.2}, {"higher_is_better": False}, {"b": 1, "a": 2, "c": 2}),  # 失业率
        ({"a": -1.5, "b": 2.3, "c": 0}, {}, {"b": 1, "c": 2, "a": 3}),  # negative growth ranks last
        ({"a": Decimal("66.7"), "b": 66.66, "c": 200 / 3}, {}, {"a": 1, "b": 1, "c": 1}),
        ({}, {}, {}),
        ({"a": None}, {}, {"a": None}),
    ],
)
def test_rank(values, kwargs, expected):
    ranks = rank(values, **kwargs)
    assert ranks == expected
    assert list(ranks) == list(expected)  # best first, ties in input order, the unranked last


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"晋中": "47.5%"}, "“晋中”的数值应为数字"),
        ({"晋中": True}, "“晋中”的数值应为数字"),
        ({"晋中": float("inf")}, "应为数字"),
    ],
)
def test_rank_refuses_what_is_not_a_number(bad, message):
    with pytest.raises(ValueError, match=message):
        rank(bad)


@pytest.mark.parametrize("digits", [-1, 1.0, True])
def test_rank_digits_must_be_a_whole_number(digits):
    with pytest.raises(ValueError, match="小数位数digits应为非负整数"):
        rank({"a": 1}, digits=digits)


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (47.45, 1, "47.5"),
        (-0.04, 1, "0.0"),
        (-0.004, 2, "0.00"),
        (2458.85, 1, "2458.9"),
        (1163.5, 0, "1164"),
        (0.125, 2, "0.13"),
        (None, 1, None),
    ],
)
def test_shown_is_round_half_up_on_the_decimal_representation(value, digits, expected):
    result = shown(value, digits)
    assert (str(result) if result is not None else None) == expected


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        ({"a": 1}, {"a": 3}, {"a": (MoveKind.UP, 2, "进位2", 2)}),
        ({"a": 4}, {"a": 1}, {"a": (MoveKind.DOWN, 3, "退位3", -3)}),
        ({"a": 2}, {"a": 2}, {"a": (MoveKind.SAME, 0, "持平", 0)}),
        ({"a": 2}, {}, {"a": (MoveKind.NEW, 0, "新进", None)}),
        ({"a": 2}, {"a": None}, {"a": (MoveKind.NEW, 0, "新进", None)}),
        ({"a": None}, {"a": 1}, {"a": None}),  # unranked now: no move
    ],
)
def test_moves(current, previous, expected):
    result = moves(current, previous)
    got = {k: (m.kind, m.places, m.label, m.signed) if m is not None else None for k, m in result.items()}
    assert got == expected


def test_moves_between_two_months_of_ranks():
    september = rank({"榆次区": 50, "太谷区": 70, "祁县": 40, "榆社县": None})
    october = rank({"榆次区": 90, "太谷区": 80, "祁县": 80, "榆社县": 10})
    assert moves(october, september) == {
        "榆次区": Move(MoveKind.UP, 1),
        "太谷区": Move(MoveKind.DOWN, 1),
        "祁县": Move(MoveKind.UP, 1),
        "榆社县": Move(MoveKind.NEW),
    }


@pytest.mark.parametrize(
    ("ranks", "expected"),
    [
        ({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}, ["d", "e", "f"]),
        (
            {"f": 6, "e": 5, "d": 4, "c": 3, "b": 2, "a": 1},
            ["d", "e", "f"],
        ),  # worst last, whatever the input order
        ({"a": 1, "b": 2, "c": 3}, []),  # three or fewer ranked: no 后三位
        ({"a": 1, "b": 2, "c": 3, "x": None, "y": None}, []),  # the unranked do not count
        ({"a": 1, "b": 2, "c": 3, "d": 4, "x": None}, ["b", "c", "d"]),
        ({"a": 1, "b": 2, "c": 3, "d": 4, "e": 4, "f": 4}, ["d", "e", "f"]),  # tied for last
        ({"a": 1, "b": 2, "c": 2, "d": 2, "e": 5}, ["e"]),  # rank 2 of 5 is not among the last three places
        ({"a": 1, "b": 2, "c": 3, "d": 3, "e": 3, "f": 3}, []),  # a tie straddling the boundary: nobody
        ({}, []),
    ],
)
def test_bottom_three(ranks, expected):
    assert bottom_three(ranks) == expected


def test_peer_average_is_the_plain_mean_of_the_values_given():
    assert peer_average({"a": 10, "b": 20, "c": None}) == Decimal(15)
    assert peer_average({"a": None}) is None
    assert round1(peer_average(KEY_WORKS_2019)) == Decimal("72.8")  # of the partly constructed table


@pytest.mark.parametrize(
    ("value", "average", "kwargs", "label", "behind"),
    [
        (47.5, 69.1, {}, "低于全省平均21.6个百分点", True),
        (5.8, 5.2, {"higher_is_better": False, "peers": "全市"}, "高于全市平均0.6个百分点", True),  # 失业率
        (4.9, 5.2, {"higher_is_better": False, "peers": "全市"}, "低于全市平均0.3个百分点", False),
        (6.84, 6.8, {}, "与全省平均持平", False),  # equal as displayed
    ],
)
def test_gap_to_average(value, average, kwargs, label, behind):
    result = gap_to_average(value, average, **kwargs)
    assert (result.label, result.behind) == (label, behind)


# --------------------------------------------------------------------------------------------
# Shared pieces (that the module imports no Django is tested in test_kernels_are_pure.py).
# --------------------------------------------------------------------------------------------


def test_round1_is_the_schedule_engines():
    assert indicators.round1 is round1


def test_values_are_stable():
    assert [x.value for x in Frequency] == ["monthly", "quarterly"]
    assert [x.value for x in Direction] == ["higher", "lower"]
    assert [x.value for x in TargetType] == ["growth", "amount", "level"]
    assert [x.value for x in MoveKind] == ["up", "down", "same", "new"]
