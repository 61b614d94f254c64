"""项目调度总览: the page and its data.json show the metrics kernel's figures, say which 序时 curve they use,
refuse a future period, scope rows like the task overview, and do not query per project."""

import json
from datetime import date

import pytest
from django.urls import reverse

from taizhang.accounts.choices import Role
from taizhang.accounts.models import User
from taizhang.dashboards import selectors
from taizhang.projects import selectors as project_selectors
from taizhang.projects.choices import Level, Nature
from taizhang.projects.models import Project

PERIOD = "2025-10"


@pytest.fixture
def county_clerks(actors, units):
    """Reporters and reviewers for 太谷区 (tim reports; tao reviews) and 晋中开发区 (kai / kim)."""

    def user(name, role, unit):
        actors[name] = User.objects.create_user(name, password="x", role=role, unit=units[unit])

    user("tao", Role.REVIEWER, "tg")
    user("kai", Role.REPORTER, "kfq")
    user("kim", Role.REVIEWER, "kfq")
    return actors


@pytest.fixture
def city(make_project, project_report_for, county_clerks, units):
    """Seven projects in 榆次区, 太谷区 and 晋中开发区, with approved 1–10月 figures (one only submitted).

    Investment: approved 1000 + 1500 + 900 + 600 = 4000 of 1200 + 800 + 2000 + 1000 + 500 + 600 + 300 = 6400
    (62.5%). Planned new starts of 2025: P1 on time, P2 due and not started, T1 early, K1 on time, K2 not due.
    """
    p1 = make_project(
        name="榆次新开工甲",
        actual_start=date(2025, 3, 10),
        registered=True,
        cluster="信创",
        tags=["省重点", "两新"],
    )
    p2 = make_project(name="榆次新开工乙", annual_plan="800", planned_start=date(2025, 5, 1), cluster="信创")
    p3 = make_project(
        name="榆次续建",
        nature="continuing",
        annual_plan="2000",
        planned_start=None,
        resumed=True,
        level="province",
    )
    t1 = make_project(
        code="TG-001",
        name="太谷新开工",
        location=units["tg"],
        annual_plan="1000",
        planned_start=date(2025, 2, 1),
        actual_start=date(2025, 1, 15),
        registered=True,
        tags=["两新"],
    )
    t2 = make_project(
        code="TG-002",
        name="太谷续建",
        location=units["tg"],
        nature="continuing",
        annual_plan="500",
        planned_start=None,
    )
    k1 = make_project(
        code="KF-001",
        name="开发区投产项目",
        location=units["kfq"],
        annual_plan="600",
        planned_start=date(2025, 4, 1),
        actual_start=date(2025, 4, 8),
        actual_completion=date(2025, 9, 30),
        registered=True,
        signed=True,
        expected_output="200",
        actual_output="150",
        tags=["开发区三个一批"],
    )
    k2 = make_project(
        code="KF-002",
        name="开发区签约项目",
        location=units["kfq"],
        annual_plan="300",
        planned_start=date(2025, 12, 1),
        signed=True,
        tags=["开发区三个一批"],
    )
    project_report_for(p1, PERIOD, 1000, state="approved")
    project_report_for(p3, PERIOD, 1500, state="approved")
    project_report_for(t1, PERIOD, 900, state="approved", reporter="tim", reviewer="tao")
    project_report_for(t2, PERIOD, 100, state="submitted", reporter="tim")  # not approved: does not count
    project_report_for(k1, PERIOD, 600, state="approved", reporter="kai", reviewer="kim")
    return {"p1": p1, "p2": p2, "p3": p3, "t1": t1, "t2": t2, "k1": k1, "k2": k2}


def kernel_rollup(period=PERIOD, projects=None):
    projects = Project.objects.all() if projects is None else projects
    return project_selectors.rollup(project_selectors.project_states(projects, period), period)


def get(client, name, **params):
    return client.get(reverse(name), params)


