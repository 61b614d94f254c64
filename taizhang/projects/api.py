"""Key projects over HTTP: the list with each project's light, one project with its course, the rollup
(total and by county), and monthly reports: save a draft, submit, approve, return.

Rows are scoped by Project.objects.for_user / ProjectReport.objects.for_user: a project or report outside
the user's units is a 404, never a 403. Writes go through projects.services and the ONE review workflow
(ledgers.workflow), which check the role (403) and the unit. Errors are shaped by taizhang/api.py.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from taizhang.accounts.models import Unit
from taizhang.core import schedule
from taizhang.ledgers import workflow
from taizhang.ledgers.schemas import ErrorRead, ReturnWrite, ReviewWrite, SubmitWrite
from taizhang.projects import selectors, services
from taizhang.projects.choices import PROCEDURES, Level, Nature
from taizhang.projects.models import Project, ProjectReport
from taizhang.projects.schemas import (
    ProjectDetailRead,
    ProjectRead,
    ProjectReportRead,
    ProjectReportWrite,
    ProjectRollupRead,
    RatesSummaryRead,
    expected_for,
)

router = Router(tags=["projects"])

ERRORS = {403: ErrorRead, 404: ErrorRead, 422: ErrorRead}
LIGHTS = ("green", "yellow", "red")


class ProjectFilters(Schema):
    period: str | None = None  # YYYY-MM; default: the newest period with an approved report
    year: int | None = None  # list year; default: the period's, else the newest list
    county: str | None = None  # a county-level unit: its id, code or name (榆次区, 140702, jzkfq …)
    nature: str | None = None  # new | continuing | preparatory | completed (or 新开工 …)
    level: str | None = None  # province | city | county (or the label)
    tag: str | None = None  # a list name: 省重点, 两重, 专项债 …
    light: str | None = None  # green | yellow | red


class RollupFilters(Schema):
    period: str | None = None
    year: int | None = None


def _year_and_period(year: int | None, raw: str | None) -> tuple[int, str]:
    """The list year and the period (YYYY-MM, normalised), 422 naming the field when either is wrong."""
    if raw:
        try:
            p_year, p_month = schedule.parse_period(raw.strip())
        except ValueError as exc:
            raise ValidationError({"period": str(exc)}) from None
        if schedule.is_future_period(p_year, p_month, today=timezone.localdate()):
            raise ValidationError(
                {
                    "period": _("Period: %(period)s has not started yet; no report for a future period.")
                    % {"period": raw.strip()}
                }
            )
        if year is not None and year != p_year:
            raise ValidationError(
                {
                    "period": _("Period: %(period)s is outside the list year %(year)s.")
                    % {"period": raw.strip(), "year": year}
                }
            )
        return p_year, schedule.period_str(p_year, p_month)
    if year is None:
        years = selectors.project_years()
        year = years[0] if years else timezone.localdate().year
    period = selectors.default_project_period(year)
    if not period.startswith(f"{year}-"):  # no approved report of that year: its last month, or January
        period = schedule.period_str(year, 12 if year < timezone.localdate().year else 1)
    return year, period


def _choice(field: str, raw: str, choices, message: str) -> str:
    if raw in choices.values:
        return raw
    for value, label in choices.choices:
        if raw == str(label):
            return value
    if field == "nature":  # the kernel's Chinese labels: 新开工, 续建, 前期, 竣工投产
        from taizhang.core.projectmetrics import NATURE_LABELS

        for nature, label in NATURE_LABELS.items():
            if raw == label:
                return nature.value
    raise ValidationError({field: message})


def _county(raw: str) -> Unit:
    raw = raw.strip()
    units = Unit.objects.filter(kind__in=services.LOCATION_KINDS)
    query = Q(code=raw) | Q(short_name=raw) | Q(name=raw)
    if raw.isdigit():
        query |= Q(pk=int(raw))
    unit = units.filter(query).first()
    if unit is None:
        raise ValidationError(
            {"county": _("County: no county-level unit or development zone “%(value)s”.") % {"value": raw}}
        )
    return unit


def _project_or_404(user, project_id: int) -> Project:
    project = selectors.visible_projects(user).filter(pk=project_id).first()
    if project is None:
        raise Http404(_("No such project."))
    return project


def _report_or_404(user, report_id: int) -> ProjectReport:
    report = (
        ProjectReport.objects.for_user(user)
        .filter(pk=report_id, is_archived=False)
        .select_related("project")
        .first()
    )
    if report is None:
        raise Http404(_("No such project report."))
    return report


@router.get("/projects", response={200: list[ProjectRead], 422: ErrorRead}, summary="Key projects")
def list_projects(request, filters: Query[ProjectFilters]):
    """The projects the user may see on a year's list, each with its light, reasons, 投资完成率 and 序时."""
    year, period = _year_and_period(filters.year, filters.period)
    projects = selectors.visible_projects(request.user, year)
    if filters.county:
        projects = projects.filter(location=_county(filters.county))
    if filters.nature:
        nature = _choice(
            "nature",
            filters.nature,
            Nature,
            _("Nature: choose new, continuing, preparatory or completed."),
        )
        projects = projects.filter(nature=nature)
    if filters.level:
        level = _choice("level", filters.level, Level, _("Level: choose province, city or county."))
        projects = projects.filter(level=level)
    if filters.tag:
        projects = projects.filter(tags__name=filters.tag.strip())
    if filters.light and filters.light not in LIGHTS:
        raise ValidationError({"light": _("Light: choose green, yellow or red.")})
    states = selectors.project_states(projects, period)
    if filters.light:
        states = [s for s in states if s.light.light.value == filters.light]
    curve, thresholds = selectors.schedule_curve(), selectors.project_thresholds()
    return [ProjectRead.of(s, period, curve, thresholds) for s in states]


