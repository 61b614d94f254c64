"""The dispatch-sheet import service on real .xlsx files (issue 3 §5)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from conftest import TODAY
from taizhang.audit.models import AuditEvent
from taizhang.ledgers.choices import ReportState
from taizhang.projects.imports import commit_batch, import_projects, stage_upload
from taizhang.projects.models import ImportBatch, Project, ProjectReport
from taizhang.projects.tests.fixtures.builders import messy_sheet, plain_sheet, project_row

PERIOD = "2025-10"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def run(path, actor, **kwargs):
    kwargs.setdefault("period", PERIOD)
    return import_projects(path, actor=actor, today=TODAY, **kwargs)


def counts() -> tuple[int, ...]:
    return (
        Project.objects.count(),
        Project.history.count(),
        ProjectReport.objects.count(),
        ProjectReport.history.count(),
        Project.tags.through.objects.count(),
    )


def test_the_messy_sheet_imports_with_the_right_totals(actors, units, tmp_path):
    result = run(messy_sheet(tmp_path / "晋中调度表.xlsx"), actors["dave"])

    assert result.errors == [] and result.committed
    assert (result.rows, result.created, result.updated, result.unchanged) == (3, 3, 0, 0)
    assert {s["reason"] for s in result.skipped} >= {"分组标题行", "小计行", "空行", "合计行"}
    assert [w["row"] for w in result.warnings] == [7]  # "1.2万": read as 12000 万元, with a caveat
    sums = Project.objects.aggregate(plan=Sum("annual_plan"), total=Sum("total_investment"))
    assert sums == {"plan": Decimal("30000"), "total": Decimal("60000")}  # 3.5亿元 + 5000 + 20000
    reports = ProjectReport.objects.filter(period=PERIOD)
    assert reports.aggregate(s=Sum("cumulative_investment"))["s"] == Decimal("11900")
    assert result.totals["sums"] == {"annual_plan": "30000.00", "cumulative_investment": "11900.00"}
    assert result.totals["sheet"] == result.totals["sums"] and result.totals["sheet_row"] == 12

    guangcun = Project.objects.get(code="YC-001")
    assert guangcun.location == units["yc"] and guangcun.planned_start == date(2025, 3, 1)
    assert guangcun.actual_start == date(2025, 3, 1)
    assert sorted(t.name for t in guangcun.tags.all()) == ["两重", "省重点"]
    assert Project.objects.get(name="低空经济示范园").location == units["yc"]  # "晋中市榆次区"
    assert Project.objects.get(code="KFQ-01").location == units["kfq"]  # "开发区"
    # the city office's merged sheet records approved figures
    assert set(reports.values_list("state", flat=True)) == {ReportState.APPROVED}
    assert set(reports.values_list("reviewed_by", flat=True)) == {actors["dave"].pk}
    # history on every record, with the file named; tags in the history rows too; one event for the batch
    history = guangcun.history.get()
    assert history.history_user == actors["dave"] and "晋中调度表.xlsx" in history.history_change_reason
    assert sorted(t.projecttag.name for t in history.tags.all()) == ["两重", "省重点"]
    assert ProjectReport.history.count() == 3
    batch = result.batch
    assert batch.committed and batch.sha256 and batch.file.read()[:2] == b"PK"
    assert AuditEvent.objects.filter(action="import", object_id=batch.pk).count() == 1


def test_a_total_row_that_disagrees_with_the_detail_rows_is_a_warning(actors, units, tmp_path):
    path = tmp_path / "sheet.xlsx"
    plain_sheet(path, [project_row(), ["合计", "", "", "", 9999, 800]])

    result = run(path, actors["dave"], dry_run=True)

    assert result.errors == []
    assert [(w["row"], w["column"]) for w in result.warnings] == [(3, "年度计划投资（万元）")]
    assert (
        result.totals["sheet"]["annual_plan"] == "9999.00"
        and result.totals["sums"]["annual_plan"] == "1200.00"
    )


def test_a_sheet_with_bad_cells_is_refused_whole_with_a_precise_error_list(actors, units, tmp_path):
    path = tmp_path / "bad.xlsx"
    plain_sheet(
        path,
        [
            project_row(code="A-1", name="好项目"),
            project_row(code="A-2", name="坏金额", plan="很多"),
            project_row(code="A-3", name="火星项目", location="火星区"),
            project_row(code="A-4", name="坏性质", nature="随便"),
            project_row(code="A-5", name="先竣工", planned="2025-09", actual="2025-13"),
            project_row(code="A-1", name="好项目"),
        ],
    )
    before = counts()

    result = run(path, actors["dave"])

    assert not result.committed and counts() == before
    found = {(e["row"], e["column"]) for e in result.errors}
    assert {
        (3, "年度计划投资（万元）"),
        (4, "建设地点"),
        (5, "建设性质"),
        (6, "实际开工时间"),
        (7, "项目名称"),
    } <= found
    assert all(e["row"] != 2 for e in result.errors)
    assert next(e for e in result.errors if e["row"] == 4)["value"] == "火星区"
    batch = ImportBatch.objects.get()
    assert not batch.committed and batch.errors == result.errors and batch.original_name == "bad.xlsx"
    assert not AuditEvent.objects.filter(action="import").exists()


def test_importing_the_same_file_again_changes_nothing(actors, units, tmp_path):
    path = messy_sheet(tmp_path / "sheet.xlsx")
    run(path, actors["dave"])
    before = counts()

    again = run(path, actors["dave"])

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3) and again.committed
    assert counts() == before


def test_a_changed_cell_updates_the_project_with_a_history_row(actors, units, tmp_path):
    run(
        plain_sheet(tmp_path / "a.xlsx", [project_row(plan=1200), project_row(code="YC-002", name="二号")]),
        actors["dave"],
    )

    result = run(
        plain_sheet(tmp_path / "b.xlsx", [project_row(plan=1500), project_row(code="YC-002", name="二号")]),
        actors["dave"],
    )

    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    project = Project.objects.get(code="YC-001")
    assert project.annual_plan == Decimal("1500")
    assert [h.annual_plan for h in project.history.order_by("history_date")] == [
        Decimal("1200"),
        Decimal("1500"),
    ]
    assert "b.xlsx" in project.history.latest().history_change_reason


def test_projects_match_on_code_else_on_name_and_county(actors, units, make_project, tmp_path):
    by_code = make_project(code="YC-007", name="旧名称")
    by_name = make_project(code="", name="东山供水工程")
    elsewhere = make_project(code="", name="东山供水工程", location=units["tg"])
    header_rows = [
        project_row(code="YC-007", name="新名称"),
        project_row(code="", name="东山供水工程", location="榆次区"),
    ]

    result = run(plain_sheet(tmp_path / "s.xlsx", header_rows), actors["dave"])

    assert result.errors == [] and (result.created, result.updated) == (0, 2)
    by_code.refresh_from_db()
    assert by_code.name == "新名称"
    assert ProjectReport.objects.filter(project=by_name).exists()
    assert not ProjectReport.objects.filter(project=elsewhere).exists()


def test_a_county_reporter_imports_only_their_own_county(actors, units, tmp_path):
    path = plain_sheet(
        tmp_path / "yc.xlsx",
        [
            project_row(code="YC-1", location="榆次"),
            project_row(code="TG-1", name="太谷项目", location="太谷区"),
        ],
    )

    refused = run(path, actors["yan"])

    assert [(e["row"], e["column"]) for e in refused.errors] == [(3, "建设地点")]
    assert Project.objects.count() == 0

    blank = plain_sheet(tmp_path / "blank.xlsx", [project_row(code="YC-1", location="")])
    result = run(blank, actors["yan"])
    assert result.committed and Project.objects.get().location == units["yc"]  # blank 建设地点 = own county


def test_other_roles_may_not_import(actors, tmp_path):
    path = plain_sheet(tmp_path / "s.xlsx", [project_row()])
    for name in ("alice", "bob", "yao", "leo"):
        with pytest.raises(PermissionDenied):
            run(path, actors[name])


def test_a_reporters_import_is_submitted_for_their_reviewer(actors, units, tmp_path):
    from taizhang.ledgers import workflow

    run(plain_sheet(tmp_path / "s.xlsx", [project_row(location="榆次区")]), actors["yan"])

    report = ProjectReport.objects.get()
    assert report.state == ReportState.SUBMITTED and report.submitted_by == actors["yan"]
    assert report.reviewed_by is None and report.unit == units["yc"]
    approved = workflow.approve(actor=actors["yao"], report=report)
    assert approved.state == ReportState.APPROVED

    again = run(plain_sheet(tmp_path / "t.xlsx", [project_row(cumulative=900)]), actors["yan"])
    assert [e["row"] for e in again.errors] == [2]  # already approved: the reviewer must return it first
    assert ProjectReport.objects.get().cumulative_investment == Decimal("800")


def test_a_supervisors_import_approves_a_submitted_report(
    actors, units, make_project, project_report_for, tmp_path
):
    project = make_project(code="YC-001", name="光存产业园")
    project_report_for(project, PERIOD, 700, state="submitted")

    result = run(plain_sheet(tmp_path / "s.xlsx", [project_row()]), actors["dave"])

    assert result.updated == 1
    report = ProjectReport.objects.get()
    assert report.state == ReportState.APPROVED and report.reviewed_by == actors["dave"]
    assert report.cumulative_investment == Decimal("800") and report.submitted_by == actors["yan"]


def test_month_is_derived_and_a_falling_cumulative_is_a_warning(
    actors, units, make_project, project_report_for, tmp_path
):
    project = make_project(code="YC-001", name="光存产业园")
    project_report_for(project, "2025-09", 700, state="approved")

    up = run(plain_sheet(tmp_path / "up.xlsx", [project_row(cumulative=800)]), actors["dave"], dry_run=True)
    assert up.warnings == []
    run(plain_sheet(tmp_path / "up.xlsx", [project_row(cumulative=800)]), actors["dave"])
    assert ProjectReport.objects.get(period=PERIOD).month_investment == Decimal("100")

    down = run(
        plain_sheet(tmp_path / "down.xlsx", [project_row(cumulative=600)]), actors["dave"], dry_run=True
    )
    assert [(w["row"], w["column"]) for w in down.warnings] == [(2, "1-10月累计完成投资（万元）")]
    assert down.errors == []


def test_a_dry_run_counts_but_writes_nothing(actors, units, tmp_path):
    path = messy_sheet(tmp_path / "s.xlsx")

    result = run(path, actors["dave"], dry_run=True)

    assert (result.rows, result.created) == (3, 3) and result.dry_run and not result.committed
    assert counts() == (0, 0, 0, 0, 0) and not ImportBatch.objects.exists()
    assert set(result.to_json()) >= {"rows", "created", "updated", "unchanged", "errors"}


def test_the_system_imports_without_a_user(actors, units, tmp_path):
    result = run(plain_sheet(tmp_path / "s.xlsx", [project_row()]), None)

    assert result.committed
    report = ProjectReport.objects.get()
    assert report.state == ReportState.APPROVED and report.reviewed_by is None
    assert report.created_by.username == "system" and not report.created_by.has_usable_password()


def test_bad_period_and_missing_file_are_validation_errors(actors, tmp_path):
    path = plain_sheet(tmp_path / "s.xlsx", [project_row()])
    with pytest.raises(ValidationError):
        run(path, actors["dave"], period="2025-13")
    with pytest.raises(ValidationError):
        run(path, actors["dave"], period="2026-01")  # a future period
    with pytest.raises(ValidationError):
        run(tmp_path / "missing.xlsx", actors["dave"])
    with pytest.raises(ValidationError):
        run((tmp_path / "a.csv").write_bytes(b"x") and tmp_path / "a.csv", actors["dave"])


def test_an_unreadable_file_is_refused_with_a_message(actors, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a workbook")

    result = run(path, actors["dave"])

    assert not result.committed and result.errors[0]["row"] == 0 and result.errors[0]["message"]
    assert ImportBatch.objects.get().committed is False


def test_an_uploaded_batch_is_previewed_then_committed_once(actors, units, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("榆次.xlsx", messy_sheet(tmp_path / "s.xlsx").read_bytes())
    batch = stage_upload(upload, actor=actors["dave"], period=PERIOD, today=TODAY)

    assert not batch.committed and batch.rows == 3 and batch.created == 3 and Project.objects.count() == 0
    result = commit_batch(batch, actor=actors["dave"], today=TODAY)
    assert result.committed and Project.objects.count() == 3 and ImportBatch.objects.count() == 1
    batch.refresh_from_db()
    with pytest.raises(ValidationError):
        commit_batch(batch, actor=actors["dave"], today=TODAY)


def test_a_legacy_xls_sheet_imports(actors, units, tmp_path):
    from pathlib import Path

    from taizhang.accounts.choices import UnitKind
    from taizhang.accounts.models import Unit

    zuoquan = Unit.objects.create(
        code="140722", name="左权县", short_name="左权县", kind=UnitKind.COUNTY, order=6
    )
    xiyang = Unit.objects.create(
        code="140724", name="昔阳县", short_name="昔阳县", kind=UnitKind.COUNTY, order=8
    )
    path = Path(__file__).parent / "fixtures" / "dispatch_projects.xls"

    result = run(path, actors["dave"])

    assert result.errors == [] and result.created == 2
    assert Project.objects.get(code="XLS-1").location == zuoquan
    assert Project.objects.get(code="XLS-2").location == xiyang
    assert Project.objects.get(code="XLS-2").annual_plan == Decimal("15000")
    assert ProjectReport.objects.aggregate(s=Sum("cumulative_investment"))["s"] == Decimal("50000.5")
    assert result.totals["sheet"] == result.totals["sums"] and result.batch.original_name.endswith(".xls")