class TestFigures:
    def test_the_page_shows_the_kernels_figures(self, client_for, actors, city):
        response = get(client_for(actors["dave"]), "dashboards:project_overview", period=PERIOD)
        assert response.status_code == 200
        ov = response.context["ov"]
        kernel = kernel_rollup()
        assert ov.summary == kernel.total
        for key in selectors.PROJECT_GROUP_KEYS:
            assert {g.name: g.summary for g in ov.groups[key]} == {
                str(k): v for k, v in kernel.groups[key].items()
            }

    def test_the_figures_are_the_published_formulas_on_this_data(self, client_for, actors, city):
        ov = get(client_for(actors["dave"]), "dashboards:project_overview", period=PERIOD).context["ov"]
        s = ov.summary
        assert s.projects == 7
        assert (s.investment.rate.numerator, s.investment.rate.denominator) == (4000, 6400)
        assert str(s.investment.rate.rounded) == "62.5"
        assert str(ov.total.expected_display) == "83.3"  # 10/12, linear
        assert ov.total.gap_display == "-20.8"
        assert (s.start.done, s.start.planned_year) == (3, 5)  # 开工率, annual base: 60%
        assert (s.start.done_due, s.start.planned_due) == (3, 4)  # 序时 base: 75%
        assert (s.start.early, s.start.on_time, s.start.behind) == (1, 2, 1)
        assert (s.start_resume_rate.numerator, s.start_resume_rate.denominator) == (
            4,
            7,
        )  # 3 + 1 resumed / 5 + 2
        assert str(s.signed_start_rate.rounded) == "50.00"  # 1 of 2 signed started, two decimals
        assert str(s.output_rate.rounded) == "75.00"  # 150 / 200

    def test_the_page_prints_the_rates_with_their_fractions(self, client_for, actors, city):
        page = get(client_for(actors["dave"]), "dashboards:project_overview", period=PERIOD).content.decode()
        assert "62.5%" in page and "83.3%" in page and "-20.8" in page
        assert 'title="3/5 = 60.0%"' in page  # 开工率 (年度) with its numerator and denominator on hover
        assert 'title="3/4 = 75.0%"' in page
        assert "75.00%" in page  # 投产达效率, two decimals
        assert "投资完成率62.5%，线性序时进度83.3%，低于序时进度20.8个百分点" in page  # the kernel's sentence

    def test_groups_are_in_reporting_order(self, client_for, actors, city):
        ov = get(client_for(actors["dave"]), "dashboards:project_overview", period=PERIOD).context["ov"]
        assert [g.name for g in ov.groups["county"]] == ["榆次区", "太谷区", "晋中开发区"]
        assert [g.name for g in ov.groups["zone"]] == ["晋中开发区"]
        assert [g.name for g in ov.groups["nature"]] == [str(Nature.NEW.label), str(Nature.CONTINUING.label)]
        assert [g.name for g in ov.groups["level"]] == [str(Level.PROVINCE.label), str(Level.CITY.label)]
        assert {g.name: g.summary.projects for g in ov.groups["tag"]} == {
            "省重点": 1,
            "两新": 2,
            "开发区三个一批": 2,
        }
        assert {g.name: g.summary.projects for g in ov.groups["cluster"]} == {"信创": 2}

    def test_the_lights_are_counted_from_each_projects_light(self, client_for, actors, city):
        ov = get(client_for(actors["dave"]), "dashboards:project_overview", period=PERIOD).context["ov"]
        states = project_selectors.project_states(Project.objects.all(), PERIOD)
        expected = {c: sum(1 for s in states if s.light.light == c) for c in ("green", "yellow", "red")}
        assert ov.lights == expected
        assert sum(ov.lights.values()) == 7
        by_county = {g.name: g.lights for g in ov.groups["county"]}
        assert sum(c["red"] for c in by_county.values()) == expected["red"]


