"""Table-driven tests for taizhang.core.sheets (reading messy county dispatch sheets).

Pure Python: no Django, no database. Run with
    .venv/bin/python -m pytest -q -p no:cacheprovider taizhang/core/tests/test_sheets.py

The sheets here are small in-memory row lists shaped like what python_calamine returns ("" for an empty
cell, floats for numbers, date/datetime for date cells); the file tests write an .xlsx with xlsxwriter
and read the committed legacy .xls fixture (fixtures/dispatch.xls, made by fixtures/make_xls.py).
Column names and sheet shapes: shared/domain/glossary.md §8.1 and §8.2.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from taizhang.core import sheets
from taizhang.core.sheets import (
    PROCEDURE_KEYS,
    CellError,
    Column,
    Header,
    SheetError,
    Skipped,
    locate_header,
    normalize_header,
    parse_sheet,
    read_rows,
)

FIXTURES = Path(__file__).parent / "fixtures"
YEAR = 2025

NATURE = {
    "新开工": "new",
    "新建": "new",
    "续建": "continuing",
    "结转": "continuing",
    "结转续建": "continuing",
}
NATURE |= {"前期": "preparatory", "竣工": "completed", "竣工投产": "completed", "建成": "completed"}

# A small spec in the shape of taizhang.projects.columns, so the kernel is tested on its own.
COLUMNS = (
    Column("seq", "序号", kind="ignore"),
    Column("name", "项目名称", ("名称",), required=True, max_length=20),
    Column("nature", "建设性质", ("项目性质", "类别"), kind="choice", choices=NATURE, required=True),
    Column("location", "建设地点", ("所在县区", "县（市、区）")),
    Column("total", "总投资（万元）", ("计划总投资",), kind="amount"),
    Column(
        "plan",
        "年度计划投资（万元）",
        ("年度计划", "本年计划投资", r"(\d{4}年度?|本年度?)计划投资"),
        kind="amount",
    ),
    Column("month", "本月完成投资（万元）", (r"(\d{1,2}月|本月|当月)(完成投资|完成)",), kind="amount"),
    Column(
        "cumulative",
        "累计完成投资（万元）",
        ("年初至今完成", r"1[-—–~至]\d{1,2}月(累计)?(完成投资|完成)"),
        kind="amount",
    ),
    Column("years", "建设起止年限", ("起止年限",), kind="year_range", into=("start_year", "end_year")),
    Column("planned_start", "计划开工时间", ("计划开工",), kind="date"),
    Column("deadline", "完成时限", ("时限",), kind="date", month_end=True),
    Column("registered", "是否入库", ("入库情况", "纳统"), kind="bool"),
    Column("tags", "所属清单", kind="list"),
    Column("rate", "完成率（%）", kind="percent"),
    Column("target", "目标值", kind="number"),
    Column("count", "个数", kind="integer"),
    Column("procedures", "前期手续", kind="procedures", into=PROCEDURE_KEYS),
    *(
        Column(key, label, kind="bool", export=False)
        for key, label in zip(PROCEDURE_KEYS, ("立项", "用地", "规划", "环评", "施工许可"), strict=True)
    ),
    Column("time_progress", "序时进度", kind="ignore"),
)

HEAD = ["序号", "项目名称", "建设性质"]


def sheet(header: list[str], *data: list[object], title: tuple[list[object], ...] = ()) -> list[list[object]]:
    return [*title, header, *[list(row) for row in data]]


def one(header: str, value: object, **kw) -> sheets.ParsedSheet:
    """A one-project sheet with ``value`` under ``header``."""
    return parse_sheet(sheet([*HEAD, header], [1, "甲项目", "续建", value]), COLUMNS, year=YEAR, **kw)


def value_of(header: str, value: object, key: str) -> object:
    parsed = one(header, value)
    assert not parsed.errors, parsed.errors
    return parsed.records[0].values.get(key)


def error_of(header: str, value: object) -> str:
    parsed = one(header, value)
    assert len(parsed.errors) == 1, parsed.errors
    return parsed.errors[0].message


# ---------------------------------------------------------------------------------------------------------
# (That the kernel imports no Django is tested in test_kernels_are_pure.py.)
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "money"}, "类型“money”无效"),
        ({"kind": "choice"}, "须给出choices"),
        ({"kind": "year_range"}, "into须为"),
        ({"kind": "procedures", "into": ("a",)}, "into须为五项手续的键"),
        ({"kind": "amount", "unit": "千元"}, "单位“千元”无效"),
    ],
)
def test_a_column_spec_is_checked_when_built(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Column("x", "某列", **kwargs)


# ---------------------------------------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("年度计划投资（万元）", ("年度计划投资", "万元")),
        ("年度计划\n投资(亿元)", ("年度计划投资", "亿元")),
        ("  项目　名称 ", ("项目名称", None)),
        ("*项目名称", ("项目名称", None)),
        ("总投资亿元", ("总投资", "亿元")),
        ("1—10月完成投资", ("1-10月完成投资", None)),
        ("偏差（个百分点）", ("偏差", None)),
        ("县（市、区）", ("县", None)),
    ],
)
def test_normalize_header(text, expected):
    assert normalize_header(text) == expected


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("项目名称", "name"),
        ("名称", "name"),
        ("项目\n名称", "name"),
        ("项 目 名 称", "name"),
        ("建设性质", "nature"),
        ("项目性质", "nature"),
        ("类别", "nature"),
        ("年度计划投资（万元）", "plan"),
        ("年度计划", "plan"),
        ("2025年计划投资", "plan"),
        ("本年计划投资（万元）", "plan"),
        ("年度计划投资(万元)", "plan"),
        ("1-10月完成投资", "cumulative"),
        ("1—10月累计完成", "cumulative"),
        ("1–9月累计完成投资（亿元）", "cumulative"),
        ("1~10月完成", "cumulative"),
        ("1至10月完成投资", "cumulative"),
        ("年初至今完成", "cumulative"),
        ("本月完成", "month"),
        ("10月完成投资", "month"),
        ("总投资", "total"),
        ("计划总投资（亿元）", "total"),
        ("县（市、区）", "location"),
        ("县(市、区)", "location"),
        ("所在县区", "location"),
        ("计划开工", "planned_start"),
        ("入库情况", "registered"),
        ("纳统", "registered"),
    ],
)
def test_header_variants(header, key):
    found = locate_header([["序号", header]], COLUMNS)
    assert found.columns[1].key == key
    assert not found.unknown


def test_title_rows_above_the_header_and_a_sheet_wide_unit():
    rows = sheet(
        [*HEAD, "总投资", "年度计划投资（万元）"],
        [1, "甲项目", "续建", "3.5", 3.5],
        title=(["2025年晋中市重点项目调度表", "", ""], ["填报单位：榆次区  单位：亿元", "", ""], []),
    )
    parsed = parse_sheet(rows, COLUMNS, year=YEAR)
    assert parsed.header.first_row == parsed.header.last_row == 3
    assert parsed.header.sheet_unit == "亿元"
    assert parsed.header.units == {3: "亿元", 4: "万元"}  # the header's own unit wins
    assert parsed.records[0].row == 5
    assert parsed.records[0].values["total"] == Decimal(35000)
    assert parsed.records[0].values["plan"] == Decimal("3.5")


def test_a_two_row_header_with_a_merged_group_is_forward_filled():
    top = ["序号", "项目名称", "建设性质", "投资情况（亿元）", "", "", "前期手续", "", "", "", "", "备注"]
    sub = ["", "", "", "总投资", "年度计划", "1-10月完成", "立项", "用地", "规划", "环评", "施工许可", ""]
    data = [1, "甲项目", "新开工", 1.5, "0.5", 0.25, "√", "√", "×", "是", "", "无"]
    parsed = parse_sheet([["重点项目调度表"], top, sub, data], COLUMNS, year=YEAR)
    header = parsed.header
    assert (header.first_row, header.last_row) == (1, 2)
    assert [header.columns[i].key for i in range(3, 11)] == [
        "total",
        "plan",
        "cumulative",
        "proc_approval",
        "proc_land",
        "proc_planning",
        "proc_eia",
        "proc_construction",
    ]
    assert header.units == {3: "亿元", 4: "亿元", 5: "亿元"}  # the group's unit reaches its sub-columns
    assert header.unknown == ((11, "备注"),)
    assert parsed.unknown_columns == ("备注",)
    values = parsed.records[0].values
    assert (values["total"], values["plan"], values["cumulative"]) == (
        Decimal(15000),
        Decimal(5000),
        Decimal(2500),
    )
    assert [values.get(k) for k in PROCEDURE_KEYS] == [True, True, False, True, None]
    assert parsed.records[0].row == 4


def test_a_group_header_whose_sub_header_only_makes_sense_with_it():
    # "完成投资" over "本月 | 1-10月": neither sub-header is a column name alone
    top = ["项目名称", "建设性质", "完成投资（万元）", ""]
    sub = ["", "", "本月", "1-10月"]
    header = locate_header([top, sub], COLUMNS)
    assert header.columns[2].key == "month"
    assert header.columns[3].key == "cumulative"


def test_derived_columns_are_ignored_not_unknown():
    header = locate_header([[*HEAD, "序时进度", "其他说明"]], COLUMNS)
    assert header.columns[0].kind == header.columns[3].kind == "ignore"
    assert header.unknown == ((4, "其他说明"),)


def test_a_missing_required_column_is_a_sheet_level_error():
    parsed = parse_sheet([["标题"], ["序号", "项目名称", "总投资"], [1, "甲", 3]], COLUMNS, year=YEAR)
    assert parsed.errors == [
        CellError(
            2,
            "建设性质",
            "",
            "第2行表头：缺少必填列“建设性质”，可用的列名：“建设性质”、“项目性质”、“类别”",
        )
    ]
    assert [c.key for c in parsed.header.missing] == ["nature"]


def test_no_header_at_all():
    parsed = parse_sheet([["说明"], ["随便写的", 1, 2]], COLUMNS, year=YEAR)
    assert parsed.header is None and not parsed.records
    assert parsed.errors[0].message.startswith("未找到表头：前30行中没有一行包含“项目名称”、“建设性质”")
    with pytest.raises(SheetError):
        locate_header([], COLUMNS)


def test_a_second_header_for_the_same_column_is_a_warning_and_the_first_wins():
    parsed = parse_sheet(
        sheet([*HEAD, "年度计划", "2025年计划投资"], [1, "甲", "续建", 10, 20]), COLUMNS, year=YEAR
    )
    assert parsed.records[0].values["plan"] == Decimal(10)
    assert (
        parsed.warnings[0].message
        == "第1行表头：“2025年计划投资”与“年度计划”同为“年度计划投资（万元）”，只读取前一列"
    )


def test_header_is_a_frozen_value():
    header = locate_header([HEAD], COLUMNS)
    assert isinstance(header, Header) and header.row_number == 1 and header.data_start == 1


# ---------------------------------------------------------------------------------------------------------
# Rows that are not data
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["", "合计", "", 100], "合计行"),
        (["合计", "", "", 100], "合计行"),
        (["", "合  计", "", 100], "合计行"),
        (["", "全市合计", "", 100], "合计行"),
        (["", "总计", "", 100], "合计行"),
        (["", "榆次区小计", "", 100], "小计行"),
        (["小计（15个）", "", "", 100], "小计行"),
        (["一、榆次区（15个）", "", "", ""], "分组标题行"),
        (["一", "榆次区（15个）", "", 1200.0], "分组标题行"),
        (["（一）新开工项目", "", "", ""], "分组标题行"),
        (["(二)续建项目", "", "", 30], "分组标题行"),
        (["第一部分", "产业项目", "", ""], "分组标题行"),
        (["新开工项目", "", "", ""], "分组标题行"),
        (["一、新开工项目（8个）"] * 4, "分组标题行"),  # merged across the row, filled by read_rows
        (["", "", "", ""], "空行"),
        ([None, None], "空行"),
        ([], "空行"),
        ([3, "", "", ""], "空行"),  # a pre-numbered template row left empty
        (["备注：本表由县发改局汇总", "", "", ""], "表尾说明"),
        (["注：金额单位为万元"], "表尾说明"),
        (["填报人：张三   联系电话：0354-1234567", "", "", ""], "表尾说明"),
        (["审核人：李四"], "表尾说明"),
        (["序号", "项目名称", "建设性质", "总投资"], "重复表头行"),
    ],
)
def test_rows_that_are_skipped(row, reason):
    parsed = parse_sheet([["序号", "项目名称", "建设性质", "总投资"], row], COLUMNS, year=YEAR)
    assert parsed.skipped == [Skipped(2, reason)]
    assert not parsed.records and not parsed.errors


@pytest.mark.parametrize(
    "row",
    [
        [1, "综合计量检测中心", "新建", 100],  # 合计 inside a name is not a total row
        [2, "一期工程", "续建", ""],
        [3, "甲项目", "", ""],  # a name alone is a project (with an error: no 建设性质)
    ],
)
def test_rows_that_are_data(row):
    parsed = parse_sheet([["序号", "项目名称", "建设性质", "总投资"], row], COLUMNS, year=YEAR)
    assert not parsed.skipped
    assert [r.values["name"] for r in parsed.records] == [row[1]]


def test_the_column_numbering_row_under_the_header_is_skipped():
    parsed = parse_sheet([HEAD + ["总投资"], [1, 2, 3, 4], [1, "甲", "续建", 5]], COLUMNS, year=YEAR)
    assert parsed.skipped == [Skipped(2, "列序号行")]
    assert parsed.records[0].row == 3


def test_an_empty_required_cell_is_an_error():
    parsed = parse_sheet(sheet([*HEAD, "总投资"], [1, "甲项目", "", 5]), COLUMNS, year=YEAR)
    assert [e.message for e in parsed.errors] == ["第2行“建设性质”：不能为空"]
    assert parsed.records[0].values == {"name": "甲项目", "total": Decimal(5)}  # still shown in a preview
    assert parsed.error_rows == {2}


def test_a_required_cell_with_a_bad_value_is_reported_once():
    parsed = parse_sheet(sheet(HEAD, [1, "甲项目", "新上"]), COLUMNS, year=YEAR)
    assert [e.message for e in parsed.errors] == [
        "第2行“建设性质”：“新上”不是可选值，可填：新开工、新建、续建、结转、结转续建、前期、竣工、竣工投产、建成"
    ]


# ---------------------------------------------------------------------------------------------------------
# Amounts, numbers, percentages, integers
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "raw", "expected"),
    [
        ("年度计划投资（万元）", 3500.0, Decimal(3500)),
        ("年度计划投资（万元）", 3500, Decimal(3500)),
        ("年度计划投资（万元）", 0.1, Decimal("0.1")),
        ("年度计划投资（万元）", 0.1 + 0.2, Decimal("0.3")),  # Excel's 15 significant digits
        ("年度计划投资（万元）", "3.5亿元", Decimal(35000)),
        ("年度计划投资（万元）", "3.5亿", Decimal(35000)),
        ("年度计划投资（万元）", "12,000", Decimal(12000)),
        ("年度计划投资（万元）", "１２０", Decimal(120)),
        ("年度计划投资（万元）", "１２，０００．５", Decimal("12000.5")),
        ("年度计划投资（万元）", "500万元", Decimal(500)),
        ("年度计划投资（万元）", "800000元", Decimal(80)),
        ("年度计划投资（万元）", " 35 ", Decimal(35)),
        ("年度计划投资（万元）", "0", Decimal(0)),
        ("年度计划投资（亿元）", 3.5, Decimal(35000)),
        ("年度计划投资（亿元）", "3.5", Decimal(35000)),
        ("年度计划投资（亿元）", "500万元", Decimal(500)),
        ("年度计划投资(元)", "1.2万", Decimal("1.2")),  # 1.2万元 in a 元 column
        ("年度计划投资(元)", 50000, Decimal(5)),
        ("年度计划投资（万元）", "—", None),
        ("年度计划投资（万元）", "-", None),
        ("年度计划投资（万元）", "/", None),
        ("年度计划投资（万元）", "无", None),
        ("年度计划投资（万元）", "  ", None),
        ("年度计划投资（万元）", "", None),
        ("年度计划投资（万元）", None, None),
    ],
)
def test_amounts(header, raw, expected):
    assert value_of(header, raw, "plan") == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("3.5亿元万", "第2行“年度计划投资（万元）”：“3.5亿元万”不是有效金额"),
        ("约3亿", "第2行“年度计划投资（万元）”：“约3亿”不是有效金额"),
        ("三千万", "第2行“年度计划投资（万元）”：“三千万”不是有效金额"),
        ("1.2.3", "第2行“年度计划投资（万元）”：“1.2.3”不是有效金额"),
        (-5.0, "第2行“年度计划投资（万元）”：“-5”金额不能为负数"),
        ("-500", "第2行“年度计划投资（万元）”：“-500”金额不能为负数"),
        (True, "第2行“年度计划投资（万元）”：“True”不是有效金额"),
        (date(2025, 3, 1), "第2行“年度计划投资（万元）”：“2025-03-01”不是有效金额"),
    ],
)
def test_bad_amounts(raw, message):
    parsed = one("年度计划投资（万元）", raw)
    assert [e.message for e in parsed.errors] == [message]
    error = parsed.errors[0]
    assert (error.row, error.column) == (2, "年度计划投资（万元）")
    assert "plan" not in parsed.records[0].values


def test_ten_thousand_of_the_column_unit_is_taken_with_a_warning():
    parsed = one("年度计划投资（万元）", "1.2万")
    assert parsed.records[0].values["plan"] == Decimal(12000)
    assert [w.message for w in parsed.warnings] == [
        "第2行“年度计划投资（万元）”：“1.2万”按1.2万×万元计为12000万元；如指1.2万元请填“1.2万元”"
    ]


def test_numeric_cells_take_the_fast_path(monkeypatch):
    class NoRegex:
        def fullmatch(self, text):
            raise AssertionError(f"regex on a numeric cell: {text}")

    monkeypatch.setattr(sheets, "_AMOUNT", NoRegex())
    monkeypatch.setattr(sheets, "_NUMBER_WITH_UNIT", NoRegex())
    for header, key in (
        ("总投资", "total"),
        ("目标值", "target"),
        ("完成率（%）", "rate"),
        ("个数", "count"),
    ):
        assert value_of(header, 12.0, key) is not None


@pytest.mark.parametrize(
    ("header", "key", "raw", "expected"),
    [
        ("目标值", "target", 5.5, Decimal("5.5")),
        ("目标值", "target", -2.0, Decimal(-2)),  # growth targets may be negative
        ("目标值", "target", "-2.5", Decimal("-2.5")),
        ("目标值", "target", "15%", Decimal(15)),
        ("目标值", "target", "120个", Decimal(120)),
        ("目标值", "target", "50亿元", Decimal(50)),  # the unit belongs in 计量单位
        ("目标值", "target", "1.2万", Decimal(12000)),
        ("目标值", "target", "—", None),
        ("完成率（%）", "rate", "85%", Decimal(85)),
        ("完成率（%）", "rate", "85.5", Decimal("85.5")),
        ("完成率（%）", "rate", 0.85, Decimal("85.00")),  # a cell formatted as % arrives as its fraction
        ("完成率（%）", "rate", 120.0, Decimal(120)),
        ("完成率（%）", "rate", "５‰", Decimal("0.5")),
        ("个数", "count", 12.0, 12),
        ("个数", "count", 12, 12),
        ("个数", "count", "12个", 12),
        ("个数", "count", "1,200", 1200),
    ],
)
def test_numbers_percentages_and_integers(header, key, raw, expected):
    assert value_of(header, raw, key) == expected


@pytest.mark.parametrize(
    ("header", "raw", "message"),
    [
        ("目标值", "较大", "“较大”不是有效数字"),
        ("目标值", "5-8", "“5-8”不是有效数字"),
        ("完成率（%）", "85个", "“85个”不是有效百分数"),
        ("个数", 2.5, "“2.5”不是整数"),
        ("个数", "2.5个", "“2.5个”不是整数"),
    ],
)
def test_bad_numbers(header, raw, message):
    assert error_of(header, raw).endswith(message)


# ---------------------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "start", "deadline"),
    [
        (date(2025, 3, 15), date(2025, 3, 15), date(2025, 3, 15)),
        (datetime(2025, 3, 15, 0, 0), date(2025, 3, 15), date(2025, 3, 15)),
        (45731.0, date(2025, 3, 15), date(2025, 3, 15)),  # an Excel serial
        (45731, date(2025, 3, 15), date(2025, 3, 15)),
        ("2025年3月", date(2025, 3, 1), date(2025, 3, 31)),
        ("2025年3月15日", date(2025, 3, 15), date(2025, 3, 15)),
        ("2025年03月", date(2025, 3, 1), date(2025, 3, 31)),
        ("2025.3", date(2025, 3, 1), date(2025, 3, 31)),
        ("2025.03", date(2025, 3, 1), date(2025, 3, 31)),
        ("2025-03", date(2025, 3, 1), date(2025, 3, 31)),
        ("2025/3/15", date(2025, 3, 15), date(2025, 3, 15)),
        ("2025.3.15", date(2025, 3, 15), date(2025, 3, 15)),
        ("2025-03-15 00:00:00", date(2025, 3, 15), date(2025, 3, 15)),
        ("２０２５年３月", date(2025, 3, 1), date(2025, 3, 31)),
        ("2025 年 3 月", date(2025, 3, 1), date(2025, 3, 31)),
        ("3月底", date(2025, 3, 1), date(2025, 3, 31)),
        ("3月", date(2025, 3, 1), date(2025, 3, 31)),
        ("3月中旬", date(2025, 3, 1), date(2025, 3, 31)),
        ("三月", date(2025, 3, 1), date(2025, 3, 31)),
        ("十二月底前", date(2025, 12, 1), date(2025, 12, 31)),
        ("2026年2月", date(2026, 2, 1), date(2026, 2, 28)),
        ("年底", date(2025, 12, 1), date(2025, 12, 31)),
        ("年底前", date(2025, 12, 1), date(2025, 12, 31)),
        ("2025年底", date(2025, 12, 1), date(2025, 12, 31)),
        ("2026年底前", date(2026, 12, 1), date(2026, 12, 31)),
        ("年内", date(2025, 12, 1), date(2025, 12, 31)),
        ("上半年", date(2025, 6, 1), date(2025, 6, 30)),
        ("下半年", date(2025, 12, 1), date(2025, 12, 31)),
        ("三季度", date(2025, 9, 1), date(2025, 9, 30)),
        ("第三季度", date(2025, 9, 1), date(2025, 9, 30)),
        ("2025年第一季度末", date(2025, 3, 1), date(2025, 3, 31)),
        ("202503", date(2025, 3, 1), date(2025, 3, 31)),
        ("20250315", date(2025, 3, 15), date(2025, 3, 15)),
        (2025.03, date(2025, 3, 1), date(2025, 3, 31)),
        (2025.12, date(2025, 12, 1), date(2025, 12, 31)),
        ("—", None, None),
        ("", None, None),
    ],
)
def test_dates(raw, start, deadline):
    assert value_of("计划开工时间", raw, "planned_start") == start
    assert value_of("完成时限", raw, "deadline") == deadline


def test_a_bare_month_number_is_a_month_of_the_year_with_a_warning():
    parsed = one("计划开工时间", 3.0)
    assert parsed.records[0].values["planned_start"] == date(2025, 3, 1)
    assert [w.message for w in parsed.warnings] == ["第2行“计划开工时间”：“3”按2025年3月处理"]


def test_a_unit_written_in_the_header_row_is_a_sheet_unit_not_an_unknown_column():
    parsed = parse_sheet(sheet([*HEAD, "总投资", "（单位：亿元）"], [1, "甲", "续建", 2]), COLUMNS, year=YEAR)
    assert not parsed.unknown_columns
    assert parsed.records[0].values["total"] == Decimal(20000)


def test_a_numeric_2025_point_1_is_january_with_a_warning():
    parsed = one("计划开工时间", 2025.1)
    assert parsed.records[0].values["planned_start"] == date(2025, 1, 1)
    assert not parsed.errors
    assert [w.message for w in parsed.warnings] == [
        "第2行“计划开工时间”：“2025.1”按2025年1月处理；如指2025年10月，请写成“2025年10月”或“2025-10”"
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("已开工", "“已开工”不是日期，请填写日期，如2025年3月、2025-03-15"),
        ("正在办理", "“正在办理”不是日期，请填写日期，如2025年3月、2025-03-15"),
        ("2025年13月", "“2025年13月”月份13无效"),
        ("2025年2月30日", "“2025年2月30日”2025年2月没有30日"),
        (2025.0, "“2025”只有年份，请写到月，如2025年3月"),
        ("2025", "“2025”只有年份，请写到月，如2025年3月"),
        (-3.0, "“-3”不是日期，请填写日期，如2025年3月、2025-03-15"),
        (100.0, "“100”不是日期，请填写日期，如2025年3月、2025-03-15"),
        (True, "“True”不是日期，请填写日期，如2025年3月、2025-03-15"),
    ],
)
def test_bad_dates(raw, message):
    assert error_of("计划开工时间", raw) == f"第2行“计划开工时间”：{message}"


# ---------------------------------------------------------------------------------------------------------
# Booleans, choices, lists, year ranges
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        *(
            (v, True)
            for v in (
                "是",
                "已",
                "√",
                "✓",
                "Y",
                "y",
                "yes",
                "已入库",
                "已复工",
                "已签约",
                "已纳统",
                1.0,
                True,
            )
        ),
        *(
            (v, False)
            for v in ("否", "未", "×", "N", "n", "未入库", "未复工", "未签约", "正在办理", 0.0, False)
        ),
        (" 是 ", True),
        ("已入统", True),  # any 已… is done
        ("尚未入库", False),
        ("-", None),
        ("", None),
    ],
)
def test_booleans(raw, expected):
    assert value_of("是否入库", raw, "registered") is expected


@pytest.mark.parametrize("raw", ["可能", 2.0, "OK"])
def test_bad_booleans(raw):
    assert "不是是/否" in error_of("是否入库", raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("新开工", "new"),
        ("新建", "new"),
        ("续建", "continuing"),
        ("结转", "continuing"),
        ("结转续建", "continuing"),
        ("续建项目", "continuing"),
        (" 续 建 ", "continuing"),
        ("前期", "preparatory"),
        ("前期类", "preparatory"),
        ("竣工", "completed"),
        ("竣工投产", "completed"),
        ("建成", "completed"),
        ("completed", "completed"),  # the stored value itself
    ],
)
def test_choices(raw, expected):
    parsed = parse_sheet(sheet(HEAD, [1, "甲项目", raw]), COLUMNS, year=YEAR)
    assert not parsed.errors
    assert parsed.records[0].values["nature"] == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("两重、专项债", ("两重", "专项债")),
        ("两重，两新;专项债；省重点", ("两重", "两新", "专项债", "省重点")),
        ("两重/两新 专项债", ("两重", "两新", "专项债")),
        ("两重,两重", ("两重",)),
        ("两重", ("两重",)),
        ("无", None),
        ("、", None),
    ],
)
def test_lists(raw, expected):
    assert value_of("所属清单", raw, "tags") == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-2026", (2024, 2026)),
        ("2024—2026年", (2024, 2026)),
        ("2024年-2026年", (2024, 2026)),
        ("2024~2026", (2024, 2026)),
        ("2024至2026年", (2024, 2026)),
        ("2024.3-2026.12", (2024, 2026)),
        ("2024-26", (2024, 2026)),
        ("2025", (2025, 2025)),
        ("2025年", (2025, 2025)),
        (2025.0, (2025, 2025)),
    ],
)
def test_year_ranges(raw, expected):
    parsed = one("建设起止年限", raw)
    assert not parsed.errors
    values = parsed.records[0].values
    assert (values["start_year"], values["end_year"]) == expected
    assert "years" not in values


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2026-2024", "结束年份早于起始年份"),
        ("三年", "不是有效的起止年限，如2024-2026"),
        ("1800-1802", "年份超出1990—2100"),
    ],
)
def test_bad_year_ranges(raw, message):
    assert error_of("建设起止年限", raw).endswith(message)


@pytest.mark.parametrize(
    ("header", "raw", "message"),
    [
        ("项目名称", "甲" * 21, "第2行“项目名称”：“" + "甲" * 21 + "”超过20个字（21个字）"),
    ],
)
def test_text_too_long(header, raw, message):
    parsed = parse_sheet(sheet([*HEAD[:1], header, "建设性质"], [1, raw, "续建"]), COLUMNS, year=YEAR)
    assert [e.message for e in parsed.errors] == [message]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("榆次区", "榆次区"),
        ("  榆次区\n", "榆次区"),
        (2025001.0, "2025001"),  # a code typed as a number
        (12.5, "12.5"),
        ("—", None),
    ],
)
def test_text(raw, expected):
    assert value_of("建设地点", raw, "location") == expected


# ---------------------------------------------------------------------------------------------------------
# 前期手续 as text
# ---------------------------------------------------------------------------------------------------------

T, F = True, False


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("立项√用地√规划×环评√施工许可×", (T, T, F, T, F)),
        ("立项✓ 用地✓ 规划✗ 环评✓ 施工许可✗", (T, T, F, T, F)),
        ("已完成立项、环评", (T, F, F, T, F)),
        ("已完成立项、环评，正在办理用地", (T, F, F, T, F)),
        ("已办理立项、用地、规划，未办理环评、施工许可", (T, T, T, F, F)),
        ("立项：已完成；用地：未完成；施工许可证：已取得", (T, F, F, F, T)),
        ("立项(已批复)、环评(办理中)", (T, F, F, F, F)),
        ("备案√ 土地证× 规划许可证√", (T, F, T, F, F)),
        ("手续齐全", (T, T, T, T, T)),
        ("已全部办结", (T, T, T, T, T)),
        ("均未办理", (F, F, F, F, F)),
        ("立项、用地", (T, T, F, F, F)),
        ("—", None),
    ],
)
def test_procedures_written_as_text(raw, expected):
    parsed = one("前期手续", raw)
    assert not parsed.errors, parsed.errors
    values = parsed.records[0].values
    if expected is None:
        assert not any(k in values for k in PROCEDURE_KEYS)
    else:
        assert tuple(values[k] for k in PROCEDURE_KEYS) == expected
    assert "procedures" not in values


def test_procedures_that_cannot_be_read():
    assert error_of("前期手续", "正在推进").endswith(
        "“正在推进”未能识别前期手续，请写如“立项√用地√规划×环评√施工许可×”"
    )


def test_five_separate_procedure_columns():
    rows = sheet(
        [*HEAD, "立项", "用地", "规划", "环评", "施工许可"], [1, "甲", "续建", "√", "已办理", "否", "×", "是"]
    )
    values = parse_sheet(rows, COLUMNS, year=YEAR).records[0].values
    assert tuple(values[k] for k in PROCEDURE_KEYS) == (T, T, F, F, T)


# ---------------------------------------------------------------------------------------------------------
# A whole messy sheet
# ---------------------------------------------------------------------------------------------------------


def messy_rows() -> list[list[object]]:
    top = [
        "序号",
        "项目\n名称",
        "建设性质",
        "县（市、区）",
        "投资情况（万元）",
        "",
        "",
        "计划开工",
        "纳统",
        "备注",
    ]
    sub = ["", "", "", "", "总投资", "2025年计划投资", "1—10月累计完成", "", "", ""]
    return [
        ["2025年晋中市重点项目调度表", "", "", "", "", "", "", "", "", ""],
        ["填报单位：榆次区（盖章）", "", "", "", "", "", "", "单位：万元", "", ""],
        top,
        sub,
        ["", "全市合计", "", "", 30000.0, 9000.0, 4000.0, "", "", ""],
        ["一、榆次区（2个）", "", "", "", 20000.0, 6000.0, 3000.0, "", "", ""],
        [1.0, "甲项目", "续建", "榆次区", 10000.0, "0.5亿元", 1500.0, "2024年3月", "是", ""],
        [2.0, "乙项目", "新开工", "榆次区", "1,0000", "3000万元", "—", "3月底", "否", "新入库"],
        ["", "", "", "", "", "", "", "", "", ""],
        ["（二）新开工项目", "", "", "", "", "", "", "", "", ""],
        [3.0, "丙项目", "新建", "太谷区", 10000.0, 3000.0, "12,00", "已开工", "√", ""],
        [4.0, "丁项目", "竣工投产", "太谷区", -5.0, 0.0, 0.0, datetime(2025, 1, 10), "未", ""],
        ["", "小计", "", "", 20000.0, 6000.0, 1000.0, "", "", ""],
        ["备注：1.本表按月报送。", "", "", "", "", "", "", "", "", ""],
        ["填报人：王五", "", "", "联系电话：13800000000", "", "", "", "", "", ""],
    ]


def test_a_messy_dispatch_sheet_end_to_end():
    calls = []
    parsed = parse_sheet(
        messy_rows(), COLUMNS, year=YEAR, progress=lambda done, total: calls.append((done, total))
    )
    assert (parsed.header.first_row, parsed.header.last_row) == (2, 3)
    assert parsed.unknown_columns == ("备注",)
    assert [s.row for s in parsed.records] == [7, 8, 11, 12]
    assert parsed.skipped == [
        Skipped(5, "合计行"),
        Skipped(6, "分组标题行"),
        Skipped(9, "空行"),
        Skipped(10, "分组标题行"),
        Skipped(13, "小计行"),
        Skipped(14, "表尾说明"),
        Skipped(15, "表尾说明"),
    ]
    assert parsed.records[0].values == {
        "name": "甲项目",
        "nature": "continuing",
        "location": "榆次区",
        "total": Decimal(10000),
        "plan": Decimal(5000),
        "cumulative": Decimal(1500),
        "planned_start": date(2024, 3, 1),
        "registered": True,
    }
    assert parsed.records[1].values["planned_start"] == date(2025, 3, 1)
    assert parsed.records[1].values["total"] == Decimal(10000)  # "1,0000": separators are dropped
    assert "cumulative" not in parsed.records[1].values
    assert [(e.row, e.column, e.value) for e in parsed.errors] == [
        (11, "计划开工", "已开工"),
        (12, "总投资", "-5"),
    ]
    assert (
        parsed.errors[0].message == "第11行“计划开工”：“已开工”不是日期，请填写日期，如2025年3月、2025-03-15"
    )
    assert parsed.records[2].values["cumulative"] == Decimal(1200)
    assert calls[0] == (0, 11) and calls[-1] == (11, 11)


# ---------------------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------------------


def write_xlsx(path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("调度表")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    ws.merge_range(0, 0, 0, 6, "2025年晋中市重点项目调度表")
    ws.write_row(1, 0, ["填报单位：榆次区", "", "", "", "单位：亿元"])
    ws.merge_range(2, 0, 3, 0, "序号")
    ws.merge_range(2, 1, 3, 1, "项目名称")
    ws.merge_range(2, 2, 3, 2, "建设性质")
    ws.merge_range(2, 3, 3, 3, "建设地点")
    ws.merge_range(2, 4, 2, 5, "投资情况")
    ws.write_row(3, 4, ["总投资", "年度计划投资（万元）"])
    ws.merge_range(2, 6, 3, 6, "计划开工时间")
    ws.write_row(4, 0, [1, "甲项目", "续建"])
    ws.merge_range(4, 3, 5, 3, "榆次区")  # the county merged down its projects
    ws.write_row(4, 4, [1.5, 3000])
    ws.write_datetime(4, 6, datetime(2025, 3, 15), day)
    ws.write_row(5, 0, [2, "乙项目", "新开工", "", "0.8", "500万元", "2025年5月"])
    ws.merge_range(6, 0, 6, 6, "二、太谷区（0个）")
    book.close()


def test_read_an_xlsx_with_merged_cells(tmp_path):
    path = tmp_path / "调度表.xlsx"
    write_xlsx(path)
    rows = read_rows(path)
    assert rows[0][:2] == ["2025年晋中市重点项目调度表", "2025年晋中市重点项目调度表"]
    assert rows[3][0] == "序号" and rows[3][5] == "年度计划投资（万元）"
    assert rows[5][3] == "榆次区"
    parsed = parse_sheet(rows, COLUMNS, year=YEAR)
    assert not parsed.errors
    assert [r.row for r in parsed.records] == [5, 6]
    assert parsed.records[0].values == {
        "name": "甲项目",
        "nature": "continuing",
        "location": "榆次区",
        "total": Decimal(15000),
        "plan": Decimal(3000),
        "planned_start": date(2025, 3, 15),
    }
    assert parsed.records[1].values["location"] == "榆次区"
    assert parsed.records[1].values["total"] == Decimal(8000)
    assert parsed.skipped == [Skipped(7, "分组标题行")]
    assert read_rows(path.read_bytes(), sheet="调度表") == rows
    with path.open("rb") as handle:
        assert read_rows(handle, sheet=0) == rows


def test_read_a_legacy_xls():
    rows = read_rows(FIXTURES / "dispatch.xls")
    parsed = parse_sheet(rows, COLUMNS, year=YEAR)
    assert not parsed.errors, parsed.errors
    assert parsed.header.sheet_unit == "万元"
    assert [(r.row, r.values["name"], r.values["nature"]) for r in parsed.records] == [
        (5, "甲项目", "continuing"),
        (6, "乙项目", "new"),
    ]
    first = parsed.records[0].values
    assert first["location"] == "榆次区" == parsed.records[1].values["location"]  # merged down
    assert first["total"] == Decimal(15000)  # "（亿元）" in the header
    assert first["planned_start"] == date(2025, 3, 15)
    assert parsed.records[1].values["planned_start"] == date(2025, 5, 1)
    assert parsed.skipped == [Skipped(7, "合计行")]


@pytest.mark.parametrize(
    ("source", "sheet_name", "message"),
    [
        (b"not a workbook", None, "无法读取文件"),
        (FIXTURES / "dispatch.xls", "没有这张表", "找不到工作表“没有这张表”，文件中的工作表：调度表"),
    ],
)
def test_unreadable_files(source, sheet_name, message):
    with pytest.raises(SheetError, match=message):
        read_rows(source, sheet=sheet_name)


# ---------------------------------------------------------------------------------------------------------
# Volume (counts only: speed is measured under bench/, never asserted in tests)
# ---------------------------------------------------------------------------------------------------------


def generated(rows: int) -> list[list[object]]:
    header = [
        "序号",
        "项目名称",
        "建设性质",
        "建设地点",
        "总投资",
        "年度计划投资（万元）",
        "本月完成",
        "1-10月累计完成",
        "计划开工时间",
        "是否入库",
        "所属清单",
        "前期手续",
    ]
    natures = ("新开工", "续建", "前期", "竣工投产")
    data: list[list[object]] = [["2025年重点项目调度表"], ["单位：万元"], header]
    for i in range(rows):
        if i % 1000 == 999:
            data.append(["", "小计", "", "", 1.0, 1.0, 1.0, 1.0, "", "", "", ""])
            continue
        data.append(
            [
                float(i + 1),
                f"项目{i}",
                natures[i % 4],
                "榆次区",
                float(i * 10),
                "3.5亿元" if i % 7 == 0 else float(i),
                "" if i % 5 == 0 else 12.5,
                float(i) / 2,
                date(2025, 1 + i % 12, 1) if i % 3 else "2025年3月",
                "是" if i % 2 else "否",
                "两重、专项债" if i % 11 == 0 else "",
                "立项√用地√规划×环评√施工许可×" if i % 13 == 0 else "",
            ]
        )
    return data


@pytest.mark.parametrize("rows", [20_000])
def test_a_large_generated_sheet(rows):
    parsed = parse_sheet(generated(rows), COLUMNS, year=YEAR)
    subtotals = rows // 1000
    assert len(parsed.records) == rows - subtotals
    assert len(parsed.skipped) == subtotals and {s.reason for s in parsed.skipped} == {"小计行"}
    assert not parsed.errors and not parsed.warnings
    assert sum(1 for r in parsed.records if r.values["plan"] == Decimal(35000)) == len(
        range(0, rows, 7)
    ) - sum(1 for i in range(0, rows, 7) if i % 1000 == 999)
    assert sum(1 for r in parsed.records if r.values.get("proc_approval")) == sum(
        1 for i in range(0, rows, 13) if i % 1000 != 999
    )
