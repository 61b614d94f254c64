"""`taizhang import projects|tasks FILE …`: exit codes, JSON keys, the installed script once."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from taizhang.plans.models import Task
from taizhang.projects.models import ImportBatch, Project
from taizhang.projects.tests.fixtures.builders import messy_sheet, plain_sheet, project_row, write_xlsx

KEYS = {"rows", "created", "updated", "unchanged", "errors"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def run(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def test_a_clean_sheet_is_committed_and_exits_0_with_the_json_keys(units, tmp_path):
    code, out = run("projects", str(messy_sheet(tmp_path / "s.xlsx")), "--period", "2025-10", "--json")

    data = json.loads(out)
    assert code == 0 and KEYS <= set(data) and data["committed"] is True
    assert (data["rows"], data["created"], data["errors"]) == (3, 3, [])
    assert Project.objects.count() == 3


def test_errors_exit_1_and_write_nothing(units, tmp_path):
    path = plain_sheet(tmp_path / "bad.xlsx", [project_row(location="火星区")])

    code, out = run("projects", str(path), "--period", "2025-10", "--json")

    data = json.loads(out)
    assert code == 1 and data["errors"][0] == {
        "row": 2,
        "column": "建设地点",
        "value": "火星区",
        "message": data["errors"][0]["message"],
    }
    assert Project.objects.count() == 0 and ImportBatch.objects.get().committed is False


def test_a_dry_run_exits_0_and_writes_nothing(units, tmp_path):
    code, out = run(
        "projects", str(plain_sheet(tmp_path / "s.xlsx", [project_row()])), "--period", "2025-10", "--dry-run"
    )

    assert code == 0 and "1" in out and Project.objects.count() == 0 and not ImportBatch.objects.exists()


def test_the_text_summary_lists_each_error(units, tmp_path):
    path = plain_sheet(tmp_path / "bad.xlsx", [project_row(plan="很多")])

    code, out = run("projects", str(path), "--period", "2025-10")

    assert code == 1 and "年度计划投资（万元）" in out and "很多" in out


@pytest.mark.parametrize(
    "args",
    [
        ["projects", "{file}", "--period", "2025-13"],
        ["projects", "{missing}", "--period", "2025-10"],
        ["projects", "{file}", "--period", "2025-10", "--user", "nobody"],
        ["tasks", "{file}", "--plan", "1999"],
    ],
)
def test_usage_errors_exit_2(units, tmp_path, args):
    path = plain_sheet(tmp_path / "s.xlsx", [project_row()])
    args = [a.format(file=path, missing=tmp_path / "missing.xlsx") for a in args]
    with pytest.raises(CommandError) as raised:
        call_command("import", *args, stdout=io.StringIO())
    assert raised.value.returncode == 2


def test_a_user_imports_as_themselves(actors, units, tmp_path):
    path = plain_sheet(tmp_path / "s.xlsx", [project_row(location="")])

    code, out = run("projects", str(path), "--period", "2025-10", "--json", "--user", "yan")

    assert code == 0 and Project.objects.get().location == units["yc"]


TASK_HEADER = [
    "任务编号",
    "任务名称",
    "所属领域",
    "目标类型",
    "目标值",
    "计量单位",
    "完成时限",
    "牵头单位",
    "配合单位",
]


def test_a_task_ledger_creates_then_updates_tasks(actors, units, area, plan, make_task, tmp_path):
    make_task(code="CY-01", lead="gxj")
    rows = [
        TASK_HEADER,
        ["CY-01", "任务CY-01", "产业向新", "数量", 12, "户", "2025年12月", "市工信局", "市商务局"],
        ["CY-02", "新增规上企业", "产业向新", "数量", 30, "户", "2025年底", "晋中市商务局", ""],
    ]
    path = write_xlsx(tmp_path / "tasks.xlsx", [["2025年重点任务台账"], *rows])

    code, out = run("tasks", str(path), "--plan", "2025", "--json", "--user", "dave")

    data = json.loads(out)
    assert code == 0, data["errors"]
    assert (data["created"], data["updated"], data["unchanged"]) == (1, 1, 0)
    updated = Task.objects.get(code="CY-01")
    assert updated.target_value == Decimal("12") and updated.deadline == date(2025, 12, 31)
    assert [u.short_name for u in updated.cooperating_units.all()] == ["市商务局"]
    assert Task.objects.get(code="CY-02").lead_unit == units["swj"]
    assert updated.history.latest().history_user == actors["dave"]

    again = json.loads(run("tasks", str(path), "--plan", str(plan.pk), "--json")[1])
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_a_task_ledger_with_an_unknown_area_is_refused(actors, units, area, plan, tmp_path):
    rows = [TASK_HEADER, ["CY-09", "任务", "数字经济", "数量", 3, "个", "2025-12-31", "市工信局", ""]]
    path = write_xlsx(tmp_path / "tasks.xlsx", rows)

    code, out = run("tasks", str(path), "--plan", "2025", "--json")

    data = json.loads(out)
    assert code == 1 and [(e["row"], e["column"]) for e in data["errors"]] == [(2, "所属领域")]
    assert "产业向新" in data["errors"][0]["message"] and not Task.objects.filter(code="CY-09").exists()
