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
- **History**: ``bulk_create_with_history`` / ``bulk_update_with_history`` with the actor and a change
  reason naming the file, the tag links' history rows too, plus ONE AuditEvent ("import") on the batch.
  Rows that change nothing write nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from taizhang.accounts.choices import Role
from taizhang.accounts.models import Unit, User
from taizhang.audit.services import record_event
from taizhang.core import schedule, sheets
from taizhang.core.access import Action, allows
from taizhang.ledgers.choices import ReportState
from taizhang.projects import services
from taizhang.projects.columns import PROJECT_COLUMNS, TASK_COLUMNS
from taizhang.projects.models import ImportBatch, Project, ProjectReport, ProjectTag

EXTENSIONS = (".xlsx", ".xls", ".xlsm")
BATCH_SIZE = 2000
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


@dataclass
class _ProjectRow:
    row: int
    project: Project  # existing (changed in memory) or new
    is_new: bool
    changed_fields: set[str]
    tags: list[str] | None  # the names to set, None = leave
    tags_changed: bool
    report: ProjectReport | None  # existing (changed in memory) or new; None = no report
    report_is_new: bool
    report_changed_fields: set[str]


@dataclass
class _ProjectPlan:
    result: ImportResult
    rows: list[_ProjectRow]


class _Context:
    """Everything an analysis reads from the database, loaded once."""

    def __init__(self, *, year: int, period: str) -> None:
        units = list(Unit.objects.filter(is_active=True))
        self.locations = UnitNames([u for u in units if u.kind in services.LOCATION_KINDS])
        self.units = UnitNames(units)
        self.units_by_id = {u.pk: u for u in units}
        projects = list(Project.objects.filter(year=year))
        self.by_code = {p.code: p for p in projects if p.code}
        self.by_name = {(p.name, p.location_id): p for p in projects}
        self.tags: dict[int, set[str]] = {}
        for pid, name in Project.tags.through.objects.filter(project__year=year).values_list(
            "project_id", "projecttag__name"
        ):
            self.tags.setdefault(pid, set()).add(name)
        self.reports = {
            r.project_id: r for r in ProjectReport.objects.filter(project__year=year, period=period)
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
    plan = _ProjectPlan(result, [])
    if sheet.parsed is None or sheet.parsed.header is None:
        return plan
    records = sheet.parsed.records
    result.rows = len(records)
    result.totals = _totals(sheet)
    result.warnings.extend(result.totals.pop("_warnings", []))
    ctx = _Context(year=year, period=period)
    present, texts = sheet.present, sheet.texts
    master_keys = [k for k in services.PROJECT_FIELDS if k in present and k != "image_progress"]
    report_keys = [k for k in _REPORT_FIELDS if k in present]
    failed = {(e["row"], e["column"]) for e in sheet.errors}
    seen_pk: dict[int, int] = {}
    seen_code: dict[str, int] = {}
    seen_name: dict[tuple, int] = {}
    target = ReportState.SUBMITTED if scope is not None else ReportState.APPROVED
    errors = result.errors

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
            location = ctx.locations.find(location_text)
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
        if values.get("responsible_unit"):
            responsible = ctx.units.find(values["responsible_unit"])
            if responsible is None:
                error(
                    row,
                    "responsible_unit",
                    values["responsible_unit"],
                    _("no unit is called “%(value)s”.") % {"value": values["responsible_unit"]},
                )
        # which project
        code = values.get("code") or ""
        name = values.get("name") or ""
        existing = ctx.by_code.get(code) if code else None
        if existing is None and name and location is not None:
            existing = ctx.by_name.get((name, location.pk))
            if existing is not None and code and existing.code and existing.code != code:
                error(
                    row,
                    "code",
                    code,
                    _("“%(name)s” in %(unit)s is already on the list with code %(code)s.")
                    % {"name": name, "unit": location, "code": existing.code},
                )
        if existing is not None and scope is not None and existing.location_id != scope.pk:
            error(
                row,
                "name",
                name,
                _("this project belongs to %(unit)s; you may import only the projects of %(own)s.")
                % {"unit": ctx.units_by_id.get(existing.location_id), "own": scope},
            )
        if existing is not None and existing.is_archived:
            error(row, "name", name, _("this project is archived."))
        first = None
        if existing is not None:
            first = seen_pk.get(existing.pk)
            seen_pk.setdefault(existing.pk, row)
        else:
            if code:
                first = seen_code.get(code)
                seen_code.setdefault(code, row)
            if name and location is not None:
                first = first or seen_name.get((name, location.pk))
                seen_name.setdefault((name, location.pk), row)
        if first is not None:
            error(row, "name", name, _("the same project as row %(first)s.") % {"first": first})
        # master fields, checked by the service's rules
        data = {}
        for key in master_keys:
            if key == "location":
                if location is not None:
                    data["location"] = location
                elif existing is None and not location_text:
                    data["location"] = None
                continue
            if key == "responsible_unit":
                data[key] = responsible
                continue
            value = values.get(key)
            if value is None:
                if key in _KEEP_WHEN_BLANK:
                    continue
                if key == "nature" and existing is not None:
                    continue
                value = _PROJECT_BLANKS.get(key)
            data[key] = list(value) if key == "tags" else value
        if "location" not in data and existing is None and location is not None:
            data["location"] = location
        if existing is None and "location" not in data:
            data["location"] = None
        cleaned = {}
        try:
            cleaned = services.clean_project(data, partial_of=existing)
        except ValidationError as exc:
            _add_new(errors, _validation_errors(exc, row, texts, PROJECT_COLUMNS, values), failed)
        if existing is None and "nature" not in cleaned and "nature" not in present:
            error(row, "nature", "", _("required."))
        # the name must stay unique in its county
        new_name = cleaned.get("name", existing.name if existing else name)
        new_location = cleaned.get("location") or (
            ctx.units_by_id.get(existing.location_id) if existing else None
        )
        if new_location is not None and new_name:
            other = ctx.by_name.get((new_name, new_location.pk))
            if other is not None and existing is not None and other.pk != existing.pk:
                error(
                    row,
                    "name",
                    new_name,
                    _("“%(name)s” is already on this year's list in %(unit)s.")
                    % {"name": new_name, "unit": new_location},
                )
        # the period's report
        report_data = {k: values.get(k) for k in report_keys}
        has_report = any(v not in (None, "") for v in report_data.values())
        report_cleaned = {}
        if has_report:
            try:
                report_cleaned = services.clean_report(report_data)
            except ValidationError as exc:
                _add_new(errors, _validation_errors(exc, row, texts, PROJECT_COLUMNS, values), failed)
        if len(errors) > n_errors:
            continue  # this row is refused; its other checks would only repeat the problem
        tags = cleaned.pop("tags", None)
        project = existing or Project(year=year)
        changed: set[str] = set()
        for key, value in cleaned.items():
            old = (
                getattr(project, key + "_id")
                if key in ("location", "responsible_unit")
                else getattr(project, key)
            )
            new = value.pk if isinstance(value, Unit) else value
            if existing is None or not _same(old, new):
                changed.add(key)
                setattr(project, key, value)
        tags_changed = (
            tags is not None and set(tags) != ctx.tags.get(project.pk, set()) if existing else bool(tags)
        )
        report = None
        report_is_new = False
        report_changed: set[str] = set()
        derived = False
        if has_report:
            if "month_investment" not in report_cleaned or report_cleaned.get("month_investment") is None:
                previous = ctx.previous.get(project.pk) if existing else None
                cumulative = report_cleaned.get("cumulative_investment")
                if previous is not None and cumulative is not None and cumulative >= previous:
                    report_cleaned["month_investment"] = cumulative - previous
                    derived = True
            previous = ctx.previous.get(project.pk) if existing else None
            cumulative = report_cleaned.get("cumulative_investment")
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
            report = ctx.reports.get(project.pk) if existing else None
            if report is not None and report.is_archived:
                error(
                    row,
                    "name",
                    name,
                    _("this period's report is archived; ask the supervisor to restore it."),
                )
                continue
            if report is not None and scope is not None and report.state == ReportState.APPROVED:
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
                report = ProjectReport(period=period, state=target)
            for key in _REPORT_FIELDS:
                if key in report_keys or (key == "month_investment" and derived):
                    value = report_cleaned.get(key)
                    if report_is_new or not _same(getattr(report, key), value):
                        report_changed.add(key)
                        setattr(report, key, value)
            if report.state != target:
                report_changed.add("state")
            try:
                report.validate_for_submit()
            except ValidationError as exc:
                _add_new(errors, _validation_errors(exc, row, texts, PROJECT_COLUMNS, values), failed)
                continue
            if "image_progress" in report_keys and project.pk not in ctx.later:
                new_progress = report_cleaned.get("image_progress") or ""
                if existing is None or project.image_progress != new_progress:
                    project.image_progress = new_progress
                    changed.add("image_progress")
            if not report_is_new and not report_changed:
                report = None
        if existing is None:
            result.created += 1
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


def _totals(sheet: _Sheet) -> dict:
    """Sums of the file's amount columns, and the sheet's own 合计 row when it has one (a warning if they differ)."""
    header = sheet.parsed.header
    totals: dict = {"sums": {}, "sheet_row": None, "sheet": {}, "labels": {}}
    warnings = []
    index_of = {column.key: index for index, column in header.columns.items()}
    for key in _AMOUNT_TOTALS:
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


def _write_projects(plan: _ProjectPlan, *, actor, scope: Unit | None, period: str, file_name: str) -> None:
    now = timezone.now()
    person = actor or system_user()
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
    new = [r.project for r in rows if r.is_new]
    if new:
        bulk_create_with_history(
            new,
            Project,
            batch_size=BATCH_SIZE,
            default_user=actor,
            default_change_reason=reason,
            default_date=now,
        )
    changed = [r for r in rows if not r.is_new and (r.changed_fields or r.tags_changed)]
    if changed:
        fields = sorted({f for r in changed for f in r.changed_fields} | {"updated_at"})
        for r in changed:
            r.project.updated_at = now
        bulk_update_with_history(
            [r.project for r in changed],
            Project,
            fields,
            batch_size=BATCH_SIZE,
            default_user=actor,
            default_change_reason=reason,
            default_date=now,
        )
    # tag links, and their history rows for every project history row written above
    through = Project.tags.through
    relinked = [r for r in rows if r.tags_changed]
    if relinked:
        old = [r.project.pk for r in relinked if not r.is_new]
        for start in range(0, len(old), BATCH_SIZE):
            through.objects.filter(project_id__in=old[start : start + BATCH_SIZE]).delete()
        through.objects.bulk_create(
            [
                through(project_id=r.project.pk, projecttag_id=tag_ids[name])
                for r in relinked
                for name in r.tags
            ],
            batch_size=BATCH_SIZE,
        )
    historied = [r.project.pk for r in rows if r.is_new or r.changed_fields or r.tags_changed]
    if historied:
        _tag_history(historied, now)
    # the period's reports
    new_reports, changed_reports, report_fields = [], [], {"updated_at", "unit"}
    for r in rows:
        report = r.report
        if report is None:
            continue
        report.project = r.project
        report.unit_id = r.project.location_id
        _set_state(report, scope=scope, actor=actor, person=person, now=now, reason=reason)
        if r.report_is_new:
            report.created_by = person
            new_reports.append(report)
        else:
            report.updated_at = now
            changed_reports.append(report)
            report_fields |= r.report_changed_fields
    if new_reports:
        bulk_create_with_history(
            new_reports,
            ProjectReport,
            batch_size=BATCH_SIZE,
            default_user=actor,
            default_change_reason=reason,
            default_date=now,
        )
    if changed_reports:
        report_fields |= {
            "state",
            "submitted_by",
            "submitted_at",
            "reviewed_by",
            "reviewed_at",
            "return_reason",
        }
        bulk_update_with_history(
            changed_reports,
            ProjectReport,
            sorted(report_fields),
            batch_size=BATCH_SIZE,
            default_user=actor,
            default_change_reason=reason,
            default_date=now,
        )


def _set_state(report: ProjectReport, *, scope, actor, person, now, reason) -> None:
    """A county reporter's import is their submission; the city's (or the system's) records approved figures."""
    report.return_reason = ""
    if scope is not None:  # as ledgers.workflow.submit does
        report.state = ReportState.SUBMITTED
        report.submitted_by = actor
        report.submitted_at = now
        report.reviewed_by = None
        report.reviewed_at = None
    else:
        report.state = ReportState.APPROVED
        if report.submitted_by_id is None:
            report.submitted_by = person
            report.submitted_at = now
        report.reviewed_by = actor
        report.reviewed_at = now


def _tag_history(project_ids: list[int], stamp) -> None:
    """Simple-history keeps each project history row's tags; bulk writes bypass its signal, so add them."""
    history_model = Project.history.model
    tag_history = history_model.tags.model  # HistoricalProject_tags
    through = Project.tags.through
    for start in range(0, len(project_ids), BATCH_SIZE):
        chunk = project_ids[start : start + BATCH_SIZE]
        links: dict[int, list] = {}
        for link_id, pid, tid in through.objects.filter(project_id__in=chunk).values_list(
            "id", "project_id", "projecttag_id"
        ):
            links.setdefault(pid, []).append((link_id, tid))
        if not links:
            continue
        rows = []
        for history_id, pid in history_model.objects.filter(
            history_date=stamp, id__in=list(links)
        ).values_list("history_id", "id"):
            for link_id, tid in links[pid]:
                rows.append(tag_history(history_id=history_id, id=link_id, project_id=pid, projecttag_id=tid))
        tag_history.objects.bulk_create(rows, batch_size=BATCH_SIZE)


# --- running an import ----------------------------------------------------------------------------------


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
) -> ImportResult:
    """Import a 重点项目调度表 for ``period`` (YYYY-MM). See the module docstring for the rules.

    ``batch``: an uploaded batch (the web preview) to commit instead of storing the file again."""
    scope = import_scope(actor)
    period, year = _check_period(period, today)
    data, name = read_source(source, original_name)
    check_extension(name)

    def analyse() -> _ProjectPlan:
        return _analyse_projects(
            data, period=period, year=year, scope=scope, actor=actor, file_name=name, progress=progress
        )

    if dry_run:
        result = analyse().result
        result.dry_run = True
        return result
    with transaction.atomic():
        plan = analyse()
        result = plan.result
        if result.ok:
            batch = batch or _new_batch(
                kind="projects", period=period, data=data, name=name, scope=scope, actor=actor
            )
            _write_projects(plan, actor=actor, scope=scope, period=period, file_name=name)
            _store(batch, result, committed=True)
            record_event(
                actor=actor,
                obj=batch,
                action="import",
                reason=_event_reason(actor, name, result),
            )
            result.committed = True
            return result
    batch = batch or _new_batch(
        kind="projects", period=period, data=data, name=name, scope=scope, actor=actor
    )
    _store(batch, result, committed=False)
    return result


