"""Reading messy county dispatch sheets (重点项目调度表, 重点任务台账): header location and cell parsing.

Pure: standard library and python_calamine only, no Django import, ever (CONTRIBUTING.md rule 4). Django
code (the import services) turns the records into model saves and the errors into the preview page.

API
---
``Column(key, label, aliases=(), kind="text", required=False, unit="万元", choices=None, max_length=None,
month_end=False, into=(), export=True)``
    One column of a specification (``taizhang.projects.columns``). ``label`` is the canonical header our
    export writes; ``aliases`` are other spellings, literal or regular expressions (an alias containing one
    of ``[]\\.*+?{}|^$`` is a pattern, matched in full against the normalised header). ``kind`` is one of
    ``KINDS``. ``into`` names the record keys a ``year_range`` (2) or ``procedures`` (5) column spreads into.
    ``month_end``: a month-precision date ("2025年3月") is the last day of that month (deadlines) instead of
    the first. ``export``: whether our own export writes the column (import-only spellings set False).

``read_rows(path_or_bytes, *, sheet=None) -> list[list[object]]``
    The cells of one sheet (.xlsx, .xlsm, legacy .xls, .ods) via python_calamine, row 0 = Excel row 1,
    column 0 = column A (leading empty rows are kept so row numbers are the user's). Merged ranges are
    filled with their top-left value, so a county merged down ten project rows reaches each of them.
    ``sheet``: a name, a 0-based index or None (the first visible worksheet).

``locate_header(rows, columns) -> Header``
    Finds the header among the first ``HEADER_SCAN_ROWS`` rows (title rows above it are fine), with one or
    two header rows (a group header "投资情况（万元）" above "总投资 | 年度计划 | 1-10月完成" is
    forward-filled across its group). Raises ``SheetError`` when no row looks like a header.

``parse_sheet(rows, columns, *, year, progress=None) -> ParsedSheet``
    ``year`` is the year of the period imported ("3月" and "年底" are in it). ``progress(done, total)`` is
    called every ``PROGRESS_EVERY`` rows.

ParsedSheet
-----------
``records``: one ``Record(row, values)`` per data row, ``row`` the Excel row number (1-based), ``values``
key -> parsed value for the non-empty cells that parsed (a cell in error is left out; a row with an error
still has its record so a preview can show it: commit only when ``errors`` is empty).
``errors``: ``CellError(row, column, value, message)``; ``column`` is the header as written in the file
(for a sheet-level error such as a missing required column, the canonical label), ``value`` the raw cell as
text, ``message`` a Chinese sentence naming row and column.
``skipped``: ``Skipped(row, reason)``: 空行, 合计行, 小计行, 分组标题行, 表尾说明, 列序号行, 重复表头行.
``warnings``: non-blocking ``CellError``s (a numeric 2025.1 date may be 2025.10; duplicate columns …).
``header`` (the ``Header``) and ``unknown_columns`` (headers in the file that no column takes).

Parsed values: text -> str; amount, number, percent -> Decimal (amounts converted to ``Column.unit``; a
percent is the number of the percentage, "85%" -> 85); integer -> int; date -> datetime.date; bool ->
bool; choice -> the stored value; list -> tuple[str, ...]; year_range -> (start_year, end_year) spread into
``into``; procedures -> five bools spread into ``into``. "", "—", "-", "/", "无" and the like are empty.

Speed: each column's parser is built once; numbers, dates and None take a fast path (no regex, no
normalisation); text goes through NFKC only when the fast tables miss.
"""

from __future__ import annotations

import calendar
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

import python_calamine

__all__ = [
    "BLANKS",
    "HEADER_SCAN_ROWS",
    "KINDS",
    "PROCEDURE_KEYS",
    "PROGRESS_EVERY",
    "CellError",
    "Column",
    "Header",
    "ParsedSheet",
    "Record",
    "SheetError",
    "Skipped",
    "locate_header",
    "normalize_header",
    "parse_sheet",
    "read_rows",
]

KINDS = frozenset(
    {
        "text",
        "amount",
        "number",
        "integer",
        "percent",
        "date",
        "year_range",
        "bool",
        "choice",
        "list",
        "procedures",
        "ignore",
    }
)
HEADER_SCAN_ROWS = 30
PROGRESS_EVERY = 5000
# The five 前期手续 in dispatch-sheet order (taizhang.projects.choices.PROCEDURES), the record keys of a
# procedures column.
PROCEDURE_KEYS = ("proc_approval", "proc_land", "proc_planning", "proc_eia", "proc_construction")

# Cell texts that mean "nothing here" in every kind of column.
BLANKS = frozenset(
    {
        "",
        "—",
        "——",
        "-",
        "--",
        "－",
        "/",
        "\\",
        "无",
        "暂无",
        "空",
        "n/a",
        "na",
        "null",
        "none",
        "…",
        "...",
        "——/",
    }
)

# Amount units, in 元.
_UNIT_YUAN = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_TEN_THOUSAND = Decimal(10_000)


