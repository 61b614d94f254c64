"""The key-project dispatch sheet as an Excel workbook (重点项目调度表, issue 3 §6; glossary §8.2).

The layout is the one counties and the project office circulate: a title row, a subtitle (单位：万元, the
序时 benchmark, the date), one frozen header row, a row per project grouped by county in the city's
reporting order (``Unit.order``), the 亮灯 column in colour, a 合计 row, and a second sheet 汇总 with the
rollup by county. Columns, their order and their header labels are ``projects.columns.PROJECT_COLUMNS``:
the same specification the import reads, so our own export imports back to the same data.

Figures are this period's *approved* report (本月完成, 1–m月累计, 形象进度, 存在问题, 需协调事项): a project
without one has those cells blank, as a sheet shows 未报送, and a comment on the 累计 cell gives its latest
approved figure. The 亮灯 and the 汇总 sheet are the pages' (the metrics kernel counts that latest approved
figure). So a row says exactly what the import would record for the period, and export → import changes
nothing. Percentages are written as numbers of percent (85.3 under a "（%）" header, format 0.0).
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter
from django.utils import timezone
from xlsxwriter.utility import xl_col_to_name

from taizhang.core import schedule
from taizhang.core.projectmetrics import NATURE_LABELS, Nature
from taizhang.core.schedule import LIGHT_LABELS, Light
from taizhang.core.sheets import PROCEDURE_KEYS
from taizhang.projects.columns import CATEGORY_CHOICES, LEVEL_CHOICES, PROJECT_COLUMNS
from taizhang.projects.selectors import ProjectState, rollup, schedule_curve

DEMO_WORDS = "演示数据"
LIGHT_COLOURS = {  # fill, font — the pages' light colours (plans.exports uses the same)
    Light.GREEN: ("#E6F4EA", "#1A7F37"),
    Light.YELLOW: ("#FFF4D6", "#9A6700"),
    Light.RED: ("#FDE8E8", "#C62828"),
}
AMOUNT_FORMAT = "#,##0.00"  # 万元, two decimals as stored
PERCENT_FORMAT = "0.0"  # percent as a number of percent, one decimal as the pages show it
DATE_FORMAT = 'yyyy"年"m"月"d"日"'  # a real Excel date; python-calamine reads it back as a date
WRAPPED = {"name", "owner", "content", "image_progress", "problems", "coordination", "tags", "procedures"}
WIDTHS = {
    "seq": 5,
    "code": 12,
    "name": 26,
    "level": 8,
    "category": 8,
    "nature": 8,
    "location": 10,
    "owner": 22,
    "content": 36,
    "year_range": 11,
    "image_progress": 26,
    "procedures": 24,
    "problems": 26,
    "coordination": 26,
    "leader": 10,
    "responsible_unit": 12,
    "responsible_person": 10,
    "cluster": 12,
    "tags": 16,
    "light": 7,
    "updated": 14,
}
KIND_WIDTHS = {"amount": 13, "date": 14, "bool": 7, "percent": 9}
# Choice columns: the first Chinese word the import's synonym table gives each stored value.
_LEVEL_WORDS = {stored: word for word, stored in reversed(LEVEL_CHOICES.items())}
_CATEGORY_WORDS = {stored: word for word, stored in reversed(CATEGORY_CHOICES.items())}
_NATURE_WORDS = {nature.value: label for nature, label in NATURE_LABELS.items()}
_PROCEDURE_WORDS = ("立项", "用地", "规划", "环评", "施工许可")  # sheets' PROCEDURE_KEYS order


@dataclass(frozen=True)
class SheetColumn:
    """One column of our dispatch sheet: the import's key and label, and how the export writes it."""

    key: str
    label: str
    kind: str  # index, text, wrap, amount, percent, date, light, bool, choice, list, year_range, procedures
    width: int


def _export_kind(column) -> str:
    if column.key == "seq":
        return "index"
    if column.kind == "ignore":
        return {
            "completion_rate": "percent",
            "time_progress": "percent",
            "gap": "percent",
            "light": "light",
            "light_reason": "wrap",
            "updated": "date",
        }.get(column.key, "text")
    if column.kind in {"number", "integer"}:
        return "percent"
    if column.kind == "text":
        return "wrap" if column.key in WRAPPED or column.max_length is None else "text"
    return column.kind


def cumulative_label(period: str) -> str:
    """ "1—10月累计完成投资（万元）": the header dispatch sheets print (the import reads it as 累计完成投资)."""
    year, month = schedule.parse_period(period)
    if month == 1:
        return "本年累计完成投资（万元）"
    return f"1—{month}月累计完成投资（万元）"


