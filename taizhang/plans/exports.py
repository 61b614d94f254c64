"""The task ledger as an Excel sheet (导出台账), in the column order of glossary §8.1.

Offices still circulate the ledger as a spreadsheet; the export is what they forward or print. Figures
are the same ones the pages show: only approved reports count, one decimal, computed from unrounded values.
"""

import io
from datetime import datetime

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.core import schedule

LIGHT_COLOURS = {  # fill, font — the page's light colours
    schedule.Light.GREEN: ("#E6F4EA", "#1A7F37"),
    schedule.Light.YELLOW: ("#FFF4D6", "#9A6700"),
    schedule.Light.RED: ("#FDE8E8", "#C62828"),
}


def _columns():
    # (header, width, value(state) -> cell value, kind)
    def number(value):
        return float(value) if value is not None else None

    def target(task):
        if task.target_kind == "milestone":
            return _("Milestones")
        value = format(task.target_value.normalize(), "f") if task.target_value is not None else ""
        return f"{value}{task.target_unit}"

    return [
        (_("No."), 5, None, "index"),
        (_("Code"), 8, lambda s: s.task.code, "text"),
        (_("Area"), 10, lambda s: s.task.area.name, "text"),
        (_("Task"), 30, lambda s: s.task.title, "wrap"),
        (_("Source clause"), 36, lambda s: s.task.source_clause, "wrap"),
        (_("Category"), 6, lambda s: s.task.category, "text"),
        (_("Target"), 12, lambda s: target(s.task), "text"),
        (_("Lead unit"), 14, lambda s: str(s.task.lead_unit), "text"),
        (
            _("Cooperating units"),
            20,
            lambda s: "、".join(str(u) for u in s.task.cooperating_units.all()),
            "wrap",
        ),
        (_("Responsible leader"), 16, lambda s: s.task.responsible_leader, "wrap"),
        (_("Deadline"), 11, lambda s: s.task.deadline, "date"),
        (_("Reporting frequency"), 8, lambda s: s.task.get_frequency_display(), "text"),
        (_("Approved actual"), 11, lambda s: number(s.actual), "number"),
        (_("Completion (%)"), 10, lambda s: number(schedule.round1(s.evaluation.completion)), "number"),
        (_("Schedule (%)"), 10, lambda s: number(schedule.round1(s.evaluation.expected)), "number"),
        (_("Gap (pp)"), 10, lambda s: number(schedule.round1(s.evaluation.gap_pp)), "number"),
        (_("Status"), 9, lambda s: s.status_label, "text"),
        (_("Light"), 7, lambda s: s.light_label, "light"),
        (_("Why"), 34, lambda s: s.evaluation.reason, "wrap"),
        (_("Not reported"), 8, lambda s: _("Yes") if s.missing else "", "text"),
        (_("This period's report"), 10, lambda s: s.current.get_state_display() if s.current else "", "text"),
        (
            _("Delivery judgement"),
            10,
            lambda s: s.approved.get_confidence_display() if s.approved else "",
            "text",
        ),
        (_("Progress"), 40, lambda s: s.approved.progress if s.approved else "", "wrap"),
        (_("Problems"), 30, lambda s: s.approved.problems if s.approved else "", "wrap"),
        (_("Next steps"), 30, lambda s: s.approved.next_steps if s.approved else "", "wrap"),
        (
            _("Updated"),
            16,
            lambda s: timezone.localtime(s.approved.updated_at) if s.approved else None,
            "datetime",
        ),
    ]


def ledger_workbook(states, *, title: str, period: str, is_demo: bool) -> bytes:
    """One sheet: a title row, a note row, a frozen header, one row per task, light colours."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    sheet = book.add_worksheet(_("Ledger"))
    font = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "top"}
    fmt = {
        "title": book.add_format(font | {"bold": True, "font_size": 14}),
        "note": book.add_format(font | {"font_color": "#A15C00"}),
        "header": book.add_format(
            font | {"bold": True, "bg_color": "#EEF1F4", "border": 1, "text_wrap": True, "valign": "vcenter"}
        ),
        "text": book.add_format(font | {"border": 1}),
        "wrap": book.add_format(font | {"border": 1, "text_wrap": True}),
        "number": book.add_format(font | {"border": 1, "num_format": "0.0"}),
        "index": book.add_format(font | {"border": 1, "align": "center"}),
        "date": book.add_format(font | {"border": 1, "num_format": "yyyy-mm-dd"}),
        "datetime": book.add_format(font | {"border": 1, "num_format": "yyyy-mm-dd hh:mm"}),
    }
    lights = {
        light: book.add_format(font | {"border": 1, "bold": True, "bg_color": fill, "font_color": colour})
        for light, (fill, colour) in LIGHT_COLOURS.items()
    }
    columns = _columns()
    year, month = schedule.parse_period(period)
    sheet.merge_range(
        0, 0, 0, len(columns) - 1, f"{title} · {schedule.period_label(year, month)}", fmt["title"]
    )
    note = _("Exported %(at)s. Only approved reports count; figures to one decimal.") % {
        "at": timezone.localtime(timezone.now()).strftime("%Y-%m-%d %H:%M")
    }
    if is_demo:
        note += " " + _("Figures are simulated demo data (演示数据).")
    sheet.merge_range(1, 0, 1, len(columns) - 1, note, fmt["note"])
    for col, (header, width, _value, _kind) in enumerate(columns):
        sheet.write(2, col, header, fmt["header"])
        sheet.set_column(col, col, width)
    sheet.set_row(2, 30)
    sheet.freeze_panes(3, 4)
    for row, state in enumerate(states, start=3):
        for col, (_header, _width, value, kind) in enumerate(columns):
            if kind == "index":
                sheet.write_number(row, col, row - 2, fmt["index"])
                continue
            cell = value(state)
            style = (
                lights[state.evaluation.light]
                if kind == "light"
                else fmt[kind if kind != "light" else "text"]
            )
            if cell is None or cell == "":
                sheet.write_blank(row, col, None, style)
            elif kind in {"date", "datetime"}:
                sheet.write_datetime(
                    row,
                    col,
                    cell if isinstance(cell, datetime) else datetime(cell.year, cell.month, cell.day),
                    style,
                )
            elif kind == "number":
                sheet.write_number(row, col, cell, style)
            else:
                sheet.write_string(row, col, str(cell), style)
    sheet.autofilter(2, 0, 2 + len(states), len(columns) - 1)
    book.close()
    return buffer.getvalue()
