"""同题共答: the county-level units side by side, ranked by 投资完成率 with ties sharing a rank, 进位/退位
against the previous month, the last three highlighted, sortable by any column."""

import pytest
from django.urls import reverse

from taizhang.accounts.choices import Role, UnitKind
from taizhang.accounts.models import Unit, User
from taizhang.dashboards.selectors import competition_ranks
from taizhang.projects import selectors as project_selectors
from taizhang.projects.models import Project


class TestCompetitionRanks:
    def test_the_highest_value_ranks_first(self):
        assert competition_ranks({"a": 50, "b": 70, "c": 60}) == {"a": 3, "b": 1, "c": 2}

    def test_ties_share_a_rank_and_the_next_rank_skips(self):
        assert competition_ranks({"a": 70, "b": 70, "c": 60, "d": 50}) == {"a": 1, "b": 1, "c": 3, "d": 4}

    def test_a_unit_without_a_value_is_unranked(self):
        assert competition_ranks({"a": None, "b": 10}) == {"a": None, "b": 1}
        assert competition_ranks({}) == {}


@pytest.fixture
def county(actors, make_project, project_report_for):
    """county("榆社县", order, plan, {"2025-09": 300, "2025-10": 700}): a county-level unit with a reporter and a
    reviewer, one project with that annual plan, and approved 1–m月 figures per period."""
    made = {}

    def make(name, order, plan=None, figures=None, kind=UnitKind.COUNTY):
        unit = Unit.objects.filter(short_name=name).first() or Unit.objects.create(
            code=f"u{order}", name=name, short_name=name, kind=kind, order=order
        )
        reporter, reviewer = f"r{order}", f"v{order}"
        actors[reporter] = User.objects.create_user(reporter, password="x", role=Role.REPORTER, unit=unit)
        actors[reviewer] = User.objects.create_user(reviewer, password="x", role=Role.REVIEWER, unit=unit)
        if plan is not None:
            project = make_project(code=f"P{order}", name=f"{name}项目", location=unit, annual_plan=str(plan))
            for period, value in (figures or {}).items():
                project_report_for(
                    project, period, value, state="approved", reporter=reporter, reviewer=reviewer
                )
        made[name] = unit
        return unit

    return make


def comparison(client, **params):
    response = client.get(reverse("dashboards:county_comparison"), {"period": "2025-10"} | params)
    assert response.status_code == 200
    return response


def rows_of(response):
    return [(r.name, r.rank, r.move_display) for r in response.context["cmp"].rows]


class TestRanks:
    def test_counties_are_ranked_by_investment_completion_with_moves_against_last_month(
        self, client_for, actors, county
    ):
        county("榆次区", 1, 1000, {"2025-09": 500, "2025-10": 900})  # Sept 50% (2nd) → Oct 90% (1st): ↑1
        county("太谷区", 2, 1000, {"2025-09": 700, "2025-10": 800})  # 70% (1st) → 80% (2nd): ↓1
        county("祁县", 3, 1000, {"2025-09": 400, "2025-10": 800})  # 40% (3rd) → 80% (2nd, tied): ↑1
        county("榆社县", 4)  # no projects: no rank, listed in its place
        response = comparison(client_for(actors["dave"]))
        assert rows_of(response) == [
            ("榆次区", 1, "↑1"),
            ("太谷区", 2, "↓1"),
            ("祁县", 2, "↑1"),
            ("榆社县", None, "—"),
            ("晋中开发区", None, "—"),  # the conftest zone, no projects either
        ]
        empty = response.context["cmp"].rows[3]
        assert empty.summary.projects == 0 and empty.summary.investment.rate.percent is None
        page = response.content.decode()
        assert "↑1" in page and "↓1" in page

    def test_the_figures_are_the_kernels_per_county(self, client_for, actors, county):
        county("榆次区", 1, 1200, {"2025-10": 700})
        county("太谷区", 2, 800, {"2025-10": 800})
        cmp = comparison(client_for(actors["leo"])).context["cmp"]
        for row in cmp.rows:
            projects = Project.objects.filter(location=row.unit)
            states = project_selectors.project_states(projects, "2025-10")
            assert row.summary == project_selectors.rollup(states, "2025-10", keys=()).total
        yc = cmp.rows[0]
        assert (yc.summary.investment.rate.numerator, yc.summary.investment.rate.denominator) == (700, 1200)
        assert (
            str(yc.completion) == "58.3" and str(yc.expected_display) == "83.3" and yc.gap_display == "-25.0"
        )
        assert str(cmp.expected) == "83.3" and cmp.curve_label == "线性序时"

    def test_equal_rates_as_shown_share_a_rank(self, client_for, actors, county):
        county("榆次区", 1, 3000, {"2025-10": 2000})  # 66.666… → 66.7
        county("太谷区", 2, 1500, {"2025-10": 1000})  # 66.666… → 66.7
        county("祁县", 3, 1000, {"2025-10": 667})  # 66.7
        assert [r.rank for r in comparison(client_for(actors["dave"])).context["cmp"].rows[:3]] == [1, 1, 1]

    def test_january_has_no_previous_month_to_move_against(self, client_for, actors, county):
        county("榆次区", 1, 1000, {"2025-01": 100})
        cmp = comparison(client_for(actors["dave"]), period="2025-01").context["cmp"]
        assert cmp.previous_period is None
        assert cmp.rows[0].rank == 1 and cmp.rows[0].move is None and cmp.rows[0].move_display == "—"

    def test_the_last_three_are_highlighted(self, client_for, actors, county):
        for order, value in enumerate([900, 800, 700, 600, 500, 400], start=1):
            county(f"县{order}", order, 1000, {"2025-10": value})
        response = comparison(client_for(actors["dave"]))
        trailing = [r.name for r in response.context["cmp"].rows if r.trailing]
        assert trailing == ["县4", "县5", "县6"]
        assert response.content.decode().count('class="trailing"') == 3

    def test_no_last_three_among_three_or_fewer(self, client_for, actors, county):
        county("榆次区", 1, 1000, {"2025-10": 900})
        county("太谷区", 2, 1000, {"2025-10": 100})
        assert not any(r.trailing for r in comparison(client_for(actors["dave"])).context["cmp"].rows)


