"""Writes to clusters, enterprises and their monthly figures. Keyword-only ``actor``, access checked
(core.access), validated, saved through audit.save_audited; figures then go through the ONE review workflow
(ledgers.workflow: submit / approve / return_for_revision), with the enterprise's county as reporting unit.

督查/管理员 (MANAGE) keep the cluster list and may edit any enterprise; a county's 填报员 adds and edits the
enterprises of their own county (core.access.require_unit_editor). The 统一社会信用代码 is normalised and
checked by the kernel (core.enterprises.validate_uscc); its Chinese message is the one the user sees.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.accounts.choices import UnitKind
from taizhang.accounts.models import Unit
from taizhang.audit.services import save_audited
from taizhang.core import enterprises as kernel
from taizhang.core import schedule
from taizhang.core.access import Action, require, require_own_unit, require_unit_editor
from taizhang.enterprises.choices import ClusterTier, ScaleMeasure, SpecialisedLevel
from taizhang.enterprises.models import MONEY, Cluster, Enterprise, EnterpriseFigure, StatedFigure
from taizhang.ledgers.services import parse_decimal, write_draft

LOCATION_KINDS = (UnitKind.COUNTY, UnitKind.ZONE)  # the 11 counties and 晋中开发区
ENTERPRISE_FLAGS = ("above_scale", "new_quality", "chain_leader")
ENTERPRISE_FIELDS = ("name", "uscc", "location", "clusters", "specialised", *ENTERPRISE_FLAGS)
CLUSTER_FIELDS = ("name", "tier", "measure", "target_scale", "target_year", "order", "source", "indicator")


def _label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def _flag(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "on", "yes", "是", "√", "✓"}
    return bool(value)


def _unit(value, field: str, label: str) -> Unit:
    unit = value
    if not isinstance(value, Unit):
        unit = Unit.objects.filter(pk=value).first() if str(value or "").isdigit() else None
        if unit is None and value:
            unit = Unit.objects.filter(short_name=str(value).strip()).first()
    if unit is None:
        raise ValidationError({field: _("%(label)s: required.") % {"label": label}})
    if unit.kind not in LOCATION_KINDS:
        raise ValidationError(
            {field: _("%(label)s: must be a county-level unit or the development zone.") % {"label": label}}
        )
    return unit


def _clusters(value) -> list[Cluster]:
    """Clusters from a list of Cluster objects, pks or names."""
    items = value or []
    if isinstance(items, str):
        items = [t for t in items.replace("，", ",").replace("、", ",").split(",") if t.strip()]
    found: list[Cluster] = []
    for item in items:
        if isinstance(item, Cluster):
            cluster = item
        elif str(item).strip().isdigit():
            cluster = Cluster.objects.filter(pk=int(item)).first()
        else:
            cluster = Cluster.objects.filter(name=str(item).strip()).first()
        if cluster is None:
            raise ValidationError(
                {"clusters": _("Industry clusters: “%(name)s” is not on the cluster list.") % {"name": item}}
            )
        if cluster not in found:
            found.append(cluster)
    return found


def clean_enterprise(data: dict, *, current: Enterprise | None = None) -> dict:
    """Check and convert the enterprise fields present in ``data``; ValidationError keyed by field."""
    unknown = set(data) - set(ENTERPRISE_FIELDS)
    if unknown:
        raise ValidationError(
            {"__all__": _("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))}}
        )
    errors: dict[str, str] = {}
    cleaned: dict = {}

    def grab(field, fn):
        try:
            cleaned[field] = fn()
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})

    if "name" in data:
        name = str(data["name"] or "").strip()
        if not name:
            errors["name"] = _("%(label)s: required.") % {"label": _label(Enterprise, "name")}
        elif len(name) > 200:
            errors["name"] = _("%(label)s: at most %(n)s characters.") % {
                "label": _label(Enterprise, "name"),
                "n": 200,
            }
        cleaned["name"] = name
    if "uscc" in data:
        try:
            cleaned["uscc"] = kernel.validate_uscc(str(data["uscc"] or ""))
        except ValueError as exc:  # the kernel's message names the field and the failing rule
            errors["uscc"] = str(exc)
        else:
            others = Enterprise.objects.filter(uscc=cleaned["uscc"])
            if current is not None:
                others = others.exclude(pk=current.pk)
            holder = others.first()
            if holder is not None:
                errors["uscc"] = _(
                    "Unified social credit code: %(code)s is already registered for “%(name)s”."
                ) % {"code": cleaned["uscc"], "name": holder.name}
    if "location" in data:
        grab("location", lambda: _unit(data["location"], "location", _label(Enterprise, "location")))
    if "clusters" in data:
        grab("clusters", lambda: _clusters(data["clusters"]))
    if "specialised" in data:
        level = data["specialised"] or SpecialisedLevel.NONE
        if level not in SpecialisedLevel.values:
            errors["specialised"] = _("%(label)s: choose one of the listed levels.") % {
                "label": _label(Enterprise, "specialised")
            }
        cleaned["specialised"] = level
    for field in ENTERPRISE_FLAGS:
        if field in data:
            cleaned[field] = _flag(data[field])
    if errors:
        raise ValidationError(errors)
    return cleaned


def _apply(obj, cleaned: dict, m2m: str) -> list | None:
    related = cleaned.pop(m2m, None)
    for field, value in cleaned.items():
        setattr(obj, field, value)
    return related


@transaction.atomic
def create_enterprise(
    *, actor, data: dict, reason: str = "", is_demo: bool = False, uscc_simulated: bool = False
) -> Enterprise:
    """Register an enterprise; ``uscc_simulated`` marks a made-up code (demo data), shown on its page."""
    cleaned = clean_enterprise(data)
    for field in ("name", "uscc", "location"):
        if field not in cleaned:
            raise ValidationError({field: _("%(label)s: required.") % {"label": _label(Enterprise, field)}})
    require_unit_editor(actor, cleaned["location"].pk)
    enterprise = Enterprise(is_demo=is_demo, uscc_simulated=uscc_simulated)
    clusters = _apply(enterprise, cleaned, "clusters")
    save_audited(enterprise, actor=actor, reason=reason or _("Enterprise registered"), action="create")
    if clusters:
        enterprise.clusters.set(clusters)
    return enterprise


@transaction.atomic
def update_enterprise(*, actor, enterprise: Enterprise, data: dict, reason: str = "") -> Enterprise:
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    require_unit_editor(actor, enterprise.location_id)
    if enterprise.is_archived:
        raise ValidationError({"__all__": _("This enterprise is archived.")})
    cleaned = clean_enterprise(data, current=enterprise)
    clusters = _apply(enterprise, cleaned, "clusters")
    require_unit_editor(actor, enterprise.location_id)  # no moving an enterprise into another county
    save_audited(enterprise, actor=actor, reason=reason or _("Enterprise edited"), action="edit")
    if clusters is not None:
        enterprise.clusters.set(clusters)
    return enterprise


def clean_cluster(data: dict) -> dict:
    unknown = set(data) - set(CLUSTER_FIELDS) - {"chain_leaders"}
    if unknown:
        raise ValidationError(
            {"__all__": _("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))}}
        )
    errors: dict[str, str] = {}
    cleaned: dict = {}
    if "name" in data:
        cleaned["name"] = str(data["name"] or "").strip()
        if not cleaned["name"]:
            errors["name"] = _("%(label)s: required.") % {"label": _label(Cluster, "name")}
    if "tier" in data:
        cleaned["tier"] = data["tier"]
        if data["tier"] not in ClusterTier.values:
            errors["tier"] = _("%(label)s: choose one of the listed tiers.") % {
                "label": _label(Cluster, "tier")
            }
    if "measure" in data:
        cleaned["measure"] = data["measure"] or ScaleMeasure.OUTPUT
        if cleaned["measure"] not in ScaleMeasure.values:
            errors["measure"] = _("%(label)s: choose output value or operating revenue.") % {
                "label": _label(Cluster, "measure")
            }
    if "target_scale" in data:
        try:
            cleaned["target_scale"] = parse_decimal(
                data["target_scale"],
                "target_scale",
                _label(Cluster, "target_scale"),
                minimum=Decimal(0),
                **MONEY,
            )
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    for field in ("target_year", "order"):
        if field in data:
            value = data[field]
            if value in (None, ""):
                cleaned[field] = None if field == "target_year" else 0
            elif str(value).strip().isdigit():
                cleaned[field] = int(str(value).strip())
            else:
                errors[field] = _("%(label)s: “%(value)s” is not a whole number.") % {
                    "label": _label(Cluster, field),
                    "value": value,
                }
    if "source" in data:
        cleaned["source"] = str(data["source"] or "").strip()
    if "indicator" in data:  # 文旅: the scale is an indicator's figure (e.g. 旅游总收入), not members' sums
        from taizhang.enterprises.selectors import WAN_PER_INDICATOR_UNIT
        from taizhang.indicators.models import Indicator

        indicator = data["indicator"]
        if indicator not in (None, "") and not isinstance(indicator, Indicator):
            indicator = Indicator.objects.filter(pk=indicator).first() if str(indicator).isdigit() else None
            if indicator is None:
                errors["indicator"] = _("Linked indicator: no such indicator “%(value)s”.") % {
                    "value": data["indicator"]
                }
        if isinstance(indicator, Indicator) and indicator.unit not in WAN_PER_INDICATOR_UNIT:
            errors["indicator"] = _(
                "Linked indicator: %(name)s is counted in %(unit)s, which cannot be a cluster's scale in 10k yuan."
            ) % {"name": indicator.name, "unit": indicator.unit}
        cleaned["indicator"] = indicator or None
    if "chain_leaders" in data:
        leaders = []
        for item in data["chain_leaders"] or []:
            enterprise = item if isinstance(item, Enterprise) else Enterprise.objects.filter(pk=item).first()
            if enterprise is None:
                errors["chain_leaders"] = _("Chain-leader enterprises: “%(value)s” is not registered.") % {
                    "value": item
                }
            else:
                leaders.append(enterprise)
        cleaned["chain_leaders"] = leaders
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def create_cluster(*, actor, data: dict, reason: str = "", is_demo: bool = False) -> Cluster:
    require(actor, Action.MANAGE)
    cleaned = clean_cluster(data)
    for field in ("name", "tier"):
        if field not in cleaned:
            raise ValidationError({field: _("%(label)s: required.") % {"label": _label(Cluster, field)}})
    if Cluster.objects.filter(name=cleaned["name"]).exists():
        raise ValidationError(
            {"name": _("Cluster name: “%(name)s” is already on the list.") % {"name": cleaned["name"]}}
        )
    cluster = Cluster(is_demo=is_demo)
    leaders = _apply(cluster, cleaned, "chain_leaders")
    save_audited(cluster, actor=actor, reason=reason or _("Cluster created"), action="create")
    if leaders:
        cluster.chain_leaders.set(leaders)
    return cluster


@transaction.atomic
def update_cluster(*, actor, cluster: Cluster, data: dict, reason: str = "") -> Cluster:
    require(actor, Action.MANAGE)
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    cleaned = clean_cluster(data)
    if "name" in cleaned and Cluster.objects.filter(name=cleaned["name"]).exclude(pk=cluster.pk).exists():
        raise ValidationError(
            {"name": _("Cluster name: “%(name)s” is already on the list.") % {"name": cleaned["name"]}}
        )
    leaders = _apply(cluster, cleaned, "chain_leaders")
    save_audited(cluster, actor=actor, reason=reason or _("Cluster edited"), action="edit")
    if leaders is not None:
        cluster.chain_leaders.set(leaders)
    return cluster


@transaction.atomic
def set_stated_figure(
    *, actor, key: str, label: str, value: int, year: int, source: str = "", unit: str = "户"
) -> StatedFigure:
    """A count the city states (563家新质生产力企业): 督查/管理员 record it with its source."""
    require(actor, Action.MANAGE)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(
            {"value": _("%(label)s: must be a whole number of at least 0.") % {"label": label}}
        )
    figure = StatedFigure.objects.select_for_update().filter(key=key).first() or StatedFigure(key=key)
    figure.label, figure.value, figure.year, figure.source, figure.unit = label, value, year, source, unit
    return save_audited(figure, actor=actor, reason=_("Stated figure recorded"))


# --- monthly figures ---------------------------------------------------------------------------------


def check_figure_period(period: str, *, today: date) -> str:
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
    return schedule.period_str(year, month)


def clean_figure(data: dict) -> dict:
    errors: dict[str, str] = {}
    cleaned: dict = {}
    for field in ("revenue", "output"):
        try:
            cleaned[field] = parse_decimal(
                data.get(field), field, _label(EnterpriseFigure, field), minimum=Decimal(0), **MONEY
            )
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def save_figure(
    *,
    actor,
    enterprise: Enterprise,
    period: str,
    data: dict,
    today: date | None = None,
    reason: str = "",
    is_demo: bool = False,
) -> EnterpriseFigure:
    """Create or update the enterprise's 1–m月 figures for the period as a draft (or keep them returned);
    the county's 填报员 writes them, its 审核员 approves them (ledgers.workflow)."""
    require(actor, Action.REPORT)
    require_own_unit(actor, enterprise.location_id)
    if enterprise.is_archived:
        raise ValidationError({"enterprise": _("This enterprise is archived.")})
    period = check_figure_period(period, today=today or timezone.localdate())
    cleaned = clean_figure(data)
    return write_draft(
        actor=actor,
        model=EnterpriseFigure,
        owner={"enterprise": enterprise},
        unit=enterprise.location,
        period=period,
        cleaned=cleaned,
        reason=reason,
        is_demo=is_demo,
    )
