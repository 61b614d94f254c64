"""工作台, key projects: a county 填报员 sees the county's projects still to report this period (open first)
and their returned project reports with reasons; a county 审核员 the count waiting for review; 督查/领导 the
period's headline figures linking to the project overview."""

from datetime import date

import pytest
from django.urls import NoReverseMatch, reverse

from taizhang.ledgers import workflow
from taizhang.projects import selectors as project_selectors
from taizhang.projects.models import Project

PERIOD = "2025-10"


def home(client, period=PERIOD):
    response = client.get(reverse("dashboards:home"), {"period": period})
    assert response.status_code == 200
    return response


def report_edit_url(project, period=PERIOD):
    try:
        return reverse("projects:project_report_edit", args=[project.pk, period])
    except NoReverseMatch:  # the pages engineer's URL has not landed yet: the page must render without it
        return None


@pytest.fixture
def yuci(make_project, project_report_for, actors, units):
    """榆次区: one project approved, one submitted, one draft, one never reported; one in 太谷区."""
    approved, submitted, draft, untouched = (make_project(name=f"榆次项目{i}") for i in range(4))
    project_report_for(approved, PERIOD, 900, state="approved")
    project_report_for(submitted, PERIOD, 500, state="submitted")
    project_report_for(draft, PERIOD, 300)
    other = make_project(code="TG-001", name="太谷项目", location=units["tg"])
    return {
        "approved": approved,
        "submitted": submitted,
        "draft": draft,
        "untouched": untouched,
        "other": other,
    }


class TestCountyReporter:
    def test_it_lists_the_countys_projects_open_ones_first(self, client_for, actors, yuci):
        response = home(client_for(actors["yan"]))
        pb = response.context["project_bench"]
        assert pb.shows_reporting and not pb.shows_review
        assert [d.project.name for d in pb.due_open] == ["榆次项目2", "榆次项目3"]  # draft, never reported
        assert [d.project.name for d in pb.due_done] == ["榆次项目0", "榆次项目1"]
        assert [d.is_open for d in pb.due] == [True, True, False, False]
        page = response.content.decode()
        assert "太谷项目" not in page  # another county's project

    def test_each_open_project_links_to_its_report_form_once_that_page_exists(self, client_for, actors, yuci):
        page = home(client_for(actors["yan"])).content.decode()
        for key in ("draft", "untouched"):
            url = report_edit_url(yuci[key])
            if url is not None:
                assert url in page
        assert report_edit_url(yuci["approved"]) is None or report_edit_url(yuci["approved"]) not in page

    def test_returned_project_reports_show_their_reasons(self, client_for, actors, yuci, project_report_for):
        report = project_report_for(yuci["untouched"], PERIOD, 100, state="submitted")
        workflow.return_for_revision(actor=actors["yao"], report=report, reason="请补充形象进度照片")
        response = home(client_for(actors["yan"]))
        pb = response.context["project_bench"]
        assert [r.project.name for r in pb.returned] == ["榆次项目3"]
        assert "请补充形象进度照片" in response.content.decode()
        assert "榆次项目3" in [d.project.name for d in pb.due_open]  # returned: open again

    def test_the_projects_are_those_of_the_pages_period(self, client_for, actors, yuci):
        pb = home(client_for(actors["yan"]), period="2025-09").context["project_bench"]
        assert pb.period == "2025-09" and len(pb.due_open) == 4  # nothing reported for September

    def test_another_countys_reporter_sees_only_their_own(self, client_for, actors, yuci):
        pb = home(client_for(actors["tim"])).context["project_bench"]
        assert [d.project.name for d in pb.due] == ["太谷项目"]


class TestOtherRoles:
    def test_a_county_reviewer_sees_the_count_waiting(
        self, client_for, actors, yuci, make_project, project_report_for
    ):
        project_report_for(make_project(), PERIOD, 10, state="submitted")
        response = home(client_for(actors["yao"]))
        pb = response.context["project_bench"]
        assert pb.shows_review and not pb.shows_reporting
        assert pb.waiting_count == 2
        assert "data-waiting>2<" in response.content.decode()

    def test_a_department_reporter_sees_no_project_blocks(self, client_for, actors, yuci):
        response = home(client_for(actors["alice"]))
        pb = response.context["project_bench"]
        assert not pb.shows_reporting and not pb.shows_review and pb.city is None
        assert 'data-block="projects' not in response.content.decode()

    @pytest.mark.parametrize("who", ["dave", "leo", "adam"])
    def test_supervisors_and_leaders_see_the_headline_figures(self, client_for, actors, yuci, who):
        response = home(client_for(actors[who]))
        city = response.context["project_bench"].city
        states = project_selectors.project_states(Project.objects.all(), PERIOD)
        assert city.summary == project_selectors.rollup(states, PERIOD).total
        assert city.summary.projects == 5
        page = response.content.decode()
        assert 'data-block="projects-city"' in page
        assert f"{reverse('dashboards:project_overview')}?period={PERIOD}" in page
        assert city.summary.investment.label in page

    def test_no_headline_block_without_projects(self, client_for, actors, db):
        response = home(client_for(actors["dave"]))
        assert response.context["project_bench"].city is None


def test_the_workbench_does_not_query_per_project(
    client_for, actors, make_project, project_report_for, django_assert_max_num_queries
):
    yan, dave = client_for(actors["yan"]), client_for(actors["dave"])
    for _ in range(2):
        project_report_for(make_project(planned_start=date(2025, 4, 1)), PERIOD, 100, state="approved")
    home(yan), home(dave)
    with django_assert_max_num_queries(40) as few_yan:
        home(yan)
    with django_assert_max_num_queries(60) as few_dave:
        home(dave)
    for i in range(10):
        project = make_project(tags=[f"清单{i}"])
        if i % 2:
            project_report_for(project, PERIOD, 100, state="submitted")
    with django_assert_max_num_queries(len(few_yan.captured_queries)):
        home(yan)
    with django_assert_max_num_queries(len(few_dave.captured_queries)):
        home(dave)
