"""Plan and task pages: the ledger table with its filters, a task's page, and editing a task.

Views use the real date, so periods here are in the plan year 2025, which is in the past.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import TODAY
from taizhang.ledgers import workflow
from taizhang.ledgers.services import save_report
from taizhang.plans.models import Task

PERIOD = "2025-10"


def approve(actors, task, value, period=PERIOD, **extra):
    report = save_report(
        actor=actors["alice"],
        task=task,
        period=period,
        data={"cumulative_value": value, "progress": "进展", "confidence": "confident"} | extra,
        today=TODAY,
    )
    report = workflow.submit(actor=actors["alice"], report=report)
    return workflow.approve(actor=actors["bob"], report=report)


# --- plan ------------------------------------------------------------------------------------------------


def test_the_plan_page_lists_areas_with_task_counts_and_history(client_for, actors, plan, task, other_task):
    html = client_for(actors["dave"]).get(f"/plans/{plan.pk}/").content.decode()
    assert "2025年重点任务台账" in html and "测试文件" in html and "产业向新" in html
    assert '<td class="num">2</td>' in html
    assert 'id="history"' in html and "dave" in html
    # a county or department user counts only the tasks they can see
    html = client_for(actors["alice"]).get(f"/plans/{plan.pk}/").content.decode()
    assert '<td class="num">1</td>' in html


def test_an_unknown_plan_is_404(client_for, actors, plan):
    assert client_for(actors["alice"]).get(f"/plans/{plan.pk + 99}/").status_code == 404


def test_pages_need_a_login(client_for, plan):
    response = client_for().get("/plans/tasks/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


# --- task list -----------------------------------------------------------------------------------------


def test_the_task_list_shows_the_units_tasks_for_the_period(client_for, actors, task, other_task):
    page = client_for(actors["alice"]).get(f"/plans/tasks/?period={PERIOD}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "2025年1—10月" in html
    assert "CY-01" in html and "XM-01" not in html  # another unit's task is not listed
    assert "10户" in html  # target with its unit
    assert "83.3%" in html  # 序时 for October
    assert "light-red" in html and "tag-missing" in html  # nothing approved, past the due day: red, 未报送
    assert 'hx-get="/plans/tasks/"' in html and 'hx-push-url="true"' in html


def test_a_supervisor_sees_every_units_tasks(client_for, actors, task, other_task):
    html = client_for(actors["dave"]).get(f"/plans/tasks/?period={PERIOD}").content.decode()
    assert "CY-01" in html and "XM-01" in html


def test_htmx_gets_only_the_results(client_for, actors, task):
    response = client_for(actors["alice"]).get(f"/plans/tasks/?period={PERIOD}", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<table" in html and "CY-01" in html


def test_the_task_list_filters(client_for, actors, make_task, units):
    green = make_task(code="CY-01", title="百亿企业培育")
    make_task(code="CY-02", title="专精特新", category="B")
    make_task(code="XM-01", lead="swj", title="外贸进出口")
    approve(actors, green, "9")
    dave = client_for(actors["dave"])

    def codes(query):
        html = dave.get(f"/plans/tasks/?period={PERIOD}&{query}", HTTP_HX_REQUEST="true").content.decode()
        return [code for code in ("CY-01", "CY-02", "XM-01") if f">{code}<" in html]

    assert codes("light=green") == ["CY-01"]
    assert codes("light=red") == ["CY-02", "XM-01"]
    assert codes("status=ahead") == ["CY-01"]
    assert codes("status=not_started") == ["CY-02", "XM-01"]
    assert codes("category=B") == ["CY-02"]
    assert codes(f"unit={units['swj'].pk}") == ["XM-01"]
    assert codes("q=百亿") == ["CY-01"]
    assert codes("q=xm-") == ["XM-01"]
    assert codes("missing=on") == ["CY-02", "XM-01"]
    assert codes("area=999999&light=nonsense") == ["CY-01", "CY-02", "XM-01"]  # unusable filters are ignored


def test_the_counts_follow_the_filters(client_for, actors, make_task):
    green = make_task(code="CY-01")
    make_task(code="CY-02")
    approve(actors, green, "9")
    html = (
        client_for(actors["alice"])
        .get(f"/plans/tasks/?period={PERIOD}", HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert '<div class="kpi green"><b>1</b>' in html and '<div class="kpi red"><b>1</b>' in html
    html = (
        client_for(actors["alice"])
        .get(f"/plans/tasks/?period={PERIOD}&light=green", HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert '<div class="kpi"><b>1</b>' in html and '<div class="kpi red"><b>0</b>' in html


def test_the_task_list_shows_the_approved_actual_and_the_judgement(client_for, actors, task):
    approve(actors, task, "9", confidence="unlikely")
    html = client_for(actors["alice"]).get(f"/plans/tasks/?period={PERIOD}").content.decode()
    assert "9户" in html and "90.0%" in html and "+6.7" in html
    assert "state-approved" in html
    assert "难以完成" in html or "Unlikely" in html


def test_a_bad_period_is_explained_and_the_default_used(client_for, actors, task):
    html = client_for(actors["alice"]).get("/plans/tasks/?period=2025-13").content.decode()
    assert "报告期格式应为YYYY-MM" in html
    assert "2025年1—12月" in html  # no reports yet and the plan year is over: December
    html = client_for(actors["alice"]).get("/plans/tasks/?period=2019-05").content.decode()
    assert 'class="errors"' in html


# --- queries do not grow with the ledger -------------------------------------------------------------


def approved_tasks(make_task, actors, units, numbers):
    """Tasks of 市工信局 with a milestone, a cooperating unit and an approved report for the period."""
    for n in numbers:
        task = make_task(code=f"CY-{n:02d}", milestones=[(6, 40)])
        task.cooperating_units.add(units["yc"])
        approve(actors, task, "5")


def submitted_reports(make_task, actors, numbers):
    for n in numbers:
        report = save_report(
            actor=actors["alice"],
            task=make_task(code=f"CY-{n:02d}"),
            period=PERIOD,
            data={"cumulative_value": "5", "progress": "进展"},
            today=TODAY,
        )
        workflow.submit(actor=actors["alice"], report=report)


def get_counting_queries(client, url):
    """The response, and the SQL it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


