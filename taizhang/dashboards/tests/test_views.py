"""工作台 and 全市总览: who sees what, the counts, the links, the 演示数据 badge."""

import json

import pytest
from django.urls import reverse

from conftest import TODAY
from taizhang.ledgers import workflow
from taizhang.ledgers.services import save_report
from taizhang.plans.models import Task


def report(
    task,
    actors,
    value,
    *,
    period="2025-10",
    state="approved",
    reporter="alice",
    reviewer="bob",
    reason="请补充佐证材料",
):
    r = save_report(
        actor=actors[reporter],
        task=task,
        period=period,
        today=TODAY,
        data={"cumulative_value": value, "progress": "推进中"},
    )
    if state in {"submitted", "approved", "returned"}:
        r = workflow.submit(actor=actors[reporter], report=r)
    if state == "approved":
        r = workflow.approve(actor=actors[reviewer], report=r)
    elif state == "returned":
        r = workflow.return_for_revision(actor=actors[reviewer], report=r, reason=reason)
    return r


@pytest.fixture
def ledger(make_task, actors):
    """市工信局: one green, one yellow, one red task at 2025-10; 市商务局: one task never reported."""
    green, yellow, red = make_task("CY-01"), make_task("CY-02"), make_task("CY-03")
    report(green, actors, "9")  # 90% vs 序时 83.3%: 超序时
    report(yellow, actors, "7")  # 70%: 13.3 pp behind
    report(red, actors, "4")  # 40%: 43.3 pp behind
    other = make_task("XM-01", lead="swj")
    return {"green": green, "yellow": yellow, "red": red, "other": other}


def get(client, name, **params):
    return client.get(reverse(name), params)


class TestHome:
    def test_it_requires_login(self, client_for, db):
        response = client_for().get("/")
        assert response.status_code == 302
        assert response.url.startswith("/login/")

    def test_it_lists_my_units_tasks_due_with_a_fill_in_link(self, client_for, actors, ledger):
        response = get(client_for(actors["alice"]), "dashboards:home", period="2025-10")
        assert response.status_code == 200
        bench = response.context["bench"]
        assert [d.task.code for d in bench.due] == ["CY-01", "CY-02", "CY-03"]
        assert [d.report.state for d in bench.due] == ["approved"] * 3
        page = response.content.decode()
        assert reverse("ledgers:report_detail", args=[bench.due[0].report.pk]) in page  # approved: view it
        assert "XM-01" not in page  # another unit's task

    def test_an_open_task_links_to_the_report_form(self, client_for, actors, make_task):
        task = make_task("CY-09")
        response = get(client_for(actors["alice"]), "dashboards:home", period="2025-10")
        assert reverse("ledgers:report_edit", args=[task.pk, "2025-10"]) in response.content.decode()
        assert response.context["bench"].due_open == 1

    def test_quarterly_tasks_are_due_only_at_quarter_end(self, client_for, actors, make_task):
        make_task("CY-05", frequency="quarterly", category="C")
        alice = client_for(actors["alice"])
        assert [
            d.task.code for d in get(alice, "dashboards:home", period="2025-09").context["bench"].due
        ] == ["CY-05"]
        assert get(alice, "dashboards:home", period="2025-10").context["bench"].due == []

    def test_it_shows_my_returned_reports_with_the_reason(self, client_for, actors, task):
        report(task, actors, "5", state="returned", reason="数据口径不一致")
        response = get(client_for(actors["alice"]), "dashboards:home", period="2025-10")
        assert [r.task_id for r in response.context["bench"].returned] == [task.pk]
        assert "数据口径不一致" in response.content.decode()

    def test_a_reviewer_sees_what_waits_for_review(self, client_for, actors, task, other_task):
        report(task, actors, "5", state="submitted")
        report(other_task, actors, "5", state="submitted", reporter="carol", reviewer="rita")
        response = get(client_for(actors["bob"]), "dashboards:home", period="2025-10")
        bench = response.context["bench"]
        assert bench.waiting_count == 1  # only his own unit's
        assert [r.task_id for r in bench.waiting] == [task.pk]
        page = response.content.decode()
        assert reverse("ledgers:review_queue") in page
        assert [d.task.code for d in bench.due] == ["CY-01"]  # the unit's tasks, to follow up …
        assert "/reports/task/" not in page  # … but reviewers do not fill in

    def test_a_supervisor_sees_the_city_in_brief(self, client_for, actors, ledger):
        response = get(client_for(actors["dave"]), "dashboards:home", period="2025-10")
        city = response.context["city"]
        assert (city.total.green, city.total.yellow, city.total.red) == (1, 1, 2)  # XM-01: no report, red
        assert city.missing == 1
        assert [f.task.code for f in city.reddest()] == ["XM-01", "CY-03", "CY-02"]
        page = response.content.decode()
        assert reverse("dashboards:overview") in page
        assert response.context["bench"].due == []

    def test_a_leader_sees_the_city_and_no_fill_in_links(self, client_for, actors, ledger):
        response = get(client_for(actors["leo"]), "dashboards:home")
        assert response.context["city"] is not None
        assert "/reports/task/" not in response.content.decode()

    def test_a_bad_period_falls_back_to_the_default_with_a_message(self, client_for, actors, ledger):
        response = get(client_for(actors["alice"]), "dashboards:home", period="2025-13")
        assert response.status_code == 200
        assert response.context["period"] == "2025-10"  # the newest reported period
        assert "报告期格式应为YYYY-MM" in response.content.decode()

    def test_without_a_plan_it_says_so(self, client_for, actors):
        response = get(client_for(actors["alice"]), "dashboards:home")
        assert response.status_code == 200
        assert response.context["plan"] is None


