"""Key projects over the API: the list with lights, one project, the rollup, and monthly reports through the
one review workflow; each endpoint for each role, errors in Chinese naming the field.

yan reports for 榆次区 and yao reviews there; tim reports for 太谷区; alice (市工信局) has no projects;
dave supervises, leo leads, adam administers. Writes go through the CSRF-enforcing session client.
"""

import json
from datetime import date

import pytest

from taizhang.audit.models import AuditEvent
from taizhang.projects.models import ProjectReport


def post(client, path, body=None):
    return client.post(
        path,
        json.dumps(body if body is not None else {}),
        content_type="application/json",
        headers={"X-CSRFToken": client.csrf_token()},
    )


@pytest.fixture
def yuci(make_project):
    """A 榆次区 new start planned for March 2025, annual plan 1200万元, started and registered on time."""
    return make_project(
        name="榆次液压件智能制造项目",
        tags=["市重点", "两新"],
        cluster="装备制造",
        actual_start=date(2025, 3, 10),
        registered=True,
        registered_on=date(2025, 4, 1),
    )


@pytest.fixture
def taigu(make_project, units):
    """A 太谷区 new start planned in May and never started: red for 应开工未开工 by October."""
    return make_project(
        name="太谷功能食品产业园项目",
        location=units["tg"],
        level="province",
        planned_start=date(2025, 5, 1),
        tags=["省重点"],
    )


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(item["id"] for item in response.json())


class TestProjectList:
    @pytest.mark.parametrize(
        ("role", "sees"),
        [("dave", {"yuci", "taigu"}), ("leo", {"yuci", "taigu"}), ("adam", {"yuci", "taigu"})]
        + [("yan", {"yuci"}), ("yao", {"yuci"}), ("tim", {"taigu"}), ("alice", set())],
    )
    def test_each_role_sees_the_projects_of_its_units(self, client_for, actors, yuci, taigu, role, sees):
        response = client_for(actors[role]).get("/api/projects?period=2025-10")
        expected = sorted({"yuci": yuci.pk, "taigu": taigu.pk}[name] for name in sees)
        assert ids(response) == expected

    def test_an_anonymous_caller_is_401(self, client_for, yuci):
        assert client_for().get("/api/projects").status_code == 401

    def test_each_item_carries_its_light_reasons_completion_and_schedule(
        self, client_for, actors, yuci, taigu, project_report_for
    ):
        project_report_for(yuci, "2025-10", 800, state="approved")
        response = client_for(actors["dave"]).get("/api/projects?period=2025-10")
        items = {item["id"]: item for item in response.json()}
        y = items[yuci.pk]
        # 800/1200 = 66.7%; 序时 rebased to the March start: (10-3+1)/(13-3) = 80% → 13.3 pp behind, yellow
        assert (y["completion"], y["expected"], y["gap_pp"]) == (66.7, 80.0, -13.3)
        assert y["light"] == "yellow" and y["light_label"] == "黄灯"
        assert y["cumulative_investment"] == 800.0 and y["reported"] is True
        assert y["reasons"] == [
            "投资完成率66.7%，低于序时进度（自2025年3月计划开工起算）80.0%共13.3个百分点（黄灯）"
        ]
        assert sorted(y["tags"]) == ["两新", "市重点"]
        assert y["nature_label"] == "新开工" and y["curve_label"] == "线性序时"
        t = items[taigu.pk]
        assert t["light"] == "red" and t["reported"] is False and t["report_id"] is None
        assert any("应开工未开工" in reason for reason in t["reasons"])

    def test_filters_by_county_nature_level_tag_and_light(self, client_for, actors, yuci, taigu):
        dave = client_for(actors["dave"])
        assert ids(dave.get("/api/projects?county=太谷区")) == [taigu.pk]
        assert ids(dave.get("/api/projects?county=140702")) == [yuci.pk]
        assert ids(dave.get(f"/api/projects?county={taigu.location_id}")) == [taigu.pk]
        assert ids(dave.get("/api/projects?nature=new")) == sorted([yuci.pk, taigu.pk])
        assert ids(dave.get("/api/projects?nature=新开工")) == sorted([yuci.pk, taigu.pk])
        assert ids(dave.get("/api/projects?nature=continuing")) == []
        assert ids(dave.get("/api/projects?level=province")) == [taigu.pk]
        assert ids(dave.get("/api/projects?tag=两新")) == [yuci.pk]
        assert ids(dave.get("/api/projects?light=red&period=2025-10")) == sorted([yuci.pk, taigu.pk])
        assert ids(dave.get("/api/projects?year=2024")) == []

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("nature=开工", "nature"),
            ("level=省级", "level"),
            ("county=太原市", "county"),
            ("light=blue", "light"),
            ("period=2025-13", "period"),
            ("period=2099-01", "period"),
            ("period=2025-10&year=2024", "period"),
            ("year=abc", "year"),
        ],
    )
    def test_a_bad_filter_is_422_naming_the_field(self, client_for, actors, yuci, query, field):
        response = client_for(actors["dave"]).get(f"/api/projects?{query}")
        assert response.status_code == 422, response.content
        body = response.json()
        assert set(body["errors"]) == {field}
        assert body["detail"] == body["errors"][field]

    def test_a_non_numeric_year_is_worded_in_chinese(self, client_for, actors, yuci):
        body = client_for(actors["dave"]).get("/api/projects?year=abc").json()
        assert body["errors"]["year"] == "清单年度（year）：应为整数，收到“abc”。"


