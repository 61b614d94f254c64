"""The dispatch-sheet export (调度表), read back with python-calamine as any other program would."""

import io
from datetime import date
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from conftest import TODAY
from taizhang.accounts.choices import Role
from taizhang.accounts.models import User
from taizhang.core.sheets import locate_header
from taizhang.projects import selectors
from taizhang.projects.columns import PROJECT_COLUMNS
from taizhang.projects.exports import dispatch_workbook, sheet_columns
from taizhang.projects.models import Project

PERIOD = "2025-10"


def read(content: bytes, sheet: int = 0) -> list[list]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_index(sheet).to_python(skip_empty_area=False)


def export(period=PERIOD, **kwargs) -> bytes:
    states = selectors.project_states(Project.objects.all(), period)
    return dispatch_workbook(states, period, today=TODAY, **kwargs)


def by_header(rows: list[list]) -> tuple[list[str], list[dict]]:
    """(header, data rows as dicts keyed by header, the 合计 row last)."""
    header = rows[2]
    return header, [dict(zip(header, row, strict=True)) for row in rows[3:]]


@pytest.fixture
def ledger(make_project, project_report_for, units, actors):
    """Three projects in two counties: on schedule, lagging (red), and one never reported."""
    actors["tao"] = User.objects.create_user("tao", role=Role.REVIEWER, unit=units["tg"])  # 太谷区 reviewer
    on_time = make_project(
        code="YC-001",
        name="山西光存信息存储产业园",
        annual_plan="1200",
        actual_start=date(2025, 3, 10),
        registered=True,
        registered_on=date(2025, 4, 1),
        tags=["省重点", "两新"],
        start_year=2024,
        end_year=2026,
        proc_approval=True,
        proc_land=True,
    )
    project_report_for(on_time, "2025-09", 900, state="approved")
    project_report_for(on_time, "2025-10", 1100.5, state="approved", progress="主体封顶")
    lagging = make_project(code="TG-001", name="太谷低空经济示范园", location=units["tg"], annual_plan="2000")
    project_report_for(lagging, "2025-10", 300, state="approved", reporter="tim", reviewer="tao")
    silent = make_project(code="YC-002", name="榆次某续建项目", nature="continuing", annual_plan="500")
    return {"on_time": on_time, "lagging": lagging, "silent": silent}


def test_the_sheet_has_its_title_subtitle_and_the_columns_of_the_import_spec(ledger):
    rows = read(export())
    assert rows[0][0] == "2025年1—10月晋中市重点项目调度表"
    assert "单位：万元" in rows[1][0] and "线性序时进度83.3%" in rows[1][0] and "2025年11月20日" in rows[1][0]
    header = rows[2]
    exported = [c for c in PROJECT_COLUMNS if c.export]
    assert len(header) == len(exported)
    assert header[0] == "序号" and "项目名称" in header
    assert "1—10月累计完成投资（万元）" in header
    # the import's header finder maps every exported column back to its key
    found = locate_header(rows, PROJECT_COLUMNS)
    assert found.row_number == 3
    assert [found.columns[i].key for i in sorted(found.columns)] == [c.key for c in exported]
    assert not found.unknown


def test_rows_are_grouped_by_county_in_the_city_order_and_totalled(ledger):
    _header, rows = by_header(read(export()))
    *data, total = rows
    assert [r["项目名称"] for r in data] == ["山西光存信息存储产业园", "榆次某续建项目", "太谷低空经济示范园"]
    assert [r["建设地点"] for r in data] == ["榆次区", "榆次区", "太谷区"]
    assert [r["序号"] for r in data] == [1, 2, 3]
    first = data[0]
    assert first["1—10月累计完成投资（万元）"] == 1100.5
    assert first["本月完成投资（万元）"] == 200.5  # derived from September's approved 900
    assert first["年度计划投资（万元）"] == 1200
    assert first["年度投资完成率（%）"] == 91.7
    assert first["序时进度（%）"] == 83.3
    assert first["偏差（个百分点）"] == 8.4
    assert first["计划开工时间"] == date(2025, 3, 1)
    assert first["实际开工时间"] == date(2025, 3, 10)
    assert first["是否入库"] == "是"
    assert first["所属清单"] in {"省重点、两新", "两新、省重点"}
    assert first["建设起止年限"] == "2024-2026"
    assert first["前期手续"] == "立项√用地√规划×环评×施工许可×"
    assert first["建设性质"] == "新开工"
    assert first["形象进度"] == "主体封顶"
    assert total["项目名称"] == "合计（3个项目）"
    assert total["年度计划投资（万元）"] == 3700  # the formula's cached value, read without Excel
    assert total["1—10月累计完成投资（万元）"] == 1400.5
    assert total["年度投资完成率（%）"] == 37.9  # 1400.5 / 3700
    assert data[2]["年度投资完成率（%）"] == 15.0


def test_the_light_column_says_the_word_and_the_reasons_stay_with_the_cell(ledger):
    _header, rows = by_header(read(export()))
    lights = {r["项目名称"]: r["亮灯"] for r in rows[:-1]}
    assert lights["山西光存信息存储产业园"] == "绿灯"
    assert lights["太谷低空经济示范园"] == "红灯"  # 15% against 83.3%
    content = export()
    comments = _sheet_xml(content, "xl/comments1.xml")
    assert "低于序时进度83.3%" in comments


