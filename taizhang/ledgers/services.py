"""Writes to the ledger. Every function takes a keyword-only `actor`, checks access, validates,
and saves through audit.save_audited so history records who and why."""

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.audit.services import record_event, save_audited
from taizhang.core import schedule
from taizhang.core.access import Action, require, require_own_unit
from taizhang.ledgers.choices import Confidence
from taizhang.ledgers.models import Evidence, ProgressReport
from taizhang.plans.choices import TargetKind

TEXT_LIMIT = 2000  # characters per narrative field: a ledger cell, not a report


def parse_decimal(
    value,
    field: str,
    label: str,
    *,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    max_digits: int = 16,
    decimal_places: int = 4,
) -> Decimal | None:
    """A number from a form, API or file cell; None when blank; ValidationError naming the field.

    `max_digits`/`decimal_places` are the column's (DecimalField): a figure the database cannot hold is
    refused here with a message, never stored to break every page that reads it.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(
            {field: _("%(label)s: “%(value)s” is not a number.") % {"label": label, "value": value}}
        )
    text = str(value).strip().replace(",", "").replace("，", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            {field: _("%(label)s: “%(value)s” is not a number.") % {"label": label, "value": value}}
        ) from None
    if not number.is_finite():
        raise ValidationError(
            {field: _("%(label)s: “%(value)s” is not a number.") % {"label": label, "value": value}}
        )
    if minimum is not None and number < minimum:
        raise ValidationError(
            {field: _("%(label)s: must be at least %(min)s.") % {"label": label, "min": minimum}}
        )
    if maximum is not None and number > maximum:
        raise ValidationError(
            {field: _("%(label)s: must be at most %(max)s.") % {"label": label, "max": maximum}}
        )
    # One digit fewer than the column allows: SQLite keeps decimals as doubles (15 significant digits).
    integer_digits = max_digits - decimal_places - 1
    if abs(number) >= Decimal(10) ** integer_digits:
        raise ValidationError(
            {
                field: _("%(label)s: %(value)s is too large (at most %(n)s digits before the point).")
                % {"label": label, "value": value, "n": integer_digits}
            }
        )
    if -number.as_tuple().exponent > decimal_places:
        raise ValidationError(
            {field: _("%(label)s: at most %(n)s decimal places.") % {"label": label, "n": decimal_places}}
        )
    return number


def check_period(task, period: str, *, today: date) -> tuple[int, int]:
    try:
        year, month = schedule.parse_period(period)
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from exc
    if schedule.is_future_period(year, month, today=today):
        raise ValidationError(
            {
                "period": _("Period: %(period)s has not started yet; no report for a future period.")
                % {"period": period}
            }
        )
    if year != task.plan.year:
        raise ValidationError(
            {
                "period": _("Period: %(period)s is outside the plan year %(year)s.")
                % {"period": period, "year": task.plan.year}
            }
        )
    if not schedule.is_report_due(task.frequency, month):
        raise ValidationError(
            {"period": _("Period: this task reports quarterly (March, June, September, December).")}
        )
    return year, month


def _clean_report_data(task, data: dict) -> dict:
    errors: dict[str, str] = {}
    cleaned: dict = {}

    def grab(field, fn):
        try:
            cleaned[field] = fn()
        except ValidationError as exc:
            errors.update(exc.message_dict)

    if task.target_kind == TargetKind.MILESTONE:
        grab(
            "percent_complete",
            lambda: parse_decimal(
                data.get("percent_complete"),
                "percent_complete",
                _("Percent complete"),
                minimum=Decimal(0),
                maximum=Decimal(100),
                max_digits=5,
                decimal_places=1,
            ),
        )
        cleaned["cumulative_value"] = None
    else:
        minimum = None if task.target_kind == TargetKind.GROWTH_PP else Decimal(0)
        grab(
            "cumulative_value",
            lambda: parse_decimal(
                data.get("cumulative_value"), "cumulative_value", _("Cumulative actual"), minimum=minimum
            ),
        )
        cleaned["percent_complete"] = None
    for field, label in (
        ("progress", _("Progress")),
        ("problems", _("Problems")),
        ("next_steps", _("Next steps")),
    ):
        text = str(data.get(field) or "").strip()
        if len(text) > TEXT_LIMIT:
            errors[field] = _("%(label)s: at most %(limit)s characters (now %(n)s).") % {
                "label": label,
                "limit": TEXT_LIMIT,
                "n": len(text),
            }
        cleaned[field] = text
    confidence = data.get("confidence") or Confidence.CONFIDENT
    if confidence not in Confidence.values:
        errors["confidence"] = _("Delivery judgement: choose 有把握, 有风险 or 难以完成.")
    cleaned["confidence"] = confidence
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def save_report(
    *,
    actor,
    task,
    period: str,
    data: dict,
    today: date | None = None,
    reason: str = "",
    is_demo: bool = False,
) -> ProgressReport:
    """Create or update this task's report for the period, as a draft (or keep it returned)."""
    require(actor, Action.REPORT)
    require_own_unit(actor, task.lead_unit_id)
    if task.is_archived:
        raise ValidationError({"task": _("This task is archived.")})
    today = today or timezone.localdate()
    period = schedule.period_str(*check_period(task, period, today=today))  # " 2025-10" is 2025-10
    cleaned = _clean_report_data(task, data)
    return write_draft(
        actor=actor,
        model=ProgressReport,
        owner={"task": task},
        unit=task.lead_unit,
        period=period,
        cleaned=cleaned,
        reason=reason,
        is_demo=is_demo,
    )


