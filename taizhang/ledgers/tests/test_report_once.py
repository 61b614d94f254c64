"""Report once (为基层减负, issue 4 point 4): the data dictionary, each unit's 填报清单, the burden, and tasks
whose actual comes from an indicator or a count rather than from anybody's report."""

import io
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from conftest import TODAY, CsrfClient
from taizhang.accounts.models import Unit
from taizhang.core.enterprises import org_code_check_char, uscc_check_char
from taizhang.demo.loader import load_demo
from taizhang.enterprises import services as enterprise_services
from taizhang.indicators.services import create_indicator, save_value
from taizhang.ledgers import workflow
from taizhang.ledgers.dictionary import (
    SOURCES,
    Request,
    all_requests,
    burden,
    checklist,
    data_dictionary,
    due_items,
    report_once_problems,
)
from taizhang.ledgers.selectors import evaluate_tasks, progress_curve, tasks_for_status
from taizhang.plans.models import Task
from taizhang.plans.services import set_figure_source

# --------------------------------------------------------------------------------------------------
# The loaded demo: every figure asked once, of one unit
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


class TestTheDemoAsksEachFigureOnce:
    @pytest.fixture
    def demo(self, loaded, db):
        return loaded

    # a month, and a quarter end (GDP, quarterly tasks)
    @pytest.mark.parametrize("period", ["2025-10", "2025-09"])
    def test_no_field_is_requested_from_two_units_or_twice_from_one(self, demo, period):
        requests = all_requests(period)
        names = {u.pk: str(u) for u in Unit.objects.all()}
        assert report_once_problems(requests, names) == []
        kinds = {r.source[0] for r in requests}
        print(f"report once {period}: {len(requests)} requests, {len({r.unit_id for r in requests})} units")
        assert kinds == {"task", "project", "enterprise", "indicator"}

    def test_the_unit_checklists_add_up_to_all_requests(self, demo):
        units = {r.unit_id for r in all_requests("2025-10")}
        total = sum(checklist(Unit.objects.get(pk=pk), "2025-10").field_count for pk in units)
        assert total == len(all_requests("2025-10"))

    def test_the_burden_is_sorted_and_totals_every_unit(self, demo):
        rows, total = burden("2025-10")
        assert rows and total == sum(r.fields_per_year for r in rows)
        assert [r.fields_per_year for r in rows] == sorted((r.fields_per_year for r in rows), reverse=True)
        print("burden 2025:", [(str(r.unit), r.fields_per_year) for r in rows[:5]], "total", total)

    def test_the_dictionary_names_one_owner_rule_per_field_and_reads_the_models(self, demo):
        rows = data_dictionary("2025-10")
        assert [(r.source.key, r.field) for r in rows] == [
            (s.key, name) for s in SOURCES for name in s.model.REPORTED_FIELDS
        ]
        month_investment = next(r for r in rows if r.field == "month_investment")
        assert "榆次区" in {name for name, _n in month_investment.owners}


# --------------------------------------------------------------------------------------------------
# The check catches a duplicate
# --------------------------------------------------------------------------------------------------


def test_a_figure_asked_of_two_units_is_caught():
    requests = [
        Request(1, ("project", 7), "month_investment"),
        Request(2, ("project", 7), "month_investment"),
    ]
    problems = report_once_problems(requests, {1: "榆次区", 2: "市发改委"})
    assert len(problems) == 1 and "榆次区" in problems[0] and "市发改委" in problems[0]


def test_a_figure_asked_twice_of_one_unit_is_caught():
    requests = [Request(1, ("enterprise", 3), "revenue")] * 2 + [Request(1, ("enterprise", 3), "output")]
    problems = report_once_problems(requests, {1: "太谷区"})
    assert problems == ["太谷区 被要求报送 enterprise/3 的字段 revenue 共2次"]


