"""GET /api/tasks and /api/tasks/{id}: scoped rows, each with its evaluation; the session + CSRF client."""

import pytest

from conftest import TODAY
from taizhang.ledgers import workflow
from taizhang.ledgers.services import save_report


def approved(task, actors, value, reporter="alice", reviewer="bob", period="2025-10"):
    r = save_report(
        actor=actors[reporter],
        task=task,
        period=period,
        today=TODAY,
        data={"cumulative_value": value, "progress": "推进中"},
    )
    workflow.approve(actor=actors[reviewer], report=workflow.submit(actor=actors[reporter], report=r))


@pytest.fixture
def tasks(make_task, actors):
    green, red = make_task("CY-01"), make_task("CY-02")
    approved(green, actors, "9")
    approved(red, actors, "2")
    other = make_task("XM-01", lead="swj")
    return {"green": green, "red": red, "other": other}


def test_it_requires_a_session(client_for, tasks):
    response = client_for().get("/api/tasks")
    assert response.status_code == 401  # JSON, not a redirect to the login page


def test_it_lists_tasks_with_their_evaluation(client_for, actors, tasks):
    response = client_for(actors["dave"]).get("/api/tasks", {"period": "2025-10"})
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()}
    assert set(rows) == {"CY-01", "CY-02", "XM-01"}
    green = rows["CY-01"]
    assert green["period"] == "2025-10"
    assert green["actual"] == 9.0 and green["target_value"] == 10.0
    assert green["report_state"] == "approved"
    assert green["evaluation"] | {"reason": None} == {
        "status": "ahead",
        "status_label": "超序时",
        "light": "green",
        "light_label": "绿灯",
        "completion": 90.0,
        "expected": 83.3,
        "gap_pp": 6.7,
        "reason": None,
        "missing": False,
    }
    assert rows["XM-01"]["evaluation"]["missing"] is True  # due 2025-11-05, nothing submitted
    assert rows["XM-01"]["lead_unit_name"] == "市商务局"


def test_it_scopes_rows_to_the_users_unit(client_for, actors, tasks):
    codes = [row["code"] for row in client_for(actors["carol"]).get("/api/tasks").json()]
    assert codes == ["XM-01"]


def test_it_filters_by_light_area_and_unit(client_for, actors, tasks):
    dave = client_for(actors["dave"])
    assert [r["code"] for r in dave.get("/api/tasks", {"light": "green", "period": "2025-10"}).json()] == [
        "CY-01"
    ]
    unit = tasks["other"].lead_unit_id
    assert [r["code"] for r in dave.get("/api/tasks", {"unit_id": unit}).json()] == ["XM-01"]
    assert len(dave.get("/api/tasks", {"area_id": tasks["red"].area_id}).json()) == 3
    assert dave.get("/api/tasks", {"area_id": 999999}).json() == []


def test_bad_filters_are_422_naming_the_field(client_for, actors, tasks):
    dave = client_for(actors["dave"])
    response = dave.get("/api/tasks", {"period": "2025/10"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"period": "报告期格式应为YYYY-MM，例如2025-10"}
    response = dave.get("/api/tasks", {"light": "blue"})
    assert response.status_code == 422 and "light" in response.json()["errors"]
    response = dave.get("/api/tasks", {"unit_id": "x"})
    assert response.status_code == 422 and "unit_id" in response.json()["errors"]


def test_a_filter_of_the_wrong_type_is_422_in_chinese_naming_the_field(client_for, actors, tasks):
    dave = client_for(actors["dave"])
    response = dave.get("/api/tasks", {"area_id": "abc"})
    assert response.status_code == 422
    message = "板块编号（area_id）：应为整数，收到“abc”。"
    assert response.json() == {"detail": message, "errors": {"area_id": message}}
    response = dave.get("/api/tasks", {"unit_id": "市工信局", "plan_id": "1.5"})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "plan_id": "台账编号（plan_id）：应为整数，收到“1.5”。",
        "unit_id": "牵头单位编号（unit_id）：应为整数，收到“市工信局”。",
    }
    response = dave.get("/api/reports", {"task_id": "CY-01"})
    assert response.json()["errors"] == {"task_id": "任务编号（task_id）：应为整数，收到“CY-01”。"}


def test_an_unknown_plan_is_404(client_for, actors, tasks):
    response = client_for(actors["dave"]).get("/api/tasks", {"plan_id": 999999})
    assert response.status_code == 404
    assert response.json()["detail"]


def test_one_task(client_for, actors, tasks):
    response = client_for(actors["alice"]).get(f"/api/tasks/{tasks['red'].pk}", {"period": "2025-10"})
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "CY-02"
    assert body["evaluation"]["light"] == "red"
    assert body["evaluation"]["gap_pp"] == -63.3


def test_a_task_out_of_scope_is_404(client_for, actors, tasks):
    response = client_for(actors["carol"]).get(f"/api/tasks/{tasks['green'].pk}")
    assert response.status_code == 404
    assert "detail" in response.json()
    assert client_for(actors["dave"]).get("/api/tasks/999999").status_code == 404


def test_the_openapi_schema_names_the_schemas(client_for, actors, db):
    schema = client_for(actors["dave"]).get("/api/openapi.json").json()
    names = set(schema["components"]["schemas"])
    assert {"TaskRead", "ReportRead", "ReportWrite", "StatusRollup", "ReturnWrite"} <= names
    assert client_for().get("/api/docs").status_code == 302  # the docs stay behind the login