class SheetError(ValueError):
    """The sheet cannot be read at all (no header, unreadable file); the message is Chinese."""


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    kind: str = "text"
    required: bool = False
    unit: str = "万元"
    choices: Mapping[str, str] | None = None
    max_length: int | None = None
    month_end: bool = False
    into: tuple[str, ...] = ()
    export: bool = True

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"列“{self.label}”的类型“{self.kind}”无效，应为{'、'.join(sorted(KINDS))}之一")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"列“{self.label}”是选项列，须给出choices")
        if self.kind == "year_range" and len(self.into) != 2:
            raise ValueError(f"列“{self.label}”是起止年限列，into须为(起始年键, 结束年键)")
        if self.kind == "procedures" and len(self.into) != len(PROCEDURE_KEYS):
            raise ValueError(f"列“{self.label}”是前期手续列，into须为五项手续的键")
        if self.unit not in _UNIT_YUAN:
            raise ValueError(f"列“{self.label}”的单位“{self.unit}”无效，应为元、万元或亿元")


@dataclass(frozen=True, slots=True)
class CellError:
    row: int  # Excel row number, 1-based
    column: str  # the header as written in the file (canonical label for sheet-level errors)
    value: str  # the raw cell, as text
    message: str  # Chinese, names row and column


@dataclass(frozen=True, slots=True)
class Skipped:
    row: int
    reason: str


@dataclass(frozen=True, slots=True)
class Record:
    row: int
    values: dict[str, object]


@dataclass(frozen=True)
class Header:
    first_row: int  # 0-based index in rows of the first header row
    last_row: int  # 0-based index of the last header row (= first_row for a one-row header)
    columns: dict[int, Column]  # column index -> Column
    texts: dict[int, str]  # column index -> header text as in the file (whitespace removed)
    units: dict[int, str]  # amount column index -> unit of its bare numbers (header, else sheet, else 万元)
    sheet_unit: str | None  # "单位：亿元" in a title row, for amount headers without a unit of their own
    unknown: tuple[tuple[int, str], ...]  # (column index, header text) that no column takes
    missing: tuple[Column, ...]  # required columns not found
    duplicates: tuple[tuple[int, str, Column], ...]  # a second header for a column already taken

    @property
    def data_start(self) -> int:
        return self.last_row + 1

    @property
    def row_number(self) -> int:
        """The Excel row number of the (last) header row."""
        return self.last_row + 1


@dataclass
class ParsedSheet:
    header: Header | None
    records: list[Record] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)

    @property
    def unknown_columns(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.header.unknown) if self.header else ()

    @property
    def error_rows(self) -> set[int]:
        return {error.row for error in self.errors}


# ---------------------------------------------------------------------------------------------------------
# Reading a workbook
# ---------------------------------------------------------------------------------------------------------


def read_rows(path_or_bytes: str | os.PathLike | bytes | io.IOBase, *, sheet: str | int | None = None):
    """The cells of one sheet, from row 1 / column A, merged ranges filled with their top-left value."""
    try:
        if isinstance(path_or_bytes, bytes | bytearray | memoryview):
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(bytes(path_or_bytes)))
        elif isinstance(path_or_bytes, str | os.PathLike):
            book = python_calamine.CalamineWorkbook.from_path(os.fspath(path_or_bytes))
        else:
            book = python_calamine.CalamineWorkbook.from_filelike(path_or_bytes)
    except Exception as exc:  # calamine raises its own errors, and ValueError/OSError
        raise SheetError(f"无法读取文件：不是有效的Excel（.xlsx/.xls）或.ods文件（{exc}）") from exc
    try:
        if sheet is None:
            names = [m.name for m in book.sheets_metadata if str(m.visible).endswith("Visible")]
            found = book.get_sheet_by_name(names[0]) if names else book.get_sheet_by_index(0)
        elif isinstance(sheet, int):
            found = book.get_sheet_by_index(sheet)
        else:
            found = book.get_sheet_by_name(sheet)
    except Exception as exc:
        raise SheetError(f"找不到工作表“{sheet}”，文件中的工作表：{'、'.join(book.sheet_names)}") from exc
    rows = found.to_python(skip_empty_area=False)
    ranges = found.merged_cell_ranges or ()
    for (top, left), (bottom, right) in ranges:
        if top >= len(rows):
            continue
        first = rows[top]
        if left >= len(first):
            continue
        value = first[left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            cells = rows[r]
            for c in range(left, min(right, len(cells) - 1) + 1):
                if cells[c] == "" or cells[c] is None:
                    cells[c] = value
    return rows


# ---------------------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|<[^<>]*>|《[^《》]*》")
_UNIT_IN_HEADER = re.compile(r"(亿元|万元|元)")
_SHEET_UNIT = re.compile(r"单位[:：]?\s*(亿元|万元|元)")
_REGEX_CHARS = frozenset("[]\\.*+?{}|^$")
# NFKC leaves these alone; they mean "-" or "~" in a sheet.
_DASHES = str.maketrans({"—": "-", "–": "-", "−": "-", "―": "-", "─": "-", "〜": "~", "﹣": "-"})


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_DASHES)


def _display(text: str) -> str:
    """A header as written, without the line breaks and padding people put in them."""
    return _SPACES.sub("", text.replace("\u3000", ""))


def normalize_header(text: str) -> tuple[str, str | None]:
    """(matching form, unit) of a header: NFKC, no spaces, no "*", bracketed parts and units removed."""
    s = _nfkc(str(text))
    s = _SPACES.sub("", s).replace("*", "").replace("※", "")
    unit_match = _UNIT_IN_HEADER.search(s)
    unit = unit_match.group(1) if unit_match else None
    base = _BRACKETED.sub("", s)
    base = _UNIT_IN_HEADER.sub("", base).rstrip(":：/、").lower()
    return base, unit


