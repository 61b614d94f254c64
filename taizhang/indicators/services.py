"""Writes to the indicators ledger: keyword-only ``actor``, access checked, saved through save_audited.

Bad input raises ValidationError keyed by field, naming it; every service is atomic (nothing half-saved).
Publication rules (固定资产投资 has no January figure, GDP is quarterly) are the kernel's
(taizhang.core.indicators), and so are its messages.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.accounts.choices import UnitKind
from taizhang.audit.services import save_audited
from taizhang.core import indicators as kernel
from taizhang.core import schedule
from taizhang.core.access import Action, allows, require, require_own_unit
from taizhang.indicators.choices import HOME_CITY, PEER_CITIES, TargetType
from taizhang.indicators.models import Indicator, IndicatorTarget, IndicatorValue, PeerFigure
from taizhang.ledgers.services import parse_decimal, write_draft

COUNTY_KINDS = (UnitKind.COUNTY, UnitKind.ZONE)
INDICATOR_FIELDS = (
    "code",
    "name",
    "unit",
    "frequency",
    "cumulative",
    "direction",
    "first_month",
    "definition",
    "source",
    "responsible_unit",
    "order",
)


def _check_spec(indicator: Indicator) -> None:
    errors = {}
    for field in ("code", "name", "unit"):
        if not str(getattr(indicator, field) or "").strip():
            errors[field] = _("%(field)s: required.") % {
                "field": Indicator._meta.get_field(field).verbose_name
            }
    if indicator.responsible_unit_id is None:
        errors["responsible_unit"] = _("Responsible unit: required.")
    if errors:
        raise ValidationError(errors)
    try:
        indicator.spec  # noqa: B018 - the kernel checks frequency, direction and first month
    except ValueError as exc:
        raise ValidationError({"__all__": str(exc)}) from None
    try:
        indicator.full_clean(exclude=["responsible_unit"], validate_unique=True)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None


@transaction.atomic
def create_indicator(*, actor, data: dict) -> Indicator:
    require(actor, Action.MANAGE)
    indicator = Indicator(**{k: v for k, v in data.items() if k in INDICATOR_FIELDS})
    _check_spec(indicator)
    return save_audited(indicator, actor=actor, reason=_("Indicator created"), action="create")


@transaction.atomic
def update_indicator(*, actor, indicator: Indicator, data: dict, reason: str = "") -> Indicator:
    require(actor, Action.MANAGE)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    for key, value in data.items():
        if key in INDICATOR_FIELDS:
            setattr(indicator, key, value)
    _check_spec(indicator)
    return save_audited(indicator, actor=actor, reason=reason or _("Indicator edited"), action="edit")


def _check_subject(subject) -> None:
    if subject is not None and subject.kind not in COUNTY_KINDS:
        raise ValidationError(
            {
                "subject": _("Subject: %(unit)s is not a county-level unit (leave it empty for the city).")
                % {"unit": subject}
            }
        )


@transaction.atomic
def set_target(
    *,
    actor,
    indicator: Indicator,
    year: int,
    target_type: str,
    value,
    subject=None,
    baseline=None,
    note: str = "",
    is_demo: bool = False,
) -> IndicatorTarget:
    """Create or change the annual target of the indicator for the city (``subject`` None) or a county."""
    require(actor, Action.MANAGE)
    _check_subject(subject)
    if target_type not in TargetType.values:
        raise ValidationError(
            {
                "target_type": _("Target type: choose growth, amount or level (got “%(v)s”).")
                % {"v": target_type}
            }
        )
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Year: “%(v)s” is not a year.") % {"v": year}})
    number = parse_decimal(value, "value", _("Target value"))
    if number is None:
        raise ValidationError({"value": _("Target value: required.")})
    base = parse_decimal(baseline, "baseline", _("Baseline"))
    try:  # the kernel refuses what it could not compare (an amount on a non-cumulative series without base)
        last = kernel.published_months(indicator.spec)[-1]
        kernel.compare(
            indicator.spec,
            target_type=target_type,
            target=number,
            actual=None,
            year=year,
            month=last,
            baseline=base,
        )
    except ValueError as exc:
        raise ValidationError({"target_type": str(exc)}) from None
    target = (
        IndicatorTarget.objects.select_for_update()
        .filter(indicator=indicator, year=year, subject=subject)
        .first()
    )
    action = "edit" if target is not None else "create"
    if target is None:
        target = IndicatorTarget(indicator=indicator, year=year, subject=subject)
    target.target_type = target_type
    target.value = number
    target.baseline = base
    target.note = (note or "").strip()[:300]
    target.is_demo = is_demo
    return save_audited(target, actor=actor, reason=_("Annual target set"), action=action)


def check_value_period(indicator: Indicator, period: str, *, today: date) -> str:
    """The period as "YYYY-MM" when the indicator publishes a figure for it; ValidationError otherwise."""
    try:
        year, month = schedule.parse_period(str(period).strip())
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from None
    if schedule.is_future_period(year, month, today=today):
        raise ValidationError(
            {
                "period": _("Period: %(period)s has not started yet; no figure for a future period.")
                % {"period": period}
            }
        )
    try:
        kernel.published_label(indicator.spec, year, month)
    except ValueError as exc:  # "固定资产投资（不含农户）2025年1月不发布数据（首次发布为2025年1—2月）"
        raise ValidationError({"period": str(exc)}) from None
    return schedule.period_str(year, month)


def _clean_value(data: dict) -> dict:
    errors: dict = {}
    cleaned: dict = {}
    for field, label in (("amount", _("Amount")), ("growth", _("Growth (%)"))):
        try:
            places = 2 if field == "growth" else 4
            digits = 8 if field == "growth" else 16
            cleaned[field] = parse_decimal(
                data.get(field), field, label, max_digits=digits, decimal_places=places
            )
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if cleaned.get("amount") is not None and cleaned["amount"] < 0:
        errors["amount"] = _("Amount: must be at least 0.")
    cleaned["note"] = str(data.get("note") or "").strip()
    if len(cleaned["note"]) > 300:
        errors["note"] = _("Note: at most 300 characters.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def save_value(
    *,
    actor,
    indicator: Indicator,
    period: str,
    data: dict,
    subject=None,
    today: date | None = None,
    reason: str = "",
    is_demo: bool = False,
) -> IndicatorValue:
    """Create or update the period's figure (a draft, or kept returned); the responsible unit reports it."""
    require(actor, Action.REPORT)
    require_own_unit(actor, indicator.responsible_unit_id)
    if indicator.is_archived:
        raise ValidationError({"indicator": _("This indicator is archived.")})
    _check_subject(subject)
    period = check_value_period(indicator, period, today=today or timezone.localdate())
    cleaned = _clean_value(data)
    return write_draft(
        actor=actor,
        model=IndicatorValue,
        owner={"indicator": indicator, "subject": subject},
        unit=indicator.responsible_unit,
        period=period,
        cleaned=cleaned,
        reason=reason,
        is_demo=is_demo,
    )