def sheet_columns(period: str) -> list[SheetColumn]:
    """The exported columns of ``PROJECT_COLUMNS``, in its order, with the period's 1–m月 label."""
    columns = []
    for column in PROJECT_COLUMNS:
        if not column.export:
            continue
        kind = _export_kind(column)
        label = cumulative_label(period) if column.key == "cumulative_investment" else column.label
        width = WIDTHS.get(column.key) or KIND_WIDTHS.get(kind, 10)
        columns.append(SheetColumn(column.key, label, kind, width))
    return columns


def default_title(period: str) -> str:
    year, month = schedule.parse_period(period)
    return f"{schedule.period_label(year, month)}晋中市重点项目调度表"


# --- cell values ---------------------------------------------------------------------------------------


def _unit_name(unit) -> str:
    return (unit.short_name or unit.name) if unit is not None else ""


def _year_range(project) -> str:
    start, end = project.start_year, project.end_year
    if start and end:
        return str(start) if start == end else f"{start}-{end}"
    return str(start or end or "")


def _procedures(project) -> str:
    return "".join(
        f"{word}{'√' if getattr(project, key) else '×'}"
        for word, key in zip(_PROCEDURE_WORDS, PROCEDURE_KEYS, strict=True)
    )


class _Row:
    """One project's values by column key, computed once."""

    def __init__(self, state: ProjectState, period: str, expected: float):
        self.state = state
        p = state.project
        report = state.report
        self.this = report if report is not None and report.period == period else None
        self.earlier = report if report is not None and self.this is None else None
        self.expected = expected if p.annual_plan else None
        completion = state.completion_percent if self.this is not None else None
        self.completion = completion
        self.gap = completion - expected if completion is not None else None

    def value(self, key: str):
        s, p, this = self.state, self.state.project, self.this
        if key == "location":
            return _unit_name(p.location)
        if key == "responsible_unit":
            return _unit_name(p.responsible_unit)
        if key == "level":
            return _LEVEL_WORDS.get(p.level, p.level)
        if key == "category":
            return _CATEGORY_WORDS.get(p.category, p.category)
        if key == "nature":
            return _NATURE_WORDS.get(p.nature, p.nature)
        if key == "year_range":
            return _year_range(p)
        if key == "procedures":
            return _procedures(p)
        if key == "tags":
            return "、".join(t.name for t in p.tags.all())
        if key == "cumulative_investment":
            return this.cumulative_investment if this else None
        if key == "month_investment":
            return this.month_investment if this else None
        if key == "image_progress":
            return this.image_progress if this else ""
        if key in {"problems", "coordination"}:
            return getattr(this, key) if this else ""
        if key == "completion_rate":
            return schedule.round1(self.completion)
        if key == "time_progress":
            return schedule.round1(self.expected)
        if key == "gap":
            return schedule.round1(self.gap)
        if key == "light":
            return LIGHT_LABELS[s.light.light]
        if key == "light_reason":
            return "；".join(s.light.reasons)
        if key == "updated":
            changed = s.report.updated_at if s.report else p.updated_at
            return timezone.localtime(changed).date() if changed else None
        return getattr(p, key, None)


def _county_order(state: ProjectState):
    p = state.project
    return (p.location.order, p.location.code, p.code or "\uffff", p.name)


# --- the workbook ---------------------------------------------------------------------------------------


class _Formats:
    def __init__(self, book):
        font = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "vcenter"}
        cell = font | {"border": 1}
        add = book.add_format
        self.title = add(font | {"bold": True, "font_size": 16, "align": "center"})
        self.demo_title = add(
            font | {"bold": True, "font_size": 16, "align": "center", "font_color": "#A15C00"}
        )
        self.subtitle = add(font | {"font_color": "#555555"})
        self.header = add(cell | {"bold": True, "bg_color": "#EEF1F4", "text_wrap": True, "align": "center"})
        self.by_kind = {
            "index": add(cell | {"align": "center"}),
            "text": add(cell),
            "wrap": add(cell | {"text_wrap": True, "valign": "top"}),
            "amount": add(cell | {"num_format": AMOUNT_FORMAT}),
            "percent": add(cell | {"num_format": PERCENT_FORMAT}),
            "date": add(cell | {"num_format": DATE_FORMAT, "align": "center"}),
            "bool": add(cell | {"align": "center"}),
            "choice": add(cell | {"align": "center"}),
        }
        total = cell | {"bold": True, "bg_color": "#F6F8FA"}
        self.total_text = add(total)
        self.total_amount = add(total | {"num_format": AMOUNT_FORMAT})
        self.total_percent = add(total | {"num_format": PERCENT_FORMAT})
        self.total_int = add(total | {"num_format": "0", "align": "center"})
        self.lights = {
            light: add(cell | {"bold": True, "align": "center", "bg_color": fill, "font_color": colour})
            for light, (fill, colour) in LIGHT_COLOURS.items()
        }

    def cell(self, kind: str):
        return self.by_kind.get(kind, self.by_kind["text"])