def _cell_text(value: object) -> str:
    """A raw cell as the user would read it (for messages): 12.0 -> "12", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds").removesuffix(" 00:00:00")
    return str(value)


class _Bad(Exception):
    """One cell did not parse: ``args[0]`` is the end of the Chinese message (after the cell value)."""


class _Warn(Exception):
    """A cell parsed with a caveat: ``args`` = (value, message tail)."""


# ---------------------------------------------------------------------------------------------------------
# Cell parsers: one closure per column, built once per sheet
# ---------------------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"([+-]?)(\d+(?:\.\d*)?|\.\d+)")
_AMOUNT = re.compile(r"([+-]?)(\d+(?:\.\d*)?|\.\d+)(亿元|亿|万元|万|元)?")
_NUMBER_WITH_UNIT = re.compile(r"([+-]?)(\d+(?:\.\d*)?|\.\d+)(%|‰|[^\d.%+-]{1,6})?")


def _float_decimal(value: float | int) -> Decimal:
    if type(value) is int:
        return Decimal(value)
    if value.is_integer() and abs(value) < 1e15:
        return Decimal(int(value))
    return Decimal(format(value, ".15g"))


def _clean_number_text(value: str) -> str:
    s = _nfkc(value)
    return s.replace(",", "").replace(" ", "").replace("'", "").strip()


_BLANK_LENGTH = max(len(blank) for blank in BLANKS)


def _is_blank_text(s: str) -> bool:
    s = s.strip()
    return len(s) <= _BLANK_LENGTH and s.lower() in BLANKS


def _amount_parser(unit: str, column_unit: str) -> Callable[[object], object]:
    to_column = _UNIT_YUAN[column_unit]
    bare_factor = _UNIT_YUAN[unit] / to_column  # bare numbers are in ``unit`` (header or sheet hint)
    scaled = bare_factor != 1

    def slow(value: object) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, str):
            raise _Bad("不是有效金额")
        if _is_blank_text(value):
            return None
        s = _clean_number_text(value)
        match = _AMOUNT.fullmatch(s)
        if not match:
            raise _Bad("不是有效金额")
        sign, digits, suffix = match.groups()
        if sign == "-":
            raise _Bad("金额不能为负数")
        try:
            number = Decimal(digits)
        except InvalidOperation:
            raise _Bad("不是有效金额") from None
        if suffix in (None, ""):
            return number * bare_factor if scaled else number
        if suffix == "亿" or suffix == "亿元" or suffix == "元" or suffix == "万元":
            key = "亿元" if suffix == "亿" else suffix
            return number * _UNIT_YUAN[key] / to_column
        # "1.2万": ten thousand of the column's unit
        result = number * _TEN_THOUSAND * bare_factor
        raise _Warn(
            result,
            f"按{number}万×{unit}计为{result.normalize():f}{column_unit}；如指{number}万元请填“{number}万元”",
        )

    slow = _memo(slow)

    def parse(value: object) -> object:
        t = type(value)
        if t is float or t is int:
            if value < 0:
                raise _Bad("金额不能为负数")
            return _float_decimal(value) * bare_factor if scaled else _float_decimal(value)
        return slow(value)

    return parse


def _number_parser(kind: str) -> Callable[[object], object]:
    percent = kind == "percent"

    def slow(value: object) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, str):
            raise _Bad("不是有效数字")
        if _is_blank_text(value):
            return None
        s = _clean_number_text(value)
        match = _NUMBER_WITH_UNIT.fullmatch(s)
        if not match:
            raise _Bad("不是有效百分数" if percent else "不是有效数字")
        sign, digits, suffix = match.groups()
        number = Decimal(digits)
        if suffix == "万" and not percent:
            number *= _TEN_THOUSAND
        elif suffix == "亿" and not percent:
            number *= Decimal(100_000_000)
        elif suffix == "‰":
            number /= 10
        elif suffix and suffix != "%" and (percent or not _is_unit_word(suffix)):
            raise _Bad("不是有效百分数" if percent else "不是有效数字")
        return -number if sign == "-" else number

    def parse(value: object) -> object:
        t = type(value)
        if t is float or t is int:
            number = _float_decimal(value)
            # a cell formatted as % arrives as its fraction: 0.85 is 85%
            if percent and -1 <= value <= 1:
                return number * 100
            return number
        return slow(value)

    return parse


_UNIT_WORD = re.compile(r"[\u4e00-\u9fff]{1,6}|[a-zA-Z]{1,4}")


def _is_unit_word(text: str) -> bool:
    return bool(_UNIT_WORD.fullmatch(text))


def _integer_parser() -> Callable[[object], object]:
    number = _number_parser("number")

    def parse(value: object) -> object:
        t = type(value)
        if t is int:
            return value
        if t is float:
            if value.is_integer():
                return int(value)
            raise _Bad("不是整数")
        result = number(value)
        if result is None:
            return None
        if result != result.to_integral_value():
            raise _Bad("不是整数")
        return int(result)

    return parse


def _text_parser(max_length: int | None) -> Callable[[object], object]:
    def parse(value: object) -> object:
        t = type(value)
        if t is str:
            s = value.strip()
        elif t is float:
            s = _cell_text(value)
        elif t is int:
            s = str(value)
        elif t is bool:
            s = "是" if value else "否"
        elif isinstance(value, datetime):
            s = _cell_text(value)
        else:
            s = str(value).strip()
        if len(s) <= _BLANK_LENGTH and s.lower() in BLANKS:
            return None
        if max_length is not None and len(s) > max_length:
            raise _Bad(f"超过{max_length}个字（{len(s)}个字）")
        return s

    return parse


# --- dates ---------------------------------------------------------------------------------------------

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_MONTH = re.compile(r"(十[一二]?|[一二三四五六七八九])(?=月)")
_QUARTER = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}
_TAIL = r"(?:底|末|初|份|中|上旬|中旬|下旬|前|以前|之前|内|左右|完成|完工|开工|竣工)*"
_DATE_PATTERNS = (
    # 2025年3月15日, 2025年3月, 3月底, 3月15日
    re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?" + _TAIL),
    # 2025-03-15, 2025/3/15, 2025.3.15, 2025-03, 2025.3, 2025-03-15 00:00:00
    re.compile(
        r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2})(?:日)?(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)?"
        + _TAIL
    ),
    # 20250315, 202503
    re.compile(r"(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>[0-3]\d)?"),
)
_YEAR_END = re.compile(r"(?:(?P<y>\d{4})年|本年|今年|当年)?(?:年)?(?:底|末|年底|年末|全年|内)" + _TAIL)
_HALF = re.compile(r"(?:(?P<y>\d{4})年)?(?P<h>上|下)半年" + _TAIL)
_QUARTER_TEXT = re.compile(r"(?:(?P<y>\d{4})年)?(?:第)?(?P<q>[一二三四1-4])季度" + _TAIL)
_EXCEL_EPOCH = date(1899, 12, 30)


def _date_from(year: int, month: int, day: int | None, month_end: bool) -> date:
    if not 1 <= month <= 12:
        raise _Bad(f"月份{month}无效")
    if not 1900 <= year <= 2100:
        raise _Bad(f"年份{year}无效")
    if day is None:
        return date(year, month, calendar.monthrange(year, month)[1] if month_end else 1)
    try:
        return date(year, month, day)
    except ValueError:
        raise _Bad(f"{year}年{month}月没有{day}日") from None


def _date_parser(year: int, month_end: bool) -> Callable[[object], object]:
    ask = "不是日期，请填写日期，如2025年3月、2025-03-15"

    def numeric(value: float | int) -> date:
        if 1900 <= value < 2101:
            whole = int(value)
            if value == whole:
                raise _Bad("只有年份，请写到月，如2025年3月")
            digits = format(value, ".15g").split(".", 1)[1]
            month = int(digits)
            result = _date_from(whole, month, None, month_end)
            if digits == "1":  # Excel stores 2025.10 as the number 2025.1
                raise _Warn(
                    result, f"按{whole}年1月处理；如指{whole}年10月，请写成“{whole}年10月”或“{whole}-10”"
                )
            if len(digits) > 2:
                raise _Bad(ask)
            return result
        if 190001 <= value <= 210012 and value == int(value):
            whole = int(value)
            return _date_from(whole // 100, whole % 100, None, month_end)
        if 19000101 <= value <= 21001231 and value == int(value):
            whole = int(value)
            return _date_from(whole // 10000, whole // 100 % 100, whole % 100, month_end)
        if 25569 <= value < 73051:  # an Excel serial, 1970-01-01 .. 2099-12-31
            return _EXCEL_EPOCH + timedelta(days=int(value))
        if 1 <= value <= 12 and value == int(value):
            month = int(value)
            raise _Warn(_date_from(year, month, None, month_end), f"按{year}年{month}月处理")
        raise _Bad(ask)

    def text(value: str) -> date | None:
        if _is_blank_text(value):
            return None
        s = _SPACES.sub("", _nfkc(value))
        s = _CN_MONTH.sub(
            lambda m: str(
                10 + _CN_DIGITS.get(m.group(1)[1:], 0) if m.group(1)[0] == "十" else _CN_DIGITS[m.group(1)]
            ),
            s,
        )
        for pattern in _DATE_PATTERNS:
            match = pattern.fullmatch(s)
            if match:
                y = match.group("y")
                d = match.group("d")
                return _date_from(
                    int(y) if y else year, int(match.group("m")), int(d) if d else None, month_end
                )
        match = _YEAR_END.fullmatch(s)
        if match:
            y = match.group("y")
            return _date_from(int(y) if y else year, 12, None, month_end)
        match = _HALF.fullmatch(s)
        if match:
            y = match.group("y")
            return _date_from(int(y) if y else year, 6 if match.group("h") == "上" else 12, None, month_end)
        match = _QUARTER_TEXT.fullmatch(s)
        if match:
            y = match.group("y")
            return _date_from(int(y) if y else year, _QUARTER[match.group("q")], None, month_end)
        try:
            number = float(s)
        except ValueError:
            raise _Bad(ask) from None
        return numeric(number)

    text = _memo(text)

    def parse(value: object) -> object:
        t = type(value)
        if t is date:
            return value
        if t is datetime:
            return value.date()
        if t is float or t is int:
            return numeric(value)
        if t is str:
            return text(value)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        raise _Bad(ask)

    return parse


# --- year ranges -----------------------------------------------------------------------------------------

_YEAR_RANGE = re.compile(
    r"(?P<a>\d{4})(?:年)?(?:[.\-/]?\d{1,2}月?)?(?:[-~至到]|-{2})(?P<b>\d{4}|\d{2})(?:年)?(?:[.\-/]?\d{1,2}月?)?(?:年)?"
)
_ONE_YEAR = re.compile(r"(?P<a>\d{4})(?:年)?(?:度)?")


def _year_range_parser() -> Callable[[object], object]:
    def check(a: int, b: int) -> tuple[int, int]:
        if not (1990 <= a <= 2100 and 1990 <= b <= 2100):
            raise _Bad("年份超出1990—2100")
        if b < a:
            raise _Bad("结束年份早于起始年份")
        return a, b

    def parse(value: object) -> object:
        t = type(value)
        if (t is float or t is int) and value == int(value):
            return check(int(value), int(value))
        if t is not str:
            raise _Bad("不是有效的起止年限，如2024-2026")
        if _is_blank_text(value):
            return None
        s = _SPACES.sub("", _nfkc(value))
        match = _YEAR_RANGE.fullmatch(s)
        if match:
            a, b = match.group("a"), match.group("b")
            end = int(b) if len(b) == 4 else int(a[:2] + b)
            return check(int(a), end)
        match = _ONE_YEAR.fullmatch(s)
        if match:
            return check(int(match.group("a")), int(match.group("a")))
        raise _Bad("不是有效的起止年限，如2024-2026")

    return parse


# --- booleans, choices, lists ----------------------------------------------------------------------------

_TRUE = frozenset(
    "是 已 √ ✓ ✔ ☑ y yes true t 1 有 对 入库 已入库 已纳统 纳统 已入统 复工 已复工 签约 已签约 已开工 完成 已完成 已办理 已办结 办结".split()
)
_FALSE = frozenset(
    "否 未 × ✗ ✘ ☒ x n no false f 0 不 没有 未入库 未纳统 未入统 未复工 未签约 未开工 未完成 未办理 未办结 办理中 正在办理 在办".split()
)


def _bool_parser() -> Callable[[object], object]:
    def parse(value: object) -> object:
        t = type(value)
        if t is bool:
            return value
        if t is float or t is int:
            if value == 1:
                return True
            if value == 0:
                return False
            raise _Bad("不是是/否")
        if t is not str:
            raise _Bad("不是是/否")
        s = value.strip()
        if s in _TRUE:
            return True
        if s in _FALSE:
            return False
        s = _SPACES.sub("", _nfkc(s)).lower()
        if s in BLANKS:
            return None
        if s in _TRUE:
            return True
        if s in _FALSE:
            return False
        if s[0] in "未不否没" or s.startswith(("正在", "尚未", "暂未", "还未", "仍未")) or s.endswith("中"):
            return False
        if s[0] == "已":
            return True
        raise _Bad("不是是/否，请填“是”或“否”")

    return parse


def _choice_key(text: str) -> str:
    return _SPACES.sub("", _nfkc(text)).lower()


_CHOICE_SUFFIXES = ("类项目", "项目", "类", "工程")


def _choice_parser(choices: Mapping[str, str]) -> Callable[[object], object]:
    table: dict[str, str] = {}
    for synonym, stored in choices.items():
        table[synonym] = stored
        table[_choice_key(synonym)] = stored
        table[_choice_key(stored)] = stored
    accepted = "、".join(dict.fromkeys(choices))

    def parse(value: object) -> object:
        if type(value) is str:
            hit = table.get(value)
            if hit is not None:
                return hit
            key = _choice_key(value)
        else:
            key = _choice_key(_cell_text(value))
        hit = table.get(key)
        if hit is not None:
            return hit
        if key in BLANKS:
            return None
        for suffix in _CHOICE_SUFFIXES:
            if key.endswith(suffix) and key[: -len(suffix)] in table:
                return table[key[: -len(suffix)]]
        raise _Bad(f"不是可选值，可填：{accepted}")

    return parse


_LIST_SPLIT = re.compile(r"[、,，;；/／\s]+")


def _list_parser() -> Callable[[object], object]:
    def parse(value: object) -> object:
        s = _nfkc(_cell_text(value)).strip()
        if s.lower() in BLANKS:
            return None
        items = tuple(
            dict.fromkeys(item for item in _LIST_SPLIT.split(s) if item and item.lower() not in BLANKS)
        )
        return items or None

    return parse


# --- 前期手续 written as text --------------------------------------------------------------------------

# (record position, names); longer names first so 施工许可证 wins over 施工许可.
_PROCEDURE_NAMES = (
    (0, ("项目立项", "立项", "备案", "核准", "可研批复", "可研")),
    (1, ("用地预审", "土地手续", "用地手续", "用地", "土地证", "土地", "不动产权证", "不动产")),
    (2, ("建设工程规划许可证", "工程规划许可", "规划许可证", "规划许可", "规划手续", "规划")),
    (3, ("环境影响评价", "环评批复", "环评手续", "环评", "环境影响")),
    (4, ("施工许可证", "施工许可", "施工证", "开工许可")),
)
_PROCEDURE_RE = re.compile(
    "|".join(
        sorted((re.escape(name) for _, names in _PROCEDURE_NAMES for name in names), key=len, reverse=True)
    )
)
_PROCEDURE_INDEX = {name: index for index, names in _PROCEDURE_NAMES for name in names}
_MARK_YES = re.compile(r"[√✓✔☑]|是|已|完成|办结|取得|批复|齐全|通过")
_MARK_NO = re.compile(r"[×✗✘☒xX]|否|未|无|正在|办理中|在办|待|没有|尚未|缺")
_ALL_DONE = re.compile(r"(全部|均已|都已|手续齐全|已齐全|全部办结|已全部)")
_NONE_DONE = re.compile(r"^(均未|都未|全部未|未办理|尚未办理|未启动|暂未)")
_CLAUSES = re.compile(r"[，,;；。\n]")


def _procedures_parser() -> Callable[[object], object]:
    def parse(value: object) -> object:
        if type(value) is not str:
            raise _Bad("不是前期手续，请写如“立项√用地√规划×环评√施工许可×”")
        s = _SPACES.sub("", _nfkc(value))
        if s.lower() in BLANKS:
            return None
        done = [False] * 5
        seen = False
        for clause in _CLAUSES.split(s):
            matches = list(_PROCEDURE_RE.finditer(clause))
            if not matches:
                if _ALL_DONE.search(clause) and not _MARK_NO.search(clause.replace("均已", "")):
                    done = [True] * 5
                    seen = True
                elif _NONE_DONE.search(clause):
                    seen = True
                continue
            lead = clause[: matches[0].start()]
            polarity = not (_MARK_NO.search(lead) and not _MARK_YES.fullmatch(lead))
            if _MARK_NO.search(lead):
                polarity = False
            for i, match in enumerate(matches):
                end = matches[i + 1].start() if i + 1 < len(matches) else len(clause)
                tail = clause[match.end() : end].strip("、:：()[]")
                if tail and _MARK_NO.match(tail):
                    flag = False
                elif tail and _MARK_YES.match(tail):
                    flag = True
                else:
                    flag = polarity
                done[_PROCEDURE_INDEX[match.group()]] = flag
                seen = True
        if not seen:
            raise _Bad("未能识别前期手续，请写如“立项√用地√规划×环评√施工许可×”")
        return tuple(done)

    return parse


_MISSING = object()
_MEMO_LIMIT = 20_000


def _memo(parse: Callable[[object], object]) -> Callable[[object], object]:
    """``parse`` remembering its results for text cells: a sheet repeats 续建, 是, 2025年3月, 2024-2026 …"""
    cache: dict[str, object] = {}

    def memo(value: object) -> object:
        if type(value) is not str:
            return parse(value)
        hit = cache.get(value, _MISSING)
        if hit is _MISSING:
            hit = parse(value)  # _Bad / _Warn propagate and are not remembered
            if len(cache) < _MEMO_LIMIT:
                cache[value] = hit
        return hit

    return memo


def _parser_for(column: Column, unit: str, year: int) -> Callable[[object], object]:
    """The cell parser of a column: text and numbers go straight through, the rest remember text cells."""
    kind = column.kind
    if kind in ("text", "ignore"):
        return _text_parser(column.max_length)
    parse = _build_parser(column, unit, year)
    return _memo(parse) if kind in ("bool", "choice", "year_range", "list", "procedures") else parse


def _build_parser(column: Column, unit: str, year: int) -> Callable[[object], object]:
    kind = column.kind
    if kind == "amount":
        return _amount_parser(unit, column.unit)
    if kind in ("number", "percent"):
        return _number_parser(kind)
    if kind == "integer":
        return _integer_parser()
    if kind == "date":
        return _date_parser(year, column.month_end)
    if kind == "year_range":
        return _year_range_parser()
    if kind == "bool":
        return _bool_parser()
    if kind == "choice":
        return _choice_parser(column.choices or {})
    if kind == "list":
        return _list_parser()
    if kind == "procedures":
        return _procedures_parser()
    return _text_parser(column.max_length)


# ---------------------------------------------------------------------------------------------------------
# Header
# ---------------------------------------------------------------------------------------------------------


class _Matcher:
    """Header text -> Column: literal spellings by dict, then the pattern aliases in column order."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.literal: dict[str, Column] = {}
        self.patterns: list[tuple[re.Pattern[str], Column]] = []
        for column in columns:
            for spelling in (column.label, column.key, *column.aliases):
                if any(ch in _REGEX_CHARS for ch in spelling):
                    self.patterns.append((re.compile(unicodedata.normalize("NFKC", spelling)), column))
                else:
                    base, _ = normalize_header(spelling)
                    self.literal.setdefault(base, column)

    def match(self, text: str) -> Column | None:
        base, _ = normalize_header(text)
        if not base:
            return None
        hit = self.literal.get(base)
        if hit is not None:
            return hit
        for pattern, column in self.patterns:
            if pattern.fullmatch(base):
                return column
        return None


