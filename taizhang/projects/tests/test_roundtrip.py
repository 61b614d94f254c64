"""Export → import gives back the same data (issue 3 §6): our dispatch sheet is a faithful carrier.

The ledger is built through the services, exported, then rolled back (a savepoint), so the import starts
from an empty list and must recreate every Project field and the period's report from the sheet alone.
"""

from datetime import date

import pytest
from django.db import transaction

from conftest import TODAY
from taizhang.accounts.choices import Role
from taizhang.accounts.models import User
from taizhang.projects import selectors, services
from taizhang.projects.exports import dispatch_workbook
from taizhang.projects.imports import import_projects
from taizhang.projects.models import Project, ProjectReport, ProjectTag

PERIOD = "2025-10"
SKIP = {"id", "created_at", "updated_at", "archived_at", "archived_by"}
REPORT_FIELDS = ("month_investment", "cumulative_investment", "image_progress", "problems", "coordination")


def snapshot() -> dict:
    """Every stored Project field (units as ids, tags as names) and its period report, by project code."""
    fields = [f for f in Project._meta.concrete_fields if f.name not in SKIP]
    projects = {}
    for p in Project.objects.prefetch_related("tags"):
        record = {f.name: getattr(p, f.attname) for f in fields}
        record["tags"] = sorted(t.name for t in p.tags.all())
        report = ProjectReport.objects.filter(project=p, period=PERIOD).first()
        record["report"] = (
            {f: getattr(report, f) for f in REPORT_FIELDS} | {"state": report.state, "unit": report.unit_id}
            if report
            else None
        )
        projects[p.code] = record
    return projects


def export() -> bytes:
    states = selectors.project_states(Project.objects.filter(is_archived=False), PERIOD)
    return dispatch_workbook(states, PERIOD, today=TODAY)


@pytest.fixture
def build(make_project, project_report_for, units, actors):
    """A varied list: every field filled somewhere, three natures, three locations, lists and reports."""

    actors["kai"] = User.objects.create_user("kai", role=Role.REPORTER, unit=units["kfq"])
    actors["kim"] = User.objects.create_user("kim", role=Role.REVIEWER, unit=units["kfq"])

    def make() -> None:
        full = make_project(
            code="YC-001",
            name="山西光存信息存储产业园",
            level="province",
            category="industry",
            nature="new",
            owner="山西光存科技有限公司",
            content="建设光存储生产线及数据中心，总建筑面积12万平方米",
            start_year=2025,
            end_year=2027,
            total_investment="120000.50",
            invested_before="0",
            annual_plan="30000",
            planned_start=date(2025, 3, 1),
            actual_start=date(2025, 3, 18),
            planned_completion=date(2027, 6, 30),
            registered=True,
            registered_on=date(2025, 4, 10),
            proc_approval=True,
            proc_land=True,
            proc_planning=True,
            proc_eia=False,
            proc_construction=True,
            leader="王某某",
            responsible_unit=units["gxj"],
            responsible_person="李某",
            cluster="信创",
            tags=["省重点", "两新", '开发区"三个一批"'],
            signed=True,
            expected_output="80000",
            actual_output="1234.56",
            image_progress="主体封顶",
        )
        project_report_for(full, "2025-09", "21000", state="approved", progress="主体施工")
        october = services.save_project_report(
            actor=actors["yan"],
            project=full,
            period=PERIOD,
            today=TODAY,
            data={
                "cumulative_investment": "25500.25",
                "image_progress": "主体封顶",
                "problems": "施工许可二期待办理",
                "coordination": "请市行政审批局协调",
            },
        )
        from taizhang.ledgers import workflow

        workflow.approve(actor=actors["yao"], report=workflow.submit(actor=actors["yan"], report=october))
        continuing = make_project(
            code="KFQ-007",
            name="晋中开发区医疗器械产业园（二期）",
            nature="continuing",
            location=units["kfq"],
            level="city",
            category="infrastructure",
            start_year=2023,
            end_year=2025,
            total_investment="56000",
            invested_before="31000",
            annual_plan="18000",
            planned_start=None,
            actual_start=date(2023, 5, 6),
            planned_completion=date(2025, 12, 31),
            resumed=True,
            registered=True,
            image_progress="设备安装",
        )
        project_report_for(
            continuing, PERIOD, "9000", state="approved", reporter="kai", reviewer="kim", progress="设备安装"
        )
        make_project(  # 前期: no figures, no report, a blank code and no dates matched by name + county
            code="",
            name="太谷区某前期项目",
            nature="preparatory",
            location=units["tg"],
            level="county",
            category="livelihood",
            annual_plan=None,
            total_investment="3000",
            planned_start=None,
            proc_approval=True,
        )

    return make


def test_an_exported_sheet_imports_into_an_empty_list_as_the_same_data(build, actors):
    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            build()
            before = snapshot()
            content = export()
            raise Rollback
    except Rollback:
        pass
    assert not Project.objects.exists() and not ProjectTag.objects.exists()
    assert before["YC-001"]["report"]["problems"] == "施工许可二期待办理"  # the snapshot holds real data
    assert before[""]["report"] is None and before[""]["proc_approval"] is True

    result = import_projects(content, period=PERIOD, actor=actors["dave"], original_name="调度表.xlsx")

    assert result.errors == []
    assert (result.rows, result.created, result.updated, result.unchanged) == (3, 3, 0, 0)
    after = snapshot()
    assert after.keys() == before.keys()
    for code, record in before.items():
        for field, value in record.items():
            assert after[code][field] == value, f"{code} {field}: {after[code][field]!r} != {value!r}"


def test_reimporting_our_own_export_of_unchanged_data_changes_nothing(build, actors):
    build()
    services.update_project(  # the import keeps the master's 形象进度 = the latest reported one
        actor=actors["dave"],
        project=Project.objects.get(code="YC-001"),
        data={"image_progress": "主体封顶"},
        reason="同步形象进度",
    )
    before = snapshot()
    histories = Project.history.count(), ProjectReport.history.count()

    result = import_projects(export(), period=PERIOD, actor=None, original_name="调度表.xlsx")

    assert result.errors == []
    assert (result.rows, result.created, result.updated, result.unchanged) == (3, 0, 0, 3)
    assert snapshot() == before
    assert (Project.history.count(), ProjectReport.history.count()) == histories


def test_a_second_round_trip_is_stable(build, actors):
    """Import our export, export again: the same sheet contents, and the import says all unchanged."""
    from io import BytesIO

    from python_calamine import CalamineWorkbook

    build()
    first = export()
    import_projects(first, period=PERIOD, actor=actors["dave"], original_name="调度表.xlsx")
    second = export()

    def cells(content):
        rows = CalamineWorkbook.from_filelike(BytesIO(content)).get_sheet_by_index(0).to_python()
        header = rows[2]
        keep = [i for i, h in enumerate(header) if h not in {"更新日期"}]
        return [[row[i] for i in keep] for row in rows[2:]]

    assert cells(second) == cells(first)
    again = import_projects(second, period=PERIOD, actor=actors["dave"], original_name="调度表.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