class TestSorting:
    def test_it_sorts_by_any_column_with_empty_values_last(self, client_for, actors, county):
        county("榆次区", 1, 1000, {"2025-10": 500})
        county("太谷区", 2, 1000, {"2025-10": 900})
        county("祁县", 3, 2000, {"2025-10": 1400})
        dave = client_for(actors["dave"])
        by_rate = [r.name for r in comparison(dave, sort="rate", dir="desc").context["cmp"].rows]
        assert by_rate == ["太谷区", "祁县", "榆次区", "晋中开发区"]
        by_rank = [r.name for r in comparison(dave, sort="rank").context["cmp"].rows]
        assert by_rank == ["太谷区", "祁县", "榆次区", "晋中开发区"]
        by_plan = [r.name for r in comparison(dave, sort="plan", dir="desc").context["cmp"].rows]
        assert by_plan[0] == "祁县"
        assert [r.name for r in comparison(dave, sort="nonsense").context["cmp"].rows][0] == "榆次区"

    def test_the_column_heads_link_to_their_sort(self, client_for, actors, county):
        county("榆次区", 1, 1000, {"2025-10": 500})
        page = comparison(client_for(actors["dave"]), sort="rate").content.decode()
        assert "?period=2025-10&amp;sort=rate&amp;dir=desc" in page  # sorted ascending now: the head flips it
        assert "?period=2025-10&amp;sort=red&amp;dir=asc" in page


class TestAccessAndChart:
    def test_a_county_user_sees_their_own_row_without_ranks(self, client_for, actors, county):
        county("榆次区", 1, 1000, {"2025-10": 500})
        county("太谷区", 2, 1000, {"2025-10": 900})
        cmp = comparison(client_for(actors["yan"])).context["cmp"]
        assert cmp.ranked is False
        assert [(r.name, r.rank) for r in cmp.rows] == [("榆次区", None)]

    def test_the_chart_has_every_row_and_the_schedule_line(self, client_for, actors, county):
        county("榆次区", 1, 1000, {"2025-10": 500})
        response = comparison(client_for(actors["dave"]))
        chart = response.context["chart"]
        assert chart["categories"] == [
            "榆次区",
            "太谷区",
            "晋中开发区",
        ]  # conftest's 太谷区 and zone: no projects
        assert chart["percent"] == [50.0, None, None]
        assert chart["expected"] == 83.3 and chart["expected_label"] == "线性序时进度83.3%"
        page = response.content.decode()
        assert 'id="county-chart-data"' in page and "vendor/echarts/echarts.min.js" in page

    def test_a_future_period_is_refused_with_a_message(self, client_for, actors, county):
        county("榆次区", 1, 1000, {"2025-10": 500})
        response = comparison(client_for(actors["dave"]), period="2099-12")
        assert response.context["period"] == "2025-10"
        assert "2099-12" in [str(m) for m in response.context["messages"]][0]


def test_the_comparison_does_not_query_per_county(client_for, actors, county, django_assert_max_num_queries):
    county("榆次区", 1, 1000, {"2025-09": 300, "2025-10": 500})
    dave = client_for(actors["dave"])
    url = reverse("dashboards:county_comparison") + "?period=2025-10"
    dave.get(url)
    with django_assert_max_num_queries(20) as few:
        dave.get(url)
    for order in range(2, 12):
        county(f"县{order}", order, 1000, {"2025-09": 100 * order % 900, "2025-10": 80 * order})
    with django_assert_max_num_queries(len(few.captured_queries)):
        dave.get(url)


def test_each_county_links_to_its_projects_in_the_project_list(client_for, actors, county):
    from django.urls import NoReverseMatch

    yc = county("榆次区", 1, 1000, {"2025-10": 500})
    try:
        list_url = reverse("projects:project_list")
    except NoReverseMatch:
        pytest.skip("the project list has not landed yet")
    page = comparison(client_for(actors["dave"])).content.decode()
    assert f"{list_url}?location={yc.pk}&amp;period=2025-10" in page
