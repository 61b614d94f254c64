"""The demo's go-live backfill: each month before go-live as the 重点项目调度表 the project office imported.

Before the platform went live the counties sent their monthly dispatch sheets by hand, and the project
office (督查) imported them afterwards. This module writes those sheets from the simulated data
(taizhang.demo.simulate_projects): one real .xlsx per month, in the layout the import reads and our
export writes (``projects.exports.sheet_columns``, i.e. ``PROJECT_COLUMNS``), with a title row naming the
month and 演示数据, the counties in the city's reporting order, and the month's figures. Master facts are
those known at the end of the month (``facts_as_of``): a project that starts in June shows no 实际开工时间
in the May sheet. Plain values in, bytes out; no database.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter

from taizhang.core import schedule
from taizhang.core.projectmetrics import LINEAR, NATURE_LABELS, Nature
from taizhang.core.sheets import PROCEDURE_KEYS
from taizhang.projects.columns import CATEGORY_CHOICES, LEVEL_CHOICES
from taizhang.projects.exports import DEMO_WORDS, sheet_columns

__all__ = ["FACTS_BY_DATE", "dispatch_sheet", "facts_as_of", "sheet_name", "sheet_title"]

# Master facts that become known on a date: (the date field, the fields that go with it). A sheet shows
# them only once the date has passed (a start, an 入库, a completion and its output).
FACTS_BY_DATE = (
    ("actual_start", ("actual_start", "proc_construction")),
    ("registered_on", ("registered", "registered_on")),
    ("actual_completion", ("actual_completion", "actual_output")),
)
_NOT_YET = {
    "actual_start": None,
    "proc_construction": False,
    "registered": False,
    "registered_on": None,
    "actual_completion": None,
    "actual_output": None,
}
# Choice columns: the first Chinese word of the import's synonym tables (as the export writes them).
_LEVEL_WORDS = {stored: word for word, stored in reversed(LEVEL_CHOICES.items())}
_CATEGORY_WORDS = {stored: word for word, stored in reversed(CATEGORY_CHOICES.items())}
_NATURE_WORDS = {nature.value: label for nature, label in NATURE_LABELS.items()}
_PROCEDURE_WORDS = ("立项", "用地", "规划", "环评", "施工许可")  # core.sheets.PROCEDURE_KEYS order
_REPORT_KEYS = ("month_investment", "cumulative_investment", "image_progress", "problems", "coordination")


def facts_as_of(project: Mapping, last_day: date) -> dict:
    """``project``'s master record as a sheet dated ``last_day`` shows it: facts dated later are not known
    yet (blank), everything else as recorded."""
    known = dict(project)
    for date_field, fields in FACTS_BY_DATE:
        day = project.get(date_field)
        if day is not None and day > last_day:
            known.update({field: _NOT_YET[field] for field in fields})
    return known


def sheet_title(period: str) -> str:
    """The title row: "2025年3月晋中市重点项目调度表（演示数据）" (the month the sheet reports)."""
    year, month = schedule.parse_period(period)
    return f"{year}年{month}月晋中市重点项目调度表（{DEMO_WORDS}）"


def sheet_name(period: str) -> str:
    """The file name the office kept: "2025年3月晋中市重点项目调度表（演示数据）.xlsx"."""
    return f"{sheet_title(period)}.xlsx"


def _year_range(project: Mapping) -> str:
    start, end = project.get("start_year"), project.get("end_year")
    if start and end:
        return str(start) if start == end else f"{start}-{end}"
    return str(start or end or "")


def _value(key: str, project: Mapping, report, units: Mapping[str, str], expected: float):
    if key in ("location", "responsible_unit"):
        return units.get(project.get(key) or "", "")
    if key == "level":
        return _LEVEL_WORDS.get(project.get("level"), "")
    if key == "category":
        return _CATEGORY_WORDS.get(project.get("category"), "")
    if key == "nature":
        return _NATURE_WORDS[Nature(project["nature"]).value]
    if key == "year_range":
        return _year_range(project)
    if key == "procedures":
        return "".join(
            f"{word}{'√' if project.get(proc) else '×'}"
            for word, proc in zip(_PROCEDURE_WORDS, PROCEDURE_KEYS, strict=True)
        )
    if key == "tags":
        return "、".join(project.get("tags") or ())
    if key in _REPORT_KEYS:
        return getattr(report, key) if report is not None else None
    plan = project.get("annual_plan")
    if key in ("completion_rate", "gap"):  # as a county computes them on its sheet
        if report is None or not plan:
            return None
        rate = float(report.cumulative_investment) / float(plan) * 100
        return schedule.round1(rate if key == "completion_rate" else rate - expected)
    if key == "time_progress":
        return schedule.round1(expected) if plan else None
    if key in ("light", "updated", "seq"):
        return None  # the platform judges the lights; the date is the subtitle's
    return project.get(key)


def _write(sheet, row: int, col: int, value, style) -> None:
    if value is None or value == "":
        sheet.write_blank(row, col, None, style)
    elif isinstance(value, bool):
        sheet.write_string(row, col, "是" if value else "否", style)
    elif isinstance(value, date):
        sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), style)
    elif isinstance(value, Decimal | int | float):
        sheet.write_number(row, col, float(value), style)
    else:
        sheet.write_string(row, col, str(value), style)


def dispatch_sheet(
    projects: Iterable[Mapping],
    reports: Mapping[str, object],
    period: str,
    *,
    units: Mapping[str, str],
    unit_order: Mapping[str, int],
    sent_on: date,
) -> bytes:
    """The month's dispatch sheet as .xlsx bytes.

    ``projects``: master records (simulate_projects' dicts: units by code, ``tags`` a list); ``reports``:
    the month's report by project code (an object with the five report fields; a project without one has
    those cells blank); ``units``: unit code -> the name the sheet prints; ``unit_order``: unit code ->
    the city's reporting order; ``sent_on``: the date the subtitle gives."""
    year, month = schedule.parse_period(period)
    last_day = schedule.period_end(year, month)
    expected = LINEAR.progress(month)
    columns = sheet_columns(period)
    rows = sorted(
        (facts_as_of(p, last_day) for p in projects),
        key=lambda p: (unit_order.get(p["location"], 999), p["code"]),
    )
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    title = sheet_title(period)
    book.set_properties({"title": title, "subject": period, "comments": DEMO_WORDS})
    font = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "vcenter"}
    cell = font | {"border": 1}
    styles = {
        "title": book.add_format(font | {"bold": True, "font_size": 16, "align": "center"}),
        "subtitle": book.add_format(font | {"font_color": "#555555"}),
        "header": book.add_format(cell | {"bold": True, "bg_color": "#EEF1F4", "text_wrap": True}),
        "amount": book.add_format(cell | {"num_format": "#,##0.00"}),
        "percent": book.add_format(cell | {"num_format": "0.0"}),
        "date": book.add_format(cell | {"num_format": 'yyyy"年"m"月"d"日"'}),
        "text": book.add_format(cell),
    }
    sheet = book.add_worksheet("调度表")
    last_col = len(columns) - 1
    sheet.merge_range(0, 0, 0, last_col, title, styles["title"])
    subtitle = "　　".join(
        (
            "单位：万元",
            f"序时进度{schedule.round1(expected)}%",
            f"报送日期：{sent_on.year}年{sent_on.month}月{sent_on.day}日",
            "各县（区、市）、开发区报送，市重点项目办汇总",
            DEMO_WORDS,
        )
    )
    sheet.merge_range(1, 0, 1, last_col, subtitle, styles["subtitle"])
    header = 2
    for col, column in enumerate(columns):
        sheet.write_string(header, col, column.label, styles["header"])
        sheet.set_column(col, col, column.width)
    sheet.freeze_panes(header + 1, 3)
    for offset, project in enumerate(rows):
        r = header + 1 + offset
        report = reports.get(project["code"])
        for col, column in enumerate(columns):
            if column.kind == "index":
                sheet.write_number(r, col, offset + 1, styles["text"])
                continue
            value = _value(column.key, project, report, units, expected)
            _write(sheet, r, col, value, styles.get(column.kind, styles["text"]))
    book.close()
    return buffer.getvalue()