class TestProjectDetail:
    def test_a_county_reporter_reads_their_project_with_its_course(
        self, client_for, actors, yuci, project_report_for
    ):
        project_report_for(yuci, "2025-03", 100, state="approved")
        project_report_for(yuci, "2025-04", 300, state="approved")
        project_report_for(yuci, "2025-05", 450, state="submitted")
        response = client_for(actors["yan"]).get(f"/api/projects/{yuci.pk}?period=2025-05")
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["name"] == "榆次液压件智能制造项目" and body["period"] == "2025-05"
        assert [p["period"] for p in body["course"]] == [f"2025-0{m}" for m in range(1, 6)]
        # only approved figures count: May is submitted, April's 300 is carried forward
        assert [p["cumulative_investment"] for p in body["course"]] == [None, None, 100.0, 300.0, 300.0]
        assert [p["expected"] for p in body["course"]] == [None, None, 10.0, 20.0, 30.0]
        assert [r["period"] for r in body["reports"]] == ["2025-05", "2025-04", "2025-03"]
        assert set(body["procedures"]) == {
            "proc_approval",
            "proc_land",
            "proc_planning",
            "proc_eia",
            "proc_construction",
        }

    @pytest.mark.parametrize(("role", "status"), [("tim", 404), ("alice", 404), ("leo", 200), ("yao", 200)])
    def test_another_countys_project_is_a_404(self, client_for, actors, yuci, role, status):
        assert client_for(actors[role]).get(f"/api/projects/{yuci.pk}").status_code == status

    def test_an_unknown_project_is_a_404(self, client_for, actors):
        assert client_for(actors["dave"]).get("/api/projects/999999").status_code == 404


class TestRollup:
    def test_the_total_and_each_county_in_the_kernels_terms(
        self, client_for, actors, yuci, taigu, project_report_for
    ):
        project_report_for(yuci, "2025-10", 900, state="approved")
        response = client_for(actors["leo"]).get("/api/projects/rollup?period=2025-10")
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["period"] == "2025-10" and body["period_label"] == "2025年1—10月"
        assert body["curve_label"] == "线性序时" and body["demo_data"] is False
        total = body["total"]
        assert total["projects"] == 2 and total["natures"]["new"] == 2
        # 开工率 on the annual base: 1 of the 2 planned new starts has started
        assert total["start_rate_annual"] == {
            "numerator": 1.0,
            "denominator": 2.0,
            "percent": 50.0,
            "label": "1/2 = 50.0%",
        }
        assert total["start"]["missed"] == 1 and total["start"]["behind"] == 1
        # 投资完成率 900/2400 = 37.5% against the linear 序时 83.3%
        investment = total["investment"]
        assert investment["rate"]["percent"] == 37.5 and investment["expected"] == 83.3
        assert investment["gap_pp"] == -45.8 and investment["light"] == "red"
        assert investment["label"] == "投资完成率37.5%，线性序时进度83.3%，低于序时进度45.8个百分点"
        # 榆次: 75% against its own 序时 80% (rebased to its March start) is green; 太谷 is red, unreported
        assert total["lights"] == {"green": 1, "yellow": 0, "red": 1, "missing": 1}
        counties = {c["name"]: c for c in body["by_county"]}
        assert list(counties) == ["榆次区", "太谷区"]
        assert counties["榆次区"]["investment"]["rate"]["label"] == "900/1200 = 75.0%"
        assert counties["太谷区"]["start"]["missed"] == 1
        assert counties["太谷区"]["lights"]["missing"] == 1

    def test_a_county_reporter_gets_the_rollup_of_their_county_only(self, client_for, actors, yuci, taigu):
        body = client_for(actors["tim"]).get("/api/projects/rollup?period=2025-10").json()
        assert body["total"]["projects"] == 1
        assert [c["name"] for c in body["by_county"]] == ["太谷区"]

    def test_a_bad_period_is_422(self, client_for, actors, yuci):
        response = client_for(actors["dave"]).get("/api/projects/rollup?period=10/2025")
        assert response.status_code == 422
        assert set(response.json()["errors"]) == {"period"}


