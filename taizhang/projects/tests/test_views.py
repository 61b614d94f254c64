"""The key-project pages: list, project page, master-record form, monthly report form and its review.

UI strings are English msgids until the lead compiles the catalogue, so these tests assert data and the
metrics kernel's Chinese (lights and their reasons), never translated labels of the pages themselves."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.ledgers.choices import ReportState
from taizhang.projects import services
from taizhang.projects.models import Project, ProjectReport

PERIOD = "2025-10"


@pytest.fixture
def project(make_project):
    """榆次区, 新开工 planned for March, 1200万元 this year."""
    return make_project(
        name="晋中智能制造产业园", owner="晋中智造有限公司", leader="王副市长", cluster="装备制造"
    )


@pytest.fixture
def other_project(make_project, units):
    return make_project(code="TG-001", name="太谷农谷项目", location=units["tg"])


def get_counting_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


# --- the list ------------------------------------------------------------------------------------------


def test_the_list_shows_each_project_with_its_figures_light_and_report_state(
    client_for, actors, project, project_report_for
):
    services.update_project(
        actor=actors["dave"], project=project, data={"actual_start": date(2025, 3, 10)}, reason="开工"
    )
    project_report_for(project, "2025-09", 300, state="approved")
    project_report_for(project, PERIOD, 400, state="submitted")
    html = client_for(actors["leo"]).get(f"/projects/?period={PERIOD}").content.decode()
    assert "晋中智能制造产业园" in html and "榆次区" in html
    assert ">1200<" in html and ">300<" in html  # plan and the latest approved 1–m月 cumulative
    assert "25.0%" in html  # 300 / 1200
    assert "红灯" in html  # 25% against 10/12 of the year: the kernel's light
    assert "低于序时进度" in html  # …and its first reason as text
    assert 'class="tag state-submitted"' in html  # this period's report, waiting for review
    assert "/projects/reports/" in html


def test_the_list_is_in_dispatch_sheet_order_and_counts_by_light_and_nature(
    client_for, actors, make_project, units
):
    make_project(code="TG-002", name="太谷二号", location=units["tg"], nature="continuing")
    make_project(code="YC-009", name="榆次九号")
    make_project(code="YC-001", name="榆次一号", nature="preparatory", planned_start=None)
    html = client_for(actors["dave"]).get(f"/projects/?period={PERIOD}").content.decode()
    assert html.index("榆次一号") < html.index("榆次九号") < html.index("太谷二号")
    assert re.search(r'data-kpi="total"><b>3</b>', html)
    assert re.search(r'data-nature="新开工"><b>1</b>', html)
    assert re.search(r'data-nature="前期"><b>1</b>', html)


def test_the_list_filters(client_for, actors, make_project, units, project_report_for):
    make_project(code="YC-101", name="光伏一号", nature="continuing", leader="李副市长", cluster="新能源")
    make_project(code="YC-102", name="锂电二号", level="province", owner="尚太锂电")
    make_project(code="TG-103", name="农谷三号", location=units["tg"], category="livelihood")
    reported = make_project(
        code="YC-104",
        name="已报四号",
        actual_start=date(2025, 3, 5),
        registered=True,
        registered_on=date(2025, 4, 1),
    )
    project_report_for(reported, PERIOD, 1100, state="approved")
    tag_project = make_project(code="YC-105", name="两新五号", tags="两新, 专项债")
    dave = client_for(actors["dave"])

    def names(query):
        html = dave.get(f"/projects/?period={PERIOD}&{query}", HTTP_HX_REQUEST="true").content.decode()
        return set(re.findall(r">([^<>]*[一二三四五]号)</a>", html))

    assert names(f"location={units['tg'].pk}") == {"农谷三号"}
    assert names("nature=continuing") == {"光伏一号"}
    assert names("level=province") == {"锂电二号"}
    assert names("category=livelihood") == {"农谷三号"}
    assert names(f"tag={tag_project.tags.get(name='两新').pk}") == {"两新五号"}
    assert names("cluster=新能源") == {"光伏一号"}
    assert names("leader=*") == {"光伏一号"}
    assert names("leader=李副市长") == {"光伏一号"}
    assert names("q=尚太") == {"锂电二号"}
    assert names("q=TG-103") == {"农谷三号"}
    assert "已报四号" not in names("missing=on") and "光伏一号" in names("missing=on")
    assert names("light=green") == {"已报四号"}  # 1100/1200 ahead of the schedule rebased to March
    assert names("location=nonsense") == names("")  # an unusable filter is ignored


def test_a_county_sees_only_its_projects_and_fills_in_from_the_list(
    client_for, actors, project, other_project
):
    html = client_for(actors["yan"]).get(f"/projects/?period={PERIOD}").content.decode()
    assert "晋中智能制造产业园" in html and "太谷农谷项目" not in html
    assert f"/projects/{project.pk}/report/{PERIOD}/" in html
    reviewer = client_for(actors["yao"]).get(f"/projects/?period={PERIOD}").content.decode()
    assert "晋中智能制造产业园" in reviewer and "/report/" not in reviewer  # no 填报 for the reviewer
    leader = client_for(actors["leo"]).get(f"/projects/?period={PERIOD}").content.decode()
    assert "太谷农谷项目" in leader and "/report/" not in leader and "/projects/new/" not in leader


def test_the_default_period_is_the_newest_with_an_approved_report(
    client_for, actors, project, project_report_for
):
    project_report_for(project, "2025-08", 100, state="approved")
    html = client_for(actors["dave"]).get("/projects/").content.decode()
    assert '<option value="2025-08" selected>' in html


def test_a_bad_period_is_a_message_not_an_error(client_for, actors, project):
    response = client_for(actors["dave"]).get("/projects/?period=2025-13")
    assert response.status_code == 200 and 'class="errors"' in response.content.decode()


def test_the_list_does_not_query_per_project(client_for, actors, make_project, project_report_for):
    dave = client_for(actors["dave"])
    url = f"/projects/?period={PERIOD}"

    def approved(n):
        for _ in range(n):
            p = make_project(tags="两新")
            project_report_for(p, PERIOD, 500, state="approved")

    approved(2)
    dave.get(url)
    _page, few = get_counting_queries(dave, url)
    approved(8)
    page, many = get_counting_queries(dave, url)
    assert page.content.decode().count(">500<") == 10
    assert len(many) == len(few), "\n".join(many)


def test_demo_projects_are_labelled(client_for, actors, project):
    Project.objects.filter(pk=project.pk).update(is_demo=True)
    html = client_for(actors["dave"]).get(f"/projects/?period={PERIOD}").content.decode()
    assert 'class="tag tag-demo"' in html and "演示数据" in html
    html = client_for(actors["dave"]).get(f"/projects/{project.pk}/?period={PERIOD}").content.decode()
    assert "演示数据" in html


def test_the_export_is_the_dispatch_workbook(client_for, actors, project, project_report_for):
    pytest.importorskip("taizhang.projects.exports", reason="projects/exports.py is another engineer's")
    project_report_for(project, PERIOD, 800, state="approved")
    response = client_for(actors["dave"]).get(f"/projects/export.xlsx?period={PERIOD}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


# --- the project page ----------------------------------------------------------------------------------


def test_the_project_page_shows_every_group_every_reason_and_the_curve(
    client_for, actors, project, project_report_for
):
    services.update_project(
        actor=actors["dave"],
        project=project,
        data={"proc_approval": True, "proc_land": True, "tags": "两重, 专项债"},
        reason="补充手续",
    )
    project_report_for(project, "2025-09", 300, state="approved")
    project_report_for(project, PERIOD, 350, state="submitted")
    html = client_for(actors["leo"]).get(f"/projects/{project.pk}/?period={PERIOD}").content.decode()
    assert "晋中智造有限公司" in html and "王副市长" in html and "两重、专项债" in html
    assert html.count("✔") == 2 and html.count("○") == 3  # 前期手续: two of five done
    assert "红灯" in html
    assert "计划2025年3月开工，截至2025年10月底已连续8个月应开工未开工" in html  # start reason
    assert "低于序时进度（自2025年3月计划开工起算）" in html  # investment reason, rebased
    assert "线性序时" in html
    assert 'id="project-curve"' in html and 'id="project-curve-data"' in html
    assert "补充手续" in html  # history of the project
    assert "2025年1—9月" in html and "2025年1—10月" in html  # the report table
    assert f"/projects/{project.pk}/edit/" not in html  # a leader changes nothing


def test_the_curve_is_approved_cumulative_against_the_schedule(project, project_report_for):
    from taizhang.projects.views import project_curve

    project_report_for(project, "2025-08", 100, state="approved")
    project_report_for(project, "2025-09", 300, state="approved")
    project_report_for(project, PERIOD, 600, state="submitted")  # not approved: not drawn
    curve = project_curve(project, PERIOD, list(ProjectReport.objects.filter(project=project)))
    assert curve["actual"][8] == 25.0 and curve["actual"][9] == 25.0  # carried forward, not 50
    assert curve["actual"][10] is None
    assert curve["expected"][5] == 50.0 and curve["expected"][11] == 100.0
    assert curve["monthly"][7] is None  # the first approved month: its own share is unknown
    assert curve["monthly"][8] == 200.0 and curve["monthly"][9] is None  # derived: 300 − 100
    assert curve["curve_label"] == "线性序时"


def test_a_seasonal_schedule_is_named(settings, client_for, actors, project):
    settings.TAIZHANG_PROJECT_SEASONAL_SHARES = [1, 1, 6, 10, 12, 12, 12, 12, 12, 10, 8, 4]
    html = client_for(actors["dave"]).get(f"/projects/{project.pk}/?period={PERIOD}").content.decode()
    assert "季节性序时" in html


def test_another_countys_project_is_a_404(client_for, actors, project, other_project):
    assert client_for(actors["yan"]).get(f"/projects/{other_project.pk}/").status_code == 404
    assert client_for(actors["alice"]).get(f"/projects/{project.pk}/").status_code == 404


# --- the master record ---------------------------------------------------------------------------------


def project_form(**overrides):
    data = {
        "name": "榆次新材料项目",
        "code": "YC-200",
        "level": "city",
        "category": "industry",
        "nature": "new",
        "annual_plan": "800",
        "planned_start": "2025-04-01",
        "tags": "两新",
        "proc_approval": "on",
        "year": "2025",
    }
    data.update(overrides)
    return data


def test_a_supervisor_creates_a_project_in_any_county(client_for, actors, units):
    dave = client_for(actors["dave"])
    response = dave.post_form("/projects/new/", project_form(location=units["tg"].pk))
    project = Project.objects.get(code="YC-200")
    assert response.status_code == 302 and response["Location"] == f"/projects/{project.pk}/"
    assert project.location == units["tg"] and project.proc_approval and project.annual_plan == 800
    assert [t.name for t in project.tags.all()] == ["两新"]


def test_a_county_reporter_creates_in_their_own_county_only(client_for, actors, units):
    yan = client_for(actors["yan"])
    response = yan.post_form("/projects/new/", project_form(location=units["tg"].pk))
    assert response.status_code == 302
    assert Project.objects.get(code="YC-200").location == units["yc"]  # the posted county is ignored
    assert client_for(actors["alice"]).get("/projects/new/").status_code == 403  # not a county
    assert client_for(actors["yao"]).get("/projects/new/").status_code == 403


def test_field_errors_are_shown_next_to_the_field_and_nothing_is_saved(client_for, actors, units):
    dave = client_for(actors["dave"])
    response = dave.post_form(
        "/projects/new/", project_form(location=units["yc"].pk, annual_plan="abc", planned_start="下月")
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'class="errorlist"' in html
    assert html.count('class="errorlist"') >= 2
    assert not Project.objects.filter(code="YC-200").exists()


def test_editing_needs_a_reason_and_keeps_it_in_the_history(client_for, actors, project):
    yan = client_for(actors["yan"])
    data = project_form(name=project.name, code=project.code, annual_plan="1500")
    response = yan.post_form(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 200 and 'class="errorlist"' in response.content.decode()
    project.refresh_from_db()
    assert project.annual_plan == 1200
    response = yan.post_form(f"/projects/{project.pk}/edit/", data | {"reason": "调整年度计划"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.annual_plan == 1500
    html = yan.get(f"/projects/{project.pk}/").content.decode()
    assert "调整年度计划" in html


def test_a_kernel_rule_is_refused_in_chinese(client_for, actors, project, units):
    data = project_form(
        location=units["yc"].pk,
        name=project.name,
        code=project.code,
        actual_start="2025-05-01",
        actual_completion="2025-04-01",
        reason="更正",
    )
    response = client_for(actors["dave"]).post_form(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 200 and "实际竣工时间早于实际开工时间" in response.content.decode()


def test_a_supervisor_archives_with_a_reason(client_for, actors, project):
    dave = client_for(actors["dave"])
    response = dave.post_form(f"/projects/{project.pk}/archive/", {"reason": ""})
    assert response.status_code == 200
    project.refresh_from_db()
    assert not project.is_archived
    response = dave.post_form(f"/projects/{project.pk}/archive/", {"reason": "项目取消"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.is_archived
    assert (
        client_for(actors["yan"]).post_form(f"/projects/{project.pk}/archive/", {"reason": "x"}).status_code
        == 403
    )
    html = dave.get(f"/projects/?period={PERIOD}").content.decode()
    assert f"/projects/{project.pk}/?period" not in html


# --- the monthly report --------------------------------------------------------------------------------


def test_the_report_form_is_prefilled_from_last_period_and_shows_the_what_if(
    client_for, actors, project, project_report_for
):
    started = {"actual_start": date(2025, 3, 10), "registered": True, "registered_on": date(2025, 4, 1)}
    services.update_project(actor=actors["dave"], project=project, data=started, reason="开工入库")
    project_report_for(project, "2025-09", 300, state="approved", progress="主体结构封顶")
    yan = client_for(actors["yan"])
    html = yan.get(f"/projects/{project.pk}/report/{PERIOD}/").content.decode()
    assert "主体结构封顶" in html and 'value="300"' in html
    assert ">1200<" in html  # the annual plan beside the figures
    assert "红灯" in html and "25.0%" in html  # what-if for the prefilled figure
    preview = yan.get(
        f"/projects/{project.pk}/report/{PERIOD}/?cumulative_investment=1100", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="whatif"' in preview and "91.7%" in preview and "绿灯" in preview
    assert "<html" not in preview


def test_a_reporter_saves_a_draft_then_submits_and_the_month_is_derived(
    client_for, actors, project, project_report_for
):
    project_report_for(project, "2025-09", 300, state="approved")
    yan = client_for(actors["yan"])
    url = f"/projects/{project.pk}/report/{PERIOD}/"
    data = {"cumulative_investment": "450", "image_progress": "设备安装", "coordination": "电力接入"}
    response = yan.post_form(url, data | {"action": "draft"})
    assert response.status_code == 302 and response["Location"] == url
    report = ProjectReport.objects.get(project=project, period=PERIOD)
    assert report.state == ReportState.DRAFT and report.month_investment == 150
    response = yan.post_form(url, data | {"action": "submit"})
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert response["Location"] == f"/projects/reports/{report.pk}/"


def test_bad_figures_are_refused_naming_the_field(client_for, actors, project):
    yan = client_for(actors["yan"])
    url = f"/projects/{project.pk}/report/{PERIOD}/"
    response = yan.post_form(url, {"cumulative_investment": "很多", "action": "submit"})
    assert response.status_code == 200 and 'class="errorlist"' in response.content.decode()
    assert not ProjectReport.objects.filter(project=project).exists()
    response = yan.post_form(url, {"cumulative_investment": "", "image_progress": "", "action": "submit"})
    assert response.status_code == 200  # saved as a draft, not submitted: the marked fields
    assert ProjectReport.objects.get(project=project).state == ReportState.DRAFT


def test_the_report_form_is_for_the_countys_reporter(client_for, actors, project, other_project):
    url = f"/projects/{project.pk}/report/{PERIOD}/"
    assert client_for(actors["yao"]).get(url).status_code == 403
    assert client_for(actors["dave"]).get(url).status_code == 403
    assert client_for(actors["tim"]).get(url).status_code == 404
    future = client_for(actors["yan"]).get(f"/projects/{project.pk}/report/2030-01/")
    assert future.status_code == 302 and future["Location"] == f"/projects/{project.pk}/"


def test_a_submitted_report_is_approved_or_returned_on_its_page(
    client_for, actors, project, project_report_for
):
    report = project_report_for(project, PERIOD, 900, state="submitted")
    yao = client_for(actors["yao"])
    html = yao.get(f"/projects/reports/{report.pk}/").content.decode()
    assert (
        f"/projects/reports/{report.pk}/approve/" in html and f"/projects/reports/{report.pk}/return/" in html
    )
    leader = client_for(actors["leo"]).get(f"/projects/reports/{report.pk}/").content.decode()
    assert "/approve/" not in leader and "/return/" not in leader
    response = yao.post_form(f"/projects/reports/{report.pk}/return/", {"reason": " "}, follow=True)
    assert 'class="msg-error"' in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    yao.post_form(f"/projects/reports/{report.pk}/return/", {"reason": "累计数与统计局不符"})
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED and report.return_reason == "累计数与统计局不符"
    yan = client_for(actors["yan"])
    assert "累计数与统计局不符" in yan.get(f"/projects/{project.pk}/report/{PERIOD}/").content.decode()
    yan.post_form(f"/projects/reports/{report.pk}/submit/")
    yao.post_form(f"/projects/reports/{report.pk}/approve/")
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED
    page = yan.get(f"/projects/{project.pk}/report/{PERIOD}/")
    assert page.status_code == 302  # approved: no longer editable


def test_the_review_queue_shows_project_reports_with_htmx_approval(
    client_for, actors, project, project_report_for, other_project
):
    report = project_report_for(project, PERIOD, 900, state="submitted")
    project_report_for(other_project, PERIOD, 100, state="submitted", reporter="tim", reviewer="yao")
    yao = client_for(actors["yao"])
    html = yao.get("/reports/review/").content.decode()
    assert "晋中智能制造产业园" in html and "太谷农谷项目" not in html
    assert f"/projects/reports/{report.pk}/approve/" in html and f'id="queue-project-{report.pk}"' in html
    row = yao.post_form(f"/projects/reports/{report.pk}/approve/", HTTP_HX_REQUEST="true").content.decode()
    assert f'id="queue-project-{report.pk}"' in row and "state-approved" in row and "<html" not in row
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED
    assert "晋中智能制造产业园" not in yao.get("/reports/review/").content.decode()


def test_the_review_queue_does_not_query_per_project_report(
    client_for, actors, make_project, project_report_for
):
    yao = client_for(actors["yao"])
    for _ in range(2):
        project_report_for(make_project(), PERIOD, 100, state="submitted")
    yao.get("/reports/review/")
    _page, few = get_counting_queries(yao, "/reports/review/")
    for _ in range(6):
        project_report_for(make_project(), PERIOD, 100, state="submitted")
    page, many = get_counting_queries(yao, "/reports/review/")
    assert page.content.decode().count('id="queue-project-') == 8
    assert len(many) == len(few)