def _texts(row: Sequence[object]) -> list[str]:
    return [_display(_cell_text(v)) if v not in (None, "") else "" for v in row]


def _one_row(matcher: _Matcher, row: Sequence[object]):
    """[(col, text, Column | None, unit)] for the non-empty cells of a one-row header."""
    found = []
    for index, text in enumerate(_texts(row)):
        if text:
            found.append((index, text, matcher.match(text), normalize_header(text)[1]))
    return found


def _two_rows(matcher: _Matcher, top_row: Sequence[object], bottom_row: Sequence[object]):
    """The same for a two-row header, the group header forward-filled across its sub-headers."""
    top, bottom = _texts(top_row), _texts(bottom_row)
    width = max(len(top), len(bottom))
    top += [""] * (width - len(top))
    bottom += [""] * (width - len(bottom))
    found = []
    group = ""
    for index in range(width):
        upper, lower = top[index], bottom[index]
        if upper:
            group = upper if lower else ""
        elif lower:
            upper = group  # calamine gives a merged group header only in its first cell
        else:
            group = ""
        if not upper and not lower:
            continue
        if not lower or lower == upper:
            found.append((index, upper, matcher.match(upper), normalize_header(upper)[1]))
            continue
        group_unit = normalize_header(upper)[1] if upper else None
        sub_unit = normalize_header(lower)[1]
        column, text = matcher.match(lower), lower
        if column is None and upper:
            for candidate in (upper + lower, lower + upper):
                column = matcher.match(candidate)
                if column is not None:
                    text = f"{upper}{lower}"
                    break
        found.append((index, text, column, sub_unit or group_unit))
    return found