@router.get(
    "/projects/rollup",
    response={200: ProjectRollupRead, 422: ErrorRead},
    summary="Rates and counts for a period: total and by county",
)
def project_rollup(request, filters: Query[RollupFilters]):
    """开工率 (both bases), 开复工率, 竣工率, 投资完成率 against 序时, 三个一批 rates and lights, over the
    projects the user may see: the total and each county-level unit."""
    year, period = _year_and_period(filters.year, filters.period)
    states = selectors.project_states(selectors.visible_projects(request.user, year), period)
    result = selectors.rollup(states, period, keys=("county",))
    by_unit: dict[int, list] = {}
    for state in states:
        by_unit.setdefault(state.project.location_id, []).append(state)
    counties = []
    for unit in Unit.objects.filter(pk__in=by_unit).order_by("order", "code"):
        summary = result.groups["county"][unit.short_name or unit.name]
        counties.append(
            {
                "id": unit.pk,
                "code": unit.code,
                "name": unit.short_name or unit.name,
                **RatesSummaryRead.of(summary, by_unit[unit.pk]),
            }
        )
    return {
        "period": period,
        "period_label": schedule.period_label(*schedule.parse_period(period)),
        "curve_label": result.curve_label,
        "total": RatesSummaryRead.of(result.total, states),
        "by_county": counties,
        "demo_data": any(s.project.is_demo for s in states),
    }


@router.get(
    "/projects/{project_id}",
    response={200: ProjectDetailRead, 404: ErrorRead, 422: ErrorRead},
    summary="One project with its monthly course against 序时 and its reports",
)
def get_project(request, project_id: int, period: str | None = None):
    project = _project_or_404(request.user, project_id)
    year, period = _year_and_period(project.year, period)
    (state,) = selectors.project_states([project], period)
    curve, thresholds = selectors.schedule_curve(), selectors.project_thresholds()
    _year, last = schedule.parse_period(period)
    reports = list(
        ProjectReport.objects.for_user(request.user)
        .filter(project=project, is_archived=False)
        .select_related("project")
        .order_by("period")
    )
    course, cumulative = [], None
    approved = {r.period: r for r in reports if r.state == "approved"}
    for month in range(1, last + 1):
        key = schedule.period_str(year, month)
        if key in approved:
            cumulative = approved[key].cumulative_investment
        expected = expected_for(project, year, month, curve, thresholds) if project.annual_plan else None
        completion = (
            float(cumulative / project.annual_plan * 100) if project.annual_plan and cumulative else None
        )
        course.append(
            {
                "period": key,
                "cumulative_investment": float(cumulative) if cumulative is not None else None,
                "completion": float(schedule.round1(completion)) if completion is not None else None,
                "expected": float(schedule.round1(expected)) if expected is not None else None,
            }
        )
    return {
        **ProjectRead.of(state, period, curve, thresholds),
        "content": project.content,
        "image_progress": project.image_progress,
        "start_year": project.start_year,
        "end_year": project.end_year,
        "procedures": {field: getattr(project, field) for field, _label in PROCEDURES},
        "leader": project.leader,
        "responsible_unit_id": project.responsible_unit_id,
        "responsible_person": project.responsible_person,
        "signed": project.signed,
        "expected_output": float(project.expected_output) if project.expected_output is not None else None,
        "actual_output": float(project.actual_output) if project.actual_output is not None else None,
        "course": course,
        "reports": [ProjectReportRead.of(r) for r in reversed(reports)],
    }


@router.post(
    "/projects/{project_id}/reports",
    response={200: ProjectReportRead, **ERRORS},
    summary="Save this period's report as a draft",
)
def save_report(request, project_id: int, payload: ProjectReportWrite):
    project = _project_or_404(request.user, project_id)
    data = payload.dict()
    period = data.pop("period").strip()
    if not period:
        raise ValidationError({"period": _("Period: required (YYYY-MM).")})
    report = services.save_project_report(actor=request.user, project=project, period=period, data=data)
    return ProjectReportRead.of(report)


@router.get(
    "/project-reports/{report_id}",
    response={200: ProjectReportRead, 404: ErrorRead},
    summary="One project report",
)
def get_report(request, report_id: int):
    return ProjectReportRead.of(_report_or_404(request.user, report_id))


@router.post(
    "/project-reports/{report_id}/submit", response={200: ProjectReportRead, **ERRORS}, summary="Submit"
)
def submit(request, report_id: int, payload: SubmitWrite | None = None):
    report = workflow.submit(
        actor=request.user,
        report=_report_or_404(request.user, report_id),
        note=payload.note if payload else "",
    )
    return ProjectReportRead.of(report)


@router.post(
    "/project-reports/{report_id}/approve", response={200: ProjectReportRead, **ERRORS}, summary="Approve"
)
def approve(request, report_id: int, payload: ReviewWrite | None = None):
    report = workflow.approve(
        actor=request.user,
        report=_report_or_404(request.user, report_id),
        comment=payload.comment if payload else "",
    )
    return ProjectReportRead.of(report)


@router.post(
    "/project-reports/{report_id}/return",
    response={200: ProjectReportRead, **ERRORS},
    summary="Return for revision, with a reason",
)
def return_for_revision(request, report_id: int, payload: ReturnWrite):
    report = workflow.return_for_revision(
        actor=request.user, report=_report_or_404(request.user, report_id), reason=payload.reason
    )
    return ProjectReportRead.of(report)