@transaction.atomic
def set_peer_figures(
    *,
    actor,
    indicator: Indicator,
    period: str,
    figures: dict,
    today: date | None = None,
    is_demo: bool = False,
) -> list[PeerFigure]:
    """Record other cities' published figures for a period: ``{"太原": {"amount": .., "growth": ..}, ...}``.

    督查 (MANAGE) or the indicator's responsible unit (REPORT) enter them. 晋中's own figure is its approved
    city value and is refused here (a figure is reported once). All rows or none.
    """
    if not allows(actor, Action.MANAGE):
        require(actor, Action.REPORT)
        if actor.unit_id != indicator.responsible_unit_id:
            raise PermissionDenied(_("This belongs to another unit."))
    period = check_value_period(indicator, period, today=today or timezone.localdate())
    errors: dict = {}
    cleaned: dict[str, dict] = {}
    for peer, row in figures.items():
        if peer == HOME_CITY:
            errors[f"peer:{peer}"] = _(
                "%(peer)s: its figure is the approved city value; it is not entered as a peer figure."
            ) % {"peer": peer}
            continue
        if peer not in PEER_CITIES:
            errors[f"peer:{peer}"] = _("City: “%(peer)s” is not one of the 11 cities of Shanxi.") % {
                "peer": peer
            }
            continue
        try:
            values = _clean_value(row or {})
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors[f"{peer}:{field}"] = [f"{peer}：{m}" for m in messages]
            continue
        if values["amount"] is None and values["growth"] is None:
            errors[f"{peer}:amount"] = _("%(peer)s: give the amount or the growth.") % {"peer": peer}
            continue
        cleaned[peer] = values
    if errors:
        raise ValidationError(errors)
    existing = {
        f.peer: f
        for f in PeerFigure.objects.select_for_update().filter(
            indicator=indicator, period=period, peer__in=cleaned
        )
    }
    saved = []
    for peer, values in cleaned.items():
        figure = existing.get(peer) or PeerFigure(indicator=indicator, period=period, peer=peer)
        action = "edit" if figure.pk else "create"
        changed = figure.pk is None or (figure.amount, figure.growth) != (values["amount"], values["growth"])
        figure.amount, figure.growth, figure.is_demo = values["amount"], values["growth"], is_demo
        if changed:
            save_audited(figure, actor=actor, reason=_("Peer city figure recorded"), action=action)
        saved.append(figure)
    return saved


def decimal_or_none(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))