def _score(found) -> int:
    return len({column.key for _, _, column, _ in found if column is not None})


def locate_header(rows: Sequence[Sequence[object]], columns: Sequence[Column]) -> Header:
    matcher = _Matcher(columns)
    best: tuple[int, int, int, list] | None = None  # (score, first, last, found)
    limit = min(len(rows), HEADER_SCAN_ROWS)
    for index in range(limit):
        single = _one_row(matcher, rows[index])
        score = _score(single)
        if score and (best is None or score > best[0]):
            best = (score, index, index, single)
        if index + 1 < len(rows) and score:
            double = _two_rows(matcher, rows[index], rows[index + 1])
            double_score = _score(double)
            if double_score > score and (best is None or double_score > best[0]):
                best = (double_score, index, index + 1, double)
    if best is None or best[0] < 2:
        names = "、".join(f"“{c.label}”" for c in columns if c.required) or "、".join(
            f"“{c.label}”" for c in columns[:3]
        )
        raise SheetError(f"未找到表头：前{HEADER_SCAN_ROWS}行中没有一行包含{names}等列名")
    _, first, last, found = best
    sheet_unit = None
    for row in rows[:first]:
        for value in row:
            if isinstance(value, str):
                match = _SHEET_UNIT.search(_nfkc(value))
                if match:
                    sheet_unit = match.group(1)
    unit_cells = set()  # "单位：万元" written in the header row itself
    for index, text, column, _ in found:
        match = _SHEET_UNIT.search(_nfkc(text)) if column is None and len(text) <= 12 else None
        if match:
            unit_cells.add(index)
            sheet_unit = sheet_unit or match.group(1)
    taken: dict[int, Column] = {}
    texts: dict[int, str] = {}
    units: dict[int, str] = {}
    unknown: list[tuple[int, str]] = []
    duplicates: list[tuple[int, str, Column]] = []
    keys_taken: set[str] = set()
    for index, text, column, unit in found:
        if column is None:
            if index not in unit_cells:
                unknown.append((index, text))
            continue
        if column.key in keys_taken:
            duplicates.append((index, text, column))
            continue
        keys_taken.add(column.key)
        taken[index] = column
        texts[index] = text
        if column.kind == "amount":
            units[index] = unit or sheet_unit or column.unit
    missing = tuple(c for c in columns if c.required and c.key not in keys_taken)
    return Header(
        first_row=first,
        last_row=last,
        columns=taken,
        texts=texts,
        units=units,
        sheet_unit=sheet_unit,
        unknown=tuple(unknown),
        missing=missing,
        duplicates=tuple(duplicates),
    )


