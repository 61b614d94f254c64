"""Importing indicator figures (主要经济指标) from Excel (issue 4 §5), with the project import's machinery.

One row per indicator and area: 指标 (name or code), 地区 (全市 or a county-level unit; a blank cell or a file
without the column is 全市), 累计值 (in the indicator's own unit), 增速（%）, 备注. The pure reader
(``taizhang.core.sheets`` with ``taizhang.indicators.columns``) reads the cells; each row is checked with the
services' own rules (``services.check_value_period``: a period the indicator does not publish is refused
with the kernel's message, e.g. 固定资产投资 has no January figure; ``services._clean_value``) and written
all or nothing, the original file kept as a ``projects.ImportBatch`` of kind "indicators".

Who decides the state is the project import's rule: the indicator's responsible unit's 填报员 (市统计局)
imports as their submission (SUBMITTED, for their 审核员; an approved figure is an error for them, and so is
an indicator another unit is responsible for); a 督查/管理员's import, or the system's (CLI without
``--user``), records the figures APPROVED. Rows that change nothing write nothing.
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
from taizhang.core.access import Action, allows
from taizhang.indicators import services
from taizhang.indicators.columns import CITY_WORDS, INDICATOR_COLUMNS
from taizhang.indicators.models import Indicator, IndicatorValue
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
    _validation_errors,
    check_extension,
    import_reason,
    read_source,
    run_import,
    save_imported_report,
    system_user,
)
from taizhang.projects.models import ImportBatch

KIND = "indicators"
_VALUE_KEYS = ("amount", "growth", "note")


def import_scope(actor) -> Unit | None:
    """The unit an indicator import reports for (a 填报员's own unit), or None (督查/管理员, the system)."""
    if actor is None or allows(actor, Action.MANAGE):
        return None
    if (
        allows(actor, Action.REPORT)
        and actor.unit is not None
        and Indicator.objects.filter(responsible_unit=actor.unit, is_archived=False).exists()
    ):
        return actor.unit
    raise PermissionDenied(
        _(
            "Only supervisors, administrators and reporters of a unit responsible for indicators may "
            "import indicator figures."
        )
    )


@dataclass
class _Row:
    row: int
    indicator: Indicator
    subject: Unit | None
    value: IndicatorValue | None  # the figure already there
    values: dict  # amount, growth, note to write


@dataclass
class _Plan:
    result: ImportResult
    rows: list[_Row]


def _analyse(
    data: bytes, *, period: str, year: int, scope: Unit | None, today: date, progress: Progress | None
) -> _Plan:
    sheet = _read_sheet(data, INDICATOR_COLUMNS, year=year, progress=progress)
    result = ImportResult(kind=KIND, errors=sheet.errors, warnings=sheet.warnings, skipped=sheet.skipped)
    plan = _Plan(result, [])
    if sheet.parsed is None or sheet.parsed.header is None:
        return plan
    records = sheet.parsed.records
    result.rows = len(records)
    present, texts = sheet.present, sheet.texts
    errors = result.errors
    failed = {(e["row"], e["column"]) for e in errors}
    bad_rows = {e["row"] for e in errors}  # rows with a cell the reader refused
    if "amount" not in present and "growth" not in present:
        column = _label_of(INDICATOR_COLUMNS, "amount")
        errors.append(
            _cell(
                0,
                column,
                "",
                _("The sheet has neither a “%(amount)s” nor a “%(growth)s” column.")
                % {"amount": column, "growth": _label_of(INDICATOR_COLUMNS, "growth")},
            )
        )
        return plan

    catalogue = list(Indicator.objects.select_related("responsible_unit"))
    by_name = (
        {i.name: i for i in catalogue}
        | {i.code: i for i in catalogue}
        | {i.code.lower(): i for i in catalogue}
    )
    counties = UnitNames(list(Unit.objects.filter(is_active=True, kind__in=services.COUNTY_KINDS)))
    existing = {(v.indicator_id, v.subject_id): v for v in IndicatorValue.objects.filter(period=period)}
    target = ReportState.SUBMITTED if scope is not None else ReportState.APPROVED
    seen: dict[tuple, int] = {}

    def error(row, key, value, message):
        column = texts.get(key) or _label_of(INDICATOR_COLUMNS, key)
        _add_new(errors, [_cell(row, column, value, _row_message(row, column, message))], failed)

    for record in records:
        row, values = record.row, record.values
        if row in bad_rows:
            continue
        text = values.get("indicator")
        if text is None:
            continue  # the reader reported the required column
        key = re.sub(r"\s+", "", str(text))
        indicator = by_name.get(key) or by_name.get(key.lower())
        if indicator is None:
            error(
                row, "indicator", text, _("“%(value)s” is not in the indicator catalogue.") % {"value": text}
            )
            continue
        if indicator.is_archived:
            error(row, "indicator", text, _("this indicator is archived."))
            continue
        if scope is not None and indicator.responsible_unit_id != scope.pk:
            error(
                row,
                "indicator",
                text,
                _("this indicator is reported by %(unit)s, not by your unit.")
                % {"unit": indicator.responsible_unit},
            )
            continue
        area = values.get("area")
        subject = None
        if area and re.sub(r"\s+", "", str(area)) not in CITY_WORDS:
            subject = counties.find(area)
            if subject is None:
                error(
                    row,
                    "area",
                    area,
                    _("“%(value)s” is neither 全市 nor a county-level unit.") % {"value": area},
                )
                continue
        try:
            services.check_value_period(indicator, period, today=today)
        except ValidationError as exc:  # the kernel's "…2025年1月不发布数据…"
            error(row, "indicator", text, " ".join(exc.messages))
            continue
        pair = (indicator.pk, subject.pk if subject is not None else None)
        if pair in seen:
            error(
                row,
                "indicator",
                text,
                _("the same indicator and area as row %(first)s.") % {"first": seen[pair]},
            )
            continue
        seen[pair] = row
        value = existing.get(pair)
        stored = {k: getattr(value, k) for k in _VALUE_KEYS} if value is not None else {}
        given = {k: stored.get(k) for k in _VALUE_KEYS} | {
            k: values.get(k) for k in _VALUE_KEYS if k in present
        }
        try:
            cleaned = services._clean_value(
                {
                    k: "" if v is None else (format(v.normalize(), "f") if isinstance(v, Decimal) else v)
                    for k, v in given.items()
                }
            )
        except ValidationError as exc:
            _add_new(errors, _validation_errors(exc, row, texts, INDICATOR_COLUMNS, values), failed)
            continue
        if cleaned["amount"] is None and cleaned["growth"] is None:
            error(row, "amount", "", _("give the cumulative value or the growth."))
            continue
        if value is not None and value.is_archived:
            error(
                row,
                "indicator",
                text,
                _("this period's report is archived; ask the supervisor to restore it."),
            )
            continue
        if value is not None and scope is not None and value.state == ReportState.APPROVED:
            error(
                row,
                "indicator",
                text,
                _("this period's report is already approved; to correct it, ask the reviewer to return it."),
            )
            continue
        if value is None:
            result.created += 1
        elif value.state == target and all(_same(stored[k], cleaned[k]) for k in _VALUE_KEYS):
            result.unchanged += 1
            continue
        else:
            result.updated += 1
        plan.rows.append(_Row(row, indicator, subject, value, cleaned))
    return plan


def _write(plan: _Plan, *, actor, scope, period: str, file_name: str, is_demo: bool) -> None:
    person = actor if actor is not None else system_user()
    reason = import_reason(actor, file_name)
    stamp = timezone.now()
    for item in plan.rows:
        value = item.value or IndicatorValue(
            indicator=item.indicator,
            subject=item.subject,
            period=period,
            unit=item.indicator.responsible_unit,
            created_by=person,
            is_demo=is_demo,
        )
        save_imported_report(
            value, item.values, scope=scope, actor=actor, person=person, stamp=stamp, reason=reason
        )


@_collector_paused()
def import_indicators(
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
    """Import the period's indicator figures (YYYY-MM); the rules are in the module docstring."""
    scope = import_scope(actor)
    period, year = _check_period(period, today)
    today = today or timezone.localdate()
    data, name = read_source(source, original_name)
    check_extension(name)

    def analyse() -> _Plan:
        return _analyse(data, period=period, year=year, scope=scope, today=today, progress=progress)

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
