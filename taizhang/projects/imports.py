"""Importing the Excel sheets counties send: 重点项目调度表 (projects + the period's reports) and 重点任务台账.

The pure kernel (``taizhang.core.sheets`` with the specs in ``taizhang.projects.columns``) reads the cells;
this module maps each record onto the models, validates it with the services' own rules
(``projects.services.clean_project`` / ``clean_report`` / ``check_facts``, ``ProjectReport.validate_for_submit``,
``plans.services._clean_task``) and writes everything in one transaction, or nothing.

Decisions (issue 3 §5):

- **The original file is kept** (``ImportBatch.file`` with its SHA-256), for refused imports too
  (``committed=False`` with the error list), so the office can see what a county sent. A dry run keeps
  nothing; the web preview keeps the upload (it is the batch the commit button commits).
- **All or nothing.** Any error, and nothing but the refused ``ImportBatch`` is written. The analysis runs
  again inside the write transaction, so a preview that went stale cannot half-apply.
- **A column present in the file is the file's word**: a blank cell clears the field (an export with
  blanks imports back to the same record). A column the file lacks leaves the field alone. Blank 项目级别 /
  项目类别 keep the current (or default) value, since "not given" is what a blank there means.
- **Matching**: projects of the period's year, on 项目编码; else on name + 建设地点. A project twice in one
  file is an error on the later row. Existing projects are loaded once into dicts (no query per row).
- **Who**: 督查/管理员 import any county's rows (the city's merged sheet); a county's 填报员 only their own
  county's rows (blank 建设地点 = their county); anyone else gets PermissionDenied.
- **Report state**: a county reporter's import is their submission: this period's reports end SUBMITTED
  (``submitted_by``/``submitted_at`` as ``ledgers.workflow.submit`` sets them) and wait for their 审核员 in
  the review queue; an already approved report is an error for them. A 督查/管理员 import, or the CLI
  without ``--user`` (``actor=None``, "the system"), records them APPROVED with ``reviewed_by`` = the actor
  and the reason "由<who>从《file》导入": the city office's merged sheet holds figures the counties have
  already signed off. Columns that must name a person (``created_by``) use the inactive-login "system"
  account when there is no actor.
- **Reports**: a row with report columns (本月/1–m月投资, 形象进度, 存在问题, 需协调事项) writes the period's
  ProjectReport; a row where all of them are blank writes none (前期 projects often have no figures yet).
  本月完成 left blank is derived from last period's approved cumulative, as the service does; a 1–m月
  cumulative below last period's approved one is a warning, not an error.
- **History**: every record written gets the history row simple-history's bulk helpers would write ("+"
  created, "~" changed) with the actor and a change reason naming the file, the tag links' history rows
  too, plus ONE AuditEvent ("import") on the batch. Rows that change nothing write nothing.
- **Speed** (issue 3 §8, ``bench/bench_import.py``): the rules run on the kernel's typed values through
  ``services.check_project`` / ``check_report`` (the same rules ``clean_project`` applies to form strings;
  no message is made unless a rule fails), existing records are loaded as plain values, and the writes go
  through ``projects.bulk``: one statement per table, ids reserved up front, history copied in SQL.
  The cyclic garbage collector is paused while an import runs.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.accounts.choices import Role
from taizhang.accounts.models import Unit, User
from taizhang.audit.services import record_event, save_audited
from taizhang.core import schedule, sheets
from taizhang.core.access import Action, allows
from taizhang.ledgers.choices import ReportState
from taizhang.projects import bulk, services
from taizhang.projects.columns import PROJECT_COLUMNS, TASK_COLUMNS
from taizhang.projects.models import ImportBatch, Project, ProjectReport, ProjectTag

EXTENSIONS = (".xlsx", ".xls", ".xlsm")
SYSTEM_USERNAME = "system"

Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or preview, would do)."""

    kind: str = "projects"
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)  # {row, column, value, message}
    skipped: list[dict] = field(default_factory=list)  # {row, reason}
    warnings: list[dict] = field(default_factory=list)  # {row, column, value, message}
    totals: dict = field(default_factory=dict)  # the file's amount sums and its own 合计 row
    batch: ImportBatch | None = None
    committed: bool = False
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
            "warnings": self.warnings,
            "skipped": self.skipped,
            "totals": self.totals,
            "committed": self.committed,
            "dry_run": self.dry_run,
            "batch": self.batch.pk if self.batch is not None else None,
        }


def _cell(row: int, column: str, value, message: str) -> dict:
    return {"row": row, "column": column, "value": "" if value is None else str(value), "message": message}


# --- who, what file -------------------------------------------------------------------------------------


def import_scope(actor) -> Unit | None:
    """The county an import is limited to (a county 填报员), or None for the whole city (督查/管理员, system)."""
    if actor is None or allows(actor, Action.MANAGE):
        return None
    if allows(actor, Action.REPORT) and actor.unit is not None and actor.unit.kind in services.LOCATION_KINDS:
        return actor.unit
    raise PermissionDenied(
        _("Only supervisors, administrators and county reporters may import dispatch sheets.")
    )


def system_user() -> User:
    """The account that stands in for "the system" where a column must name a person (CLI without --user).
    It has no password, so nobody can log in as it."""
    user = User.objects.filter(username=SYSTEM_USERNAME).first()
    if user is None:
        user = User(username=SYSTEM_USERNAME, display_name="系统", role=Role.SUPERVISOR)
        user.set_unusable_password()
        user.save()
    return user


def _who(actor) -> str:
    return str(actor) if actor is not None else _("the system")


def import_reason(actor, file_name: str) -> str:
    """The change reason on every history row an import writes (history keeps 100 characters)."""
    return (_("Imported by %(who)s from “%(file)s”") % {"who": _who(actor), "file": file_name})[:100]


