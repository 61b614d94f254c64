"""Reports over the API: list, save a draft, submit, approve, return; the status rollup; error shapes.

Every write goes through the CSRF-enforcing session client, with the X-CSRFToken header.
"""

import json

import pytest

from conftest import TODAY
from taizhang.ledgers import workflow
from taizhang.ledgers.models import ProgressReport
from taizhang.ledgers.services import save_report


def put(client, path, body):
    return client.put(
        path, json.dumps(body), content_type="application/json", headers={"X-CSRFToken": client.csrf_token()}
    )


def post(client, path, body=None):
    return client.post(
        path,
        json.dumps(body or {}),
        content_type="application/json",
        headers={"X-CSRFToken": client.csrf_token()},
    )


def draft(task, actors, value="5", reporter="alice", period="2025-10"):
    return save_report(
        actor=actors[reporter],
        task=task,
        period=period,
        today=TODAY,
        data={"cumulative_value": value, "progress": "推进中"},
    )


GOOD = {
    "cumulative_value": "1,234.5",
    "progress": "完成3户",
    "problems": "",
    "next_steps": "继续推进",
    "confidence": "at_risk",
}


class TestSaveReport:
    def test_a_reporter_saves_a_draft(self, client_for, actors, make_task):
        task = make_task(target_value="2000")
        response = put(client_for(actors["alice"]), f"/api/tasks/{task.pk}/reports/2025-09", GOOD)
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["state"] == "draft" and body["cumulative_value"] == 1234.5 and body["period"] == "2025-09"
        report = ProgressReport.objects.get(pk=body["id"])
        assert report.created_by == actors["alice"]
        assert report.history.first().history_user == actors["alice"]

    def test_saving_again_updates_the_draft(self, client_for, actors, task):
        alice = client_for(actors["alice"])
        put(alice, f"/api/tasks/{task.pk}/reports/2025-09", GOOD | {"cumulative_value": 3})
        response = put(alice, f"/api/tasks/{task.pk}/reports/2025-09", GOOD | {"cumulative_value": 4})
        assert response.json()["cumulative_value"] == 4.0
        assert ProgressReport.objects.count() == 1

    def test_a_non_number_is_422_naming_the_field_and_nothing_is_saved(self, client_for, actors, task):
        response = put(
            client_for(actors["alice"]),
            f"/api/tasks/{task.pk}/reports/2025-09",
            GOOD | {"cumulative_value": "abc"},
        )
        assert response.status_code == 422
        body = response.json()
        assert set(body["errors"]) == {"cumulative_value"}
        assert "abc" in body["errors"]["cumulative_value"]
        assert body["detail"] == body["errors"]["cumulative_value"]
        assert ProgressReport.objects.count() == 0

    def test_a_wrongly_typed_body_is_422_in_the_same_shape(self, client_for, actors, task):
        response = put(
            client_for(actors["alice"]),
            f"/api/tasks/{task.pk}/reports/2025-09",
            GOOD | {"progress": ["not", "text"]},
        )
        assert response.status_code == 422
        assert response.json() == {
            "detail": "进展情况（progress）：应为文字。",
            "errors": {"progress": "进展情况（progress）：应为文字。"},
        }
        assert ProgressReport.objects.count() == 0

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("cumulative_value", True, "累计完成值（cumulative_value）：应为数字，收到“true”。"),
            ("cumulative_value", False, "累计完成值（cumulative_value）：应为数字，收到“false”。"),
            ("percent_complete", True, "完成进度（percent_complete）：应为数字，收到“true”。"),
            ("cumulative_value", [5], "累计完成值（cumulative_value）：应为数字，收到“[5]”。"),
            ("problems", 5, "存在问题（problems）：应为文字。"),
            ("next_steps", False, "下步打算（next_steps）：应为文字。"),
            ("confidence", {"level": 1}, "完成研判（confidence）：应为文字。"),
        ],
    )
    def test_a_value_of_the_wrong_json_type_is_422_naming_the_field(
        self, client_for, actors, task, field, value, message
    ):
        response = put(
            client_for(actors["alice"]), f"/api/tasks/{task.pk}/reports/2025-09", GOOD | {field: value}
        )
        assert response.status_code == 422
        assert response.json() == {"detail": message, "errors": {field: message}}
        assert ProgressReport.objects.count() == 0

    def test_null_text_is_saved_blank_and_numbers_may_be_json_numbers(self, client_for, actors, task):
        body = GOOD | {"cumulative_value": 7.5, "progress": None, "problems": None, "confidence": None}
        response = put(client_for(actors["alice"]), f"/api/tasks/{task.pk}/reports/2025-09", body)
        assert response.status_code == 200, response.content
        report = ProgressReport.objects.get()
        assert (report.cumulative_value, report.progress, report.problems) == (7.5, "", "")
        assert report.confidence == "confident"

    @pytest.mark.parametrize("body", [[], [GOOD], "1,234.5", 5, True, None])
    def test_a_body_that_is_not_a_json_object_is_422_and_nothing_is_saved(
        self, client_for, actors, task, body
    ):
        alice = client_for(actors["alice"])
        response = alice.put(
            f"/api/tasks/{task.pk}/reports/2025-09",
            json.dumps(body),
            content_type="application/json",
            headers={"X-CSRFToken": alice.csrf_token()},
        )
        assert response.status_code == 422
        assert response.json() == {
            "detail": "请求正文应为JSON对象。",
            "errors": {"body": "请求正文应为JSON对象。"},
        }
        assert ProgressReport.objects.count() == 0

    @pytest.mark.parametrize("raw", ['{"progress": "完成3户",}', "progress=完成3户", b"\xff\xfe{"])
    def test_a_body_that_is_not_json_is_400_in_chinese_and_nothing_is_saved(
        self, client_for, actors, task, raw
    ):
        alice = client_for(actors["alice"])
        response = alice.put(
            f"/api/tasks/{task.pk}/reports/2025-09",
            raw,
            content_type="application/json",
            headers={"X-CSRFToken": alice.csrf_token()},
        )
        assert response.status_code == 400
        assert response.json() == {
            "detail": "请求正文不是有效的JSON。",
            "errors": {"body": "请求正文不是有效的JSON。"},
        }
        assert ProgressReport.objects.count() == 0

    def test_a_bad_or_future_period_is_422(self, client_for, actors, task):
        alice = client_for(actors["alice"])
        assert put(alice, f"/api/tasks/{task.pk}/reports/2025-13", GOOD).json()["errors"].keys() == {"period"}
        response = put(alice, f"/api/tasks/{task.pk}/reports/2099-01", GOOD)
        assert response.status_code == 422 and "period" in response.json()["errors"]

    def test_a_leader_may_not_write(self, client_for, actors, task):
        response = put(client_for(actors["leo"]), f"/api/tasks/{task.pk}/reports/2025-09", GOOD)
        assert response.status_code == 403
        assert response.json()["detail"]
        assert ProgressReport.objects.count() == 0

    def test_another_units_task_is_404(self, client_for, actors, task):
        response = put(client_for(actors["carol"]), f"/api/tasks/{task.pk}/reports/2025-09", GOOD)
        assert response.status_code == 404

    def test_a_cooperating_unit_sees_the_task_but_may_not_report_it(self, client_for, actors, task, units):
        task.cooperating_units.add(units["swj"])
        response = put(client_for(actors["carol"]), f"/api/tasks/{task.pk}/reports/2025-09", GOOD)
        assert response.status_code == 403

    def test_it_needs_the_csrf_token(self, client_for, actors, task):
        client = client_for(actors["alice"])
        response = client.put(
            f"/api/tasks/{task.pk}/reports/2025-09", json.dumps(GOOD), content_type="application/json"
        )
        assert response.status_code == 403
        assert ProgressReport.objects.count() == 0


