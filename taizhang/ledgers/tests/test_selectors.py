"""Status reads: quarterly tasks stand on their last quarter; the progress curve counts approved reports only."""

import pytest

from conftest import TODAY
from taizhang.core.schedule import Light, Status
from taizhang.ledgers.selectors import evaluate_tasks, progress_curve, reporting_month, tasks_for_status
from taizhang.plans.models import Task


@pytest.mark.parametrize(
    ("frequency", "month", "measured"),
    [
        ("monthly", 10, 10),
        ("quarterly", 1, 0),
        ("quarterly", 2, 0),
        ("quarterly", 3, 3),
        ("quarterly", 5, 3),
        ("quarterly", 10, 9),
        ("quarterly", 12, 12),
    ],
)
def test_reporting_month(frequency, month, measured):
    assert reporting_month(frequency, month) == measured


def test_a_quarterly_task_in_october_is_measured_against_the_september_schedule(report_for, make_task):
    task = make_task(code="C-01", category="C", frequency="quarterly", target_value="100")
    report_for(task, "2025-09", 70, state="approved")  # 70% against 9/12 = 75%: 5 pp behind, green
    state = evaluate_tasks(tasks_for_status(Task.objects.filter(pk=task.pk)), "2025-10", today=TODAY)[0]
    assert state.evaluation.expected == pytest.approx(75.0)
    assert (state.evaluation.status, state.evaluation.light) == (Status.ON_TRACK, Light.GREEN)
    assert not state.missing  # October is not a quarterly reporting month


def test_a_quarterly_task_past_its_deadline_is_overdue_in_the_period_itself(report_for, make_task):
    from datetime import date

    task = make_task(
        code="C-02", category="C", frequency="quarterly", target_value="100", deadline=date(2025, 10, 15)
    )
    report_for(task, "2025-09", 90, state="approved")
    state = evaluate_tasks(tasks_for_status(Task.objects.filter(pk=task.pk)), "2025-10", today=TODAY)[0]
    assert (state.evaluation.status, state.evaluation.light) == (Status.OVERDUE, Light.RED)


def test_the_progress_curve_carries_approved_figures_forward_and_ignores_drafts(report_for, task):
    report_for(task, "2025-02", 2, state="approved")  # target 10 → 20%
    report_for(task, "2025-04", 5, state="approved")  # 50%
    report_for(task, "2025-05", 9, state="submitted")  # not approved: not counted
    curve = progress_curve(task, "2025-06")
    assert curve["months"] == ["1月", "2月", "3月", "4月", "5月", "6月"]
    assert curve["actual"] == [None, 20.0, 20.0, 50.0, 50.0, 50.0]
    assert curve["expected"] == [8.3, 16.7, 25.0, 33.3, 41.7, 50.0]
    assert curve["growth"] is False


def test_a_quarterly_task_before_march_has_nothing_due_and_is_green(make_task):
    task = make_task(code="C-03", category="C", frequency="quarterly", target_value="100")
    state = evaluate_tasks(tasks_for_status(Task.objects.filter(pk=task.pk)), "2025-02", today=TODAY)[0]
    assert (state.evaluation.status, state.evaluation.light, state.missing) == (
        Status.NOT_STARTED,
        Light.GREEN,
        False,
    )