def test_a_task_asked_again_for_an_indicator_figure_would_be_caught(units, actors, make_task):
    """Were a task tied to an indicator still asked of its lead unit, its figure would be the indicator's,
    asked of two units: the checklist leaves the tied task out, and the check sees the difference."""
    indicator = _indicator(actors, units, unit="swj")
    task = make_task(code="ZB-01", target_kind="growth_pp", target_value="6", target_unit="%")
    item = next(i for i in due_items("2025-10") if i.obj == task)
    asked_again = [Request(item.unit.pk, ("indicator", indicator.pk, None), "growth")]
    asked_of_owner = [r for r in all_requests("2025-10") if r.source == ("indicator", indicator.pk, None)]
    assert report_once_problems(asked_of_owner + asked_again)
    set_figure_source(actor=actors["dave"], task=task, indicator=indicator, reason="取自统计局数据")
    assert all(r.source != ("task", task.pk) for r in all_requests("2025-10"))
    assert report_once_problems(all_requests("2025-10")) == []


# --------------------------------------------------------------------------------------------------
# Checklist contents
# --------------------------------------------------------------------------------------------------


def test_a_units_checklist_lists_its_tasks_and_projects_prefilled_from_last_period(
    units, actors, make_task, report_for, make_project, project_report_for
):
    task = make_task()
    make_task(code="XM-02", lead="swj")  # another unit's task is not on 市工信局's list
    report_for(task, "2025-09", 7, state="approved")
    project = make_project()
    project_report_for(project, "2025-09", 600, state="approved")

    sheet = checklist(units["gxj"], "2025-10")
    assert [i.obj for i in sheet.items] == [task]
    fields = {f.name: f for f in sheet.items[0].fields}
    assert set(fields) == {"cumulative_value", "progress", "problems", "next_steps", "confidence"}
    assert fields["cumulative_value"].last == Decimal("7") and fields["cumulative_value"].prefilled
    assert sheet.field_count == 5
    assert sheet.items[0].link == reverse("ledgers:report_edit", args=[task.pk, "2025-10"])

    county = checklist(units["yc"], "2025-10")
    (item,) = county.items
    fields = {f.name: f for f in item.fields}
    assert fields["cumulative_investment"].last == Decimal("600")
    assert not fields["month_investment"].prefilled  # a month's own figure starts empty
    assert item.link == reverse("projects:project_report_edit", args=[project.pk, "2025-10"])


def test_a_quarterly_task_is_on_the_checklist_only_at_quarter_ends(units, make_task):
    task = make_task(frequency="quarterly")
    assert [i.obj for i in checklist(units["gxj"], "2025-09").items] == [task]
    assert checklist(units["gxj"], "2025-10").items == []


# --------------------------------------------------------------------------------------------------
# Tasks tied to an indicator or a count
# --------------------------------------------------------------------------------------------------


def _indicator(actors, units, unit="gxj"):
    return create_indicator(
        actor=actors["dave"],
        data={
            "code": "gyzjz",
            "name": "规上工业增加值",
            "unit": "%",
            "frequency": "monthly",
            "responsible_unit": units[unit],
        },
    )


def _state(task, period="2025-10"):
    (state,) = evaluate_tasks(tasks_for_status(Task.objects.filter(pk=task.pk)), period, today=TODAY)
    return state


def test_a_task_tied_to_an_indicator_changes_when_the_figure_is_approved_with_nobody_editing_it(
    units, actors, make_task
):
    indicator = _indicator(actors, units)
    task = make_task(code="ZB-01", target_kind="growth_pp", target_value="6", target_unit="%")
    set_figure_source(actor=actors["dave"], task=task, indicator=indicator, reason="取自统计局数据")
    edits = task.history.count()

    before = _state(task)
    assert before.actual is None and before.missing is False  # nobody is asked: never 未报送
    assert task not in [i.obj for i in checklist(units["gxj"], "2025-10").items]

    value = save_value(
        actor=actors["alice"], indicator=indicator, period="2025-10", data={"growth": "6.8"}, today=TODAY
    )
    assert _state(task).actual is None  # a draft does not count
    workflow.submit(actor=actors["alice"], report=value)
    workflow.approve(actor=actors["bob"], report=value)

    after = _state(task)
    assert after.actual == Decimal("6.8")
    assert after.evaluation.gap_pp == pytest.approx(0.8)
    assert after.derived.period == "2025-10"
    assert task.history.count() == edits  # the task was not touched

    curve = progress_curve(task, "2025-10")  # the task page's course: the indicator's figure, month by month
    assert curve["growth"] and curve["actual"][:9] == [None] * 9 and curve["actual"][9] == pytest.approx(6.8)