def write_draft(*, actor, model, owner: dict, unit, period: str, cleaned: dict, reason: str, is_demo: bool):
    """Create or update the period's report of one task or project (``owner``, e.g. {"task": task}) as a
    draft, or keep it returned; the one place that decides whether a report may still be edited.

    Runs inside the caller's transaction; the row is locked while it changes.
    """
    report = model.objects.select_for_update().filter(**owner, period=period).first()
    if report is not None:
        require_own_unit(actor, report.unit_id)  # the owning unit may have changed since it was drafted
    if report is None:
        report = model(**owner, period=period, unit=unit, created_by=actor, is_demo=is_demo)
        action, default_reason = "create", _("Report drafted")
    else:
        if report.is_archived:
            raise ValidationError(
                {"state": _("This period's report is archived; ask the supervisor to restore it.")}
            )
        if not report.is_editable:
            raise ValidationError(
                {
                    "state": _("This report is %(state)s and can no longer be edited.")
                    % {"state": report.get_state_display()}
                }
            )
        action, default_reason = "edit", _("Report edited")
    for field, value in cleaned.items():
        setattr(report, field, value)
    try:
        with transaction.atomic():  # a savepoint: a double tap creating the same report twice
            return save_audited(report, actor=actor, reason=reason or default_reason, action=action)
    except IntegrityError:
        raise ValidationError(
            {
                "period": _(
                    "This period's report was just created by someone else; reload the page and edit it."
                )
            }
        ) from None


def _check_upload(name: str, size: int) -> str:
    ext = Path(name).suffix.lower().lstrip(".")
    if ext not in settings.EVIDENCE_EXTENSIONS:
        raise ValidationError(
            {
                "file": _("Evidence file: type .%(ext)s is not accepted (accepted: %(allowed)s).")
                % {"ext": ext or "?", "allowed": ", ".join(settings.EVIDENCE_EXTENSIONS)}
            }
        )
    if size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("Evidence file: %(name)s is %(size).1f MB; the limit is %(limit)d MB.")
                % {"name": name, "size": size / 1048576, "limit": settings.EVIDENCE_MAX_BYTES // 1048576}
            }
        )
    if size == 0:
        raise ValidationError({"file": _("Evidence file: %(name)s is empty.") % {"name": name}})
    return ext


@transaction.atomic
def add_evidence(*, actor, report: ProgressReport, uploaded_file) -> Evidence:
    require(actor, Action.REPORT)
    require_own_unit(actor, report.unit_id)
    if not report.is_editable:
        raise ValidationError(
            {"file": _("Evidence can only be added while the report is a draft or returned.")}
        )
    name = Path(uploaded_file.name).name[:150]
    _check_upload(name, uploaded_file.size)
    evidence = Evidence(report=report, original_name=name, size=uploaded_file.size, uploaded_by=actor)
    evidence.file.save(name, uploaded_file, save=False)
    save_audited(evidence, actor=actor, reason=_("Evidence uploaded"))
    record_event(actor=actor, obj=report, action="evidence", reason=name)
    return evidence


@transaction.atomic
def archive_evidence(*, actor, evidence: Evidence, reason: str) -> Evidence:
    require(actor, Action.REPORT)
    require_own_unit(actor, evidence.report.unit_id)
    if not evidence.report.is_editable:
        raise ValidationError(
            {"file": _("Evidence can only be removed while the report is a draft or returned.")}
        )
    evidence.is_archived = True
    evidence.archived_at = timezone.now()
    evidence.archived_by = actor
    save_audited(evidence, actor=actor, reason=reason or _("Evidence withdrawn"))
    record_event(actor=actor, obj=evidence.report, action="evidence_archived", reason=evidence.original_name)
    return evidence