# ---------------------------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------------------------

_TOTAL = re.compile(r"[^\d]{0,16}?(合计|小计|总计)(?:[(（][^)）]*[)）])?[:：]?")
_SECTION = re.compile(
    r"[一二三四五六七八九十]+|[(（][一二三四五六七八九十]+[)）].*|[一二三四五六七八九十]+[、.．].*"
    r"|第[一二三四五六七八九十]+(?:部分|类|批|组|章|节).*"
)
_NOTE = re.compile(
    r"(?:备注|注|说明|填表说明|填报说明|附注|填报人|填表人|制表人|审核人|审核|负责人|单位负责人|联系人|联系电话"
    r"|报送时间|填报日期|填报时间|报送单位)[:：].*|注\d[、.:：].*|\d[、.]?注[:：].*"
)


def _row_kind(
    row: Sequence[object], name_index: int | None, header_cells: set[tuple[int, str]]
) -> str | None:
    """Why a row is not data (None when it is): looks at the first text cells and the name cell only."""
    first = None  # the first non-empty cell
    texts = 0  # text cells looked at (the first three)
    for index, value in enumerate(row):
        if not value and value != 0:
            continue
        if type(value) is str:
            if first is None:
                s = value.strip()
                if not s:
                    continue
                first = (index, s)
            texts += 1
            if "计" in value:  # 合计 / 小计 / 总计
                text = _SPACES.sub("", value)
                if len(text) <= 24 and _TOTAL.fullmatch(text):
                    return "小计行" if "小计" in text else "合计行"
            if texts == 3:
                break
        elif first is None:
            first = (index, value)
    if first is None:
        return "空行"
    index, value = first
    if type(value) is str:
        text = _SPACES.sub("", value)
        if _SECTION.fullmatch(text):
            return "分组标题行"
        if _NOTE.fullmatch(_nfkc(text)):
            return "表尾说明"
        if (index, text) in header_cells:
            following = [
                (i, _display(v)) for i, v in enumerate(row) if i > index and type(v) is str and v.strip()
            ]
            if following and following[0] in header_cells:
                return "重复表头行"
    name = row[name_index] if name_index is not None and name_index < len(row) else None
    if (name is None or name == "" or (type(name) is str and not name.strip())) and texts:
        distinct = {value.strip() for value in row if type(value) is str and value.strip()}
        if len(distinct) == 1:
            return "分组标题行"  # "新开工项目" or a county name alone, or a title merged across the row
    return None