def test_totals_are_formulas_with_cached_values(ledger):
    xml = _sheet_xml(export(), "xl/worksheets/sheet1.xml")
    assert "<f>SUM(" in xml


def test_demo_sheets_say_so(ledger):
    rows = read(export(demo=True))
    assert rows[0][0].endswith("（演示数据）")
    assert "演示数据" in rows[1][0]


def test_a_project_without_an_approved_report_this_period_has_blank_figures_and_a_comment(
    ledger, project_report_for
):
    project_report_for(ledger["lagging"], "2025-11", 350, state="submitted", reporter="tim")
    content = export("2025-11")
    _header, rows = by_header(read(content))
    lagging = next(r for r in rows if r["项目名称"] == "太谷低空经济示范园")
    assert lagging["1—11月累计完成投资（万元）"] == ""  # November is only submitted, not approved
    assert lagging["本月完成投资（万元）"] == ""
    assert lagging["形象进度"] == ""
    assert lagging["年度投资完成率（%）"] == ""
    assert lagging["亮灯"] == "红灯"  # the light still counts October's approved 300
    assert "最近已审核：2025-10，累计完成300.00万元" in _sheet_xml(content, "xl/comments1.xml")
    summary = read(content, sheet=1)
    assert summary[-1][summary[2].index("累计完成投资（万元）")] == 1400.5  # the kernel's figure


def test_the_summary_sheet_rolls_up_by_county_in_order(ledger):
    rows = read(export(), sheet=1)
    assert rows[0][0] == "2025年1—10月重点项目分县区汇总"
    header = rows[2]
    body = [dict(zip(header, row, strict=True)) for row in rows[3:]]
    assert [r["县区"] for r in body] == ["榆次区", "太谷区", "全市"]
    assert [r["项目数"] for r in body] == [2, 1, 3]
    city = body[-1]
    assert city["年度计划投资（万元）"] == 3700
    assert city["累计完成投资（万元）"] == 1400.5
    assert city["投资完成率（%）"] == 37.9
    assert city["序时进度（%）"] == 83.3
    assert city["偏差（个百分点）"] == -45.5  # from the unrounded 37.85 − 83.33


def test_an_empty_period_still_gives_a_valid_sheet(db):
    rows = read(dispatch_workbook([], PERIOD, today=TODAY))
    assert rows[3][
        sheet_columns(PERIOD).index(next(c for c in sheet_columns(PERIOD) if c.key == "name"))
    ] == ("合计（0个项目）")


def test_the_header_is_frozen_below_itself_and_right_of_the_project_name(ledger):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(export()))
    sheet = book["调度表"]
    name_col = [c.value for c in sheet[3]].index("项目名称") + 1
    assert sheet.freeze_panes == f"{openpyxl.utils.get_column_letter(name_col + 1)}4"
    assert sheet.auto_filter.ref.startswith("A3:")
    assert sheet.cell(4, name_col + 0).value == "山西光存信息存储产业园"
    plan_col = [c.value for c in sheet[3]].index("年度计划投资（万元）") + 1
    assert sheet.cell(4, plan_col).number_format == "#,##0.00"


def _sheet_xml(content: bytes, name: str) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name).decode()


def test_decimal_amounts_survive_the_trip_to_the_cell(make_project, project_report_for):
    project = make_project(annual_plan="12345678.91", total_investment="99999999.99")
    project_report_for(project, "2025-10", "1234567.89", state="approved")
    _header, rows = by_header(read(export()))
    assert Decimal(format(rows[0]["年度计划投资（万元）"], ".15g")) == Decimal("12345678.91")
    assert Decimal(format(rows[0]["1—10月累计完成投资（万元）"], ".15g")) == Decimal("1234567.89")


# --- the command -----------------------------------------------------------------------------------------


def run_export(*args) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("export", "projects", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_the_sheet_and_says_where(ledger, tmp_path):
    target = tmp_path / "调度表.xlsx"
    said = run_export("--period", PERIOD, "-o", str(target))
    assert str(target) in said and "3" in said
    rows = read(target.read_bytes())
    assert rows[0][0] == "2025年1—10月晋中市重点项目调度表"
    assert len(rows) == 3 + 3 + 1  # title, subtitle, header, three projects, 合计


def test_the_command_exports_one_county(ledger, tmp_path):
    target = tmp_path / "太谷.xlsx"
    said = run_export("--period", PERIOD, "-o", str(target), "--county", "太谷")
    assert "1" in said
    rows = read(target.read_bytes())
    assert rows[0][0] == "2025年1—10月晋中市太谷区重点项目调度表"
    assert [r[rows[2].index("项目名称")] for r in rows[3:]] == ["太谷低空经济示范园", "合计（1个项目）"]


@pytest.mark.parametrize(
    "args",
    [
        ("--period", "2025-13"),
        ("--period", "2025-10", "--county", "太原市"),
        ("--period", "2025-10", "--county", "市工信局"),  # a department is not a 建设地点
    ],
)
def test_the_command_refuses_a_bad_period_or_unknown_county_with_exit_2(ledger, tmp_path, args):
    from django.core.management import CommandError

    with pytest.raises(CommandError) as refused:
        run_export(*args, "-o", str(tmp_path / "x.xlsx"))
    assert refused.value.returncode == 2
    assert not (tmp_path / "x.xlsx").exists()