def _write(sheet, row: int, col: int, value, style) -> None:
    if value is None or value == "":
        sheet.write_blank(row, col, None, style)
    elif isinstance(value, bool):
        sheet.write_string(row, col, "是" if value else "否", style)
    elif isinstance(value, datetime):
        sheet.write_datetime(row, col, value, style)
    elif isinstance(value, date):
        sheet.write_datetime(row, col, datetime(value.year, value.month, value.day), style)
    elif isinstance(value, Decimal | int | float):
        sheet.write_number(row, col, float(value), style)
    else:
        sheet.write_string(row, col, str(value), style)


def dispatch_workbook(
    states: Iterable[ProjectState],
    period: str,
    *,
    title: str | None = None,
    demo: bool = False,
    today: date | None = None,
) -> bytes:
    """The dispatch sheet (调度表) and its rollup by county (汇总) as .xlsx bytes."""
    year, month = schedule.parse_period(period)
    states = sorted(states, key=_county_order)
    curve = schedule_curve()
    expected = curve.progress(month)
    today = today or timezone.localdate()
    columns = sheet_columns(period)
    keys = [c.key for c in columns]
    title = title or default_title(period)
    if demo:
        title = f"{title}（{DEMO_WORDS}）"

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    book.set_properties({"title": title, "subject": period, "comments": DEMO_WORDS if demo else ""})
    fmt = _Formats(book)
    sheet = book.add_worksheet("调度表")
    last_col = len(columns) - 1
    sheet.merge_range(0, 0, 0, last_col, title, fmt.demo_title if demo else fmt.title)
    sheet.set_row(0, 30)
    subtitle = "　　".join(
        [
            "单位：万元",
            f"{curve.label}进度{schedule.round1(expected)}%",
            f"生成日期：{today.year}年{today.month}月{today.day}日",
            "只计已审核通过的报告",
        ]
        + ([DEMO_WORDS] if demo else [])
    )
    sheet.merge_range(1, 0, 1, last_col, subtitle, fmt.subtitle)
    header = 2
    for col, column in enumerate(columns):
        sheet.write_string(header, col, column.label, fmt.header)
        sheet.set_column(col, col, column.width)
    sheet.set_row(header, 36)
    name_col = keys.index("name") if "name" in keys else 0
    sheet.freeze_panes(header + 1, name_col + 1)

    first = header + 1
    rows = [_Row(state, period, expected) for state in states]
    for offset, row_values in enumerate(rows):
        r = first + offset
        for col, column in enumerate(columns):
            if column.kind == "index":
                sheet.write_number(r, col, offset + 1, fmt.cell("index"))
                continue
            value = row_values.value(column.key)
            if column.kind == "light":
                light = row_values.state.light
                sheet.write_string(r, col, LIGHT_LABELS[light.light], fmt.lights[light.light])
                if light.reasons:
                    sheet.write_comment(r, col, "\n".join(light.reasons), {"x_scale": 2.5, "y_scale": 1.5})
                continue
            _write(sheet, r, col, value, fmt.cell(column.kind))
            earlier = row_values.earlier
            if column.key == "cumulative_investment" and earlier is not None:
                sheet.write_comment(
                    r,
                    col,
                    f"本期无已审核的报告；最近已审核：{earlier.period}，"
                    f"累计完成{earlier.cumulative_investment or 0:,.2f}万元",
                    {"x_scale": 2},
                )
    last = first + len(rows) - 1
    total_row = first + len(rows)
    _total_row(sheet, fmt, columns, rows, first, last, total_row, expected)
    sheet.autofilter(header, 0, max(last, header), last_col)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header)

    _summary_sheet(book, fmt, states, period, curve.label, demo, title)
    book.close()
    return buffer.getvalue()


