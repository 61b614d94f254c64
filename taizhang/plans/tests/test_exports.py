"""The ledger exported to Excel reads back with the figures the pages show (python-calamine)."""

import io

from python_calamine import CalamineWorkbook

from conftest import TODAY
from taizhang.ledgers import services, workflow
from taizhang.ledgers.selectors import evaluate_tasks, tasks_for_status
from taizhang.plans.exports import ledger_workbook
from taizhang.plans.models import Task


def test_the_exported_ledger_has_a_title_a_header_and_one_row_per_task(actors, task, other_task, units):
    task.cooperating_units.add(units["swj"], units["yc"])
    report = services.save_report(
        actor=actors["alice"],
        task=task,
        period="2025-10",
        today=TODAY,
        data={"cumulative_value": "9", "progress": "完成9户", "confidence": "at_risk"},
    )
    workflow.approve(actor=actors["bob"], report=workflow.submit(actor=actors["alice"], report=report))
    states = evaluate_tasks(tasks_for_status(Task.objects.order_by("code")), "2025-10", today=TODAY)

    content = ledger_workbook(states, title="2025年重点任务台账", period="2025-10", is_demo=True)

    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "2025年重点任务台账 · 2025年1—10月"
    assert "演示数据" in rows[1][0]
    header = rows[2]
    assert header[:4] == ["序号", "编号", "板块", "任务"] and "亮灯" in header and "偏差（百分点）" in header
    body = rows[3:]
    assert [r[1] for r in body] == ["CY-01", "XM-01"]
    first = dict(zip(header, body[0], strict=True))
    assert first["已审核完成值"] == 9 and first["完成率（%）"] == 90 and first["序时进度（%）"] == 83.3
    assert first["偏差（百分点）"] == 6.7 and first["亮灯"] == "绿灯" and first["完成研判"] == "有风险"
    assert first["配合单位"] == "市商务局、榆次区" and first["进展情况"] == "完成9户"
    second = dict(zip(header, body[1], strict=True))
    assert second["亮灯"] == "红灯" and second["未报送"] == "是"


def test_the_export_follows_the_list_filters_and_the_users_scope(actors, task, other_task, client_for):
    response = client_for(actors["dave"]).get("/plans/tasks/export.xlsx?period=2025-10&light=red")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert sorted(r[1] for r in rows[3:]) == ["CY-01", "XM-01"]
    mine = client_for(actors["carol"]).get("/plans/tasks/export.xlsx?period=2025-10")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(mine.content)).get_sheet_by_index(0).to_python()
    assert [r[1] for r in rows[3:]] == ["XM-01"]  # carol's unit only
