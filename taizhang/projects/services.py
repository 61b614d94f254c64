"""Writes to key projects and their monthly reports. Keyword-only ``actor``, access checked, validated,
saved through audit.save_audited so history records who and why. Reports then go through the ONE review
workflow (taizhang.ledgers.workflow: submit / approve / return_for_revision)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.accounts.choices import UnitKind
from taizhang.accounts.models import Unit
from taizhang.audit.services import save_audited
from taizhang.core import schedule
from taizhang.core.access import Action, require, require_own_unit, require_unit_editor
from taizhang.core.projectmetrics import Nature as KernelNature
from taizhang.core.projectmetrics import ProjectFacts
from taizhang.ledgers.services import TEXT_LIMIT, parse_decimal, write_draft
from taizhang.projects.choices import Level, Nature, ProjectCategory
from taizhang.projects.models import MONEY, Project, ProjectReport, ProjectTag

LOCATION_KINDS = (UnitKind.COUNTY, UnitKind.ZONE)  # 建设地点: the 11 counties and 晋中开发区

MONEY_FIELDS = ("total_investment", "invested_before", "annual_plan", "expected_output", "actual_output")
DATE_FIELDS = ("planned_start", "actual_start", "planned_completion", "actual_completion", "registered_on")
BOOL_FIELDS = (
    "resumed",
    "registered",
    "proc_approval",
    "proc_land",
    "proc_planning",
    "proc_eia",
    "proc_construction",
    "signed",
)
TEXT_FIELDS = {  # field -> max length (None: TextField, held to TEXT_LIMIT)
    "code": 40,
    "name": 200,
    "owner": 200,
    "content": None,
    "image_progress": 500,
    "leader": 100,
    "responsible_person": 100,
    "cluster": 100,
}
CHOICE_FIELDS = {"level": Level, "category": ProjectCategory, "nature": Nature}
# Every master field a service, form, API or import may set (``tags`` is a list of names).
PROJECT_FIELDS = (
    *TEXT_FIELDS,
    *CHOICE_FIELDS,
    "location",
    "responsible_unit",
    "start_year",
    "end_year",
    *MONEY_FIELDS,
    *DATE_FIELDS,
    *BOOL_FIELDS,
    "tags",
)


def facts_of(
    project: Project, cumulative_investment: Decimal | None = None, *, as_of: date | None = None
) -> ProjectFacts:
    """The metrics kernel's view of a project; ``cumulative_investment`` is 1–m月 of the period evaluated.

    开发区"三个一批" (glossary §2): 开工 = an actual start date, 投产 = an actual completion date, each
    counted when it falls on or before ``as_of`` (the period's last day; None = whatever is recorded)."""

    def happened(day: date | None) -> bool:
        return day is not None and (as_of is None or day <= as_of)

    return ProjectFacts(
        nature=project.nature,
        annual_plan=project.annual_plan,
        cumulative_investment=cumulative_investment,
        planned_start=project.planned_start,
        actual_start=project.actual_start,
        planned_completion=project.planned_completion,
        actual_completion=project.actual_completion,
        registered=project.registered,
        registered_on=project.registered_on,
        resumed=project.resumed,
        signed=project.signed,
        started=happened(project.actual_start),
        producing=happened(project.actual_completion),
        expected_output=project.expected_output,
        actual_output=project.actual_output,
    )


def _label(field: str) -> str:
    return str(Project._meta.get_field(field).verbose_name)


# Fast acceptance of an already-typed amount: a finite Decimal in [0, ceiling) with at most the column's
# decimal places is what ``parse_decimal(minimum=0, **MONEY)`` returns unchanged. Anything else (a string, a
# negative, too many digits …) goes to parse_decimal itself, which stays the one rule and writes the message;
# test_import_bulk holds the two together at their boundaries.
_ZERO = Decimal(0)
_MONEY_CEILING = Decimal(10) ** (MONEY["max_digits"] - MONEY["decimal_places"] - 1)
_MONEY_EXPONENT = -MONEY["decimal_places"]
_CENT = Decimal(1).scaleb(_MONEY_EXPONENT)  # 0.01: most amounts have exactly this exponent (a fast test)
_CHOICE_VALUES = {field: frozenset(choices.values) for field, choices in CHOICE_FIELDS.items()}
_KEEP_FOR_CROSS_CHECKS = ("nature", "start_year", "end_year", *DATE_FIELDS, "registered")


def money_fits(value) -> bool:
    """True when ``value`` is an amount parse_decimal(minimum=0, **MONEY) would return as it is."""
    return (
        type(value) is Decimal
        and value.is_finite()
        and _ZERO <= value < _MONEY_CEILING
        and (value.same_quantum(_CENT) or value.as_tuple().exponent >= _MONEY_EXPONENT)
    )


def _money(values: dict, field: str, errors: dict, model=Project) -> None:
    """Check (and normalise in place) one typed amount; the rule and the message are parse_decimal's."""
    value = values[field]
    label = str(model._meta.get_field(field).verbose_name)
    try:
        values[field] = parse_decimal(value, field, label, minimum=_ZERO, **MONEY)
    except ValidationError as exc:
        errors.update({key: messages[0] for key, messages in exc.message_dict.items()})


def clean_tags(value) -> list[str]:
    """List names from a list or a "a，b、c" string: stripped, blanks and repeats dropped."""
    tags = value or []
    if isinstance(tags, str):
        tags = tags.replace("，", ",").replace("、", ",").split(",")
    return list(dict.fromkeys(text for text in (str(t).strip() for t in tags) if text))


def clean_project(data: dict, *, partial_of: Project | None = None) -> dict:
    """Check and convert master fields (strings from forms or already-typed values from an import).

    Returns the cleaned values of the fields present in ``data``; raises ValidationError keyed by field,
    each message naming the field. Two halves: this front turns strings into typed values (a value it
    cannot convert is an error here), then ``check_project`` applies every rule to the typed values (the
    dispatch-sheet import calls it directly on the sheet kernel's typed cells). Cross-field rules
    (completion before start, 入库 date without 入库) are the metrics kernel's, checked on the merged record.
    """
    errors: dict[str, str] = {}
    cleaned: dict = {}
    unknown = set(data) - set(PROJECT_FIELDS)
    if unknown:
        raise ValidationError({"__all__": _("Unknown project fields: %s") % ", ".join(sorted(unknown))})
    for field in TEXT_FIELDS:
        if field in data:
            cleaned[field] = str(data[field] or "").strip()
    for field, choices in CHOICE_FIELDS.items():
        if field in data:
            value = data[field]
            if value not in _CHOICE_VALUES[field]:
                labels = {str(label): value for value, label in choices.choices}
                value = labels.get(str(value), value)
            cleaned[field] = value
    for field in ("location", "responsible_unit"):
        if field in data:
            unit = data[field]
            if unit is not None and not isinstance(unit, Unit):
                unit = Unit.objects.filter(pk=unit).first() if str(unit).isdigit() else None
                if unit is None:
                    errors[field] = _("%(label)s: no such unit “%(value)s”.") % {
                        "label": _label(field),
                        "value": data[field],
                    }
            cleaned[field] = unit
    for field in ("start_year", "end_year"):
        if field in data:
            value = data[field]
            if value in (None, ""):
                cleaned[field] = None
                continue
            try:
                cleaned[field] = int(value)
            except (TypeError, ValueError):
                errors[field] = _("%(label)s: “%(value)s” is not a year.") % {
                    "label": _label(field),
                    "value": value,
                }
    for field in MONEY_FIELDS:
        if field in data:
            value = data[field]
            if isinstance(value, str):
                try:
                    value = parse_decimal(value, field, _label(field), minimum=_ZERO, **MONEY)
                except ValidationError as exc:
                    errors.update(exc.message_dict)
                    continue
            cleaned[field] = value
    for field in DATE_FIELDS:
        if field in data:
            value = data[field]
            if value in (None, ""):
                cleaned[field] = None
            elif isinstance(value, date):
                cleaned[field] = value
            else:
                try:
                    cleaned[field] = date.fromisoformat(str(value).strip())
                except ValueError:
                    errors[field] = _("%(label)s: “%(value)s” is not a date (YYYY-MM-DD).") % {
                        "label": _label(field),
                        "value": value,
                    }
    for field in BOOL_FIELDS:
        if field in data:
            value = data[field]
            cleaned[field] = (
                value if isinstance(value, bool) else str(value).lower() in {"1", "true", "on", "yes"}
            )
    if "tags" in data:
        cleaned["tags"] = clean_tags(data["tags"])
    current = {f: getattr(partial_of, f, None) for f in _KEEP_FOR_CROSS_CHECKS}
    found = check_project(cleaned, current=current, cross_checks=not errors)
    errors = {**found, **errors}
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_project(values: dict, *, current=None, cross_checks: bool = True) -> dict[str, str]:
    """Every rule on typed master values (the fields present in ``values``): text lengths, a name, the
    choices, a county-level location, years, amounts the column holds, list names; then, when those pass,
    the cross-field rules on the record merged with ``current`` (a mapping of the stored values, or None
    for a new project). Amounts are normalised in place. Returns {field: message}, empty when all is well;
    messages (and gettext) are made only for what fails, so an import can call it for every row."""
    errors: dict[str, str] = {}
    for field, limit in TEXT_FIELDS.items():
        text = values.get(field)
        if text is not None and len(text) > (limit or TEXT_LIMIT):
            errors[field] = _("%(label)s: at most %(limit)s characters (now %(n)s).") % {
                "label": _label(field),
                "limit": limit or TEXT_LIMIT,
                "n": len(text),
            }
    if "name" in values and not values["name"]:
        errors["name"] = _("Project name: required.")
    for field, allowed in _CHOICE_VALUES.items():
        if field in values and values[field] not in allowed:
            errors[field] = _("%(label)s: “%(value)s” is not one of %(choices)s.") % {
                "label": _label(field),
                "value": values[field],
                "choices": "、".join(str(label) for _v, label in CHOICE_FIELDS[field].choices),
            }
    if "location" in values:
        unit = values["location"]
        if unit is None:
            errors["location"] = _("Location: required (a county-level unit or the development zone).")
        elif unit.kind not in LOCATION_KINDS:
            errors["location"] = _("Location: “%(unit)s” is not a county-level unit or development zone.") % {
                "unit": unit
            }
    for field in ("start_year", "end_year"):
        year = values.get(field)
        if year is not None and not 1990 <= year <= 2100:
            errors[field] = _("%(label)s: “%(value)s” is not a year.") % {
                "label": _label(field),
                "value": year,
            }
    for field in MONEY_FIELDS:
        value = values.get(field)
        if value is not None and not money_fits(value):
            _money(values, field, errors)
    for name in values.get("tags") or ():
        if len(name) > 40:
            errors["tags"] = _("Lists: “%(name)s” is longer than 40 characters.") % {"name": name}
    if errors or not cross_checks:
        return errors
    merged = {
        f: values[f] if f in values else (current[f] if current is not None else None)
        for f in _KEEP_FOR_CROSS_CHECKS
    }
    if merged["start_year"] and merged["end_year"] and merged["end_year"] < merged["start_year"]:
        return {"end_year": _("End year: earlier than the start year.")}
    if merged["nature"]:
        try:
            check_facts(merged)
        except ValidationError as exc:
            return {key: messages[0] for key, messages in exc.message_dict.items()}
    return {}


_KERNEL_NATURES = {nature.value: nature for nature in KernelNature}  # spares the kernel its enum lookup


def check_facts(values: dict) -> None:
    """The kernel's cross-field rules on a record's values; ValidationError (Chinese, naming the field)."""
    nature = values["nature"]
    try:
        ProjectFacts(
            nature=_KERNEL_NATURES.get(nature, nature),
            planned_start=values.get("planned_start"),
            actual_start=values.get("actual_start"),
            planned_completion=values.get("planned_completion"),
            actual_completion=values.get("actual_completion"),
            registered=bool(values.get("registered")),
            registered_on=values.get("registered_on"),
        )
    except ValueError as exc:
        raise ValidationError({"__all__": str(exc)}) from None


def _apply(project: Project, cleaned: dict) -> list[str] | None:
    tags = cleaned.pop("tags", None)
    for field, value in cleaned.items():
        setattr(project, field, value)
    return tags


def _set_tags(project: Project, names: list[str] | None) -> None:
    if names is None:
        return
    tags = [ProjectTag.objects.get_or_create(name=name)[0] for name in names]
    project.tags.set(tags)


def _check_editor(actor, unit: Unit | None) -> None:
    """督查/管理员 edit any project; a county's 填报员 edits the projects located in their county."""
    require_unit_editor(actor, unit.pk if unit else None)


@transaction.atomic
def create_project(*, actor, year: int, data: dict, reason: str = "", is_demo: bool = False) -> Project:
    cleaned = clean_project(data)
    for field in ("name", "nature", "location"):
        if field not in cleaned:
            raise ValidationError({field: _("%(label)s: required.") % {"label": _label(field)}})
    _check_editor(actor, cleaned["location"])
    project = Project(year=year, is_demo=is_demo)
    tags = _apply(project, cleaned)
    _check_unique(project)
    save_audited(project, actor=actor, reason=reason or _("Project created"), action="create")
    _set_tags(project, tags)
    return project


def _check_unique(project: Project) -> None:
    others = Project.objects.filter(year=project.year).exclude(pk=project.pk)
    if project.code and others.filter(code=project.code).exists():
        raise ValidationError(
            {"code": _("Project code: “%(code)s” is already used.") % {"code": project.code}}
        )
    if others.filter(name=project.name, location=project.location).exists():
        raise ValidationError(
            {
                "name": _("Project name: “%(name)s” is already on this year's list in %(unit)s.")
                % {"name": project.name, "unit": project.location}
            }
        )


@transaction.atomic
def update_project(*, actor, project: Project, data: dict, reason: str) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    _check_editor(actor, project.location)
    if project.is_archived:
        raise ValidationError({"__all__": _("This project is archived.")})
    cleaned = clean_project(data, partial_of=project)
    tags = _apply(project, cleaned)
    _check_editor(actor, project.location)  # no moving a project into another county
    _check_unique(project)
    save_audited(project, actor=actor, reason=reason or _("Project edited"), action="edit")
    _set_tags(project, tags)
    return project


@transaction.atomic
def archive_project(*, actor, project: Project, reason: str) -> Project:
    require(actor, Action.MANAGE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Reason: please say why the project is archived.")})
    project = Project.objects.select_for_update().get(pk=project.pk)
    project.is_archived = True
    project.archived_at = timezone.now()
    project.archived_by = actor
    return save_audited(project, actor=actor, reason=reason, action="archive")


# --- monthly reports -------------------------------------------------------------------------------------

REPORT_TEXT_FIELDS = {"image_progress": 500, "problems": None, "coordination": None}


def check_report_period(project: Project, period: str, *, today: date) -> str:
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
    if year != project.year:
        raise ValidationError(
            {
                "period": _("Period: %(period)s is outside the list year %(year)s.")
                % {"period": period, "year": project.year}
            }
        )
    return schedule.period_str(year, month)


def clean_report(data: dict) -> dict:
    """The report's figures and texts from strings or typed values; ValidationError keyed by field.
    The rules are ``check_report``'s (which the import calls on typed cells)."""
    cleaned: dict = {}
    errors: dict[str, str] = {}
    for field in ("month_investment", "cumulative_investment"):
        value = data.get(field)
        if isinstance(value, str):
            label = str(ProjectReport._meta.get_field(field).verbose_name)
            try:
                value = parse_decimal(value, field, label, minimum=_ZERO, **MONEY)
            except ValidationError as exc:
                errors.update(exc.message_dict)
                continue
        cleaned[field] = value
    for field in REPORT_TEXT_FIELDS:
        cleaned[field] = str(data.get(field) or "").strip()
    errors = {**check_report(cleaned), **errors}
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_report(values: dict) -> dict[str, str]:
    """Every rule on a report's typed values (amounts normalised in place); {field: message}, empty when
    all is well, messages made only for what fails."""
    errors: dict[str, str] = {}
    for field in ("month_investment", "cumulative_investment"):
        value = values.get(field)
        if value is not None and not money_fits(value):
            _money(values, field, errors, ProjectReport)
    for field, limit in REPORT_TEXT_FIELDS.items():
        text = values.get(field)
        if text is not None and len(text) > (limit or TEXT_LIMIT):
            errors[field] = _("%(label)s: at most %(limit)s characters (now %(n)s).") % {
                "label": ProjectReport._meta.get_field(field).verbose_name,
                "limit": limit or TEXT_LIMIT,
                "n": len(text),
            }
    return errors


@transaction.atomic
def save_project_report(
    *,
    actor,
    project: Project,
    period: str,
    data: dict,
    today: date | None = None,
    reason: str = "",
    is_demo: bool = False,
) -> ProjectReport:
    """Create or update this project's report for the period, as a draft (or keep it returned).

    本月完成投资 left blank is derived from the 1–m月 cumulative minus last period's approved cumulative."""
    require(actor, Action.REPORT)
    require_own_unit(actor, project.location_id)
    if project.is_archived:
        raise ValidationError({"project": _("This project is archived.")})
    period = check_report_period(project, period, today=today or timezone.localdate())
    cleaned = clean_report(data)
    if cleaned["month_investment"] is None and cleaned["cumulative_investment"] is not None:
        previous = previous_cumulative(project, period)
        if previous is not None and cleaned["cumulative_investment"] >= previous:
            cleaned["month_investment"] = cleaned["cumulative_investment"] - previous
    return write_draft(
        actor=actor,
        model=ProjectReport,
        owner={"project": project},
        unit=project.location,
        period=period,
        cleaned=cleaned,
        reason=reason,
        is_demo=is_demo,
    )


def previous_cumulative(project: Project, period: str) -> Decimal | None:
    """The latest approved 1–m月 cumulative of the same year before ``period`` (None in January or none)."""
    year, _month = schedule.parse_period(period)
    report = (
        ProjectReport.objects.filter(
            project=project,
            state="approved",
            is_archived=False,
            period__lt=period,
            period__gte=schedule.period_str(year, 1),
        )
        .order_by("-period")
        .first()
    )
    return report.cumulative_investment if report else None