GOOD = {
    "period": "2025-09",
    "month_investment": "120",
    "cumulative_investment": "1,050.5",
    "image_progress": "主体结构施工",
    "problems": "",
    "coordination": "请求协调用电接入",
}


class TestSaveReport:
    def test_the_county_reporter_saves_a_draft(self, client_for, actors, yuci):
        response = post(client_for(actors["yan"]), f"/api/projects/{yuci.pk}/reports", GOOD)
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["state"] == "draft" and body["cumulative_investment"] == 1050.5
        assert body["month_investment"] == 120.0 and body["coordination"] == "请求协调用电接入"
        report = ProjectReport.objects.get(pk=body["id"])
        assert report.created_by == actors["yan"] and report.unit == yuci.location
        assert report.history.first().history_user == actors["yan"]

    def test_saving_again_updates_the_draft(self, client_for, actors, yuci):
        yan = client_for(actors["yan"])
        post(yan, f"/api/projects/{yuci.pk}/reports", GOOD)
        response = post(yan, f"/api/projects/{yuci.pk}/reports", GOOD | {"cumulative_investment": 1100})
        assert response.json()["cumulative_investment"] == 1100.0
        assert ProjectReport.objects.count() == 1

    @pytest.mark.parametrize(
        ("role", "status"),
        [("yao", 403), ("dave", 403), ("leo", 403), ("adam", 403), ("tim", 404), ("alice", 404)],
    )
    def test_only_the_countys_reporter_may_write(self, client_for, actors, yuci, role, status):
        response = post(client_for(actors[role]), f"/api/projects/{yuci.pk}/reports", GOOD)
        assert response.status_code == status, response.content
        assert ProjectReport.objects.count() == 0

    def test_a_non_number_is_422_naming_the_field_and_nothing_is_saved(self, client_for, actors, yuci):
        response = post(
            client_for(actors["yan"]),
            f"/api/projects/{yuci.pk}/reports",
            GOOD | {"cumulative_investment": "一千万"},
        )
        assert response.status_code == 422
        body = response.json()
        assert set(body["errors"]) == {"cumulative_investment"}
        assert "1—m月累计完成投资" in body["detail"] and "一千万" in body["detail"]
        assert ProjectReport.objects.count() == 0

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            (
                "cumulative_investment",
                True,
                "1—m月累计完成投资（cumulative_investment）：应为数字，收到“true”。",
            ),
            ("month_investment", [5], "本月完成投资（month_investment）：应为数字，收到“[5]”。"),
            ("image_progress", 5, "形象进度（image_progress）：应为文字。"),
            ("coordination", {"a": 1}, "需协调事项（coordination）：应为文字。"),
            ("problems", False, "存在问题（problems）：应为文字。"),
        ],
    )
    def test_a_value_of_the_wrong_json_type_is_422_in_chinese(
        self, client_for, actors, yuci, field, value, message
    ):
        response = post(client_for(actors["yan"]), f"/api/projects/{yuci.pk}/reports", GOOD | {field: value})
        assert response.status_code == 422
        assert response.json() == {"detail": message, "errors": {field: message}}
        assert ProjectReport.objects.count() == 0

    def test_a_missing_period_is_422_naming_it(self, client_for, actors, yuci):
        body = dict(GOOD)
        del body["period"]
        response = post(client_for(actors["yan"]), f"/api/projects/{yuci.pk}/reports", body)
        assert response.status_code == 422
        assert response.json()["errors"] == {"period": "报告期（period）：必填。"}

    @pytest.mark.parametrize("period", ["2024-12", "2025-13", "2099-01", ""])
    def test_a_period_outside_the_list_year_or_malformed_is_422(self, client_for, actors, yuci, period):
        response = post(
            client_for(actors["yan"]), f"/api/projects/{yuci.pk}/reports", GOOD | {"period": period}
        )
        assert response.status_code == 422, response.content
        assert set(response.json()["errors"]) == {"period"}
        assert ProjectReport.objects.count() == 0

    def test_a_body_that_is_not_a_json_object_is_422(self, client_for, actors, yuci):
        response = post(client_for(actors["yan"]), f"/api/projects/{yuci.pk}/reports", [GOOD])
        assert response.status_code == 422
        assert response.json()["errors"] == {"body": "请求正文应为JSON对象。"}