class TestWorkflow:
    def test_submit_then_approve(self, client_for, actors, task):
        report = draft(task, actors)
        response = post(client_for(actors["alice"]), f"/api/reports/{report.pk}/submit")
        assert response.status_code == 200 and response.json()["state"] == "submitted"
        response = post(client_for(actors["bob"]), f"/api/reports/{report.pk}/approve")
        assert response.status_code == 200
        assert response.json()["state"] == "approved"
        assert response.json()["reviewed_by_id"] == actors["bob"].pk

    def test_return_needs_a_reason(self, client_for, actors, task):
        report = workflow.submit(actor=actors["alice"], report=draft(task, actors))
        bob = client_for(actors["bob"])
        response = post(bob, f"/api/reports/{report.pk}/return", {"reason": "  "})
        assert response.status_code == 422
        assert "return_reason" in response.json()["errors"]
        response = post(bob, f"/api/reports/{report.pk}/return", {})
        assert response.status_code == 422
        assert response.json() == {
            "detail": "退回原因（reason）：必填。",
            "errors": {"reason": "退回原因（reason）：必填。"},
        }
        response = post(bob, f"/api/reports/{report.pk}/return", {"reason": True})
        assert response.json()["errors"] == {"reason": "退回原因（reason）：应为文字。"}
        report.refresh_from_db()
        assert report.state == "submitted" and report.return_reason == ""
        response = post(bob, f"/api/reports/{report.pk}/return", {"reason": "请补充佐证"})
        assert response.status_code == 200
        assert response.json()["state"] == "returned" and response.json()["return_reason"] == "请补充佐证"

    def test_a_step_body_that_is_not_an_object_or_has_wrong_types_is_422(self, client_for, actors, task):
        report = draft(task, actors)
        alice = client_for(actors["alice"])
        response = alice.post(
            f"/api/reports/{report.pk}/submit",
            json.dumps(["提交"]),
            content_type="application/json",
            headers={"X-CSRFToken": alice.csrf_token()},
        )
        assert response.status_code == 422
        assert response.json()["errors"] == {"body": "请求正文应为JSON对象。"}
        response = post(alice, f"/api/reports/{report.pk}/submit", {"note": 1})
        assert response.json()["errors"] == {"note": "报送说明（note）：应为文字。"}
        report.refresh_from_db()
        assert report.state == "draft"

    def test_a_step_that_does_not_fit_the_state_is_422(self, client_for, actors, task):
        report = draft(task, actors)
        response = post(client_for(actors["bob"]), f"/api/reports/{report.pk}/approve")
        assert response.status_code == 422
        assert response.json()["detail"]

    def test_a_submit_without_the_required_figures_is_422(self, client_for, actors, task):
        report = save_report(actor=actors["alice"], task=task, period="2025-10", today=TODAY, data={})
        response = post(client_for(actors["alice"]), f"/api/reports/{report.pk}/submit")
        assert response.status_code == 422
        assert set(response.json()["errors"]) == {"cumulative_value", "progress"}

    def test_a_reporter_may_not_approve(self, client_for, actors, task):
        report = workflow.submit(actor=actors["alice"], report=draft(task, actors))
        assert post(client_for(actors["alice"]), f"/api/reports/{report.pk}/approve").status_code == 403

    def test_another_units_report_is_404(self, client_for, actors, task):
        report = workflow.submit(actor=actors["alice"], report=draft(task, actors))
        assert post(client_for(actors["rita"]), f"/api/reports/{report.pk}/approve").status_code == 404
        assert client_for(actors["carol"]).get(f"/api/reports/{report.pk}").status_code == 404