class TestData:
    def test_the_json_equals_the_kernel(self, client_for, actors, city):
        response = get(client_for(actors["leo"]), "dashboards:project_overview_data", period=PERIOD)
        assert response.status_code == 200
        data = json.loads(response.content)
        kernel = kernel_rollup().total
        assert data["period"] == PERIOD and data["curve_label"] == "线性序时"
        assert data["total"]["projects"] == kernel.projects
        inv = data["total"]["investment"]
        assert inv["rate"]["numerator"] == "4000.00" and inv["rate"]["denominator"] == "6400.00"
        assert inv["rate"]["percent"] == kernel.investment.rate.percent
        assert inv["gap_pp"] == kernel.investment.gap_pp
        assert inv["label"] == kernel.investment.label
        assert data["total"]["start_rate_due"]["label"] == kernel.start_rate_due.label == "3/4 = 75.0%"
        assert data["total"]["completion_rate_dispatch"]["label"] == kernel.completion_rate_dispatch.label
        assert (
            data["total"]["completion_rate_statistical"]["label"] == kernel.completion_rate_statistical.label
        )
        assert data["total"]["output_rate"]["rounded"] == 75.0

    def test_the_chart_series_follow_the_county_rows(self, client_for, actors, city):
        data = json.loads(
            get(client_for(actors["dave"]), "dashboards:project_overview_data", period=PERIOD).content
        )
        chart = data["chart"]
        assert chart["investment_by_county"]["categories"] == ["榆次区", "太谷区", "晋中开发区"]
        assert chart["investment_by_county"]["percent"] == [62.5, 60.0, 66.7]  # 2500/4000, 900/1500, 600/900
        assert chart["expected"] == 83.3 and chart["expected_label"] == "线性序时进度83.3%"
        series = {s["key"]: s["data"] for s in chart["start_by_county"]["series"]}
        assert series == {
            "early": [0, 1, 0],
            "on_time": [1, 0, 1],
            "late": [0, 0, 0],
            "missed": [1, 0, 0],
            "pending": [0, 0, 1],
        }

    def test_a_future_period_is_a_400(self, client_for, actors, city):
        response = get(client_for(actors["dave"]), "dashboards:project_overview_data", period="2099-01")
        assert response.status_code == 400
        assert "2099-01" in json.loads(response.content)["errors"]["period"]


class TestPeriodAndCurve:
    def test_the_period_picker_refuses_a_future_period_with_a_message(self, client_for, actors, city):
        response = get(client_for(actors["dave"]), "dashboards:project_overview", period="2099-01")
        assert response.status_code == 200
        assert response.context["period"] == PERIOD  # the newest period with an approved project report
        shown = [str(m) for m in response.context["messages"]]
        assert len(shown) == 1 and "2099-01" in shown[0]

    def test_a_malformed_period_is_refused_in_chinese(self, client_for, actors, city):
        response = get(client_for(actors["dave"]), "dashboards:project_overview", period="十月")
        assert [str(m) for m in response.context["messages"]] == ["报告期格式应为YYYY-MM，例如2025-10"]

    def test_without_a_period_it_opens_on_the_newest_approved_period(self, client_for, actors, city):
        response = get(client_for(actors["dave"]), "dashboards:project_overview")
        assert response.context["period"] == PERIOD
        assert (PERIOD, "2025年1—10月") in response.context["periods"]

    def test_the_page_says_linear_by_default(self, client_for, actors, city):
        response = get(client_for(actors["dave"]), "dashboards:project_overview", period=PERIOD)
        assert response.context["ov"].curve_label == "线性序时"
        assert "线性序时" in response.content.decode()

    def test_the_curve_label_switches_when_the_city_sets_seasonal_shares(
        self, client_for, actors, city, settings
    ):
        # northern winter: nothing in Jan, Feb, Dec; even shares Mar–Nov → 8/9 due by the end of October
        settings.TAIZHANG_PROJECT_SEASONAL_SHARES = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]
        response = get(client_for(actors["dave"]), "dashboards:project_overview", period=PERIOD)
        ov = response.context["ov"]
        assert ov.curve_label == "季节性序时"
        assert str(ov.total.expected_display) == "88.9"
        assert ov.summary == kernel_rollup().total
        page = response.content.decode()
        assert "季节性序时" in page and "线性序时" not in page
        data = json.loads(
            get(client_for(actors["dave"]), "dashboards:project_overview_data", period=PERIOD).content
        )
        assert data["curve_label"] == "季节性序时" and data["chart"]["expected"] == 88.9