def assert_same_number(few: list[str], many: list[str]) -> None:
    assert len(many) == len(few), "\n".join(
        [f"{len(few)} queries for the few rows, {len(many)} for the many:", *many]
    )


def test_the_task_list_does_not_query_per_task(client_for, actors, make_task, units):
    alice = client_for(actors["alice"])
    url = f"/plans/tasks/?period={PERIOD}"
    approved_tasks(make_task, actors, units, range(3))
    alice.get(url)  # warm the session and the content types
    _page, few = get_counting_queries(alice, url)
    approved_tasks(make_task, actors, units, range(3, 12))
    page, many = get_counting_queries(alice, url)
    html = page.content.decode()
    assert all(f">CY-{n:02d}<" in html for n in range(12)) and html.count("5户") >= 12
    assert_same_number(few, many)


def test_the_export_does_not_query_per_task(client_for, actors, make_task, units):
    dave = client_for(actors["dave"])
    url = f"/plans/tasks/export.xlsx?period={PERIOD}"
    approved_tasks(make_task, actors, units, range(3))
    dave.get(url)
    _sheet, few = get_counting_queries(dave, url)
    approved_tasks(make_task, actors, units, range(3, 12))
    sheet, many = get_counting_queries(dave, url)
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    assert_same_number(few, many)


def test_the_review_queue_does_not_query_per_report(client_for, actors, make_task):
    bob = client_for(actors["bob"])
    url = "/reports/review/"
    submitted_reports(make_task, actors, range(2))
    bob.get(url)
    _page, few = get_counting_queries(bob, url)
    submitted_reports(make_task, actors, range(2, 8))
    page, many = get_counting_queries(bob, url)
    assert page.content.decode().count('id="queue-') == 8
    assert_same_number(few, many)