def test_a_task_tied_to_the_hundred_yi_count_counts_the_approved_enterprise_figures(units, actors, make_task):
    task = make_task(code="QY-01", target_value="10", target_unit="户")
    set_figure_source(actor=actors["dave"], task=task, derived_count="hundred_yi_enterprises", reason="派生")
    assert _state(task).actual == 0

    first17 = "91140700MA0L1234" + org_code_check_char("MA0L1234")
    enterprise = enterprise_services.create_enterprise(
        actor=actors["yan"],
        data={"name": "晋中某集团", "uscc": first17 + uscc_check_char(first17), "location": units["yc"]},
    )
    figure = enterprise_services.save_figure(
        actor=actors["yan"], enterprise=enterprise, period="2025-10", data={"revenue": "1200000"}, today=TODAY
    )
    workflow.submit(actor=actors["yan"], report=figure)
    workflow.approve(actor=actors["yao"], report=figure)
    state = _state(task)
    assert (state.actual, state.missing) == (1, False)
    assert "已审核的企业经营数据" in task.figure_source  # says where the figure comes from


def test_a_task_cannot_take_both_an_indicator_and_a_count(units, actors, make_task):
    from django.core.exceptions import ValidationError

    task = make_task()
    with pytest.raises(ValidationError) as caught:
        set_figure_source(
            actor=actors["dave"],
            task=task,
            indicator=_indicator(actors, units),
            derived_count="hundred_yi_enterprises",
            reason="x",
        )
    assert "indicator" in caught.value.message_dict


# --------------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------------


def test_the_checklist_page_shows_the_users_own_unit(actors, make_task):
    task = make_task()
    page = CsrfClient().login_as(actors["alice"]).get(reverse("ledgers:checklist"), {"period": "2025-10"})
    assert page.status_code == 200
    assert task.title in page.content.decode()


def test_only_supervisors_leaders_and_admins_pick_another_unit(units, actors, make_task):
    task = make_task(code="XM-09", lead="swj")
    url = reverse("ledgers:checklist")
    assert CsrfClient().login_as(actors["alice"]).get(url, {"unit": units["swj"].pk}).status_code == 404
    page = CsrfClient().login_as(actors["dave"]).get(url, {"unit": units["swj"].pk, "period": "2025-10"})
    assert page.status_code == 200 and task.title in page.content.decode()


def test_the_burden_page_is_for_supervisors_leaders_and_admins(actors, make_task):
    make_task()
    url = reverse("ledgers:burden")
    assert CsrfClient().login_as(actors["alice"]).get(url).status_code == 403
    page = CsrfClient().login_as(actors["leo"]).get(url, {"period": "2025-10"})
    assert page.status_code == 200 and "市工信局" in page.content.decode()


def test_the_task_page_says_where_its_figure_comes_from(units, actors, make_task):
    indicator = _indicator(actors, units)
    task = make_task(code="ZB-01", target_kind="growth_pp", target_value="6", target_unit="%")
    set_figure_source(actor=actors["dave"], task=task, indicator=indicator, reason="取自统计局数据")
    page = CsrfClient().login_as(actors["leo"]).get(task.get_absolute_url())
    assert page.status_code == 200 and "规上工业增加值" in page.content.decode()


def test_the_checklist_offers_fill_in_only_where_the_report_can_still_be_written(
    make_project, project_report_for, actors, client_for
):
    done = make_project(name="已审核项目")
    open_one = make_project(name="待填报项目")
    project_report_for(done, "2025-10", 600, state="approved")
    page = client_for(actors["yan"]).get("/reports/checklist/?period=2025-10").content.decode()
    fill = reverse("projects:project_report_edit", args=[open_one.pk, "2025-10"])
    approved = reverse("projects:project_report_edit", args=[done.pk, "2025-10"])
    assert f'class="button" href="{fill}"' in page
    assert f'class="button" href="{approved}"' not in page and f'href="{approved}"' in page
