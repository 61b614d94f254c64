"""Table-driven tests for taizhang.core.schedule (序时进度, gaps, statuses, lights).

Pure Python: no Django, no database. Run with
    .venv/bin/python -m pytest -p no:django -p no:cacheprovider -o addopts="" \
        taizhang/core/tests/test_schedule.py -q

Sources of the published figures and thresholds: shared/domain/glossary.md §1.1 and §1.2.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from taizhang.core.schedule import (
    LIGHT_LABELS,
    STATUS_LABELS,
    Evaluation,
    Light,
    ScheduleMode,
    Status,
    TargetKind,
    Thresholds,
    completion_rate,
    evaluate,
    expected_progress,
    format_pp,
    gap_pp,
    is_future_period,
    is_missing,
    is_report_due,
    parse_period,
    period_end,
    period_label,
    period_str,
    report_due_date,
    round1,
    schedule_progress,
    validate_milestones,
)

DAY = ScheduleMode.DAY


def approx(value: float) -> object:
    return pytest.approx(value, abs=1e-9)


# --------------------------------------------------------------------------------------------
# Published figures (glossary §1.1). Each report printed "超…序时/时间/均衡进度 X 个百分点".
# taizhang computes the gap from UNROUNDED values and rounds once, ROUND_HALF_UP, for display.
# --------------------------------------------------------------------------------------------

PUBLISHED = [
    # (source, month, completion %, gap as taizhang displays it)
    ("456150.com.cn 2021 1–3月, printed 5.90", 3, 30.90, "5.9"),
    ("三明市三元区 1–8月, printed 7.33", 8, 74, "7.3"),
    ("456150.com.cn 1–10月, printed 13.8 (序时 pre-rounded to 83.4)", 10, 97.2, "13.9"),
    ("imanhei.com 1–4月, printed 9.9", 4, 43.2, "9.9"),
    ("imanhei.com 1–4月, printed 4.5", 4, 37.8, "4.5"),
    ("资阳 1–5月, printed 2.3", 5, 44, "2.3"),
    ("amzrylc.com 1–10月, printed 1.8 (均衡进度)", 10, 85.1, "1.8"),
]


@pytest.mark.parametrize(("source", "month", "completion", "shown_gap"), PUBLISHED)
def test_published_reports_are_ahead_of_schedule_by_the_printed_gap(source, month, completion, shown_gap):
    result = evaluate(
        target_kind=TargetKind.AMOUNT, target_value=100, actual=completion, year=2025, month=month
    )

    assert result.status is Status.AHEAD
    assert result.light is Light.GREEN
    assert result.expected == approx(month / 12 * 100)
    assert result.completion == approx(completion)
    assert result.gap_pp == approx(completion - month / 12 * 100)  # unrounded
    assert round1(result.gap_pp) == Decimal(shown_gap)


@pytest.mark.parametrize(
    ("month", "completion", "unrounded_gap"),
    [
        (3, 30.90, 5.90),
        (8, 74, 74 - 200 / 3),  # 7.333…
        (10, 97.2, 97.2 - 250 / 3),  # 13.866…
        (5, 44, 44 - 125 / 3),  # 2.333…
        (10, 85.1, 85.1 - 250 / 3),  # 1.766…
    ],
)
def test_gap_is_unrounded(month, completion, unrounded_gap):
    assert gap_pp(completion, schedule_progress(2025, month)) == approx(unrounded_gap)


def test_the_1_to_10_report_printed_13_8_because_it_used_a_rounded_schedule_of_83_4():
    # glossary §1.1: "97.2 − 13.8 = 83.4 ≈ 10/12": the report subtracted a pre-rounded 序时 of 83.4.
    assert round1(97.2 - 83.4) == Decimal("13.8")  # the report's way
    assert round1(gap_pp(97.2, schedule_progress(2025, 10))) == Decimal("13.9")  # taizhang's way: unrounded


def test_published_1_to_3_reason_sentence():
    result = evaluate(target_kind="amount", target_value=100, actual=30.90, year=2021, month=3)
    assert result.reason == "完成率30.9%，序时进度25.0%，超序时5.9个百分点"


# --------------------------------------------------------------------------------------------
# schedule_progress (glossary §1.1: m/12 monthly; 已过天数/全年天数 daily, 366 in leap years)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "expected"),
    [(1, 100 / 12), (3, 25.0), (4, 100 / 3), (6, 50.0), (10, 250 / 3), (12, 100.0)],
)
def test_month_mode_schedule_is_m_over_12(month, expected):
    assert schedule_progress(2025, month) == approx(expected)


@pytest.mark.parametrize(
    ("year", "month", "as_of", "expected"),
    [
        (2024, 1, None, 31 / 366 * 100),
        (2024, 2, None, 60 / 366 * 100),  # leap year: Feb 29 counted
        (2025, 2, None, 59 / 365 * 100),
        (2024, 12, None, 100.0),
        (2025, 12, None, 100.0),
        (2025, 1, date(2025, 1, 1), 1 / 365 * 100),  # Jan 1 counts as one day elapsed
        (2024, 3, date(2024, 3, 1), 61 / 366 * 100),
        (2025, 6, date(2025, 6, 15), 166 / 365 * 100),
        (2025, 1, date(2024, 12, 31), 0.0),  # clamped to the year
        (2025, 12, date(2026, 1, 10), 100.0),
    ],
)
def test_day_mode_schedule_counts_days_elapsed(year, month, as_of, expected):
    assert schedule_progress(year, month, mode=DAY, as_of=as_of) == approx(expected)


def test_month_mode_ignores_as_of():
    assert schedule_progress(2025, 6, as_of=date(2025, 6, 1)) == approx(50.0)


@pytest.mark.parametrize("month", [0, 13, -1])
def test_schedule_rejects_bad_months(month):
    with pytest.raises(ValueError):
        schedule_progress(2025, month)


# --------------------------------------------------------------------------------------------
# expected_progress: deadlines
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "deadline", "mode", "expected"),
    [
        # No deadline / year-end deadline = plain 序时进度.
        (10, None, ScheduleMode.MONTH, 250 / 3),
        (10, date(2025, 12, 31), ScheduleMode.MONTH, 250 / 3),
        (2, date(2025, 12, 31), DAY, 59 / 365 * 100),
        # Mid-year deadline: 2025-06-30 = 6 months, 100 at June, capped after.
        (3, date(2025, 6, 30), ScheduleMode.MONTH, 50.0),
        (6, date(2025, 6, 30), ScheduleMode.MONTH, 100.0),
        (9, date(2025, 6, 30), ScheduleMode.MONTH, 100.0),
        (5, date(2025, 6, 15), ScheduleMode.MONTH, 500 / 6),  # deadline month counts
        (6, date(2025, 6, 15), ScheduleMode.MONTH, 100.0),
        (3, date(2025, 6, 30), DAY, 90 / 181 * 100),  # Jan 1..Mar 31 / Jan 1..Jun 30
        (7, date(2025, 6, 30), DAY, 100.0),
        # Multi-year deadline: linear over the whole span from Jan 1 of `year`.
        (12, date(2027, 12, 31), ScheduleMode.MONTH, 100 / 3),  # 12 of 36 months
        (6, date(2027, 12, 31), ScheduleMode.MONTH, 50 / 3),
        (6, date(2026, 6, 30), ScheduleMode.MONTH, 100 / 3),  # 6 of 18 months
        (12, date(2026, 12, 31), DAY, 50.0),  # 365 of 730 days
        # Deadline before the year began: should already be finished.
        (1, date(2024, 12, 31), ScheduleMode.MONTH, 100.0),
    ],
)
def test_expected_progress_runs_linearly_to_the_deadline(month, deadline, mode, expected):
    assert expected_progress(2025, month, deadline=deadline, mode=mode) == approx(expected)


# --------------------------------------------------------------------------------------------
# expected_progress: milestones (piecewise-linear through (0,0), milestones, (deadline month,100))
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("milestones", "deadline", "month", "expected"),
    [
        ([(3, 10), (6, 40), (12, 100)], None, 1, 10 / 3),
        ([(3, 10), (6, 40), (12, 100)], None, 3, 10.0),
        ([(3, 10), (6, 40), (12, 100)], None, 4, 20.0),
        ([(3, 10), (6, 40), (12, 100)], None, 6, 40.0),
        ([(3, 10), (6, 40), (12, 100)], None, 9, 70.0),
        ([(3, 10), (6, 40), (12, 100)], None, 12, 100.0),
        # Unsorted input is accepted.
        ([(12, 100), (3, 10), (6, 40)], None, 4, 20.0),
        # Deadline in the year adds (deadline month, 100).
        ([(6, 50)], date(2025, 12, 31), 9, 75.0),
        ([(6, 50)], None, 9, 75.0),  # no deadline = annual task, due at year end
        ([(3, 30)], date(2025, 9, 30), 6, 65.0),
        ([(3, 30)], date(2025, 9, 30), 11, 100.0),
        # A milestone already says 100 before the deadline: hold it.
        ([(3, 20), (9, 100)], date(2025, 12, 31), 10, 100.0),
        # Deadline in a later year: no 100 point this year; hold after the last milestone.
        ([(6, 30)], date(2026, 12, 31), 3, 15.0),
        ([(6, 30)], date(2026, 12, 31), 9, 30.0),
        ([(6, 30)], date(2026, 12, 31), 12, 30.0),
        # Flat stretches are allowed (e.g. 北方冬季停工).
        ([(2, 0), (6, 40)], date(2025, 12, 31), 1, 0.0),
        ([(2, 0), (6, 40)], date(2025, 12, 31), 4, 20.0),
    ],
)
def test_expected_progress_interpolates_milestones(milestones, deadline, month, expected):
    assert expected_progress(2025, month, deadline=deadline, milestones=milestones) == approx(expected)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (None, 60.0),  # end of June = x 6
        (date(2025, 6, 15), 55.0),  # x = 5 + 15/30
        (date(2025, 3, 31), 30.0),
    ],
)
def test_day_mode_milestones_use_fractional_months(as_of, expected):
    got = expected_progress(2025, 6, milestones=[(6, 60)], mode=DAY, as_of=as_of)
    assert got == approx(expected)


@pytest.mark.parametrize(
    ("milestones", "deadline"),
    [
        ([(0, 10)], None),  # month out of 1..12
        ([(13, 10)], None),
        ([(3, -1)], None),  # percent out of 0..100
        ([(3, 101)], None),
        ([(3, 10), (3, 20)], None),  # duplicate month
        ([(3, 40), (6, 20)], None),  # cumulative plan cannot go down
        ([(3, 20), (6, 50)], date(2025, 6, 30)),  # 50% planned at the month it must be 100%
        ([(3, 20), (9, 50)], date(2025, 6, 30)),  # milestone after the deadline
        ([(3, 20), (9, 100)], date(2025, 6, 30)),  # even a 100% one
        ([(6, 30), (12, 80)], None),  # no deadline = due at year end, so December must be 100
    ],
)
def test_inconsistent_milestones_are_rejected(milestones, deadline):
    with pytest.raises(ValueError):
        expected_progress(2025, 6, deadline=deadline, milestones=milestones)


def test_validate_milestones_sorts_and_normalises_for_model_clean():
    got = validate_milestones([(12, 100), (3, Decimal("10")), (6, 40)], year=2025, deadline=None)
    assert got == ((3, 10.0), (6, 40.0), (12, 100.0))
    assert all(isinstance(pct, float) for _, pct in got)


def test_validate_milestones_message_is_chinese():
    with pytest.raises(ValueError, match="里程碑"):
        validate_milestones([(3, 40), (6, 20)], year=2025)


def test_milestone_at_the_deadline_month_may_say_100():
    got = expected_progress(2025, 5, deadline=date(2025, 6, 15), milestones=[(3, 30), (6, 100)])
    assert got == approx(30 + 70 * 2 / 3)


# --------------------------------------------------------------------------------------------
# completion_rate and gap_pp
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "target", "baseline", "expected"),
    [
        (30.9, 100, None, 30.9),
        (9, 10, 8, 50.0),  # 百亿企业 from 8 to target 10 (glossary §4), actual 9
        (10, 10, 8, 100.0),
        (7, 10, 8, -50.0),  # fell below the baseline
        (120, 100, None, 120.0),  # may exceed 100
        (-5, 100, None, -5.0),  # may be negative
        (90, 80, 100, 50.0),  # a reduction target (e.g. 能耗 100 → 80)
        (Decimal("1594.2"), Decimal("2306.8"), None, 1594.2 / 2306.8 * 100),  # 山西 2019 1–8月 69.1% (§2)
        (None, 10, None, None),
        (5, None, None, None),
        (5, 8, 8, None),  # target == baseline: undefined
        (0, 10, 0, 0.0),
    ],
)
def test_completion_rate(actual, target, baseline, expected):
    got = completion_rate(actual, target, baseline)
    if expected is None:
        assert got is None
    else:
        assert isinstance(got, float)
        assert got == approx(expected)


def test_completion_rate_of_shanxi_2019_shows_as_69_1():
    assert round1(completion_rate(Decimal("1594.2"), Decimal("2306.8"))) == Decimal("69.1")


@pytest.mark.parametrize(
    ("completion", "expected", "gap"),
    [(30.9, 25.0, 5.9), (20.0, 25.0, -5.0), (50.0, 50.0, 0.0)],
)
def test_gap_pp_is_completion_minus_expected(completion, expected, gap):
    assert gap_pp(completion, expected) == approx(gap)


# --------------------------------------------------------------------------------------------
# evaluate: thresholds (银川 2025, glossary §1.2)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completion", "status", "light"),
    [
        # June: 序时 = 50.0 exactly, so gap = completion - 50.
        (50.01, Status.AHEAD, Light.GREEN),
        (50.0, Status.ON_TRACK, Light.GREEN),  # 完成序时进度
        (45.0, Status.ON_TRACK, Light.GREEN),  # 0–10 pp behind: undefined by 银川, green here
        (40.01, Status.LAGGING, Light.YELLOW),  # -9.99 is shown as -10.0: the light follows what is shown
        (40.06, Status.ON_TRACK, Light.GREEN),  # -9.94 is shown as -9.9
        (40.0, Status.LAGGING, Light.YELLOW),  # exactly -10: 含
        (30.0, Status.LAGGING, Light.YELLOW),
        (20.0, Status.LAGGING, Light.YELLOW),  # exactly -30: 含
        (19.99, Status.LAGGING, Light.YELLOW),  # -30.01 is shown as -30.0: still 10–30(含)
        (19.94, Status.SEVERELY_LAGGING, Light.RED),  # -30.06 is shown as -30.1
        (5.0, Status.SEVERELY_LAGGING, Light.RED),
    ],
)
def test_yinchuan_thresholds_and_their_boundaries(completion, status, light):
    result = evaluate(
        target_kind=TargetKind.MILESTONE, target_value=None, actual=completion, year=2025, month=6
    )
    assert (result.status, result.light) == (status, light)
    assert result.gap_pp == approx(completion - 50.0)


def test_float_noise_at_a_boundary_does_not_flip_the_light():
    # 2 of 30 in February: 6.666…% vs 16.666…% is exactly 10 pp behind, but floats give -9.999999999999996.
    result = evaluate(target_kind=TargetKind.COUNT, target_value=30, actual=2, year=2025, month=2)
    assert (result.status, result.light) == (Status.LAGGING, Light.YELLOW)


@pytest.mark.parametrize(
    ("completion", "status", "light"),
    [
        (45.1, Status.ON_TRACK, Light.GREEN),  # -4.9
        (45.0, Status.LAGGING, Light.YELLOW),  # -5 含
        (30.0, Status.LAGGING, Light.YELLOW),  # -20 含
        (29.5, Status.SEVERELY_LAGGING, Light.RED),  # -20.5
    ],
)
def test_custom_thresholds(completion, status, light):
    strict = Thresholds(yellow_lag_pp=5, red_lag_pp=20)
    result = evaluate(
        target_kind=TargetKind.MILESTONE,
        target_value=None,
        actual=completion,
        year=2025,
        month=6,
        thresholds=strict,
    )
    assert (result.status, result.light) == (status, light)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"yellow_lag_pp": 30, "red_lag_pp": 10},
        {"yellow_lag_pp": -1},
        {"report_due_day": 0},
        {"report_due_day": 32},
        {"mode": "week"},
    ],
)
def test_thresholds_reject_nonsense(kwargs):
    with pytest.raises(ValueError):
        Thresholds(**kwargs)


def test_thresholds_default_to_yinchuan_and_accept_a_mode_string():
    assert Thresholds() == Thresholds(10.0, 30.0, ScheduleMode.MONTH, 5)
    assert Thresholds(mode="day").mode is ScheduleMode.DAY


# --------------------------------------------------------------------------------------------
# evaluate: done, overdue, not started, baselines, day mode
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "month", "deadline", "status", "light"),
    [
        (100, 3, None, Status.DONE, Light.GREEN),
        (130, 1, None, Status.DONE, Light.GREEN),
        (100, 9, date(2025, 6, 30), Status.DONE, Light.GREEN),  # done beats overdue
        (60, 7, date(2025, 6, 30), Status.OVERDUE, Light.RED),
        (99.9, 12, date(2025, 9, 30), Status.OVERDUE, Light.RED),
        (None, 7, date(2025, 6, 30), Status.OVERDUE, Light.RED),
        (60, 6, date(2025, 6, 15), Status.OVERDUE, Light.RED),  # deadline before the period's last day
        (60, 6, date(2025, 6, 30), Status.SEVERELY_LAGGING, Light.RED),  # due today, not overdue yet
        (95, 6, date(2025, 6, 30), Status.ON_TRACK, Light.GREEN),
        (70, 12, date(2026, 6, 30), Status.AHEAD, Light.GREEN),  # 70 vs 12/18 = 66.7
        (60, 12, date(2026, 6, 30), Status.ON_TRACK, Light.GREEN),  # multi-year: not overdue at year end
    ],
)
def test_done_and_overdue(actual, month, deadline, status, light):
    result = evaluate(
        target_kind=TargetKind.PERCENTAGE,
        target_value=100,
        actual=actual,
        year=2025,
        month=month,
        deadline=deadline,
    )
    assert (result.status, result.light) == (status, light)


@pytest.mark.parametrize(
    ("actual", "month", "light"),
    [
        (None, 1, Light.GREEN),  # nothing in January: 8.3 pp behind, inside the green band
        (None, 2, Light.YELLOW),  # 16.7 pp behind
        (None, 4, Light.RED),  # 33.3 pp behind
        (None, 10, Light.RED),  # nothing at 10/12 of the year
        (0, 10, Light.RED),  # a report saying zero
        (0, 1, Light.GREEN),
        (-2, 1, Light.YELLOW),  # below the baseline: not started, and -16.7 - 8.3 = 25 pp behind
    ],
)
def test_not_started_takes_the_light_of_its_gap(actual, month, light):
    result = evaluate(target_kind=TargetKind.COUNT, target_value=12, actual=actual, year=2025, month=month)
    assert result.status is Status.NOT_STARTED
    assert result.light is light
    assert result.gap_pp == approx((0 if actual is None else actual / 12 * 100) - month / 12 * 100)


def test_without_a_report_completion_is_none_but_the_gap_counts_it_as_zero():
    result = evaluate(target_kind=TargetKind.AMOUNT, target_value=5000, actual=None, year=2025, month=10)
    assert result.completion is None
    assert result.expected == approx(250 / 3)
    assert result.gap_pp == approx(-250 / 3)


@pytest.mark.parametrize(
    ("actual", "month", "status", "completion"),
    [
        (9, 6, Status.ON_TRACK, 50.0),  # 百亿企业 8 → 10: 9 at mid-year is exactly on schedule
        (9, 3, Status.AHEAD, 50.0),
        (8, 6, Status.NOT_STARTED, 0.0),
        (10, 9, Status.DONE, 100.0),
    ],
)
def test_baseline_based_completion(actual, month, status, completion):
    result = evaluate(
        target_kind=TargetKind.COUNT, target_value=10, baseline=8, actual=actual, year=2025, month=month
    )
    assert result.status is status
    assert result.completion == approx(completion)


def test_milestone_tasks_use_actual_as_percent_and_ignore_the_target():
    result = evaluate(target_kind="milestone", target_value=3, actual=40, year=2025, month=6)
    assert result.completion == approx(40.0)
    assert result.status is Status.LAGGING


def test_evaluate_uses_milestones_for_expected():
    result = evaluate(
        target_kind=TargetKind.AMOUNT,
        target_value=200,
        actual=30,
        year=2025,
        month=4,
        milestones=[(3, 10), (6, 40), (12, 100)],
    )
    assert result.expected == approx(20.0)
    assert result.completion == approx(15.0)
    assert result.status is Status.ON_TRACK


def test_evaluate_in_day_mode_counts_february_29():
    result = evaluate(
        target_kind=TargetKind.AMOUNT,
        target_value=100,
        actual=20,
        year=2024,
        month=2,
        thresholds=Thresholds(mode=ScheduleMode.DAY),
    )
    assert result.expected == approx(60 / 366 * 100)
    assert result.status is Status.AHEAD


def test_evaluate_with_as_of_mid_month():
    # DAY mode on 2025-06-15 (a dashboard "today"): 166/365; deadline 2025-06-20 not yet passed.
    result = evaluate(
        target_kind=TargetKind.MILESTONE,
        target_value=None,
        actual=80,
        year=2025,
        month=6,
        deadline=date(2025, 6, 20),
        thresholds=Thresholds(mode=DAY),
        as_of=date(2025, 6, 15),
    )
    assert result.status is not Status.OVERDUE
    assert result.expected == approx(166 / 171 * 100)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"target_kind": "ratio", "target_value": 10, "actual": 5},  # unknown kind
        {"target_kind": "count", "target_value": None, "actual": 5},  # no target
        {"target_kind": "count", "target_value": 8, "baseline": 8, "actual": 5},  # target == baseline
        {"target_kind": "growth_pp", "target_value": None, "actual": 5},
    ],
)
def test_evaluate_rejects_unusable_targets(kwargs):
    with pytest.raises(ValueError):
        evaluate(year=2025, month=6, **kwargs)


# --------------------------------------------------------------------------------------------
# evaluate: growth targets (glossary §1.1 caveat: never a ratio; §1.2 天津 2022 rule)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "target", "month", "status", "light", "gap"),
    [
        (6.8, 6, 6, Status.AHEAD, Light.GREEN, 0.8),
        (6.0, 6, 6, Status.ON_TRACK, Light.GREEN, 0.0),
        (4.0, 6, 6, Status.LAGGING, Light.YELLOW, -2.0),
        (0.0, 6, 6, Status.LAGGING, Light.YELLOW, -6.0),  # 0 is not 负增长
        (-1, 6, 6, Status.SEVERELY_LAGGING, Light.RED, -7.0),
        (6.8, 6, 12, Status.DONE, Light.GREEN, 0.8),
        (6.0, 6, 12, Status.DONE, Light.GREEN, 0.0),
        (5.0, 6, 12, Status.LAGGING, Light.YELLOW, -1.0),
        (-1.5, -2, 6, Status.AHEAD, Light.GREEN, 0.5),  # planned contraction, beaten
        (-3, -2, 6, Status.SEVERELY_LAGGING, Light.RED, -1.0),
        (Decimal("6.8"), Decimal("6"), 6, Status.AHEAD, Light.GREEN, 0.8),
    ],
)
def test_growth_targets_compare_in_percentage_points(actual, target, month, status, light, gap):
    result = evaluate(
        target_kind=TargetKind.GROWTH_PP, target_value=target, actual=actual, year=2025, month=month
    )
    assert (result.status, result.light) == (status, light)
    assert result.gap_pp == approx(gap)
    assert result.completion is None
    assert result.expected is None


def test_growth_gap_has_no_binary_float_noise():
    result = evaluate(target_kind="growth_pp", target_value=6, actual=6.8, year=2025, month=6)
    assert result.gap_pp == 0.8  # not 0.7999999999999998


def test_growth_without_data_is_not_started_and_yellow():
    result = evaluate(target_kind=TargetKind.GROWTH_PP, target_value=6, actual=None, year=2025, month=3)
    assert (result.status, result.light) == (Status.NOT_STARTED, Light.YELLOW)
    assert result.gap_pp is None
    assert result.completion is None and result.expected is None
    assert "尚无数据" in result.reason


def test_growth_ignores_deadlines_and_baselines():
    result = evaluate(
        target_kind=TargetKind.GROWTH_PP,
        target_value=6,
        baseline=3,
        actual=6.8,
        year=2025,
        month=9,
        deadline=date(2025, 6, 30),
    )
    assert result.status is Status.AHEAD


# --------------------------------------------------------------------------------------------
# evaluate: reasons (one Chinese sentence, one decimal)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        (
            {"target_kind": "milestone", "actual": 30.9, "month": 3},
            "完成率30.9%，序时进度25.0%，超序时5.9个百分点",
        ),
        (
            {"target_kind": "milestone", "actual": 50, "month": 6},
            "完成率50.0%，序时进度50.0%，与序时进度持平",
        ),
        (
            {"target_kind": "milestone", "actual": 45, "month": 6},
            "完成率45.0%，序时进度50.0%，低于序时进度5.0个百分点，未达10个百分点黄灯线",
        ),
        (
            {"target_kind": "milestone", "actual": 35, "month": 6},
            "完成率35.0%，序时进度50.0%，低于序时进度15.0个百分点，处于10—30个百分点黄灯区间",
        ),
        (
            {"target_kind": "milestone", "actual": 10, "month": 6},
            "完成率10.0%，序时进度50.0%，低于序时进度40.0个百分点，超过30个百分点红灯线",
        ),
        (
            {"target_kind": "milestone", "actual": 105, "month": 6},
            "完成率105.0%，已完成目标",
        ),
        (
            {"target_kind": "milestone", "actual": 60, "month": 7, "deadline": date(2025, 6, 30)},
            "完成时限2025年6月30日已过，完成率60.0%，未完成目标",
        ),
        (
            {"target_kind": "milestone", "actual": None, "month": 7, "deadline": date(2025, 6, 30)},
            "完成时限2025年6月30日已过，尚无已审核的进度报告，未完成目标",
        ),
        (
            {"target_kind": "count", "target_value": 12, "actual": None, "month": 10},
            "尚无已审核的进度报告，序时进度83.3%，按完成率0计低于序时进度83.3个百分点，超过30个百分点红灯线",
        ),
        (
            {"target_kind": "count", "target_value": 12, "actual": 0, "month": 1},
            "完成率0.0%，尚未启动，序时进度8.3%，低于序时进度8.3个百分点，未达10个百分点黄灯线",
        ),
        (
            {"target_kind": "growth_pp", "target_value": 6, "actual": 6.8, "month": 6},
            "累计增长6.8%，目标增长6.0%，高于目标0.8个百分点",
        ),
        (
            {"target_kind": "growth_pp", "target_value": 6, "actual": 6, "month": 6},
            "累计增长6.0%，目标增长6.0%，与目标持平",
        ),
        (
            {"target_kind": "growth_pp", "target_value": 6, "actual": 4, "month": 6},
            "累计增长4.0%，目标增长6.0%，低于目标2.0个百分点",
        ),
        (
            {"target_kind": "growth_pp", "target_value": 6, "actual": -1, "month": 6},
            "累计增长-1.0%，目标增长6.0%，负增长，低于目标7.0个百分点",
        ),
        (
            {"target_kind": "growth_pp", "target_value": 6, "actual": 6.8, "month": 12},
            "全年累计增长6.8%，目标增长6.0%，完成全年目标",
        ),
        (
            {"target_kind": "growth_pp", "target_value": 6, "actual": None, "month": 3},
            "尚无数据，目标增长6.0%",
        ),
    ],
)
def test_reason_sentences(kwargs, reason):
    kwargs.setdefault("target_value", None)
    assert evaluate(year=2025, **kwargs).reason == reason


def test_reason_uses_custom_thresholds():
    result = evaluate(
        target_kind="milestone",
        target_value=None,
        actual=42,
        year=2025,
        month=6,
        thresholds=Thresholds(yellow_lag_pp=7.5, red_lag_pp=20),
    )
    assert result.reason == "完成率42.0%，序时进度50.0%，低于序时进度8.0个百分点，处于7.5—20个百分点黄灯区间"


def test_evaluation_is_frozen_and_labelled():
    result = evaluate(target_kind="milestone", target_value=None, actual=30.9, year=2025, month=3)
    assert isinstance(result, Evaluation)
    assert (result.status_label, result.light_label) == ("超序时", "绿灯")
    with pytest.raises(AttributeError):
        result.status = Status.DONE  # type: ignore[misc]


# --------------------------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------------------------


def test_labels_cover_every_member_in_chinese():
    assert STATUS_LABELS == {
        Status.NOT_STARTED: "未启动",
        Status.ON_TRACK: "正常推进",
        Status.AHEAD: "超序时",
        Status.LAGGING: "滞后",
        Status.SEVERELY_LAGGING: "严重滞后",
        Status.DONE: "已完成",
        Status.OVERDUE: "逾期",
    }
    assert LIGHT_LABELS == {Light.GREEN: "绿灯", Light.YELLOW: "黄灯", Light.RED: "红灯"}


@pytest.mark.parametrize(
    ("member", "value"),
    [
        (TargetKind.COUNT, "count"),
        (TargetKind.AMOUNT, "amount"),
        (TargetKind.PERCENTAGE, "percentage"),
        (TargetKind.GROWTH_PP, "growth_pp"),
        (TargetKind.MILESTONE, "milestone"),
        (Status.SEVERELY_LAGGING, "severely_lagging"),
        (Light.YELLOW, "yellow"),
        (ScheduleMode.DAY, "day"),
    ],
)
def test_enum_values_are_stable_strings(member, value):
    assert member == value
    assert str(member) == value


# --------------------------------------------------------------------------------------------
# Display helpers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (250 / 3, Decimal("83.3")),
        (97.2 - 250 / 3, Decimal("13.9")),
        (74 - 200 / 3, Decimal("7.3")),
        (85.1 - 250 / 3, Decimal("1.8")),
        (30.90 - 25, Decimal("5.9")),
        (0.15, Decimal("0.2")),  # built-in round(0.15, 1) gives 0.1
        (2.25, Decimal("2.3")),  # half up, not half even
        (-2.25, Decimal("-2.3")),
        (Decimal("1.25"), Decimal("1.3")),
        (-0.04, Decimal("0.0")),  # no "-0.0"
        (100, Decimal("100.0")),
        (None, None),
    ],
)
def test_round1_is_half_up_on_the_decimal_representation(value, expected):
    got = round1(value)
    assert got == expected
    if got is not None:
        assert str(got) == str(expected)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_round1_rejects_non_finite(value):
    with pytest.raises(ValueError):
        round1(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5.9, "+5.9"),
        (97.2 - 250 / 3, "+13.9"),
        (-12, "-12.0"),
        (0, "0.0"),
        (0.04, "0.0"),
        (-0.04, "0.0"),
        (Decimal("-9.95"), "-10.0"),
        (None, "—"),
    ],
)
def test_format_pp(value, expected):
    assert format_pp(value) == expected


@pytest.mark.parametrize(
    ("year", "month", "label"),
    [
        (2025, 1, "2025年1月"),
        (2025, 2, "2025年1—2月"),
        (2025, 10, "2025年1—10月"),
        (2024, 12, "2024年1—12月"),
    ],
)
def test_period_label(year, month, label):
    assert period_label(year, month) == label


@pytest.mark.parametrize(
    ("text", "period"),
    [("2025-10", (2025, 10)), ("2025-01", (2025, 1)), ("2025-12", (2025, 12)), (" 2024-02 ", (2024, 2))],
)
def test_parse_period(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize(
    "text",
    [
        "2025-13",
        "2025-00",
        "2025/10",
        "202510",
        "2025-1",
        "25-10",
        "",
        "2025-10-01",
        "２０２５-10",
        "0000-01",
        None,
    ],
)
def test_parse_period_rejects_with_a_chinese_message(text):
    with pytest.raises(ValueError, match="报告期格式应为YYYY-MM，例如2025-10"):
        parse_period(text)


@pytest.mark.parametrize(("year", "month", "text"), [(2025, 10, "2025-10"), (2025, 3, "2025-03")])
def test_period_str_round_trips(year, month, text):
    assert period_str(year, month) == text
    assert parse_period(period_str(year, month)) == (year, month)


@pytest.mark.parametrize(
    ("year", "month", "end"),
    [
        (2024, 2, date(2024, 2, 29)),
        (2025, 2, date(2025, 2, 28)),
        (2025, 4, date(2025, 4, 30)),
        (2025, 12, date(2025, 12, 31)),
    ],
)
def test_period_end(year, month, end):
    assert period_end(year, month) == end


@pytest.mark.parametrize("month", [0, 13])
def test_period_helpers_reject_bad_months(month):
    for helper in (period_label, period_str, period_end):
        with pytest.raises(ValueError):
            helper(2025, month)


# --------------------------------------------------------------------------------------------
# Reporting calendar: due dates, 未报送, future periods
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frequency", "due_months"),
    [("monthly", set(range(1, 13))), ("quarterly", {3, 6, 9, 12})],
)
def test_is_report_due(frequency, due_months):
    assert {m for m in range(1, 13) if is_report_due(frequency, m)} == due_months


def test_unknown_frequency_is_rejected():
    with pytest.raises(ValueError):
        is_report_due("weekly", 3)


@pytest.mark.parametrize(
    ("year", "month", "due_day", "due"),
    [
        (2025, 10, 5, date(2025, 11, 5)),
        (2025, 12, 5, date(2026, 1, 5)),  # December's report is due next January
        (2025, 1, 31, date(2025, 2, 28)),  # clamped
        (2024, 1, 31, date(2024, 2, 29)),
        (2025, 3, 31, date(2025, 4, 30)),
        (2025, 5, 28, date(2025, 6, 28)),  # 盘锦: 牵头单位 report by the 28th (glossary §8.1)
    ],
)
def test_report_due_date(year, month, due_day, due):
    assert report_due_date(year, month, due_day=due_day) == due


@pytest.mark.parametrize("due_day", [0, 32])
def test_report_due_date_rejects_bad_days(due_day):
    with pytest.raises(ValueError):
        report_due_date(2025, 10, due_day=due_day)


@pytest.mark.parametrize(
    ("month", "frequency", "has_report", "today", "thresholds", "missing"),
    [
        (10, "monthly", False, date(2025, 11, 4), Thresholds(), False),
        (10, "monthly", False, date(2025, 11, 5), Thresholds(), False),  # due today: not late yet
        (10, "monthly", False, date(2025, 11, 6), Thresholds(), True),
        (10, "monthly", True, date(2025, 11, 6), Thresholds(), False),
        (10, "quarterly", False, date(2025, 12, 31), Thresholds(), False),  # no report due for October
        (9, "quarterly", False, date(2025, 10, 6), Thresholds(), True),
        (9, "quarterly", False, date(2025, 10, 5), Thresholds(), False),
        (12, "monthly", False, date(2026, 1, 6), Thresholds(), True),
        (10, "monthly", False, date(2025, 11, 6), Thresholds(report_due_day=10), False),
        (10, "monthly", False, date(2025, 11, 11), Thresholds(report_due_day=10), True),
    ],
)
def test_is_missing(month, frequency, has_report, today, thresholds, missing):
    got = is_missing(
        year=2025, month=month, frequency=frequency, has_report=has_report, today=today, thresholds=thresholds
    )
    assert got is missing


@pytest.mark.parametrize(
    ("year", "month", "future"),
    [(2024, 12, False), (2025, 9, False), (2025, 10, False), (2025, 11, True), (2026, 1, True)],
)
def test_is_future_period(year, month, future):
    assert is_future_period(year, month, today=date(2025, 10, 15)) is future