def _total_row(sheet, fmt, columns, rows, first, last, total_row, expected) -> None:
    """合计: SUM formulas with their values cached (python-calamine reads the cached number)."""
    keys = [c.key for c in columns]
    label_col = keys.index("name") if "name" in keys else 0
    n = len(rows)
    sums: dict[str, Decimal] = {}
    for col, column in enumerate(columns):
        if column.kind != "amount":
            continue
        total = sum((row.value(column.key) or Decimal(0) for row in rows), Decimal(0))
        sums[column.key] = total
        letter = xl_col_to_name(col)
        formula = f"=SUM({letter}{first + 1}:{letter}{last + 1})" if n else "=0"
        sheet.write_formula(total_row, col, formula, fmt.total_amount, float(total))
    # 投资完成率 of the total: Σ cumulative shown of projects with a plan / Σ plan (as investment_rate)
    with_plan = [row for row in rows if row.state.project.annual_plan is not None]
    plan = sum((row.state.project.annual_plan for row in with_plan), Decimal(0))
    done = sum((row.value("cumulative_investment") or Decimal(0) for row in with_plan), Decimal(0))
    completion = float(done / plan * 100) if plan else None
    values = {
        "completion_rate": schedule.round1(completion),
        "time_progress": schedule.round1(expected),
        "gap": schedule.round1(completion - expected) if completion is not None else None,
    }
    for col, column in enumerate(columns):
        if col == label_col:
            sheet.write_string(total_row, col, f"合计（{n}个项目）", fmt.total_text)
        elif column.key in values:
            _write(sheet, total_row, col, values[column.key], fmt.total_percent)
        elif column.kind != "amount":
            sheet.write_blank(total_row, col, None, fmt.total_text)


# --- 汇总: the rollup by county ---------------------------------------------------------------------------

_SUMMARY_HEADERS = (
    ("县区", 14),
    ("项目数", 8),
    ("新开工", 8),
    ("续建", 8),
    ("前期", 8),
    ("竣工投产", 9),
    ("计划新开工", 10),
    ("已开工", 8),
    ("开工率（%）", 10),
    ("序时应开工", 10),
    ("开工率（序时）（%）", 12),
    ("提前开工", 9),
    ("未按期开工", 10),
    ("开复工率（%）", 11),
    ("竣工率（%）", 10),
    ("年度计划投资（万元）", 14),
    ("累计完成投资（万元）", 14),
    ("投资完成率（%）", 11),
    ("序时进度（%）", 10),
    ("偏差（个百分点）", 11),
)


def _summary_values(name: str, summary) -> list:
    def pct(rate):
        return schedule.round1(rate.percent) if rate.percent is not None else None

    investment = summary.investment
    return [
        name,
        summary.projects,
        summary.natures[Nature.NEW],
        summary.natures[Nature.CONTINUING],
        summary.natures[Nature.PREPARATORY],
        summary.natures[Nature.COMPLETED],
        summary.start.planned_year,
        summary.start.done,
        pct(summary.start_rate_annual),
        summary.start.planned_due,
        pct(summary.start_rate_due),
        summary.start.early,
        summary.start.behind,
        pct(summary.start_resume_rate),
        pct(summary.completion_rate_dispatch),
        investment.rate.denominator,
        investment.rate.numerator,
        pct(investment.rate),
        schedule.round1(investment.expected),
        schedule.round1(investment.gap_pp),
    ]


def _summary_sheet(book, fmt, states, period, curve_label, demo, title) -> None:
    sheet = book.add_worksheet("汇总")
    result = rollup(states, period, keys=("county",))
    last_col = len(_SUMMARY_HEADERS) - 1
    year, month = schedule.parse_period(period)
    heading = f"{schedule.period_label(year, month)}重点项目分县区汇总" + (
        f"（{DEMO_WORDS}）" if demo else ""
    )
    sheet.merge_range(0, 0, 0, last_col, heading, fmt.demo_title if demo else fmt.title)
    sheet.merge_range(
        1,
        0,
        1,
        last_col,
        f"单位：万元　　{curve_label}　　开工率=已开工/计划新开工；竣工率=实际竣工/应竣工；"
        "投资完成率=累计完成/年度计划（本期未报送的项目按最近一期已审核的累计数计）",
        fmt.subtitle,
    )
    for col, (label, width) in enumerate(_SUMMARY_HEADERS):
        sheet.write_string(2, col, label, fmt.header)
        sheet.set_column(col, col, width)
    sheet.set_row(2, 36)
    sheet.freeze_panes(3, 1)
    row = 3
    amount_cols = {15, 16}
    percent_cols = {8, 10, 13, 14, 17, 18, 19}
    for county, summary in result.groups["county"].items():
        for col, value in enumerate(_summary_values(str(county), summary)):
            style = fmt.cell("amount" if col in amount_cols else "percent" if col in percent_cols else "text")
            _write(sheet, row, col, value, style)
        row += 1
    for col, value in enumerate(_summary_values("全市", result.total)):
        style = (
            fmt.total_amount
            if col in amount_cols
            else fmt.total_percent
            if col in percent_cols
            else fmt.total_text
        )
        _write(sheet, row, col, value, style)