class TestWorkflow:
    def test_submit_approve_through_the_one_workflow(self, client_for, actors, yuci, project_report_for):
        report = project_report_for(yuci, "2025-09", 700)
        submitted = post(client_for(actors["yan"]), f"/api/project-reports/{report.pk}/submit")
        assert submitted.status_code == 200, submitted.content
        assert submitted.json()["state"] == "submitted"
        approved = post(client_for(actors["yao"]), f"/api/project-reports/{report.pk}/approve")
        assert approved.status_code == 200, approved.content
        assert (
            approved.json()["state"] == "approved" and approved.json()["reviewed_by_id"] == actors["yao"].pk
        )
        steps = AuditEvent.objects.filter(object_id=report.pk).order_by("pk").values_list("action", "actor")
        assert list(steps)[-2:] == [("submit", actors["yan"].pk), ("approve", actors["yao"].pk)]

    @pytest.mark.parametrize(
        ("role", "status"),
        [("yao", 403), ("dave", 403), ("leo", 403), ("adam", 403), ("tim", 404), ("alice", 404)],
    )
    def test_only_the_countys_reporter_submits(
        self, client_for, actors, yuci, project_report_for, role, status
    ):
        report = project_report_for(yuci, "2025-09", 700)
        response = post(client_for(actors[role]), f"/api/project-reports/{report.pk}/submit")
        assert response.status_code == status, response.content
        report.refresh_from_db()
        assert report.state == "draft"

    @pytest.mark.parametrize(
        ("role", "status"),
        [("yan", 403), ("dave", 403), ("leo", 403), ("adam", 403), ("tim", 404), ("alice", 404)],
    )
    def test_only_the_countys_reviewer_approves(
        self, client_for, actors, yuci, project_report_for, role, status
    ):
        report = project_report_for(yuci, "2025-09", 700, state="submitted")
        response = post(client_for(actors[role]), f"/api/project-reports/{report.pk}/approve")
        assert response.status_code == status, response.content
        report.refresh_from_db()
        assert report.state == "submitted"

    def test_a_return_needs_a_reason_and_keeps_it(self, client_for, actors, yuci, project_report_for):
        report = project_report_for(yuci, "2025-09", 700, state="submitted")
        yao = client_for(actors["yao"])
        blank = post(yao, f"/api/project-reports/{report.pk}/return", {"reason": "  "})
        assert blank.status_code == 422
        assert set(blank.json()["errors"]) == {"return_reason"}
        returned = post(
            yao, f"/api/project-reports/{report.pk}/return", {"reason": "累计投资与财务报表不一致"}
        )
        assert returned.status_code == 200, returned.content
        assert returned.json()["state"] == "returned"
        assert returned.json()["return_reason"] == "累计投资与财务报表不一致"
        again = post(client_for(actors["yan"]), f"/api/projects/{yuci.pk}/reports", GOOD)
        assert again.status_code == 200 and again.json()["state"] == "returned"

    @pytest.mark.parametrize(("role", "status"), [("yan", 403), ("tim", 404), ("leo", 403)])
    def test_only_the_countys_reviewer_returns(
        self, client_for, actors, yuci, project_report_for, role, status
    ):
        report = project_report_for(yuci, "2025-09", 700, state="submitted")
        response = post(client_for(actors[role]), f"/api/project-reports/{report.pk}/return", {"reason": "x"})
        assert response.status_code == status, response.content

    def test_approving_a_draft_is_422(self, client_for, actors, yuci, project_report_for):
        report = project_report_for(yuci, "2025-09", 700)
        response = post(client_for(actors["yao"]), f"/api/project-reports/{report.pk}/approve")
        assert response.status_code == 422
        report.refresh_from_db()
        assert report.state == "draft"

    def test_submitting_without_the_figures_is_422_naming_the_field(self, client_for, actors, yuci):
        yan = client_for(actors["yan"])
        draft = post(yan, f"/api/projects/{yuci.pk}/reports", {"period": "2025-09"}).json()
        response = post(yan, f"/api/project-reports/{draft['id']}/submit")
        assert response.status_code == 422
        assert set(response.json()["errors"]) == {"cumulative_investment", "image_progress"}

    @pytest.mark.parametrize(("role", "status"), [("yan", 200), ("leo", 200), ("tim", 404), ("alice", 404)])
    def test_reading_a_report(self, client_for, actors, yuci, project_report_for, role, status):
        report = project_report_for(yuci, "2025-09", 700)
        assert client_for(actors[role]).get(f"/api/project-reports/{report.pk}").status_code == status

    def test_a_post_without_the_csrf_token_is_refused(self, client_for, actors, yuci, project_report_for):
        report = project_report_for(yuci, "2025-09", 700)
        response = client_for(actors["yan"]).post(
            f"/api/project-reports/{report.pk}/submit", "{}", content_type="application/json"
        )
        assert response.status_code == 403
        report.refresh_from_db()
        assert report.state == "draft"