class TestListReports:
    def test_it_filters_by_period_and_state_within_scope(self, client_for, actors, task, other_task):
        draft(task, actors, period="2025-09")
        workflow.submit(actor=actors["alice"], report=draft(task, actors, period="2025-10"))
        draft(other_task, actors, reporter="carol")
        alice = client_for(actors["alice"])
        assert len(alice.get("/api/reports").json()) == 2
        rows = alice.get("/api/reports", {"period": "2025-10", "state": "submitted"}).json()
        assert [(r["task_code"], r["state"]) for r in rows] == [("CY-01", "submitted")]
        assert len(client_for(actors["dave"]).get("/api/reports", {"period": "2025-10"}).json()) == 2

    def test_a_bad_state_is_422(self, client_for, actors, task):
        response = client_for(actors["alice"]).get("/api/reports", {"state": "done"})
        assert response.status_code == 422 and "state" in response.json()["errors"]


class TestStatus:
    @pytest.fixture
    def ledger(self, make_task, actors):
        green = make_task("CY-01")
        r = draft(green, actors, "9")
        workflow.approve(actor=actors["bob"], report=workflow.submit(actor=actors["alice"], report=r))
        make_task("XM-01", lead="swj")

    def test_it_gives_the_rollup(self, client_for, actors, ledger):
        response = client_for(actors["leo"]).get("/api/status", {"period": "2025-10"})
        assert response.status_code == 200
        body = response.json()
        assert body["period_label"] == "2025年1—10月"
        assert {k: body["total"][k] for k in ("total", "green", "yellow", "red", "missing")} == {
            "total": 2,
            "green": 1,
            "yellow": 0,
            "red": 1,
            "missing": 1,
        }
        assert [(u["name"], u["total"]) for u in body["by_unit"]] == [("市工信局", 1), ("市商务局", 1)]
        assert [a["name"] for a in body["by_area"]] == ["产业向新"]
        assert body["missing"] == 1 and body["demo_data"] is False

    def test_a_reporter_gets_the_rollup_of_their_unit(self, client_for, actors, ledger):
        body = client_for(actors["carol"]).get("/api/status", {"period": "2025-10"}).json()
        assert body["total"]["total"] == 1

    def test_a_bad_period_is_422(self, client_for, actors, ledger):
        response = client_for(actors["leo"]).get("/api/status", {"period": "2025-1"})
        assert response.status_code == 422
        assert response.json()["errors"]["period"]