class TestAccess:
    def test_it_requires_login(self, client_for, db):
        response = client_for().get(reverse("dashboards:project_overview"))
        assert response.status_code == 302 and response.url.startswith("/login/")

    def test_a_county_user_sees_their_countys_projects_like_the_task_overview(self, client_for, actors, city):
        ov = get(client_for(actors["yan"]), "dashboards:project_overview", period=PERIOD).context["ov"]
        assert ov.summary.projects == 3
        assert [g.name for g in ov.groups["county"]] == ["榆次区"]
        assert ov.summary == kernel_rollup(projects=Project.objects.filter(location__code="140702")).total

    def test_a_department_with_no_projects_sees_an_empty_overview(self, client_for, actors, city):
        response = get(client_for(actors["alice"]), "dashboards:project_overview", period=PERIOD)
        assert response.status_code == 200
        assert response.context["ov"].summary.projects == 0

    def test_every_role_may_open_the_pages(self, client_for, actors, city):
        for name in ("alice", "bob", "yan", "yao", "dave", "leo", "adam"):
            client = client_for(actors[name])
            for url in (
                "dashboards:project_overview",
                "dashboards:project_overview_data",
                "dashboards:county_comparison",
            ):
                assert get(client, url, period=PERIOD).status_code == 200, (name, url)


def test_demo_projects_are_labelled(client_for, actors, make_project):
    from taizhang.projects import services

    services.create_project(
        actor=actors["dave"],
        year=2025,
        data={"name": "演示项目", "nature": "new", "location": actors["yan"].unit, "annual_plan": "100"},
        is_demo=True,
    )
    response = get(client_for(actors["dave"]), "dashboards:project_overview", period=PERIOD)
    assert response.context["ov"].demo_data is True
    assert "演示数据" in response.content.decode()
    make_project()  # a real one alongside: still labelled, since a demo project is shown
    assert (
        "演示数据"
        in get(client_for(actors["dave"]), "dashboards:project_overview", period=PERIOD).content.decode()
    )


def test_the_overview_does_not_query_per_project(
    client_for, actors, make_project, project_report_for, django_assert_max_num_queries
):
    dave = client_for(actors["dave"])
    for i in range(3):
        project_report_for(make_project(tags=["两新"], cluster="信创"), PERIOD, 100 * i, state="approved")
    url = reverse("dashboards:project_overview") + f"?period={PERIOD}"
    dave.get(url)  # warm the session and the content types
    with django_assert_max_num_queries(20) as few:
        dave.get(url)
    for i in range(12):
        project = make_project(
            tags=["省重点", f"清单{i}"], cluster=f"集群{i}", nature="continuing" if i % 2 else "new"
        )
        project_report_for(project, PERIOD, 50 * i, state="approved")
    with django_assert_max_num_queries(len(few.captured_queries)):
        dave.get(url)


class TestProjectsStatusCommand:
    def run(self, *args):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("projects-status", *args, stdout=out)
        return out.getvalue()

    def test_the_json_is_the_pages_data(self, client_for, actors, city):
        printed = json.loads(self.run("--period", PERIOD, "--json"))
        served = json.loads(
            get(client_for(actors["dave"]), "dashboards:project_overview_data", period=PERIOD).content
        )
        assert printed == served

    def test_the_text_names_the_curve_and_prints_the_county_rows(self, city):
        text = self.run("--period", PERIOD)
        assert "线性序时" in text and "2025年1—10月" in text
        assert "投资完成率62.5%，线性序时进度83.3%，低于序时进度20.8个百分点" in text
        assert "榆次区" in text and "晋中开发区" in text and "75.0% (3/4)" in text

    def test_a_future_period_is_refused(self, city):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="2099-01"):
            self.run("--period", "2099-01")


def test_county_rows_link_to_the_project_list(client_for, actors, city, units):
    from django.urls import NoReverseMatch

    try:
        list_url = reverse("projects:project_list")
    except NoReverseMatch:
        pytest.skip("the project list has not landed yet")
    page = get(client_for(actors["dave"]), "dashboards:project_overview", period=PERIOD).content.decode()
    assert f"{list_url}?location={units['tg'].pk}&amp;period={PERIOD}" in page