class TestOverview:
    def test_it_counts_by_light_area_and_unit(self, client_for, actors, ledger):
        response = get(client_for(actors["dave"]), "dashboards:overview", period="2025-10")
        assert response.status_code == 200
        ov = response.context["ov"]
        assert ov.total.as_dict() | {"statuses": None} == {
            "total": 4,
            "green": 1,
            "yellow": 1,
            "red": 2,
            "missing": 1,
            "statuses": None,
        }
        assert [(g.name, g.counts.total) for g in ov.by_area] == [("产业向新", 4)]
        assert [(g.name, g.counts.red, g.counts.missing) for g in ov.by_unit] == [
            ("市工信局", 1, 0),
            ("市商务局", 1, 1),
        ]
        assert ov.period_label == "2025年1—10月"
        page = response.content.decode()
        assert "2025年1—10月" in page
        assert "vendor/echarts/echarts.min.js" in page
        assert 'id="overview-chart-data"' in page

    def test_counts_link_to_the_filtered_task_list(self, client_for, actors, ledger):
        response = get(client_for(actors["dave"]), "dashboards:overview", period="2025-10")
        page = response.content.decode()
        area = ledger["red"].area_id
        base = f"{reverse('plans:task_list')}?plan={ledger['red'].plan_id}&amp;period=2025-10"
        assert f"{base}&amp;light=red" in page
        assert f"{base}&amp;area={area}&amp;light=red" in page
        assert f"{base}&amp;unit={ledger['other'].lead_unit_id}&amp;missing=1" in page

    def test_a_reporter_sees_only_the_tasks_of_their_unit(self, client_for, actors, ledger):
        ov = get(client_for(actors["carol"]), "dashboards:overview", period="2025-10").context["ov"]
        assert ov.total.total == 1
        assert [g.name for g in ov.by_unit] == ["市商务局"]

    def test_demo_data_is_badged(self, client_for, actors, ledger):
        page = get(client_for(actors["dave"]), "dashboards:overview").content.decode()
        assert "tag-demo" not in page
        Task.objects.filter(pk=ledger["green"].pk).update(is_demo=True)
        response = get(client_for(actors["dave"]), "dashboards:overview")
        assert response.context["ov"].demo_data
        assert 'class="tag tag-demo">演示数据' in response.content.decode()
        assert response.context["chart"]["demo_data"] is True

    def test_a_period_outside_the_plan_year_is_refused(self, client_for, actors, ledger):
        response = get(client_for(actors["dave"]), "dashboards:overview", period="2024-10")
        assert response.context["period"] == "2025-10"
        assert len(list(response.context["messages"])) == 1


class TestOverviewData:
    def test_it_gives_the_rollup_and_the_chart_series(self, client_for, actors, ledger):
        response = get(client_for(actors["leo"]), "dashboards:overview_data", period="2025-10")
        assert response.status_code == 200
        data = json.loads(response.content)
        assert data["period_label"] == "2025年1—10月"
        assert data["total"]["red"] == 2 and data["missing"] == 1
        chart = data["chart"]["by_unit"]
        assert chart["categories"] == ["市工信局", "市商务局"]
        assert {s["light"]: s["data"] for s in chart["series"]} == {
            "green": [1, 0],
            "yellow": [1, 0],
            "red": [1, 1],
        }
        assert data["demo_data"] is False

    def test_a_bad_period_is_a_400_with_the_reason(self, client_for, actors, ledger):
        response = get(client_for(actors["leo"]), "dashboards:overview_data", period="October")
        assert response.status_code == 400
        assert json.loads(response.content)["errors"]["period"] == "报告期格式应为YYYY-MM，例如2025-10"


def test_the_overview_does_not_query_per_task(client_for, actors, make_task, django_assert_max_num_queries):
    dave = client_for(actors["dave"])
    for i in range(3):
        report(make_task(f"CY-{i:02d}"), actors, "5")
    dave.get(reverse("dashboards:overview"))  # warm the session and the content types
    with django_assert_max_num_queries(12) as few:
        dave.get(reverse("dashboards:overview"))
    for i in range(3, 9):
        report(make_task(f"CY-{i:02d}", lead="swj"), actors, "5", reporter="carol", reviewer="rita")
    with django_assert_max_num_queries(len(few.captured_queries)):
        dave.get(reverse("dashboards:overview"))


def test_the_workbench_lists_what_still_needs_the_clerk_first(actors, make_task, report_for):
    from taizhang.dashboards.selectors import workbench
    from taizhang.ledgers.selectors import current_plan

    done = make_task(code="A-01")
    make_task(code="A-02")  # nothing reported yet
    report_for(done, "2025-10", 5, state="approved")
    bench = workbench(actors["alice"], current_plan(), "2025-10")
    assert [d.task.code for d in bench.due] == ["A-02", "A-01"] and bench.due_open == 1