def test_demo_tasks_are_flagged(client_for, actors, task):
    Task.objects.filter(pk=task.pk).update(is_demo=True)
    html = client_for(actors["alice"]).get(f"/plans/tasks/?period={PERIOD}").content.decode()
    assert 'class="tag tag-demo"' in html and "演示数据" in html


# --- task detail -----------------------------------------------------------------------------------------


def test_the_task_page_shows_the_task_its_standing_and_reports(client_for, actors, make_task, units):
    task = make_task(
        code="CY-05",
        source_clause="实施百亿企业培育工程",
        responsible_leader="张副市长",
        milestones=[(6, 40), (12, 100)],
    )
    task.cooperating_units.add(units["yc"])
    approve(actors, task, "5", period="2025-09")
    html = client_for(actors["alice"]).get(f"/plans/tasks/{task.pk}/?period={PERIOD}").content.decode()
    assert "<blockquote>实施百亿企业培育工程</blockquote>" in html
    assert "张副市长" in html and "榆次区" in html and "市工信局" in html
    assert "2025-12-31" in html
    assert "2025年1—10月" in html and "2025年1—9月" in html
    assert "light-" in html and "5户" in html
    assert "40.0" in html  # the June milestone
    assert f"/reports/task/{task.pk}/{PERIOD}/" in html  # 填报/修改本期
    assert 'id="history"' in html


def test_only_the_lead_units_reporter_gets_the_report_button(client_for, actors, task, units):
    url = f"/plans/tasks/{task.pk}/?period={PERIOD}"
    button = f"/reports/task/{task.pk}/{PERIOD}/"
    assert button in client_for(actors["alice"]).get(url).content.decode()
    for name in ("bob", "dave", "leo"):
        assert button not in client_for(actors[name]).get(url).content.decode()
    task.cooperating_units.add(units["swj"])
    assert button not in client_for(actors["carol"]).get(url).content.decode()


def test_no_report_button_once_the_period_is_approved(client_for, actors, task):
    approve(actors, task, "9")
    html = client_for(actors["alice"]).get(f"/plans/tasks/{task.pk}/?period={PERIOD}").content.decode()
    assert f"/reports/task/{task.pk}/{PERIOD}/" not in html


def test_another_units_task_is_404(client_for, actors, other_task):
    assert client_for(actors["alice"]).get(f"/plans/tasks/{other_task.pk}/").status_code == 404
    assert client_for(actors["leo"]).get(f"/plans/tasks/{other_task.pk}/").status_code == 200


# --- task edit -----------------------------------------------------------------------------------------


def test_a_supervisor_edits_a_task_with_a_reason(client_for, actors, task, units):
    dave = client_for(actors["dave"])
    page = dave.get(f"/plans/tasks/{task.pk}/edit/")
    assert page.status_code == 200 and 'value="10"' in page.content.decode()
    data = {
        "code": "CY-01",
        "title": "百亿企业培育",
        "area": task.area_id,
        "target_kind": "count",
        "target_value": "12",
        "target_unit": "户",
        "deadline": "2025-12-31",
        "lead_unit": units["gxj"].pk,
        "cooperating_units": [units["yc"].pk],
        "category": "A",
        "frequency": "monthly",
        "reason": "市政府常务会议调整目标",
    }
    response = dave.post_form(f"/plans/tasks/{task.pk}/edit/", data)
    assert response.status_code == 302 and response["Location"] == f"/plans/tasks/{task.pk}/"
    task.refresh_from_db()
    assert task.title == "百亿企业培育" and task.target_value == 12
    assert list(task.cooperating_units.all()) == [units["yc"]]
    html = dave.get(f"/plans/tasks/{task.pk}/").content.decode()
    assert "市政府常务会议调整目标" in html  # the reason is in the history