def _event_reason(actor, file_name: str, result: ImportResult) -> str:
    return _(
        "Imported by %(who)s from “%(file)s”: %(created)s new, %(updated)s updated, %(unchanged)s unchanged"
    ) % {
        "who": _who(actor),
        "file": file_name,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


def read_source(source, original_name: str | None = None) -> tuple[bytes, str]:
    """The bytes and file name of a path, an uploaded file, a file object or bytes."""
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.is_file():
            raise ValidationError({"file": _("File: “%(path)s” does not exist.") % {"path": path}})
        return path.read_bytes(), original_name or path.name
    if isinstance(source, bytes | bytearray):
        return bytes(source), original_name or "upload.xlsx"
    if hasattr(source, "chunks"):
        data = b"".join(source.chunks())
    else:
        data = source.read()
    name = original_name or Path(getattr(source, "name", "") or "upload.xlsx").name
    return data, name


def check_extension(name: str) -> None:
    if not name.lower().endswith(EXTENSIONS):
        raise ValidationError(
            {"file": _("File: “%(name)s” is not an Excel file (.xlsx or .xls).") % {"name": name}}
        )


def _check_period(period: str, today: date | None) -> tuple[str, int]:
    try:
        year, month = schedule.parse_period(period)
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from None
    if schedule.is_future_period(year, month, today=today or timezone.localdate()):
        raise ValidationError(
            {
                "period": _("Period: %(period)s has not started yet; no report for a future period.")
                % {"period": period}
            }
        )
    return schedule.period_str(year, month), year


# --- units by the names sheets use ----------------------------------------------------------------------

_PREFIXES = ("山西省", "晋中市", "晋中")
_SUFFIXES = ("人民政府", "政府")


def _unit_keys(text: str) -> set[str]:
    """The forms a unit name takes in sheets: "榆次区", "榆次", "晋中市榆次区"; "开发区" for 晋中开发区."""
    s = re.sub(r"\s+", "", str(text))
    keys = {s}
    for prefix in _PREFIXES:
        if s.startswith(prefix) and len(s) > len(prefix):
            s = s[len(prefix) :]
            keys.add(s)
            break
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
            keys.add(s)
    if len(s) > 2 and s[-1] in "区县市" and not s.endswith("开发区"):
        keys.add(s[:-1])
    return keys


class UnitNames:
    """Unit lookup by name or short name in the usual forms (loaded once; ambiguous forms dropped)."""

    def __init__(self, units) -> None:
        found: dict[str, set[Unit]] = {}
        for unit in units:
            for text in {unit.name, unit.short_name} - {""}:
                for key in _unit_keys(text):
                    found.setdefault(key, set()).add(unit)
        self.by_key = {key: next(iter(hit)) for key, hit in found.items() if len(hit) == 1}
        self.exact = {u.name: u for u in units} | {u.short_name: u for u in units if u.short_name}

    def find(self, text: str) -> Unit | None:
        text = re.sub(r"\s+", "", str(text))
        hit = self.exact.get(text)
        if hit is not None:
            return hit
        for key in sorted(_unit_keys(text), key=len, reverse=True):
            hit = self.by_key.get(key)
            if hit is not None:
                return hit
        return None


# --- the kernel's output, as dicts ----------------------------------------------------------------------


@dataclass
class _Sheet:
    parsed: sheets.ParsedSheet | None
    rows: list
    errors: list[dict]
    warnings: list[dict]
    skipped: list[dict]
    present: set[str]  # record keys the file has a column for
    texts: dict[str, str]  # record key -> header as written in the file


def _read_sheet(data: bytes, columns, *, year: int, progress: Progress | None) -> _Sheet:
    try:
        rows = sheets.read_rows(data)
    except sheets.SheetError as exc:
        return _Sheet(None, [], [_cell(0, "", "", str(exc))], [], [], set(), {})
    parsed = sheets.parse_sheet(rows, columns, year=year, progress=progress)
    present: set[str] = set()
    texts: dict[str, str] = {}
    if parsed.header is not None:
        for index, column in parsed.header.columns.items():
            if column.kind == "ignore":
                continue
            for key in column.into or (column.key,):
                present.add(key)
                texts[key] = parsed.header.texts[index]
    return _Sheet(
        parsed,
        rows,
        [_cell(e.row, e.column, e.value, e.message) for e in parsed.errors],
        [_cell(w.row, w.column, w.value, w.message) for w in parsed.warnings],
        [{"row": s.row, "reason": s.reason} for s in parsed.skipped],
        present,
        texts,
    )


def _label_of(columns, key: str) -> str:
    for column in columns:
        if column.key == key or key in column.into:
            return column.label
    return key


def _row_message(row: int, column: str, message: str) -> str:
    if column:
        return _("Row %(row)s, “%(column)s”: %(message)s") % {
            "row": row,
            "column": column,
            "message": message,
        }
    return _("Row %(row)s: %(message)s") % {"row": row, "message": message}


# --- projects -------------------------------------------------------------------------------------------

# A blank cell in a column the file has: what the field becomes.
_PROJECT_BLANKS = (
    {f: "" for f in services.TEXT_FIELDS}
    | {f: None for f in (*services.MONEY_FIELDS, *services.DATE_FIELDS, "start_year", "end_year")}
    | {f: False for f in services.BOOL_FIELDS}
    | {"tags": [], "responsible_unit": None}
)
_KEEP_WHEN_BLANK = {"level", "category"}
_REPORT_FIELDS = ("month_investment", "cumulative_investment", "image_progress", "problems", "coordination")
_AMOUNT_TOTALS = ("annual_plan", "cumulative_investment")


# The record as columns: a new project is a tuple in _NEW_PROJECT order (ids and timestamps are the
# writer's); an existing one is the dict of its stored values (attname -> value), changed in place.
_PROJECT_ATTS = tuple(f.attname for f in Project._meta.concrete_fields)
_REPORT_ATTS = tuple(f.attname for f in ProjectReport._meta.concrete_fields)
# (the same for every new project of an import: the writer's constants)
_STAMPS = (
    "id",
    "created_at",
    "updated_at",
    "year",
    "is_archived",
    "archived_at",
    "archived_by_id",
    "is_demo",
)
_NEW_PROJECT = tuple(a for a in _PROJECT_ATTS if a not in _STAMPS)
_PROJECT_DEFAULTS = {
    f.attname: f.get_default() for f in Project._meta.concrete_fields if f.attname not in _STAMPS
}
_UNIT_FIELDS = {"location": "location_id", "responsible_unit": "responsible_unit_id"}


@dataclass(slots=True)
class _ProjectRow:
    row: int
    values: tuple | dict  # new: a tuple in _NEW_PROJECT order; existing: its stored values, changed
    is_new: bool
    changed_fields: set[str]  # attnames
    tags: list[str] | None  # the names to set, None = leave
    tags_changed: bool
    report: dict | None  # new: the five report fields; existing: its stored values, changed; None = none
    report_is_new: bool
    report_changed_fields: set[str]
    pk: int | None  # None for a new project until the writer reserves its id
    location_id: int


@dataclass
class _ProjectPlan:
    result: ImportResult
    rows: list[_ProjectRow]
    year: int = 0


class _Context:
    """Everything an analysis reads from the database, loaded once (as plain values, not model instances)."""

    def __init__(self, *, year: int, period: str) -> None:
        units = list(Unit.objects.filter(is_active=True))
        self.locations = UnitNames([u for u in units if u.kind in services.LOCATION_KINDS])
        self.units = UnitNames(units)
        self.units_by_id = {u.pk: u for u in units}
        self.location_memo: dict[str, Unit | None] = {}
        self.unit_memo: dict[str, Unit | None] = {}
        projects = list(Project.objects.filter(year=year).values(*_PROJECT_ATTS))
        self.by_code = {p["code"]: p for p in projects if p["code"]}
        self.by_name = {(p["name"], p["location_id"]): p for p in projects}
        self.tags: dict[int, set[str]] = {}
        for pid, name in Project.tags.through.objects.filter(project__year=year).values_list(
            "project_id", "projecttag__name"
        ):
            self.tags.setdefault(pid, set()).add(name)
        self.reports = {
            r["project_id"]: r
            for r in ProjectReport.objects.filter(project__year=year, period=period).values(*_REPORT_ATTS)
        }
        self.previous: dict[int, Decimal | None] = {}
        for pid, cumulative in (
            ProjectReport.objects.filter(
                project__year=year,
                state=ReportState.APPROVED,
                is_archived=False,
                period__lt=period,
                period__gte=schedule.period_str(year, 1),
            )
            .order_by("project_id", "period")
            .values_list("project_id", "cumulative_investment")
        ):
            self.previous[pid] = cumulative
        self.later = set(
            ProjectReport.objects.filter(
                project__year=year, period__gt=period, is_archived=False
            ).values_list("project_id", flat=True)
        )

    def location(self, text: str) -> Unit | None:
        try:
            return self.location_memo[text]
        except KeyError:
            found = self.location_memo[text] = self.locations.find(text)
            return found

    def unit(self, text: str) -> Unit | None:
        try:
            return self.unit_memo[text]
        except KeyError:
            found = self.unit_memo[text] = self.units.find(text)
            return found


def _field_errors(found: dict[str, str], row: int, texts: dict[str, str], labels, values: dict) -> list[dict]:
    out = []
    for key, message in found.items():
        column = texts.get(key) or ("" if key == "__all__" else _label_of(labels, key))
        out.append(_cell(row, column, values.get(key, ""), _row_message(row, column, message)))
    return out


def _validation_errors(
    exc: ValidationError, row: int, texts: dict[str, str], labels, values: dict
) -> list[dict]:
    out = []
    for key, messages in exc.message_dict.items():
        column = texts.get(key) or ("" if key == "__all__" else _label_of(labels, key))
        for message in messages:
            out.append(_cell(row, column, values.get(key, ""), _row_message(row, column, message)))
    return out


def _add_new(errors: list[dict], items: list[dict], failed: set) -> None:
    """Add a row's errors, except on a cell that already has one (one reason per cell is enough)."""
    for item in items:
        key = (item["row"], item["column"])
        if key in failed or any((e["row"], e["column"]) == key for e in errors[-20:]):
            continue
        errors.append(item)


def _same(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return (
            old is not None
            and new is not None
            and Decimal(old) == Decimal(new)
            or old is None
            and new is None
        )
    return old == new


def _analyse_projects(
    data: bytes,
    *,
    period: str,
    year: int,
    scope: Unit | None,
    actor,
    file_name: str,
    progress: Progress | None,
) -> _ProjectPlan:
    sheet = _read_sheet(data, PROJECT_COLUMNS, year=year, progress=progress)
    result = ImportResult(
        kind="projects", errors=sheet.errors, warnings=sheet.warnings, skipped=sheet.skipped
    )
    plan = _ProjectPlan(result, [], year)
    if sheet.parsed is None or sheet.parsed.header is None:
        return plan
    records = sheet.parsed.records
    result.rows = len(records)
    result.totals = _totals(sheet)
    result.warnings.extend(result.totals.pop("_warnings", []))
    ctx = _Context(year=year, period=period)
    present, texts = sheet.present, sheet.texts
    master_keys = [k for k in services.PROJECT_FIELDS if k in present and k != "image_progress"]
    # the plain master columns (units, tags and nature are handled apart), and what a blank cell makes them;
    # the kernel leaves blank cells out of a record
    plain = {k for k in master_keys if k not in _UNIT_FIELDS and k not in ("tags", "nature")}
    blanks = {k: _PROJECT_BLANKS.get(k) for k in plain if k not in _KEEP_WHEN_BLANK}
    has = {k: k in present for k in ("location", "responsible_unit", "tags", "nature", "image_progress")}
    report_keys = [k for k in _REPORT_FIELDS if k in present]
    failed = {(e["row"], e["column"]) for e in sheet.errors}
    seen_pk: dict[int, int] = {}
    seen_code: dict[str, int] = {}
    seen_name: dict[tuple, int] = {}
    target = ReportState.SUBMITTED if scope is not None else ReportState.APPROVED
    errors = result.errors
    validate_report = ProjectReport.validate_for_submit

    def error(row, key, value, message):
        column = texts.get(key) or _label_of(PROJECT_COLUMNS, key)
        _add_new(errors, [_cell(row, column, value, _row_message(row, column, message))], failed)

    for record in records:
        row, values = record.row, record.values
        n_errors = len(errors)
        # 建设地点 and 责任单位: names to units
        location = None
        location_text = values.get("location")
        if location_text:
            location = ctx.location(location_text)
            if location is None:
                error(
                    row,
                    "location",
                    location_text,
                    _("“%(value)s” is not a county-level unit or development zone.")
                    % {"value": location_text},
                )
        elif scope is not None:
            location = scope
        if scope is not None and location is not None and location != scope:
            error(
                row,
                "location",
                location_text,
                _("this row is for %(unit)s; you may import only the projects of %(own)s.")
                % {"unit": location, "own": scope},
            )
        responsible = None
        responsible_text = values.get("responsible_unit")
        if responsible_text:
            responsible = ctx.unit(responsible_text)
            if responsible is None:
                error(
                    row,
                    "responsible_unit",
                    responsible_text,
                    _("no unit is called “%(value)s”.") % {"value": responsible_text},
                )
        # which project
        code = values.get("code") or ""
        name = values.get("name") or ""
        existing = ctx.by_code.get(code) if code else None
        if existing is None and name and location is not None:
            existing = ctx.by_name.get((name, location.id))
            if existing is not None and code and existing["code"] and existing["code"] != code:
                error(
                    row,
                    "code",
                    code,
                    _("“%(name)s” in %(unit)s is already on the list with code %(code)s.")
                    % {"name": name, "unit": location, "code": existing["code"]},
                )
        if existing is not None and scope is not None and existing["location_id"] != scope.id:
            error(
                row,
                "name",
                name,
                _("this project belongs to %(unit)s; you may import only the projects of %(own)s.")
                % {"unit": ctx.units_by_id.get(existing["location_id"]), "own": scope},
            )
        if existing is not None and existing["is_archived"]:
            error(row, "name", name, _("this project is archived."))
        first = None
        if existing is not None:
            first = seen_pk.get(existing["id"])
            seen_pk.setdefault(existing["id"], row)
        else:
            if code:
                first = seen_code.get(code)
                seen_code.setdefault(code, row)
            if name and location is not None:
                first = first or seen_name.get((name, location.id))
                seen_name.setdefault((name, location.id), row)
        if first is not None:
            error(row, "name", name, _("the same project as row %(first)s.") % {"first": first})
        # master fields, typed by the kernel, checked by the service's rules (services.check_project)
        cleaned = blanks.copy()
        for key in plain & values.keys():
            cleaned[key] = values[key]
        if has["nature"]:
            value = values.get("nature")
            if value is not None or existing is None:
                cleaned["nature"] = value
        if has["tags"]:
            cleaned["tags"] = services.clean_tags(values.get("tags"))
        if has["responsible_unit"]:
            cleaned["responsible_unit"] = responsible
        if location is not None:
            cleaned["location"] = location
        elif existing is None:
            cleaned["location"] = None
        found = services.check_project(cleaned, current=existing)
        if found:
            _add_new(errors, _field_errors(found, row, texts, PROJECT_COLUMNS, values), failed)
            cleaned = {}
        if existing is None and "nature" not in cleaned and not has["nature"]:
            error(row, "nature", "", _("required."))
        # the name must stay unique in its county
        new_name = cleaned.get("name", existing["name"] if existing else name)
        new_location = cleaned.get("location") or (
            ctx.units_by_id.get(existing["location_id"]) if existing else None
        )
        if new_location is not None and new_name:
            other = ctx.by_name.get((new_name, new_location.id))
            if other is not None and existing is not None and other["id"] != existing["id"]:
                error(
                    row,
                    "name",
                    new_name,
                    _("“%(name)s” is already on this year's list in %(unit)s.")
                    % {"name": new_name, "unit": new_location},
                )
        # the period's report
        has_report = False
        for key in report_keys:
            value = values.get(key)
            if value is not None and value != "":
                has_report = True
                break
        report_cleaned = {}
        if has_report:
            report_cleaned = {
                "month_investment": values.get("month_investment") if "month_investment" in present else None,
                "cumulative_investment": values.get("cumulative_investment")
                if "cumulative_investment" in present
                else None,
            }
            for key in ("image_progress", "problems", "coordination"):
                report_cleaned[key] = (values.get(key) or "") if key in present else ""
            found = services.check_report(report_cleaned)
            if found:
                _add_new(errors, _field_errors(found, row, texts, PROJECT_COLUMNS, values), failed)
        if len(errors) > n_errors:
            continue  # this row is refused; its other checks would only repeat the problem
        tags = cleaned.pop("tags", None)
        pid = existing["id"] if existing is not None else None
        changed: set[str] = set()
        if existing is None:
            project = _PROJECT_DEFAULTS.copy()
            for key, attname in _UNIT_FIELDS.items():
                if key in cleaned:
                    unit = cleaned.pop(key)
                    project[attname] = unit.id if unit is not None else None
            project.update(cleaned)
        else:
            project = existing
            for key, value in cleaned.items():
                if key in _UNIT_FIELDS:
                    key, value = _UNIT_FIELDS[key], (value.id if value is not None else None)
                if not _same(project[key], value):
                    changed.add(key)
                    project[key] = value
        tags_changed = (
            (tags is not None and set(tags) != ctx.tags.get(pid, set())) if existing else bool(tags)
        )
        report = None
        report_is_new = False
        report_changed: set[str] = set()
        derived = False
        if has_report:
            previous = ctx.previous.get(pid) if existing else None
            cumulative = report_cleaned.get("cumulative_investment")
            if report_cleaned.get("month_investment") is None:
                if previous is not None and cumulative is not None and cumulative >= previous:
                    report_cleaned["month_investment"] = cumulative - previous
                    derived = True
            if previous is not None and cumulative is not None and cumulative < previous:
                column = texts.get("cumulative_investment", "")
                result.warnings.append(
                    _cell(
                        row,
                        column,
                        cumulative,
                        _row_message(
                            row,
                            column,
                            _("below last period's approved cumulative (%(previous)s 万元).")
                            % {"previous": previous},
                        ),
                    )
                )
            report = ctx.reports.get(pid) if existing else None
            if report is not None and report["is_archived"]:
                error(
                    row,
                    "name",
                    name,
                    _("this period's report is archived; ask the supervisor to restore it."),
                )
                continue
            if report is not None and scope is not None and report["state"] == ReportState.APPROVED:
                error(
                    row,
                    "name",
                    name,
                    _(
                        "this period's report is already approved; to correct it, ask the reviewer to return it."
                    ),
                )
                continue
            if report is None:
                report_is_new = True
                report = {key: report_cleaned[key] for key in _REPORT_FIELDS}
            else:
                for key in _REPORT_FIELDS:
                    if key in report_keys or (key == "month_investment" and derived):
                        value = report_cleaned.get(key)
                        if not _same(report[key], value):
                            report_changed.add(key)
                            report[key] = value
                if report["state"] != target:
                    report_changed.add("state")
            try:
                validate_report(SimpleNamespace(**report))
            except ValidationError as exc:
                _add_new(errors, _validation_errors(exc, row, texts, PROJECT_COLUMNS, values), failed)
                continue
            if "image_progress" in report_keys and pid not in ctx.later:
                new_progress = report_cleaned.get("image_progress") or ""
                if existing is None or project["image_progress"] != new_progress:
                    project["image_progress"] = new_progress
                    changed.add("image_progress")
            if not report_is_new and not report_changed:
                report = None
        location_id = project["location_id"]
        if existing is None:
            result.created += 1
            project = tuple(project.values())
        elif changed or tags_changed or report is not None:
            result.updated += 1
        else:
            result.unchanged += 1
            continue
        plan.rows.append(
            _ProjectRow(
                row,
                project,
                existing is None,
                changed,
                tags,
                tags_changed,
                report,
                report_is_new,
                report_changed,
                pid,
                location_id,
            )
        )
    return plan


def _amount(value, unit: str) -> Decimal | None:
    """A 合计 row's amount cell in 万元 (numbers in the column's unit; "3.5亿元", "12,000" as text)."""
    factors = {
        "元": Decimal("0.0001"),
        "万元": Decimal(1),
        "亿元": Decimal(10_000),
        "万": Decimal(1),
        "亿": Decimal(10_000),
    }
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, int | float):
        return Decimal(repr(value)) * factors.get(unit, Decimal(1))
    text = str(value).strip().replace(",", "").replace("，", "")
    match = re.fullmatch(r"(\d+(?:\.\d*)?)\s*(亿元|万元|元|亿|万)?", text)
    if not match:
        return None
    try:
        return Decimal(match[1]) * factors[match[2] or unit]
    except (InvalidOperation, KeyError):
        return None


def _totals(sheet: _Sheet, keys: tuple[str, ...] = _AMOUNT_TOTALS) -> dict:
    """Sums of the file's amount columns, and the sheet's own 合计 row when it has one (a warning if they differ)."""
    header = sheet.parsed.header
    totals: dict = {"sums": {}, "sheet_row": None, "sheet": {}, "labels": {}}
    warnings = []
    index_of = {column.key: index for index, column in header.columns.items()}
    for key in keys:
        if key not in index_of:
            continue
        total = sum((r.values.get(key) or Decimal(0) for r in sheet.parsed.records), Decimal(0))
        totals["sums"][key] = str(total.quantize(Decimal("0.01")))
        totals["labels"][key] = header.texts[index_of[key]]
    sheet_rows = [s.row for s in sheet.parsed.skipped if s.reason == "合计行"]
    if sheet_rows and totals["sums"]:
        number = sheet_rows[0]
        totals["sheet_row"] = number
        cells = sheet.rows[number - 1]
        for key, computed in totals["sums"].items():
            index = index_of[key]
            figure = _amount(cells[index], header.units.get(index, "万元")) if index < len(cells) else None
            if figure is None:
                continue
            totals["sheet"][key] = str(figure.quantize(Decimal("0.01")))
            if abs(figure - Decimal(computed)) > Decimal("0.01"):
                column = totals["labels"][key]
                warnings.append(
                    _cell(
                        number,
                        column,
                        cells[index],
                        _row_message(
                            number,
                            column,
                            _(
                                "the sheet's total row says %(sheet)s 万元 but its detail rows add up to %(sum)s 万元."
                            )
                            % {"sheet": totals["sheet"][key], "sum": computed},
                        ),
                    )
                )
    totals["_warnings"] = warnings
    return totals


_NEW_REPORT = ("id", "unit_id", "project_id", *_REPORT_FIELDS)
_STATE_FIELDS = ("state", "submitted_by_id", "submitted_at", "reviewed_by_id", "reviewed_at", "return_reason")
_DATETIMES = {
    f.attname
    for m in (Project, ProjectReport)
    for f in m._meta.concrete_fields
    if f.get_internal_type() == "DateTimeField"
}


def _write_projects(
    plan: _ProjectPlan, *, actor, scope: Unit | None, period: str, file_name: str, is_demo: bool = False
) -> None:
    """Write the plan in one pass per table (taizhang.projects.bulk), history included."""
    now = timezone.now()
    stamp = bulk.adapt_datetime(now)
    person = actor or system_user()
    user_id = actor.pk if actor is not None else None
    reason = import_reason(actor, file_name)
    rows = plan.rows
    # tags: one query for those that exist, one insert for the new names
    names = {name for r in rows if r.tags for name in r.tags}
    tag_ids = dict(ProjectTag.objects.filter(name__in=names).values_list("name", "pk")) if names else {}
    missing = [ProjectTag(name=name) for name in sorted(names - set(tag_ids))]
    if missing:
        ProjectTag.objects.bulk_create(missing)
        tag_ids.update(
            ProjectTag.objects.filter(name__in=[t.name for t in missing]).values_list("name", "pk")
        )
    history_before = bulk.max_history_id(Project)
    # new projects: ids reserved, then one INSERT (COPY on PostgreSQL)
    new = [r for r in rows if r.is_new]
    new_ids = bulk.reserve_ids(Project, len(new))
    for r, pid in zip(new, new_ids, strict=True):
        r.pk = pid
    bulk.insert(
        Project,
        ("id", *_NEW_PROJECT),
        ((r.pk, *r.values) for r in new),
        constants={
            "created_at": stamp,
            "updated_at": stamp,
            "year": plan.year,
            "is_archived": False,
            "archived_at": None,
            "archived_by_id": None,
            "is_demo": is_demo,
        },
    )
    # changed projects: one UPDATE of every field any row changed
    changed = [r for r in rows if not r.is_new and (r.changed_fields or r.tags_changed)]
    if changed:
        fields = sorted({f for r in changed for f in r.changed_fields})
        bulk.update(
            Project,
            (*fields, "updated_at"),
            ((*(r.values[f] for f in fields), stamp, r.pk) for r in changed),
        )
    # tag links (as tags.set does: the old ones out, the new ones in)
    through = Project.tags.through
    relinked = [r for r in rows if r.tags_changed]
    bulk.delete_links(through, "project_id", [r.pk for r in relinked if not r.is_new])
    bulk.insert(
        through,
        ("project_id", "projecttag_id"),
        ((r.pk, tag_ids[name]) for r in relinked for name in r.tags),
    )
    # history: one row per project written, copied from what was stored; then each one's tag links
    bulk.copy_history(Project, new_ids, history_type="+", date=now, user_id=user_id, reason=reason)
    bulk.copy_history(
        Project, [r.pk for r in changed], history_type="~", date=now, user_id=user_id, reason=reason
    )
    if new_ids or changed:
        bulk.copy_m2m_history(Project, "tags", after=history_before, date=now)
    # the period's reports
    state = _state(scope=scope, actor=actor, person=person, stamp=stamp)
    new_reports = [r for r in rows if r.report is not None and r.report_is_new]
    report_ids = bulk.reserve_ids(ProjectReport, len(new_reports))
    bulk.insert(
        ProjectReport,
        _NEW_REPORT,
        (
            (rid, r.location_id, r.pk, *(r.report[f] for f in _REPORT_FIELDS))
            for r, rid in zip(new_reports, report_ids, strict=True)
        ),
        constants={
            "created_at": stamp,
            "updated_at": stamp,
            "is_archived": False,
            "period": period,
            "state": str(state["state"]),
            "created_by_id": person.pk,
            "submitted_by_id": state["submitted_by_id"],
            "submitted_at": state["submitted_at"],
            "reviewed_by_id": state["reviewed_by_id"],
            "reviewed_at": state["reviewed_at"],
            "return_reason": "",
            "is_demo": is_demo,
        },
    )
    changed_reports = [r for r in rows if r.report is not None and not r.report_is_new]
    if changed_reports:
        fields = sorted({f for r in changed_reports for f in r.report_changed_fields} - set(_STATE_FIELDS))
        columns = (*fields, *_STATE_FIELDS, "unit_id", "updated_at")
        values = []
        for r in changed_reports:
            report = r.report
            report["unit_id"] = r.location_id
            report.update(_state_of(report, scope=scope, actor=actor, person=person, stamp=stamp))
            values.append(
                (
                    *(report[f] for f in fields),
                    *(_db_datetime(report[f]) if f in _DATETIMES else report[f] for f in _STATE_FIELDS),
                    report["unit_id"],
                    stamp,
                    report["id"],
                )
            )
        bulk.update(ProjectReport, columns, values)
    bulk.copy_history(ProjectReport, report_ids, history_type="+", date=now, user_id=user_id, reason=reason)
    bulk.copy_history(
        ProjectReport,
        [r.report["id"] for r in changed_reports],
        history_type="~",
        date=now,
        user_id=user_id,
        reason=reason,
    )


def _db_datetime(value):
    """A stored datetime read back (aware) or our stamp (already adapted), as the database takes it."""
    return bulk.adapt_datetime(value) if isinstance(value, datetime) else value


def _state(*, scope, actor, person, stamp) -> dict:
    """A new report's workflow state: a county reporter's import is their submission; the city's (or the
    system's) records approved figures (as ledgers.workflow.submit / approve set them)."""
    if scope is not None:
        return {
            "state": ReportState.SUBMITTED,
            "submitted_by_id": actor.pk,
            "submitted_at": stamp,
            "reviewed_by_id": None,
            "reviewed_at": None,
        }
    return {
        "state": ReportState.APPROVED,
        "submitted_by_id": person.pk,
        "submitted_at": stamp,
        "reviewed_by_id": actor.pk if actor is not None else None,
        "reviewed_at": stamp,
    }


def _state_of(report: dict, *, scope, actor, person, stamp) -> dict:
    """The same for a report already there: an approval keeps who submitted it."""
    state = _state(scope=scope, actor=actor, person=person, stamp=stamp) | {"return_reason": ""}
    if scope is None and report["submitted_by_id"] is not None:
        state["submitted_by_id"] = report["submitted_by_id"]
        state["submitted_at"] = report["submitted_at"]
    return state


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector for the length of an import.

    A 100,000-row sheet is millions of cells, records and row tuples that live until the import ends and
    form no cycles; with the collector on, every few thousand allocations it walks all of them again (a
    fifth to a third of the run). Reference counting still frees everything as usual; the collector is
    switched back on (if it was on) when the import returns or raises. Nested or concurrent imports are
    fine: only the one that found it on switches it back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- running an import ----------------------------------------------------------------------------------


def save_imported_report(report, values: dict, *, scope, actor, person, stamp, reason: str) -> None:
    """Write one report of an import (an enterprise's or an indicator's figure): its figures, and the
    workflow state the importer's role gives it (``_state`` for a new report, ``_state_of`` for one already
    there, re-read under a lock); then the model's own submit check and a history row."""
    if report.pk is None:
        state = _state(scope=scope, actor=actor, person=person, stamp=stamp)
    else:
        report = type(report).objects.select_for_update().get(pk=report.pk)
        state = _state_of(vars(report), scope=scope, actor=actor, person=person, stamp=stamp)
    for key, value in (values | state).items():
        setattr(report, key, value)
    report.validate_for_submit()
    save_audited(report, actor=person, reason=reason)


def _new_batch(*, kind: str, period: str, data: bytes, name: str, scope, actor) -> ImportBatch:
    batch = ImportBatch(
        kind=kind,
        period=period,
        original_name=name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        unit=scope,
        created_by=actor,
    )
    batch.file.save(Path(name).name, ContentFile(data), save=False)
    return batch


def _store(batch: ImportBatch, result: ImportResult, *, committed: bool, extra: dict | None = None) -> None:
    batch.committed = committed
    batch.rows, batch.created, batch.updated, batch.unchanged = (
        result.rows,
        result.created,
        result.updated,
        result.unchanged,
    )
    batch.errors, batch.warnings, batch.skipped = result.errors, result.warnings, result.skipped
    batch.summary = {"totals": result.totals, **(extra or {})}
    batch.save()
    result.batch = batch


def run_import(
    *,
    kind: str,
    data: bytes,
    name: str,
    period: str,
    scope,
    actor,
    analyse: Callable,
    write: Callable,
    dry_run: bool,
    batch: ImportBatch | None,
    extra: dict | None = None,
) -> ImportResult:
    """What every import does around its own rules: a dry run only analyses; otherwise the sheet is analysed
    again inside one transaction and, when it has no errors, written (``write(plan)``) — all or nothing.
    Either way the file is kept as a batch with what the import found (refused files too), and a committed
    import is recorded as an event naming the file. ``analyse()`` returns an object with ``.result``."""
    if dry_run:
        result = analyse().result
        result.dry_run = True
        return result

    def keep(result: ImportResult, *, committed: bool) -> ImportBatch:
        kept = batch or _new_batch(kind=kind, period=period, data=data, name=name, scope=scope, actor=actor)
        _store(kept, result, committed=committed, extra=extra)
        return kept

    with transaction.atomic():
        plan = analyse()
        result = plan.result
        if result.ok:
            write(plan)
            kept = keep(result, committed=True)
            record_event(actor=actor, obj=kept, action="import", reason=_event_reason(actor, name, result))
            result.committed = True
            return result
    keep(result, committed=False)
    return result


@_collector_paused()
def import_projects(
    source,
    *,
    period: str,
    actor,
    dry_run: bool = False,
    original_name: str | None = None,
    progress: Progress | None = None,
    today: date | None = None,
    batch: ImportBatch | None = None,
    is_demo: bool = False,
) -> ImportResult:
    """Import a 重点项目调度表 for ``period`` (YYYY-MM). See the module docstring for the rules.

    ``batch``: an uploaded batch (the web preview) to commit instead of storing the file again.
    ``is_demo``: flag the projects it creates and the reports it writes as demo data (演示数据: the
    demo's go-live backfill, taizhang.demo.loader)."""
    scope = import_scope(actor)
    period, year = _check_period(period, today)
    data, name = read_source(source, original_name)
    check_extension(name)

    def analyse() -> _ProjectPlan:
        return _analyse_projects(
            data,
            period=period,
            year=year,
            scope=scope,
            actor=actor,
            file_name=name,
            progress=progress,
        )

    return run_import(
        kind="projects",
        data=data,
        name=name,
        period=period,
        scope=scope,
        actor=actor,
        analyse=analyse,
        write=lambda plan: _write_projects(
            plan, actor=actor, scope=scope, period=period, file_name=name, is_demo=is_demo
        ),
        dry_run=dry_run,
        batch=batch,
    )


# --- web: upload, preview, commit -----------------------------------------------------------------------


# The kinds of sheet a batch may hold. Enterprise and indicator imports live in their apps and import this
# module, so they are looked up when asked for.
PERIOD_KINDS = ("projects", "enterprises", "indicators")
KINDS = ("projects", "tasks", "enterprises", "indicators")


def period_importer(kind: str):
    """The function that imports a sheet of ``kind`` for a period (all take the same arguments)."""
    if kind == "enterprises":
        from taizhang.enterprises.imports import import_enterprises

        return import_enterprises
    if kind == "indicators":
        from taizhang.indicators.imports import import_indicators

        return import_indicators
    return import_projects


def scope_for(kind: str, actor) -> Unit | None:
    """The unit an import of ``kind`` is limited to (None: the whole city); PermissionDenied when the
    actor may not import that kind (task ledgers: 督查/管理员 only)."""
    if kind == "tasks":
        if not allows(actor, Action.MANAGE):
            raise PermissionDenied(_("Only supervisors and administrators may import task ledgers."))
        return None
    if kind == "enterprises":
        from taizhang.enterprises.imports import import_scope as enterprise_scope

        return enterprise_scope(actor)
    if kind == "indicators":
        from taizhang.indicators.imports import import_scope as indicator_scope

        return indicator_scope(actor)
    return import_scope(actor)


def may_import(actor, kind: str) -> bool:
    """Whether the upload page offers ``kind`` to ``actor`` (for the links on the pages)."""
    try:
        scope_for(kind, actor)
    except PermissionDenied:
        return False
    return True


def stage_upload(
    uploaded, *, actor, kind: str = "projects", period: str = "", plan=None, today: date | None = None
) -> ImportBatch:
    """Keep an uploaded sheet as a batch and record what its import would do (the preview)."""
    scope = scope_for(kind, actor)
    data, name = read_source(uploaded)
    check_extension(name)
    if kind == "tasks":
        result = import_tasks(data, plan=plan, actor=actor, dry_run=True, original_name=name)
        batch = _new_batch(kind="tasks", period="", data=data, name=name, scope=scope, actor=actor)
        _store(batch, result, committed=False, extra={"plan": plan.pk})
        return batch
    importer = period_importer(kind)
    result = importer(data, period=period, actor=actor, dry_run=True, original_name=name, today=today)
    batch = _new_batch(
        kind=kind, period=result_period(period), data=data, name=name, scope=scope, actor=actor
    )
    _store(batch, result, committed=False)
    return batch


def result_period(period: str) -> str:
    year, month = schedule.parse_period(period)
    return schedule.period_str(year, month)


def commit_batch(batch: ImportBatch, *, actor, today: date | None = None) -> ImportResult:
    """Commit an uploaded batch: analysed again on the stored file, written all or nothing."""
    if batch.committed:
        raise ValidationError({"__all__": _("This file has already been imported.")})
    if batch.errors:
        raise ValidationError({"__all__": _("This file has errors: correct the sheet and upload it again.")})
    batch = (
        ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if transaction.get_connection().in_atomic_block
        else batch
    )
    with batch.file.open("rb") as handle:
        data = handle.read()
    if batch.kind == "tasks":
        from taizhang.plans.models import Plan

        plan = Plan.objects.get(pk=batch.summary.get("plan"))
        return import_tasks(data, plan=plan, actor=actor, original_name=batch.original_name, batch=batch)
    return period_importer(batch.kind)(
        data, period=batch.period, actor=actor, original_name=batch.original_name, today=today, batch=batch
    )


# --- task ledgers (重点任务台账) -------------------------------------------------------------------------

_TASK_BLANKS = {
    "content": "",
    "source_clause": "",
    "target_unit": "",
    "responsible_leader": "",
    "baseline": None,
}


def _analyse_tasks(data: bytes, *, plan, progress: Progress | None):
    """(result, [(row, task or None, cleaned data, cooperating units)]) for a task ledger."""
    from taizhang.plans.models import Area, Task
    from taizhang.plans.services import TASK_FIELDS, _clean_task

    sheet = _read_sheet(data, TASK_COLUMNS, year=plan.year, progress=progress)
    result = ImportResult(kind="tasks", errors=sheet.errors, warnings=sheet.warnings, skipped=sheet.skipped)
    writes: list = []
    if sheet.parsed is None or sheet.parsed.header is None:
        return result, writes
    records = sheet.parsed.records
    result.rows = len(records)
    present, texts = sheet.present, sheet.texts
    units = UnitNames(list(Unit.objects.filter(is_active=True)))
    areas = list(Area.objects.filter(plan=plan, is_archived=False))
    area_by = {a.name: a for a in areas} | {a.code: a for a in areas}
    tasks = {t.code: t for t in Task.objects.filter(plan=plan).prefetch_related("cooperating_units")}
    seen: dict[str, int] = {}
    errors = result.errors

    for record in records:
        row, values = record.row, record.values
        before = len(errors)
        taken = {e["column"] for e in errors if e["row"] == row}

        def error(key, value, message, row=row, taken=taken):
            column = texts.get(key) or _label_of(TASK_COLUMNS, key)
            if column not in taken:
                taken.add(column)
                errors.append(_cell(row, column, value, _row_message(row, column, message)))

        code = values.get("code") or ""
        task = tasks.get(code)
        if code in seen:
            error("code", code, _("the same task as row %(first)s.") % {"first": seen[code]})
        seen.setdefault(code, row)
        if task is not None and task.is_archived:
            error("code", code, _("this task is archived."))
        merged = {k: getattr(task, k) for k in TASK_FIELDS} if task is not None else {}
        for key in TASK_FIELDS:
            if key not in present:
                continue
            value = values.get(key)
            if key == "area":
                if value:
                    value = area_by.get(re.sub(r"\s+", "", str(value)))
                    if value is None:
                        error(
                            "area",
                            values["area"],
                            _("the plan has no area “%(value)s”; its areas: %(areas)s.")
                            % {"value": values["area"], "areas": "、".join(a.name for a in areas)},
                        )
                        continue
            elif key == "lead_unit" and value:
                value = units.find(value)
                if value is None:
                    error(
                        "lead_unit",
                        values["lead_unit"],
                        _("no unit is called “%(value)s”.") % {"value": values["lead_unit"]},
                    )
                    continue
            elif value is None and key in ("category", "frequency", "target_kind") and task is not None:
                continue
            elif value is None:
                value = _TASK_BLANKS.get(key)
            merged[key] = value
        merged.setdefault("category", "A")
        merged.setdefault("frequency", "monthly")
        cooperating = None
        if "cooperating_units" in present:
            cooperating = []
            for text in values.get("cooperating_units") or ():
                unit = units.find(text)
                if unit is None:
                    error("cooperating_units", text, _("no unit is called “%(value)s”.") % {"value": text})
                else:
                    cooperating.append(unit)
        try:
            cleaned = _clean_task(plan, merged)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                for message in messages:
                    error(key, values.get(key, ""), message)
            continue
        if len(errors) > before or taken:  # the reader found problems in this row too
            continue
        if task is None:
            result.created += 1
        else:
            same = all(_same(getattr(task, k), cleaned.get(k)) for k in TASK_FIELDS)
            if cooperating is not None:
                same = same and {u.pk for u in cooperating} == {u.pk for u in task.cooperating_units.all()}
            if same:
                result.unchanged += 1
                continue
            result.updated += 1
        writes.append((row, task, cleaned, cooperating))
    return result, writes


def import_tasks(
    source,
    *,
    plan,
    actor,
    dry_run: bool = False,
    original_name: str | None = None,
    progress: Progress | None = None,
    batch: ImportBatch | None = None,
) -> ImportResult:
    """Import a 重点任务台账 into ``plan``: tasks matched on 任务编号 within the plan, created or updated through
    ``plans.services`` (督查/管理员 only; ``actor=None`` is the system account), all or nothing."""
    from taizhang.plans import services as plan_services
    from taizhang.plans.services import TASK_FIELDS

    person = actor if actor is not None else system_user()
    if not allows(person, Action.MANAGE):
        raise PermissionDenied(_("Your role may not do this."))
    data, name = read_source(source, original_name)
    check_extension(name)
    reason = import_reason(actor, name)

    def analyse() -> SimpleNamespace:
        result, writes = _analyse_tasks(data, plan=plan, progress=progress)
        return SimpleNamespace(result=result, writes=writes)

    def write(analysed: SimpleNamespace) -> None:
        for _row, task, cleaned, cooperating in analysed.writes:
            fields = {k: cleaned[k] for k in TASK_FIELDS if k in cleaned}
            if task is None:
                plan_services.create_task(
                    actor=person, plan=plan, data=fields, cooperating_units=cooperating or (), reason=reason
                )
            else:
                plan_services.update_task(
                    actor=person, task=task, data=fields, reason=reason, cooperating_units=cooperating
                )

    return run_import(
        kind="tasks",
        data=data,
        name=name,
        period="",
        scope=None,
        actor=actor,
        analyse=analyse,
        write=write,
        dry_run=dry_run,
        batch=batch,
        extra={"plan": plan.pk},
    )