# --- web: upload, preview, commit -----------------------------------------------------------------------


def stage_upload(
    uploaded, *, actor, kind: str = "projects", period: str = "", plan=None, today: date | None = None
) -> ImportBatch:
    """Keep an uploaded sheet as a batch and record what its import would do (the preview)."""
    scope = import_scope(actor)
    data, name = read_source(uploaded)
    check_extension(name)
    if kind == "tasks":
        result = import_tasks(data, plan=plan, actor=actor, dry_run=True, original_name=name)
        batch = _new_batch(kind="tasks", period="", data=data, name=name, scope=scope, actor=actor)
        _store(batch, result, committed=False, extra={"plan": plan.pk})
        return batch
    result = import_projects(data, period=period, actor=actor, dry_run=True, original_name=name, today=today)
    batch = _new_batch(
        kind="projects", period=result_period(period), data=data, name=name, scope=scope, actor=actor
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
    return import_projects(
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
        if len(errors) > before:
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
    if dry_run:
        result = _analyse_tasks(data, plan=plan, progress=progress)[0]
        result.dry_run = True
        return result
    reason = import_reason(actor, name)
    with transaction.atomic():
        result, writes = _analyse_tasks(data, plan=plan, progress=progress)
        if result.ok:
            for _row, task, cleaned, cooperating in writes:
                fields = {k: cleaned[k] for k in TASK_FIELDS if k in cleaned}
                if task is None:
                    plan_services.create_task(
                        actor=person,
                        plan=plan,
                        data=fields,
                        cooperating_units=cooperating or (),
                        reason=reason,
                    )
                else:
                    plan_services.update_task(
                        actor=person, task=task, data=fields, reason=reason, cooperating_units=cooperating
                    )
            batch = batch or _new_batch(
                kind="tasks", period="", data=data, name=name, scope=None, actor=actor
            )
            _store(batch, result, committed=True, extra={"plan": plan.pk})
            record_event(
                actor=actor,
                obj=batch,
                action="import",
                reason=_event_reason(actor, name, result),
            )
            result.committed = True
            return result
    batch = batch or _new_batch(kind="tasks", period="", data=data, name=name, scope=None, actor=actor)
    _store(batch, result, committed=False, extra={"plan": plan.pk})
    return result