def test_a_task_edit_without_a_reason_or_with_bad_values_saves_nothing(client_for, actors, task, units):
    dave = client_for(actors["dave"])
    data = {
        "code": "CY-01",
        "title": "新标题",
        "area": task.area_id,
        "target_kind": "count",
        "target_value": "x12",
        "target_unit": "户",
        "deadline": "2025-12-31",
        "lead_unit": units["gxj"].pk,
        "category": "A",
        "frequency": "monthly",
        "reason": "",
    }
    response = dave.post_form(f"/plans/tasks/{task.pk}/edit/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="reason"' in html and 'class="errorlist' in html
    assert 'value="新标题"' in html  # input kept
    task.refresh_from_db()
    assert task.title == "任务CY-01"
    response = dave.post_form(f"/plans/tasks/{task.pk}/edit/", data | {"reason": "调整"})
    assert "“x12”" in response.content.decode()
    task.refresh_from_db()
    assert task.title == "任务CY-01" and task.target_value == 10


def test_a_duplicate_code_is_refused(client_for, actors, task, make_task, units):
    make_task(code="CY-02")
    data = {
        "code": "CY-02",
        "title": "x",
        "area": task.area_id,
        "target_kind": "count",
        "target_value": "1",
        "deadline": "2025-12-31",
        "lead_unit": units["gxj"].pk,
        "category": "A",
        "frequency": "monthly",
        "reason": "改编号",
    }
    response = client_for(actors["dave"]).post_form(f"/plans/tasks/{task.pk}/edit/", data)
    assert response.status_code == 200 and "CY-02" in response.content.decode()
    task.refresh_from_db()
    assert task.code == "CY-01"


@pytest.mark.parametrize("name", ["alice", "bob", "leo"])
def test_task_edit_is_403_for_roles_that_do_not_manage(client_for, actors, task, name):
    client = client_for(actors[name])
    assert client.get(f"/plans/tasks/{task.pk}/edit/").status_code == 403
    assert client.post_form(f"/plans/tasks/{task.pk}/edit/", {"title": "x", "reason": "y"}).status_code == 403
    task.refresh_from_db()
    assert task.title == "任务CY-01"


def test_an_administrator_may_edit_tasks(client_for, actors, task):
    assert client_for(actors["adam"]).get(f"/plans/tasks/{task.pk}/edit/").status_code == 200


def test_the_deadline_field_is_prefilled_as_a_date(client_for, actors, task):
    html = client_for(actors["dave"]).get(f"/plans/tasks/{task.pk}/edit/").content.decode()
    assert f'value="{date(2025, 12, 31).isoformat()}"' in html


def test_a_supervisor_ties_a_task_to_a_count_and_back_on_the_edit_form(client_for, actors, task, units):
    dave = client_for(actors["dave"])
    data = {
        "code": task.code,
        "title": task.title,
        "area": task.area_id,
        "target_kind": "count",
        "target_value": "10",
        "target_unit": "户",
        "deadline": "2025-12-31",
        "lead_unit": units["gxj"].pk,
        "category": "A",
        "frequency": "monthly",
        "derived_count": "hundred_yi_enterprises",
        "reason": "百亿企业户数从企业库统计，不再填报",
    }
    page = dave.get(f"/plans/tasks/{task.pk}/edit/").content.decode()
    assert 'name="derived_count"' in page and 'name="indicator"' in page

    assert dave.post_form(f"/plans/tasks/{task.pk}/edit/", data).status_code == 302
    task.refresh_from_db()
    assert task.derived_count == "hundred_yi_enterprises" and task.indicator is None
    assert task.history.first().history_change_reason == "百亿企业户数从企业库统计，不再填报"

    dave.post_form(f"/plans/tasks/{task.pk}/edit/", data | {"derived_count": "", "reason": "恢复填报"})
    task.refresh_from_db()
    assert task.derived_count == ""