def _is_numbering_row(row: Sequence[object]) -> bool:
    """ "1 2 3 4 …" (or "一 二 三 …") under the header: the column numbers some templates print."""
    expected = 1
    seen = 0
    for value in row:
        if value is None or value == "":
            continue
        if type(value) is str:
            try:
                value = float(value.strip())
            except ValueError:
                return False
        if value != expected:
            return False
        expected += 1
        seen += 1
    return seen >= 3


def parse_sheet(
    rows: Sequence[Sequence[object]],
    columns: Sequence[Column],
    *,
    year: int,
    progress: Callable[[int, int], None] | None = None,
) -> ParsedSheet:
    try:
        header = locate_header(rows, columns)
    except SheetError as exc:
        return ParsedSheet(header=None, errors=[CellError(0, "", "", str(exc))])
    sheet = ParsedSheet(header=header)
    errors, warnings, skipped, records = sheet.errors, sheet.warnings, sheet.skipped, sheet.records
    header_row = header.row_number
    for column in header.missing:
        accepted = "、".join(
            f"“{s}”" for s in (column.label, *column.aliases) if not any(ch in _REGEX_CHARS for ch in s)
        )
        errors.append(
            CellError(
                header_row,
                column.label,
                "",
                f"第{header_row}行表头：缺少必填列“{column.label}”，可用的列名：{accepted}",
            )
        )
    for _index, text, column in header.duplicates:
        warnings.append(
            CellError(
                header_row,
                text,
                "",
                f"第{header_row}行表头：“{text}”与“{header.texts[_first_index(header, column)]}”同为"
                f"“{column.label}”，只读取前一列",
            )
        )
    # One entry per parsed column, built once: (column index, key, parser, keys a value spreads into)
    plan: list[tuple[int, str, Callable[[object], object], tuple[str, ...]]] = []
    required: list[tuple[str, str]] = []
    name_index = None
    for index, column in sorted(header.columns.items()):
        if column.kind == "ignore":
            continue
        if column.required and name_index is None and column.kind == "text":
            name_index = index
        plan.append(
            (
                index,
                column.key,
                _parser_for(column, header.units.get(index, column.unit), year),
                column.into,
            )
        )
        if column.required:
            required.append((column.key, header.texts[index]))
    if name_index is None and plan:
        name_index = plan[0][0]
    header_cells = {
        (i, t)
        for r in range(header.first_row, header.last_row + 1)
        for i, t in enumerate(_texts(rows[r]))
        if t
    }
    total = len(rows)
    width = max((entry[0] for entry in plan), default=-1) + 1
    start = header.data_start
    if start < total and _is_numbering_row(rows[start]):
        skipped.append(Skipped(start + 1, "列序号行"))
        start += 1
    for r in range(start, total):
        if progress is not None and (r - start) % PROGRESS_EVERY == 0:
            progress(r - start, total - start)
        row = rows[r]
        number = r + 1
        reason = _row_kind(row, name_index, header_cells)
        if reason is not None:
            skipped.append(Skipped(number, reason))
            continue
        if len(row) < width:
            row = [*row, *([""] * (width - len(row)))]
        values: dict[str, object] = {}
        failed: list[str] | None = None
        for index, key, parse, into in plan:
            value = row[index]
            if not value and value != 0:  # "" and None, without comparing every number to ""
                continue
            try:
                parsed = parse(value)
            except _Bad as bad:
                text, raw = header.texts[index], _cell_text(value)
                errors.append(CellError(number, text, raw, f"第{number}行“{text}”：“{raw}”{bad.args[0]}"))
                failed = [key] if failed is None else [*failed, key]
                continue
            except _Warn as caveat:
                parsed = caveat.args[0]
                text, raw = header.texts[index], _cell_text(value)
                warnings.append(
                    CellError(number, text, raw, f"第{number}行“{text}”：“{raw}”{caveat.args[1]}")
                )
            if parsed is None:
                continue
            if into:
                for sub_key, sub_value in zip(into, parsed, strict=True):
                    values[sub_key] = sub_value
            else:
                values[key] = parsed
        if not values:
            skipped.append(Skipped(number, "空行"))
            continue
        for key, text in required:
            if key not in values and (failed is None or key not in failed):
                errors.append(CellError(number, text, "", f"第{number}行“{text}”：不能为空"))
        records.append(Record(number, values))
    if progress is not None:
        progress(total - start, total - start)
    return sheet


def _first_index(header: Header, column: Column) -> int:
    return next(index for index, taken in header.columns.items() if taken.key == column.key)


def rows_from(values: Iterable[Iterable[object]]) -> list[list[object]]:
    """Rows as lists (for callers holding tuples or generators, e.g. CSV)."""
    return [list(row) for row in values]
