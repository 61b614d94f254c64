"""Table-driven tests for taizhang.core.projectmetrics (重点项目 rates, 序时 curves, project lights).

Pure Python: no Django, no database. Run with
    .venv/bin/python -m pytest -q -p no:cacheprovider taizhang/core/tests/test_projectmetrics.py

Published figures and thresholds: shared/domain/glossary.md §1.1, §1.2 and §2.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from taizhang.core import projectmetrics
from taizhang.core.projectmetrics import (
    CURVE_LABELS,
    LINEAR,
    NATURE_LABELS,
    CurveKind,
    Dimension,
    InvestmentProgress,
    Nature,
    ProjectFacts,
    ProjectLight,
    ProjectThresholds,
    Rate,
    RatesSummary,
    ScheduleCurve,
    Timing,
    TimingBreakdown,
    classify_timing,
    completion_breakdown,
    completion_rate_dispatch,
    completion_rate_statistical,
    group_rates,
    investment_progress,
    investment_rate,
    month_diff,
    output_rate,
    project_light,
    rate,
    round2,
    seasonal_schedule,
    signed_start_rate,
    start_breakdown,
    start_production_rate,
    start_rate_annual,
    start_rate_due,
    start_resume_rate,
    summarize,
)
from taizhang.core.schedule import Light, TargetKind, Thresholds, evaluate, round1, schedule_progress

GREEN, YELLOW, RED = Light.GREEN, Light.YELLOW, Light.RED
NEW, CONTINUING, PREPARATORY, COMPLETED = (
    Nature.NEW,
    Nature.CONTINUING,
    Nature.PREPARATORY,
    Nature.COMPLETED,
)

# A northern-city curve: winter shutdown in Jan–Feb, peak in summer. Shares in %, summing to 100, so the
# cumulative share at month m is easy to read: 3 -> 10, 6 -> 43, 8 -> 65, 10 -> 86, 12 -> 100.
WINTER = (2, 2, 6, 10, 11, 12, 11, 11, 11, 10, 9, 5)


def d(year: int, month: int, day: int = 15) -> date:
    return date(year, month, day)


def new(planned: date | None, actual: date | None = None, **kw) -> ProjectFacts:
    return ProjectFacts(nature=NEW, planned_start=planned, actual_start=actual, **kw)


def approx(value: float) -> object:
    return pytest.approx(value, abs=1e-9)


# --------------------------------------------------------------------------------------------
# Published figures (glossary §2). Percentages are computed unrounded; the published precision is
# reached with round1 / round2 (ROUND_HALF_UP on the decimal representation).
# --------------------------------------------------------------------------------------------

PUBLISHED = [
    # (source, numerator, denominator, digits, published, label)
    ("开工率 年度计划 (456150.com.cn)", 206, 255, 1, "80.8", "206/255 = 80.8%"),
    ("投资完成率 山西 2019 1–8月", Decimal("1594.2"), Decimal("2306.8"), 1, "69.1", "1594.2/2306.8 = 69.1%"),
    ("开工率 山西 2014", 77, 230, 2, "33.48", "77/230 = 33.48%"),
    ("竣工率 山西 2014", 3, 126, 1, "2.4", "3/126 = 2.4%"),
    ("签约开工率 晋中", 82, 94, 2, "87.23", "82/94 = 87.23%"),
    ("开工投产率 晋中", 67, 107, 2, "62.62", "67/107 = 62.62%"),
    ("投产达效率 晋中", Decimal("216.65"), Decimal("235.04"), 2, "92.18", "216.65/235.04 = 92.18%"),
    # 太原 2021 (twtpybx.cn): only the rates were printed (签约68个 开工率58.82%; 开工57个 投产率29.82%);
    # 40 and 17 are the only counts that give them.
    ("签约开工率 太原 2021 [DERIVED numerator]", 40, 68, 2, "58.82", "40/68 = 58.82%"),
    ("开工投产率 太原 2021 [DERIVED numerator]", 17, 57, 2, "29.82", "17/57 = 29.82%"),
]


@pytest.mark.parametrize(("source", "num", "den", "digits", "published", "label"), PUBLISHED)
def test_published_rates(source, num, den, digits, published, label):
    result = rate(num, den, digits=digits)
    assert result.rounded == Decimal(published)
    assert str(result.rounded) == published
    assert result.label == label


def test_taiyuan_output_rate_as_printed_gives_72_16_not_the_published_72_17():
    """太原 2021: "实际年产值301.7亿元,预计年产值418.12亿元,达效率72.17%" (glossary §2 marks it ✓).

    301.7 / 418.12 = 72.156…%, which is 72.16 half up; no rounding rule gives 72.17 from the printed
    figures. The source must have divided an unrounded output (301.737 ≤ x < 301.778 gives 72.17) and
    printed it to one decimal. taizhang computes from what it is given.
    """
    printed = rate(Decimal("301.7"), Decimal("418.12"), digits=2)
    assert printed.rounded == Decimal("72.16")
    assert rate(Decimal("301.74"), Decimal("418.12"), digits=2).rounded == Decimal("72.17")


def test_published_figures_through_the_portfolio_functions():
    # 206 of the 255 planned new starts of 2019 have started (annual base).
    portfolio = [new(d(2019, 3), d(2019, 3))] * 206 + [new(d(2019, 11))] * 49
    assert start_rate_annual(portfolio, 2019).label == "206/255 = 80.8%"

    # 山西 2014: 77 of 230 planned new starts.
    portfolio = [new(d(2014, 4), d(2014, 4))] * 77 + [new(d(2014, 9))] * 153
    assert round2(start_rate_annual(portfolio, 2014, month=5).percent) == Decimal("33.48")

    # 山西 2019 1–8月 investment, spread over projects (float and Decimal inputs mixed).
    portfolio = [
        ProjectFacts(nature=CONTINUING, annual_plan=1000, cumulative_investment=700.0),
        ProjectFacts(nature=NEW, annual_plan=1000, cumulative_investment=Decimal("600.5")),
        ProjectFacts(nature=COMPLETED, annual_plan=306.8, cumulative_investment=293.7),
        ProjectFacts(nature=PREPARATORY, annual_plan=None, cumulative_investment=50),  # no plan: left out
    ]
    assert investment_rate(portfolio).label == "1594.2/2306.8 = 69.1%"


def test_published_zone_figures_through_the_portfolio_functions():
    """晋中 开发区"三个一批" (glossary §2): 82/94, 67/107, 216.65/235.04."""
    signed_started = [ProjectFacts(nature=NEW, signed=True, started=True)] * 15
    producing = [
        ProjectFacts(
            nature=NEW, signed=True, started=True, producing=True, expected_output=100, actual_output=90
        ),
        ProjectFacts(
            nature=NEW,
            signed=True,
            started=True,
            producing=True,
            expected_output=Decimal("135.04"),
            actual_output=Decimal("126.65"),
        ),
    ] + [ProjectFacts(nature=NEW, signed=True, started=True, producing=True)] * 65  # outputs not reported
    signed_only = [ProjectFacts(nature=PREPARATORY, signed=True)] * 12
    started_unsigned = [ProjectFacts(nature=NEW, started=True)] * 25
    zone = signed_started + producing + signed_only + started_unsigned

    assert signed_start_rate(zone).label == "82/94 = 87.23%"
    assert start_production_rate(zone).label == "67/107 = 62.62%"
    assert output_rate(zone).label == "216.65/235.04 = 92.18%"


def test_statistical_completion_rate_山西_2014():
    """竣工率 (statistical) = 报告期竣工项目 / 报告期施工项目 (施工 = 上期跨入 + 本期新开工 + 复工)."""
    portfolio = (
        [ProjectFacts(nature=CONTINUING)] * 97
        + [ProjectFacts(nature=CONTINUING, actual_completion=d(2014, 3))] * 3
        + [ProjectFacts(nature=CONTINUING, actual_completion=d(2014, 7))]  # completes after the period
        + [new(d(2014, 2), d(2014, 2))] * 25
        # not under construction in 1–4月 2014:
        + [ProjectFacts(nature=CONTINUING, actual_completion=d(2013, 12, 31))]  # finished before
        + [new(d(2014, 3))]  # due, not started
        + [new(d(2014, 3), d(2014, 5, 1))]  # starts after the period
        + [ProjectFacts(nature=PREPARATORY)]
    )
    assert completion_rate_statistical(portfolio, 2014, 4).label == "3/126 = 2.4%"


# --------------------------------------------------------------------------------------------
# Rate and rounding
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("num", "den", "digits", "percent", "label"),
    [
        (0, 0, 1, None, "0/0 = —"),
        (3, 0, 2, None, "3/0 = —"),
        (0, 5, 1, 0.0, "0/5 = 0.0%"),
        (1, 16, 1, 6.25, "1/16 = 6.3%"),  # half up, not half even
        (1, 8, 2, 12.5, "1/8 = 12.50%"),
        (5, 4, 1, 125.0, "5/4 = 125.0%"),
        (0.1, 0.3, 1, 100 / 3, "0.1/0.3 = 33.3%"),
        (Decimal("30.9"), 100, 1, 30.9, "30.9/100 = 30.9%"),  # no binary noise: 30.9, not 30.900000000000002
    ],
)
def test_rate(num, den, digits, percent, label):
    result = rate(num, den, digits=digits)
    assert result.percent == (approx(percent) if percent is not None else None)
    assert result.label == label
    assert result.digits == digits


def test_rate_keeps_counts_as_ints_and_amounts_as_decimals():
    assert rate(3, 4) == Rate(3, 4, 75.0)
    assert type(rate(3, 4).numerator) is int
    assert rate(0.5, 2).numerator == Decimal("0.5")
    with pytest.raises(AttributeError):
        rate(3, 4).percent = 1  # type: ignore[misc]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), True, "3"])
def test_rate_rejects_non_numbers(bad):
    with pytest.raises(ValueError):
        rate(bad, 4)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (82 / 94 * 100, "87.23"),
        (67 / 107 * 100, "62.62"),
        (0.125, "0.13"),  # built-in round(0.125, 2) gives 0.12
        (2.675, "2.68"),  # binary 2.67499999…; Decimal(str()) keeps the decimal intent
        (-2.675, "-2.68"),
        (-0.004, "0.00"),  # no "-0.00"
        (Decimal("1.005"), "1.01"),
        (1.015, "1.02"),  # binary 1.01499999…: built-in round(1.015, 2) gives 1.01
        (100, "100.00"),
    ],
)
def test_round2_is_half_up_on_the_decimal_representation(value, expected):
    assert str(round2(value)) == expected


def test_round2_none_and_non_finite():
    assert round2(None) is None
    with pytest.raises(ValueError):
        round2(float("nan"))


# --------------------------------------------------------------------------------------------
# ProjectFacts
# --------------------------------------------------------------------------------------------


def test_nature_values_and_labels_are_stable():
    assert [n.value for n in Nature] == ["new", "continuing", "preparatory", "completed"]
    assert NATURE_LABELS == {NEW: "新开工", CONTINUING: "续建", PREPARATORY: "前期", COMPLETED: "竣工投产"}


@pytest.mark.parametrize(
    ("given", "nature"), [("new", NEW), ("续建", CONTINUING), (Nature.COMPLETED, COMPLETED)]
)
def test_facts_accept_nature_values_and_chinese_labels(given, nature):
    assert ProjectFacts(nature=given).nature is nature


def test_facts_normalise_amounts_to_decimal_and_datetimes_to_dates():
    facts = ProjectFacts(
        nature="new",
        annual_plan=3.5,
        cumulative_investment=2,
        expected_output=Decimal("1.20"),
        actual_start=datetime(2025, 3, 1, 9, 30),
    )
    assert facts.annual_plan == Decimal("3.5") and isinstance(facts.annual_plan, Decimal)
    assert facts.cumulative_investment == Decimal(2)
    assert facts.expected_output == Decimal("1.20")
    assert facts.actual_start == date(2025, 3, 1) and type(facts.actual_start) is date
    with pytest.raises(AttributeError):
        facts.annual_plan = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"nature": "rebuilt"}, "建设性质"),
        ({"nature": NEW, "annual_plan": -1}, "年度计划投资不能为负数"),
        ({"nature": NEW, "cumulative_investment": float("nan")}, "累计完成投资"),
        ({"nature": NEW, "actual_output": "12"}, "实际年产值应为数字"),
        ({"nature": NEW, "expected_output": True}, "预计年产值应为数字"),
        ({"nature": NEW, "planned_start": "2025-03"}, "计划开工时间应为日期"),
        (
            {"nature": NEW, "actual_start": d(2025, 5), "actual_completion": d(2025, 4)},
            "实际竣工时间早于实际开工时间",
        ),
        (
            {"nature": NEW, "planned_start": d(2025, 5), "planned_completion": d(2025, 4)},
            "计划竣工时间早于计划开工时间",
        ),
        ({"nature": NEW, "registered_on": d(2025, 5)}, "填写了入库时间但未标记已入库"),
    ],
)
def test_facts_reject_bad_values_in_chinese(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ProjectFacts(**kwargs)


def test_facts_are_keyword_only():
    with pytest.raises(TypeError):
        ProjectFacts(NEW)  # type: ignore[misc]


# --------------------------------------------------------------------------------------------
# Month arithmetic: calendar months, days ignored
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "year", "month", "diff"),
    [
        (date(2025, 3, 1), 2025, 3, 0),
        (date(2025, 3, 31), 2025, 3, 0),
        (date(2025, 3, 31), 2025, 4, 1),  # one day later, but the next calendar month
        (date(2025, 3, 1), 2025, 5, 2),
        (date(2025, 3, 15), 2025, 2, -1),
        (date(2024, 11, 30), 2025, 1, 2),  # across the year end
        (date(2024, 12, 1), 2025, 12, 12),
    ],
)
def test_month_diff(day, year, month, diff):
    assert month_diff(day, year, month) == diff


# --------------------------------------------------------------------------------------------
# 开工 / 竣工 timing: 提前 / 按期 / 逾期 / 应开未开 / 未到期, at the end of month (year, month)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned", "actual", "month", "timing"),
    [
        (date(2025, 3, 31), date(2025, 3, 1), 8, Timing.ON_TIME),  # same calendar month
        (date(2025, 3, 1), date(2025, 3, 31), 3, Timing.ON_TIME),
        (date(2025, 3, 1), date(2025, 2, 28), 8, Timing.EARLY),  # one day, but an earlier month
        (date(2025, 3, 15), date(2024, 12, 20), 1, Timing.EARLY),  # started the year before
        (date(2025, 10, 1), date(2025, 7, 1), 8, Timing.EARLY),  # early and not yet due
        (date(2025, 3, 31), date(2025, 4, 1), 8, Timing.LATE),  # 未按期开工 (started late)
        (date(2025, 3, 15), None, 3, Timing.MISSED),  # the planned month has ended: 应开未开
        (date(2025, 3, 15), None, 2, Timing.PENDING),
        (date(2025, 3, 15), date(2025, 4, 2), 3, Timing.MISSED),  # starts after the period: not yet
        (date(2025, 9, 15), date(2025, 9, 2), 8, Timing.PENDING),
    ],
)
def test_classify_timing(planned, actual, month, timing):
    assert classify_timing(planned, actual, 2025, month) is timing


def test_start_breakdown_reproduces_the_published_sentence_reading_early_as_not_yet_due():
    """山西 2019: "1–8月计划开工74项,实际开工72项,其中提前开工3项,未按期开工5项".

    Reading 1: 69 due projects started on time, 5 due ones did not start, and 3 planned for Sep–Dec
    started early; 实际开工 counts them all (69 + 3 = 72).
    """
    portfolio = (
        [new(d(2019, m), d(2019, m)) for m in range(1, 9) for _ in range(9)][:69]
        + [new(d(2019, 6))] * 5
        + [new(d(2019, 10), d(2019, 7))] * 3
        + [new(d(2019, 11))] * 10  # not yet due
    )
    b = start_breakdown(portfolio, 2019, 8)
    assert (b.planned_due, b.done, b.early, b.behind) == (74, 72, 3, 5)
    assert (b.on_time, b.late, b.missed, b.pending, b.early_not_due) == (69, 0, 5, 10, 3)
    assert b.planned_year == 87
    assert start_rate_due(portfolio, 2019, 8).label == "69/74 = 93.2%"  # due base: only due projects
    assert start_rate_annual(portfolio, 2019, month=8).label == "72/87 = 82.8%"


def test_start_breakdown_reproduces_the_published_sentence_reading_all_as_due():
    """Reading 2: all 74 were due; 3 started early, 66 on time, 3 late and 2 not at all (未按期 = 3 + 2)."""
    portfolio = (
        [new(d(2019, 5), d(2019, 4))] * 3
        + [new(d(2019, 5), d(2019, 5))] * 66
        + [new(d(2019, 5), d(2019, 7))] * 3
        + [new(d(2019, 8))] * 2
    )
    b = start_breakdown(portfolio, 2019, 8)
    assert (b.planned_due, b.done, b.early, b.behind) == (74, 72, 3, 5)
    assert (b.on_time, b.late, b.missed, b.pending, b.early_not_due) == (66, 3, 2, 0, 0)
    assert start_rate_due(portfolio, 2019, 8).label == "72/74 = 97.3%"


def test_breakdown_partitions_the_year_plan():
    b = TimingBreakdown(early=4, early_not_due=1, on_time=10, late=2, missed=3, pending=5)
    assert b.planned_year == 4 + 10 + 2 + 3 + 5
    assert b.planned_due == 3 + 10 + 2 + 3
    assert (b.done, b.done_due, b.behind) == (16, 15, 5)


@pytest.mark.parametrize(
    ("facts", "counted"),
    [
        (new(d(2025, 3)), True),
        (new(d(2024, 12)), False),  # planned in another year
        (new(None), False),  # no planned start: in neither base
        (ProjectFacts(nature=PREPARATORY, planned_start=d(2025, 3)), False),  # only 新开工 projects
        (ProjectFacts(nature=CONTINUING, planned_start=d(2025, 3)), False),
        (ProjectFacts(nature=COMPLETED, planned_start=d(2025, 3)), False),
    ],
)
def test_start_rate_population_is_the_years_planned_new_starts(facts, counted):
    assert start_rate_annual([facts], 2025).denominator == int(counted)


@pytest.mark.parametrize(
    ("month", "annual", "due"),
    [
        (2, "1/4 = 25.0%", "0/0 = —"),  # nothing due yet; the early start counts on the annual base only
        (3, "2/4 = 50.0%", "1/2 = 50.0%"),
        (6, "3/4 = 75.0%", "2/3 = 66.7%"),
        (12, "3/4 = 75.0%", "3/4 = 75.0%"),
    ],
)
def test_start_rates_on_both_bases_over_the_year(month, annual, due):
    portfolio = [
        new(d(2025, 3), d(2025, 3)),
        new(d(2025, 3)),
        new(d(2025, 6), d(2025, 6)),
        new(d(2025, 9), d(2025, 1)),  # early
    ]
    assert start_rate_annual(portfolio, 2025, month=month).label == annual
    assert start_rate_due(portfolio, 2025, month).label == due


def test_start_resume_rate():
    """开复工率 = (已开工新开工 + 已复工续建) / (计划新开工 + 续建)."""
    portfolio = (
        [new(d(2025, 2), d(2025, 2))] * 3
        + [new(d(2025, 3))] * 2
        + [ProjectFacts(nature=CONTINUING, resumed=True)] * 4
        + [ProjectFacts(nature=CONTINUING)]
        + [ProjectFacts(nature=PREPARATORY, resumed=True)]  # not in either count
    )
    assert start_resume_rate(portfolio, 2025, month=3).label == "7/10 = 70.0%"


def test_completion_dispatch_山西_2018():
    """山西 2018: 42 to complete this year; by November 22 planned and 22 done, 4 early and 4 late."""
    portfolio = (
        [ProjectFacts(nature=COMPLETED, planned_completion=d(2018, 9), actual_completion=d(2018, 7))] * 4
        + [ProjectFacts(nature=COMPLETED, planned_completion=d(2018, 6), actual_completion=d(2018, 6))] * 14
        + [ProjectFacts(nature=COMPLETED, planned_completion=d(2018, 5), actual_completion=d(2018, 8))] * 4
        + [ProjectFacts(nature=CONTINUING, planned_completion=d(2018, 12))] * 20
        + [ProjectFacts(nature=CONTINUING, planned_completion=d(2019, 6))] * 3  # next year's
    )
    b = completion_breakdown(portfolio, 2018, 11)
    assert (b.planned_year, b.planned_due, b.done, b.early, b.on_time, b.late) == (42, 22, 22, 4, 14, 4)
    assert completion_rate_dispatch(portfolio, 2018, 11).label == "22/22 = 100.0%"


def test_completion_dispatch_counts_missed_and_early_ones_apart():
    portfolio = [
        ProjectFacts(nature=COMPLETED, planned_completion=d(2025, 6), actual_completion=d(2025, 6)),
        ProjectFacts(nature=COMPLETED, planned_completion=d(2025, 6)),  # 应竣未竣
        ProjectFacts(nature=COMPLETED, planned_completion=d(2025, 11), actual_completion=d(2025, 8)),
    ]
    b = completion_breakdown(portfolio, 2025, 9)
    assert (b.on_time, b.missed, b.early, b.early_not_due, b.behind) == (1, 1, 1, 1, 1)
    assert completion_rate_dispatch(portfolio, 2025, 9).label == "1/2 = 50.0%"


def test_a_completed_project_is_under_construction_even_without_a_start_date():
    """The numerator is a subset of the denominator: 竣工 in the period means 施工 in the period."""
    portfolio = [
        ProjectFacts(nature=NEW, actual_completion=d(2025, 5)),  # start date never filled in
        ProjectFacts(nature=NEW, planned_start=d(2025, 3)),  # not started: not under construction
    ]
    assert completion_rate_statistical(portfolio, 2025, 6).label == "1/1 = 100.0%"


@pytest.mark.parametrize(("month", "label"), [(3, "0/3 = 0.0%"), (6, "1/3 = 33.3%"), (12, "2/3 = 66.7%")])
def test_statistical_completion_rate_through_the_year(month, label):
    portfolio = [
        ProjectFacts(nature=CONTINUING, actual_completion=d(2025, 5)),
        ProjectFacts(nature=COMPLETED, actual_completion=d(2025, 11)),
        new(d(2025, 2), d(2025, 2)),
    ]
    assert completion_rate_statistical(portfolio, 2025, month).label == label


# --------------------------------------------------------------------------------------------
# 序时 curves (glossary §1.1): linear m/12 or seasonal monthly shares
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("month", range(1, 13))
def test_linear_curve_is_the_schedule_engines_m_over_12(month):
    assert LINEAR.progress(month) == schedule_progress(2025, month)


@pytest.mark.parametrize(
    ("shares", "month", "expected"),
    [
        (WINTER, 1, 2.0),
        (WINTER, 3, 10.0),
        (WINTER, 6, 43.0),
        (WINTER, 8, 65.0),
        (WINTER, 10, 86.0),
        (WINTER, 12, 100.0),
        ([x / 100 for x in WINTER], 10, 86.0),  # shares as fractions
        ([x * 37.5 for x in WINTER], 10, 86.0),  # or as last year's monthly amounts (亿元): normalised
        ([1] * 12, 10, 250 / 3),  # equal shares are the linear curve
        ([0] * 11 + [1], 11, 0.0),
        ([0] * 11 + [1], 12, 100.0),
        ([Decimal("0.1")] * 10 + [0, 0], 10, 100.0),
    ],
)
def test_seasonal_schedule(shares, month, expected):
    assert seasonal_schedule(shares, month) == approx(expected)


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        ([1] * 11, "应有12个月的占比，收到11个"),
        ([1] * 13, "应有12个月的占比，收到13个"),
        ([1] * 11 + [-1], "12月的占比不能为负数"),
        ([0] * 12, "不能全为0"),
        ([1, "x"] + [1] * 10, "2月的占比应为数字"),
        ([1, float("nan")] + [1] * 10, "2月的占比应为数字"),
        ([True] * 12, "1月的占比应为数字"),
        ("123456789012", "应有12个月的占比"),
        (None, "应有12个月的占比"),
    ],
)
def test_seasonal_schedule_rejects_bad_shares_in_chinese(shares, message):
    with pytest.raises(ValueError, match=message):
        seasonal_schedule(shares, 6)


@pytest.mark.parametrize("month", [0, 13])
def test_curves_reject_bad_months(month):
    with pytest.raises(ValueError, match="月份应在1—12之间"):
        LINEAR.progress(month)
    with pytest.raises(ValueError, match="月份应在1—12之间"):
        seasonal_schedule(WINTER, month)


def test_curves_name_themselves():
    seasonal = ScheduleCurve.seasonal(WINTER)
    assert (LINEAR.kind, LINEAR.label) == (CurveKind.LINEAR, "线性序时")
    assert (seasonal.kind, seasonal.label) == (CurveKind.SEASONAL, "季节性序时")
    assert ScheduleCurve.linear() == LINEAR
    assert CURVE_LABELS == {CurveKind.LINEAR: "线性序时", CurveKind.SEASONAL: "季节性序时"}
    assert seasonal.shares == tuple(Decimal(x) for x in WINTER)


@pytest.mark.parametrize(
    ("curve", "month", "from_month", "expected"),
    [
        (LINEAR, 8, 4, 5 / 9 * 100),  # months 4..8 of 4..12
        (LINEAR, 3, 4, 0.0),  # before the start month
        (LINEAR, 4, 4, 1 / 9 * 100),
        (LINEAR, 12, 4, 100.0),
        (LINEAR, 12, 12, 100.0),
        (LINEAR, 6, 1, 50.0),
        (ScheduleCurve.seasonal(WINTER), 10, 3, (86 - 4) / (100 - 4) * 100),
        (ScheduleCurve.seasonal([1] * 6 + [0] * 6), 12, 8, 100.0),  # nothing left to do after July
    ],
)
def test_curves_rebased_to_a_start_month(curve, month, from_month, expected):
    assert curve.progress(month, from_month=from_month) == approx(expected)


# --------------------------------------------------------------------------------------------
# 投资完成率 against 序时 (glossary §2 and §1.1)
# --------------------------------------------------------------------------------------------


def shanxi_2019() -> list[ProjectFacts]:
    return [
        ProjectFacts(
            nature=CONTINUING, annual_plan=Decimal("2306.8"), cumulative_investment=Decimal("1594.2")
        )
    ]


@pytest.mark.parametrize(
    ("curve", "expected", "gap", "light", "label"),
    [
        (LINEAR, 200 / 3, 2.44, GREEN, "投资完成率69.1%，线性序时进度66.7%，超序时2.4个百分点"),
        (
            ScheduleCurve.seasonal(WINTER),
            65.0,
            4.11,
            GREEN,
            "投资完成率69.1%，季节性序时进度65.0%，超序时4.1个百分点",
        ),
        (
            ScheduleCurve.seasonal([0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0]),
            100.0,
            -30.89,
            RED,
            "投资完成率69.1%，季节性序时进度100.0%，低于序时进度30.9个百分点",
        ),
    ],
)
def test_investment_progress_山西_2019_1_8月(curve, expected, gap, light, label):
    result = investment_progress(shanxi_2019(), 8, curve=curve)
    assert isinstance(result, InvestmentProgress)
    assert result.rate.label == "1594.2/2306.8 = 69.1%"
    assert result.expected == approx(expected)
    assert result.gap_pp == pytest.approx(gap, abs=0.005)
    assert result.light is light
    assert result.label == label
    assert result.curve_label == curve.label


@pytest.mark.parametrize(
    ("cumulative", "label"),
    [
        (50, "投资完成率50.0%，线性序时进度50.0%，与序时进度持平"),
        (Decimal("50.04"), "投资完成率50.0%，线性序时进度50.0%，与序时进度持平"),  # as displayed
    ],
)
def test_investment_progress_on_schedule(cumulative, label):
    result = investment_progress(
        [ProjectFacts(nature=NEW, annual_plan=100, cumulative_investment=cumulative)], 6
    )
    assert result.label == label


def test_investment_progress_without_a_plan():
    result = investment_progress([ProjectFacts(nature=PREPARATORY)], 6)
    assert result.rate.percent is None
    assert (result.gap_pp, result.light) == (None, None)
    assert result.label == "无年度计划投资，线性序时进度50.0%"


def test_investment_rate_counts_missing_cumulative_as_zero():
    portfolio = [
        ProjectFacts(nature=NEW, annual_plan=60, cumulative_investment=30),
        ProjectFacts(nature=NEW, annual_plan=40),  # nothing reported yet
    ]
    assert investment_rate(portfolio).label == "30/100 = 30.0%"


# --------------------------------------------------------------------------------------------
# Project lights (银川 2025, glossary §1.2)
# --------------------------------------------------------------------------------------------


def test_project_thresholds_defaults_follow_银川():
    th = ProjectThresholds()
    assert (th.yellow_lag_pp, th.red_lag_pp) == (10.0, 30.0)
    assert (th.start_yellow_months, th.start_red_months) == (1, 3)
    assert (th.registration_yellow_months, th.registration_red_months) == (1, 2)
    assert th.rebase_to_planned_start is True
    assert th.schedule == Thresholds(yellow_lag_pp=10.0, red_lag_pp=30.0)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"yellow_lag_pp": 40},
        {"red_lag_pp": -1},
        {"start_yellow_months": 0},
        {"start_yellow_months": 4},
        {"registration_yellow_months": 3},
        {"registration_red_months": 1.5},
    ],
)
def test_project_thresholds_reject_inconsistent_values(kwargs):
    with pytest.raises(ValueError):
        ProjectThresholds(**kwargs)


START_PLAN = d(2025, 3, 10)
START_RED = "（红灯：连续3个月应开工未开工）"
START_YELLOW = "（黄灯：计划开工月份已过未开工）"


@pytest.mark.parametrize(
    ("actual", "year", "month", "light", "reasons"),
    [
        (None, 2025, 2, GREEN, []),  # not due yet
        (None, 2025, 3, YELLOW, [f"计划2025年3月开工，截至2025年3月底未开工{START_YELLOW}"]),
        (None, 2025, 4, YELLOW, [f"计划2025年3月开工，截至2025年4月底已连续2个月应开工未开工{START_YELLOW}"]),
        (None, 2025, 5, RED, [f"计划2025年3月开工，截至2025年5月底已连续3个月应开工未开工{START_RED}"]),
        (None, 2025, 6, RED, [f"计划2025年3月开工，截至2025年6月底已连续4个月应开工未开工{START_RED}"]),
        (None, 2026, 1, RED, [f"计划2025年3月开工，截至2026年1月底已连续11个月应开工未开工{START_RED}"]),
        (d(2025, 3, 31), 2025, 3, GREEN, []),
        (d(2025, 2, 1), 2025, 2, GREEN, []),  # early
        (d(2025, 5, 20), 2025, 6, GREEN, []),  # late, but started: the note says so (below)
        (
            d(2025, 7, 1),
            2025,
            6,
            RED,
            [f"计划2025年3月开工，截至2025年6月底已连续4个月应开工未开工{START_RED}"],
        ),
    ],
)
def test_start_light_boundaries(actual, year, month, light, reasons):
    facts = new(START_PLAN, actual, registered=actual is not None)
    result = project_light(facts, year, month)
    assert (result.light, result.reasons) == (light, reasons)
    assert result.dimensions[Dimension.START] is light


def test_start_light_across_the_year_end():
    result = project_light(new(d(2024, 11, 30)), 2025, 1)
    assert result.light is RED
    assert result.reasons == [f"计划2024年11月开工，截至2025年1月底已连续3个月应开工未开工{START_RED}"]


def test_late_start_is_green_with_a_note():
    result = project_light(new(START_PLAN, d(2025, 5, 20), registered=True), 2025, 6)
    assert result.light is GREEN
    assert "计划2025年3月开工，2025年5月开工，晚于计划2个月" in result.notes


def test_start_thresholds_are_settings():
    th = ProjectThresholds(start_yellow_months=2, start_red_months=4)
    assert [project_light(new(START_PLAN), 2025, m, th).light for m in (3, 4, 5, 6)] == [
        GREEN,
        YELLOW,
        YELLOW,
        RED,
    ]
    assert project_light(new(START_PLAN), 2025, 6, th).reasons == [
        "计划2025年3月开工，截至2025年6月底已连续4个月应开工未开工（红灯：连续4个月应开工未开工）"
    ]


@pytest.mark.parametrize(
    ("registered", "registered_on", "year", "month", "light", "reasons"),
    [
        (False, None, 2025, 3, GREEN, []),  # the month it started: not yet judged late
        (False, None, 2025, 4, YELLOW, ["2025年3月开工，开工后1个月未入库（黄灯）"]),
        (False, None, 2025, 5, RED, ["2025年3月开工，开工后2个月未入库（红灯）"]),
        (False, None, 2025, 9, RED, ["2025年3月开工，开工后6个月未入库（红灯）"]),
        (True, d(2025, 4, 30), 2025, 5, GREEN, []),
        (True, d(2025, 5, 31), 2025, 5, GREEN, []),
        (True, d(2025, 6, 1), 2025, 5, RED, ["2025年3月开工，开工后2个月未入库（红灯）"]),  # not yet, then
        (True, None, 2025, 9, GREEN, []),  # registered, date unknown
    ],
)
def test_registration_light_boundaries(registered, registered_on, year, month, light, reasons):
    facts = new(START_PLAN, d(2025, 3, 28), registered=registered, registered_on=registered_on)
    result = project_light(facts, year, month)
    assert (result.light, result.reasons) == (light, reasons)
    assert result.dimensions[Dimension.REGISTRATION] is light


def test_registration_in_the_start_month_is_a_note():
    result = project_light(new(START_PLAN, d(2025, 3, 28)), 2025, 3)
    assert result.light is GREEN
    assert "2025年3月开工，尚未入库" in result.notes


def test_registration_across_the_year_end_and_for_continuing_projects():
    assert project_light(new(d(2024, 12), d(2024, 12, 31)), 2025, 1).light is YELLOW
    old = ProjectFacts(nature=CONTINUING, actual_start=d(2023, 6))
    assert project_light(old, 2025, 1).reasons == ["2023年6月开工，开工后19个月未入库（红灯）"]
    unknown = project_light(ProjectFacts(nature=CONTINUING), 2025, 1)
    assert (unknown.light, unknown.reasons) == (GREEN, [])
    assert "未填实际开工时间，未评价入库" in unknown.notes


def continuing(cumulative, plan=100) -> ProjectFacts:
    return ProjectFacts(
        nature=CONTINUING, annual_plan=plan, cumulative_investment=cumulative, registered=True
    )


@pytest.mark.parametrize(
    ("cumulative", "month", "light", "reasons"),
    [
        (45, 10, RED, ["投资完成率45.0%，低于序时进度83.3%共38.3个百分点（红灯）"]),
        (60, 10, YELLOW, ["投资完成率60.0%，低于序时进度83.3%共23.3个百分点（黄灯）"]),
        (Decimal("73.4"), 10, GREEN, []),  # −9.93 shows as 9.9: green
        (Decimal("73.3"), 10, YELLOW, ["投资完成率73.3%，低于序时进度83.3%共10.0个百分点（黄灯）"]),
        (Decimal("73.38"), 10, YELLOW, ["投资完成率73.4%，低于序时进度83.3%共10.0个百分点（黄灯）"]),  # −9.95
        (70, 12, YELLOW, ["投资完成率70.0%，低于序时进度100.0%共30.0个百分点（黄灯）"]),  # 30 含
        (Decimal("69.96"), 12, YELLOW, ["投资完成率70.0%，低于序时进度100.0%共30.0个百分点（黄灯）"]),
        (Decimal("69.9"), 12, RED, ["投资完成率69.9%，低于序时进度100.0%共30.1个百分点（红灯）"]),
        (120, 6, GREEN, []),
        (
            None,
            6,
            RED,
            ["投资完成率0.0%（未填报累计完成投资，按0计），低于序时进度50.0%共50.0个百分点（红灯）"],
        ),
        (None, 1, GREEN, []),
    ],
)
def test_investment_light_boundaries(cumulative, month, light, reasons):
    result = project_light(continuing(cumulative), 2025, month)
    assert (result.light, result.reasons) == (light, reasons)
    assert result.dimensions == {Dimension.INVESTMENT: light}


@pytest.mark.parametrize("cumulative", [0, 10, 20, 30, 45, 52.5, 53.3, 53.4, 60, 73.3, 73.4, 83.3, 90])
@pytest.mark.parametrize("month", [3, 10, 12])
def test_investment_light_is_the_schedule_engines_light(cumulative, month):
    """The 10/30 pp rule lives in taizhang.core.schedule; this module reuses it."""
    task = evaluate(
        target_kind=TargetKind.AMOUNT, target_value=100, actual=cumulative, year=2025, month=month
    )
    assert project_light(continuing(cumulative), 2025, month).light is task.light


def test_investment_light_thresholds_are_settings():
    th = ProjectThresholds(yellow_lag_pp=5, red_lag_pp=20)
    assert project_light(continuing(45), 2025, 6, th).reasons == [
        "投资完成率45.0%，低于序时进度50.0%共5.0个百分点（黄灯）"
    ]
    assert project_light(continuing(29), 2025, 6, th).light is RED


def test_investment_light_on_a_seasonal_curve():
    result = project_light(continuing(45), 2025, 10, curve=ScheduleCurve.seasonal(WINTER))
    assert result.reasons == ["投资完成率45.0%，低于季节性序时进度86.0%共41.0个百分点（红灯）"]
    assert project_light(continuing(2), 2025, 1, curve=ScheduleCurve.seasonal(WINTER)).light is GREEN


def april_start(cumulative) -> ProjectFacts:
    return new(d(2025, 4), d(2025, 4), registered=True, annual_plan=100, cumulative_investment=cumulative)


def test_new_projects_are_measured_from_their_planned_start_month():
    """[INFERRED] A project planned to start in April is not behind schedule in April for having spent
    nothing in January–March: 序时 runs from the planned start month to December (setting)."""
    result = project_light(april_start(10), 2025, 8)
    assert result.reasons == [
        "投资完成率10.0%，低于序时进度（自2025年4月计划开工起算）55.6%共45.6个百分点（红灯）"
    ]
    assert project_light(april_start(10), 2025, 4).light is GREEN  # 序时 11.1%: 1.1 pp behind

    flat = ProjectThresholds(rebase_to_planned_start=False)
    assert project_light(april_start(10), 2025, 8, flat).reasons == [
        "投资完成率10.0%，低于序时进度66.7%共56.7个百分点（红灯）"
    ]


def test_rebasing_applies_to_the_seasonal_curve_too():
    result = project_light(april_start(10), 2025, 10, curve=ScheduleCurve.seasonal(WINTER))
    assert result.reasons == [
        "投资完成率10.0%，低于季节性序时进度（自2025年4月计划开工起算）84.4%共74.4个百分点（红灯）"
    ]  # (86 − 10) / (100 − 10)


def test_investment_is_not_judged_before_the_planned_start_month():
    facts = new(d(2025, 9), annual_plan=100, cumulative_investment=0)
    result = project_light(facts, 2025, 8)
    assert (result.light, result.reasons) == (GREEN, [])
    assert Dimension.INVESTMENT not in result.dimensions
    assert "计划2025年9月开工，未到计划开工月份，暂不评价投资进度" in result.notes

    early = new(d(2025, 9), d(2025, 7), registered=True, annual_plan=100, cumulative_investment=5)
    assert project_light(early, 2025, 8).dimensions[Dimension.INVESTMENT] is GREEN  # 序时 still 0

    next_year = new(d(2026, 3), d(2025, 11), registered=True, annual_plan=100, cumulative_investment=0)
    assert project_light(next_year, 2025, 12).light is GREEN


@pytest.mark.parametrize(
    ("plan", "note"), [(None, "未填年度计划投资，未评价投资进度"), (0, "年度计划投资为0，未评价投资进度")]
)
def test_investment_without_a_plan_is_a_note(plan, note):
    result = project_light(ProjectFacts(nature=CONTINUING, annual_plan=plan, registered=True), 2025, 10)
    assert (result.light, result.reasons, result.notes) == (GREEN, [], [note])


def test_the_light_is_the_worst_dimension_and_each_bad_one_says_why():
    facts = new(d(2025, 3), d(2025, 3), annual_plan=100, cumulative_investment=20)
    result = project_light(facts, 2025, 6)
    assert isinstance(result, ProjectLight)
    assert result.light is RED
    assert result.light_label == "红灯"
    assert result.reasons == [
        "2025年3月开工，开工后3个月未入库（红灯）",
        "投资完成率20.0%，低于序时进度（自2025年3月计划开工起算）40.0%共20.0个百分点（黄灯）",
    ]
    assert result.dimensions == {
        Dimension.START: GREEN,
        Dimension.REGISTRATION: RED,
        Dimension.INVESTMENT: YELLOW,
    }


def test_a_project_not_started_is_judged_on_start_and_investment_not_on_registration():
    facts = new(d(2025, 2), annual_plan=100, cumulative_investment=0)
    result = project_light(facts, 2025, 3)
    assert result.light is YELLOW
    assert result.reasons == [
        f"计划2025年2月开工，截至2025年3月底已连续2个月应开工未开工{START_YELLOW}",
        "投资完成率0.0%，低于序时进度（自2025年2月计划开工起算）18.2%共18.2个百分点（黄灯）",
    ]  # not started, so no 入库 judgement


PREP_NOTE = "前期项目，未定计划开工时间，按前期手续（立项、用地、规划、环评、施工许可）跟踪，不亮开工、入库、投资进度灯"


def test_preparatory_projects_without_a_planned_start_are_green_with_a_note():
    facts = ProjectFacts(nature=PREPARATORY, annual_plan=100, cumulative_investment=0)
    result = project_light(facts, 2025, 10)
    assert result == ProjectLight(GREEN, [], [PREP_NOTE], {})


def test_preparatory_projects_with_a_planned_start_are_judged_on_it():
    facts = ProjectFacts(nature=PREPARATORY, planned_start=d(2025, 5))
    result = project_light(facts, 2025, 7)
    assert result.light is RED
    assert result.reasons == [f"计划2025年5月开工，截至2025年7月底已连续3个月应开工未开工{START_RED}"]


def test_new_project_without_a_planned_start_is_not_judged_on_start():
    result = project_light(new(None), 2025, 10)
    assert (result.light, result.reasons) == (GREEN, [])
    assert "未填计划开工时间，未评价开工进度" in result.notes


def test_project_light_checks_the_period():
    with pytest.raises(ValueError):
        project_light(new(START_PLAN), 2025, 13)


def test_dimension_values_are_stable():
    assert [x.value for x in Dimension] == ["start", "registration", "investment"]
    assert [x.value for x in Timing] == ["early", "on_time", "late", "missed", "pending"]


# --------------------------------------------------------------------------------------------
# Rollups per group (county, zone, cluster, level, nature, tag)
# --------------------------------------------------------------------------------------------


def grouped() -> list[tuple[ProjectFacts, dict]]:
    return [
        (
            new(d(2025, 3), d(2025, 3), annual_plan=10, cumulative_investment=8),
            {"county": "榆次区", "tags": ["省重点", "两新"]},
        ),
        (new(d(2025, 4)), {"county": "榆次区", "tags": ("市重点", "市重点")}),  # a repeated tag counts once
        (
            ProjectFacts(nature=CONTINUING, resumed=True, annual_plan=20, cumulative_investment=5),
            {"county": "太谷区", "tags": {"省重点"}},
        ),
        (ProjectFacts(nature=PREPARATORY), {"county": "太谷区", "tags": None}),  # in no tag group
        (
            ProjectFacts(nature=COMPLETED, planned_completion=d(2025, 6), actual_completion=d(2025, 5)),
            {"county": "介休市", "tags": []},
        ),
    ]


def test_group_rates_by_county_in_first_seen_order():
    by_county = group_rates(grouped(), "county", year=2025, month=6)
    assert list(by_county) == ["榆次区", "太谷区", "介休市"]
    yuci = by_county["榆次区"]
    assert isinstance(yuci, RatesSummary)
    assert yuci.projects == 2
    assert yuci.natures == {NEW: 2, CONTINUING: 0, PREPARATORY: 0, COMPLETED: 0}
    assert yuci.start_rate_annual.label == "1/2 = 50.0%"
    assert yuci.start_rate_due.label == "1/2 = 50.0%"
    assert (yuci.start.on_time, yuci.start.missed) == (1, 1)
    assert yuci.investment.rate.label == "8/10 = 80.0%"
    assert by_county["太谷区"].start_resume_rate.label == "1/1 = 100.0%"
    assert by_county["介休市"].completion_rate_dispatch.label == "1/1 = 100.0%"
    assert by_county["介休市"].completion.early == 1


def test_group_rates_counts_a_project_once_in_each_of_its_tags():
    by_tag = group_rates(grouped(), "tags", year=2025, month=6)
    assert list(by_tag) == ["省重点", "两新", "市重点"]
    assert {tag: s.projects for tag, s in by_tag.items()} == {"省重点": 2, "两新": 1, "市重点": 1}
    assert by_tag["省重点"].investment.rate.label == "13/30 = 43.3%"


def test_group_rates_matches_summarize_and_uses_the_curve():
    pairs = grouped()
    curve = ScheduleCurve.seasonal(WINTER)
    by_county = group_rates(pairs, "county", year=2025, month=6, curve=curve)
    expected = summarize([f for f, g in pairs if g["county"] == "榆次区"], year=2025, month=6, curve=curve)
    assert by_county["榆次区"] == expected
    assert expected.investment.curve_label == "季节性序时"
    assert expected.investment.expected == approx(43.0)


def test_group_rates_needs_the_key_on_every_project():
    with pytest.raises(KeyError):
        group_rates([(new(None), {"county": "榆次区"})], "zone", year=2025, month=6)


def test_group_rates_accepts_a_generator_and_empty_input():
    assert group_rates(iter(grouped()), "county", year=2025, month=6).keys() == {"榆次区", "太谷区", "介休市"}
    assert group_rates([], "county", year=2025, month=6) == {}


def test_summary_of_nothing_has_no_rates():
    summary = summarize([], year=2025, month=6)
    assert summary.projects == 0
    for r in (
        summary.start_rate_annual,
        summary.start_rate_due,
        summary.start_resume_rate,
        summary.completion_rate_statistical,
        summary.completion_rate_dispatch,
        summary.signed_start_rate,
        summary.start_production_rate,
        summary.output_rate,
        summary.investment.rate,
    ):
        assert r.percent is None
    assert summary.investment.light is None


def test_zone_rates_in_the_summary_use_two_decimals():
    zone = [ProjectFacts(nature=NEW, signed=True, started=True)] * 2 + [ProjectFacts(nature=NEW, signed=True)]
    assert summarize(zone, year=2025, month=6).signed_start_rate.label == "2/3 = 66.67%"


def test_output_rate_leaves_out_producing_projects_without_an_expected_output():
    zone = [
        ProjectFacts(nature=NEW, producing=True, expected_output=10, actual_output=9),
        ProjectFacts(nature=NEW, producing=True, actual_output=50),  # no expected output: left out
        ProjectFacts(nature=NEW, producing=True, expected_output=10),  # no output yet: counts as 0
        ProjectFacts(nature=NEW, expected_output=10, actual_output=10),  # not producing: left out
    ]
    assert output_rate(zone).label == "9/20 = 45.00%"


# --------------------------------------------------------------------------------------------
# Shared pieces (that the module imports no Django is tested in test_kernels_are_pure.py).
# --------------------------------------------------------------------------------------------


def test_round1_is_the_schedule_engines():
    assert projectmetrics.round1 is round1


@pytest.mark.parametrize(
    ("planned", "cumulative", "month", "expected", "basis"),
    [
        # continuing-style whole-year curve: 10 of 12 months → 83.3%
        (None, 500, 10, 10 / 12 * 100, "序时进度"),
        # planned June: rebased to June…December, 5 of 7 months by October → 71.4%
        (date(2025, 6, 1), 500, 10, 5 / 7 * 100, "序时进度（自2025年6月计划开工起算）"),
    ],
)
def test_the_light_carries_the_schedule_it_was_measured_against(planned, cumulative, month, expected, basis):
    nature = Nature.NEW if planned else Nature.CONTINUING
    facts = ProjectFacts(
        nature=nature,
        annual_plan=1000,
        cumulative_investment=cumulative,
        planned_start=planned,
        actual_start=planned,
        registered=True,
    )
    result = project_light(facts, 2025, month)
    assert result.investment_percent == pytest.approx(50.0)
    assert result.schedule_percent == pytest.approx(expected)
    assert result.gap_pp == pytest.approx(50.0 - expected)
    assert result.schedule_basis == basis


def test_a_light_without_an_investment_judgement_has_no_figures():
    facts = ProjectFacts(nature=Nature.NEW, annual_plan=None, planned_start=date(2025, 3, 1))
    result = project_light(facts, 2025, 10)
    assert result.schedule_percent is None and result.gap_pp is None and result.schedule_basis is None


@pytest.mark.parametrize(
    ("numerator", "denominator", "label"),
    [
        (Decimal("900.00"), Decimal("1200.00"), "900/1200 = 75.0%"),
        (Decimal("1594.20"), Decimal("2306.80"), "1594.2/2306.8 = 69.1%"),
        (206, 255, "206/255 = 80.8%"),
    ],
)
def test_rate_labels_print_amounts_without_the_columns_trailing_zeros(numerator, denominator, label):
    assert projectmetrics.rate(numerator, denominator).label == label
