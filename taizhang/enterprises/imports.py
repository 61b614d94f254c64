"""Importing an enterprise list (企业名录) with the period's figures from Excel (issue 4 §5).

The same machinery and rules as the dispatch-sheet import (``taizhang.projects.imports``): the pure reader
(``taizhang.core.sheets`` with ``taizhang.enterprises.columns``), ``ImportResult`` and its JSON, the original
file kept as a ``projects.ImportBatch`` (kind "enterprises", refused imports too), all or nothing, the
analysis run again inside the write transaction, one AuditEvent on the batch.

- **Matching** on the 统一社会信用代码, normalised and checked by the kernel (``core.enterprises``): a bad
  code is an error naming row, column and the kernel's rule. A code twice in one file is an error on the
  later row.
- **Enterprises** are created and changed through ``enterprises.services`` (``clean_enterprise`` checks each
  row during the analysis; ``create_enterprise`` / ``update_enterprise`` write, with history and the reason
  "由<who>从《file》导入"). A column present in the file is the file's word (a blank 是否规上 is 否, a blank
  所属产业集群 is none); a column the file lacks leaves the field alone. A blank 所在县区 keeps an existing
  enterprise's county; a new one takes the county reporter's own county.
- **Figures** (1–m月营业收入 / 产值, 万元): a row with either writes the period's EnterpriseFigure, checked by
  ``services.clean_figure``; a row with both blank writes none. **Who decides the state** is the project
  import's rule (``projects.imports._state``): a county reporter's import is their submission (SUBMITTED,
  waiting for their 审核员; an approved figure is an error for them), a 督查/管理员's or the system's
  (CLI without ``--user``) records the figures APPROVED.
- **Who**: 督查/管理员 import any county's rows; a county's 填报员 only their own county's enterprises.
- Rows that change nothing write nothing (``unchanged``); history is kept by simple-history on every write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.accounts.models import Unit
from taizhang.core import enterprises as kernel
from taizhang.core.access import Action, allows
from taizhang.enterprises import services
from taizhang.enterprises.columns import ENTERPRISE_COLUMNS, FIGURE_KEYS
from taizhang.enterprises.models import Cluster, Enterprise, EnterpriseFigure
from taizhang.ledgers.choices import ReportState
from taizhang.projects.imports import (
    ImportResult,
    Progress,
    UnitNames,
    _add_new,
    _cell,
    _check_period,
    _collector_paused,
    _label_of,
    _read_sheet,
    _row_message,
    _same,
    _totals,
    _validation_errors,
    check_extension,
    import_reason,
    read_source,
    run_import,
    save_imported_report,
    system_user,
)
from taizhang.projects.models import ImportBatch

KIND = "enterprises"
_MONTHS = re.compile(r"1[-~至到](\d{1,2})月")
_FLAGS = services.ENTERPRISE_FLAGS


def import_scope(actor) -> Unit | None:
    """The county an enterprise import is limited to (a county 填报员), or None (督查/管理员, the system)."""
    if actor is None or allows(actor, Action.MANAGE):
        return None
    if allows(actor, Action.REPORT) and actor.unit is not None and actor.unit.kind in services.LOCATION_KINDS:
        return actor.unit
    raise PermissionDenied(
        _("Only supervisors, administrators and county reporters may import enterprise lists.")
    )


@dataclass
class _Row:
    row: int
    enterprise: Enterprise | None  # None: a new enterprise
    data: dict  # cleaned service data to create with, or the changed fields of an existing one
    figure: EnterpriseFigure | None  # the period's figure already there
    figure_values: dict | None  # revenue/output to write, None = no figure from this row


@dataclass
class _Plan:
    result: ImportResult
    rows: list[_Row]


def _analyse(data: bytes, *, period: str, year: int, scope: Unit | None, progress: Progress | None) -> _Plan:
    sheet = _read_sheet(data, ENTERPRISE_COLUMNS, year=year, progress=progress)
    result = ImportResult(kind=KIND, errors=sheet.errors, warnings=sheet.warnings, skipped=sheet.skipped)
    plan = _Plan(result, [])
    if sheet.parsed is None or sheet.parsed.header is None:
        return plan
    records = sheet.parsed.records
    result.rows = len(records)
    result.totals = _totals(sheet, FIGURE_KEYS)
    result.warnings.extend(result.totals.pop("_warnings", []))
    present, texts = sheet.present, sheet.texts
    errors = result.errors
    failed = {(e["row"], e["column"]) for e in errors}
    bad_rows = {e["row"] for e in errors}  # rows with a cell the reader refused

    locations = UnitNames(list(Unit.objects.filter(is_active=True, kind__in=services.LOCATION_KINDS)))
    clusters = {c.name: c for c in Cluster.objects.filter(is_archived=False)}
    enterprises = {
        e.uscc: e for e in Enterprise.objects.select_related("location").prefetch_related("clusters")
    }
    figures = {
        f.enterprise_id: f
        for f in EnterpriseFigure.objects.filter(period=period).select_related("enterprise")
    }
    figure_keys = [k for k in FIGURE_KEYS if k in present]
    month = int(period[5:])
    for key in figure_keys:  # "1-9月营业收入" imported as October: a warning, the figures are still read
        found = _MONTHS.search(texts[key].replace("—", "-").replace("–", "-"))
        if found and int(found[1]) != month:
            column = texts[key]
            row = sheet.parsed.header.row_number
            result.warnings.append(
                _cell(
                    row,
                    column,
                    column,
                    _row_message(
                        row,
                        column,
                        _("the header names months 1–%(header)s but the period imported is %(period)s.")
                        % {"header": found[1], "period": period},
                    ),
                )
            )
    target = ReportState.SUBMITTED if scope is not None else ReportState.APPROVED
    seen: dict[str, int] = {}
    result.totals["figures"] = 0

    def error(row, key, value, message):
        column = texts.get(key) or _label_of(ENTERPRISE_COLUMNS, key)
        _add_new(errors, [_cell(row, column, value, _row_message(row, column, message))], failed)

    for record in records:
        row, values = record.row, record.values
        if row in bad_rows:  # the reader already refused a cell of this row
            continue
        raw_code = values.get("uscc")
        if raw_code is None:
            continue  # the reader reported the required column
        try:
            code = kernel.validate_uscc(str(raw_code))
        except ValueError as exc:  # the kernel's message names the rule that failed
            error(row, "uscc", raw_code, str(exc))
            continue
        if code in seen:
            error(row, "uscc", raw_code, _("the same enterprise as row %(first)s.") % {"first": seen[code]})
            continue
        seen[code] = row
        enterprise = enterprises.get(code)
        if enterprise is not None and enterprise.is_archived:
            error(row, "uscc", raw_code, _("this enterprise is archived."))
            continue
        if enterprise is not None and scope is not None and enterprise.location_id != scope.pk:
            error(
                row,
                "uscc",
                raw_code,
                _("this enterprise belongs to %(unit)s; you may import only your own county's enterprises.")
                % {"unit": enterprise.location},
            )
            continue

        wanted: dict = {}
        if "name" in present:
            wanted["name"] = values.get("name") or ""
        if enterprise is None:
            wanted["uscc"] = code
        location_text = values.get("location") if "location" in present else None
        if location_text:
            location = locations.find(location_text)
            if location is None:
                error(
                    row,
                    "location",
                    location_text,
                    _("“%(value)s” is not a county-level unit or development zone.")
                    % {"value": location_text},
                )
                continue
            if scope is not None and location != scope:
                error(
                    row,
                    "location",
                    location_text,
                    _("you may import only your own county's enterprises (%(unit)s).") % {"unit": scope},
                )
                continue
            wanted["location"] = location
        elif enterprise is None:
            if scope is None:
                error(row, "location", "", _("required for a new enterprise."))
                continue
            wanted["location"] = scope
        if "clusters" in present:
            chosen = []
            unknown = [name for name in values.get("clusters") or () if name not in clusters]
            if unknown:
                error(
                    row,
                    "clusters",
                    "、".join(unknown),
                    _("“%(name)s” is not on the cluster list.") % {"name": "、".join(unknown)},
                )
                continue
            chosen = [clusters[name] for name in values.get("clusters") or ()]
            wanted["clusters"] = chosen
        for flag in _FLAGS:
            if flag in present:
                wanted[flag] = bool(values.get(flag))
        if "specialised" in present:
            wanted["specialised"] = values.get("specialised") or "none"
        try:
            cleaned = services.clean_enterprise(wanted, current=enterprise)
        except ValidationError as exc:
            _add_new(errors, _validation_errors(exc, row, texts, ENTERPRISE_COLUMNS, values), failed)
            continue
        if enterprise is not None:
            changes = {}
            for key, value in cleaned.items():
                if key == "clusters":
                    if {c.pk for c in value} != {c.pk for c in enterprise.clusters.all()}:
                        changes[key] = value
                elif not _same(getattr(enterprise, key), value):
                    changes[key] = value
            cleaned = changes

        # the period's figures
        figure = figures.get(enterprise.pk) if enterprise is not None else None
        figure_values = None
        if figure_keys and any(values.get(k) is not None for k in figure_keys):
            stored = {k: getattr(figure, k) for k in FIGURE_KEYS} if figure is not None else {}
            given = {k: stored.get(k) for k in FIGURE_KEYS} | {k: values.get(k) for k in figure_keys}
            try:
                figure_values = services.clean_figure(
                    {k: "" if v is None else format(Decimal(v).normalize(), "f") for k, v in given.items()}
                )
            except ValidationError as exc:
                _add_new(errors, _validation_errors(exc, row, texts, ENTERPRISE_COLUMNS, values), failed)
                continue
            if figure is not None and figure.is_archived:
                error(
                    row,
                    "name",
                    values.get("name"),
                    _("this period's report is archived; ask the supervisor to restore it."),
                )
                continue
            if figure is not None and scope is not None and figure.state == ReportState.APPROVED:
                error(
                    row,
                    figure_keys[0],
                    values.get(figure_keys[0]),
                    _(
                        "this period's report is already approved; to correct it, ask the reviewer to return it."
                    ),
                )
                continue
            if (
                figure is not None
                and figure.state == target
                and all(_same(stored[k], figure_values[k]) for k in FIGURE_KEYS)
            ):
                figure_values = None  # already there, as the file says
            result.totals["figures"] += 1

        if enterprise is None:
            result.created += 1
        elif cleaned or figure_values is not None:
            result.updated += 1
        else:
            result.unchanged += 1
            continue
        plan.rows.append(_Row(row, enterprise, cleaned, figure, figure_values))
    return plan


def _write(plan: _Plan, *, actor, scope, period: str, file_name: str, is_demo: bool) -> None:
    person = actor if actor is not None else system_user()
    reason = import_reason(actor, file_name)
    stamp = timezone.now()
    for item in plan.rows:
        enterprise = item.enterprise
        if enterprise is None:
            enterprise = services.create_enterprise(
                actor=person, data=item.data, reason=reason, is_demo=is_demo
            )
        elif item.data:
            enterprise = services.update_enterprise(
                actor=person, enterprise=enterprise, data=item.data, reason=reason
            )
        if item.figure_values is None:
            continue
        figure = item.figure or EnterpriseFigure(
            enterprise=enterprise,
            period=period,
            unit=enterprise.location,
            created_by=person,
            is_demo=is_demo,
        )
        save_imported_report(
            figure, item.figure_values, scope=scope, actor=actor, person=person, stamp=stamp, reason=reason
        )


@_collector_paused()
def import_enterprises(
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
    """Import an enterprise list with its figures for ``period`` (YYYY-MM); the rules are in the module
    docstring. ``actor=None`` is the system (the CLI without ``--user``)."""
    scope = import_scope(actor)
    period, year = _check_period(period, today)
    data, name = read_source(source, original_name)
    check_extension(name)

    def analyse() -> _Plan:
        return _analyse(data, period=period, year=year, scope=scope, progress=progress)

    return run_import(
        kind=KIND,
        data=data,
        name=name,
        period=period,
        scope=scope,
        actor=actor,
        analyse=analyse,
        write=lambda plan: _write(
            plan, actor=actor, scope=scope, period=period, file_name=name, is_demo=is_demo
        ),
        dry_run=dry_run,
        batch=batch,
    )
