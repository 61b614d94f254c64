"""Key-project pages (重点项目): the list with its filters and counts, a project's page with its monthly curve
against 序时, the master-record form, the monthly report form (填报) and the report page with its review.

Access as everywhere (CONTRIBUTING.md rule 1): rows from ``for_user`` (another county's project is a 404),
steps from ``core.access`` (a step the role may not take is a 403). Writes go through projects.services and
the one review workflow (ledgers.workflow, through ledgers.views.run_workflow_step). Figures, lights and
their reasons come from the metrics kernel (core.projectmetrics) through projects.selectors.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from taizhang.accounts.models import Unit
from taizhang.audit.selectors import object_events, object_history
from taizhang.core import schedule
from taizhang.core.access import Action, allows, require, require_own_unit, require_unit_editor
from taizhang.core.htmx import is_htmx
from taizhang.core.projectmetrics import NATURE_LABELS, investment_progress, project_light
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.forms import attach_errors, number_display
from taizhang.ledgers.selectors import period_choices, period_label_of
from taizhang.ledgers.views import (
    draft_saved_or_submitted,
    history_context,
    may_act_for_unit,
    review_flags,
    workflow_step_views,
)
from taizhang.plans.forms import ArchiveForm
from taizhang.projects.choices import PROCEDURES
from taizhang.projects.forms import GROUPS, ProjectFilterForm, ProjectForm, ProjectReportForm
from taizhang.projects.models import Project, ProjectReport
from taizhang.projects.selectors import (
    ProjectState,
    default_project_period,
    project_states,
    project_thresholds,
    project_years,
    schedule_curve,
    visible_projects,
)
from taizhang.projects.services import (
    LOCATION_KINDS,
    archive_project,
    check_report_period,
    create_project,
    facts_of,
    save_project_report,
    update_project,
)

# --------------------------------------------------------------------------------------------------
# Display helpers
# --------------------------------------------------------------------------------------------------


def money(value) -> str:
    """万元 as a person writes it: 1200.00 → "1200"; None → "—"."""
    return number_display(value)


def pct(value) -> str:
    rounded = schedule.round1(value)
    return "—" if rounded is None else f"{rounded}%"


def month_of(day) -> str:
    return "—" if day is None else f"{day.year}年{day.month}月"


@dataclass
class WhatIf:
    """How a project stands in a period with a given 1–m月 cumulative (the kernel's judgement)."""

    completion: str
    expected: str
    gap: str
    light: object  # core.projectmetrics.ProjectLight
    curve_label: str


def what_if(project: Project, period: str, cumulative: Decimal | None) -> WhatIf:
    """The kernel's light and rate for the project if ``cumulative`` were its approved 1–m月 figure.

    The 序时 and gap are the ones the light was judged on (a 新开工 project is measured from its planned
    start month), so the figures beside a light always explain it."""
    year, month = schedule.parse_period(period)
    thresholds, curve = project_thresholds(), schedule_curve()
    facts = facts_of(project, cumulative)
    light = project_light(facts, year, month, thresholds, curve=curve)
    if light.schedule_percent is None:  # not judged: no plan, or before its planned start month
        rate = investment_progress([facts], month, curve=curve, thresholds=thresholds).rate
        return WhatIf(pct(rate.percent), "—", "—", light, curve.label)
    return WhatIf(
        completion=pct(light.investment_percent),
        expected=pct(light.schedule_percent),
        gap=schedule.format_pp(light.gap_pp),
        light=light,
        curve_label=light.schedule_basis,
    )


def row_display(state: ProjectState, period: str, *, can_fill: bool) -> dict:
    """One project's standing in a period, every figure formatted for the list's table row."""
    project = state.project
    figures = what_if(project, period, state.cumulative)
    latest = state.report.image_progress if state.report and state.report.image_progress else ""
    light = state.light
    return {
        "project": project,
        "state": state,
        "light": light,
        "first_reason": (light.reasons or light.notes or [""])[0],
        "all_reasons": "；".join(light.reasons + light.notes),
        "annual_plan": money(project.annual_plan),
        "cumulative": money(state.cumulative),
        "completion": figures.completion,
        "expected": figures.expected,
        "gap": figures.gap,
        "planned_start": month_of(project.planned_start),
        "actual_start": month_of(project.actual_start),
        "image_progress": latest or project.image_progress,
        "current": state.current,
        "can_fill": can_fill,
    }


def _may_fill(user, project: Project, period: str, current, *, today) -> bool:
    """Whether this user may open the report form of this project for the period (the 填报 button)."""
    if project.is_archived or not may_act_for_unit(user, Action.REPORT, project.location_id):
        return False
    if current is not None and not current.is_editable:
        return False
    try:
        check_report_period(project, period, today=today)
    except ValidationError:
        return False
    return True


def _may_edit_project(user, project: Project) -> bool:
    try:
        require_unit_editor(user, project.location_id)
    except PermissionDenied:
        return False
    return not project.is_archived


def _may_create(user) -> bool:
    """督查/管理员 create anywhere; a 填报员 of a county or the zone creates in their own county."""
    if allows(user, Action.MANAGE):
        return True
    return allows(user, Action.REPORT) and user.unit is not None and user.unit.kind in LOCATION_KINDS


def _resolve_period(request, *, today, year: int | None = None) -> tuple[int, str, str | None]:
    """The year and period a page shows: ``?period=`` when usable, else the newest period with an approved
    report of ``?year=`` (or ``year``); plus an error to show, if any."""
    error = None
    raw_year = (request.GET.get("year") or "").strip()
    if year is None:
        year = int(raw_year) if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100 else None
    raw = (request.GET.get("period") or "").strip()
    if raw:
        try:
            y, m = schedule.parse_period(raw)
            if schedule.is_future_period(y, m, today=today):
                raise ValueError(_("Period: %(period)s has not started yet.") % {"period": raw})
            if year is not None and y != year:
                raise ValueError(
                    _("Period: %(period)s is outside the list year %(year)s.") % {"period": raw, "year": year}
                )
            return y, schedule.period_str(y, m), None
        except ValueError as exc:
            error = str(exc)
    if year is None:
        years = project_years()
        year = years[0] if years else today.year
    period = default_project_period(year, today=today)
    if not period.startswith(f"{year}-"):  # nothing approved in that year yet
        last = 12 if year < today.year else max(today.month - 1, 1)
        period = schedule.period_str(year, last)
    return year, period, error


# --------------------------------------------------------------------------------------------------
# The project list
# --------------------------------------------------------------------------------------------------


def _filtered(request, today):
    """The list's filters applied: (year, period, period error, filter form, project states)."""
    user = request.user
    require(user, Action.VIEW)
    year, period, period_error = _resolve_period(request, today=today)
    projects = visible_projects(user, year)
    filters = ProjectFilterForm(request.GET or None, projects=projects)
    if location := filters.value("location"):
        projects = projects.filter(location=location)
    for field in ("nature", "level", "category", "cluster"):
        if value := filters.value(field):
            projects = projects.filter(**{field: value})
    if tag := filters.value("tag"):
        projects = projects.filter(tags=tag)
    if leader := filters.value("leader"):
        projects = (
            projects.exclude(leader="")
            if leader == ProjectFilterForm.ANY_LEADER
            else projects.filter(leader=leader)
        )
    if q := (filters.value("q") or "").strip():
        projects = projects.filter(Q(name__icontains=q) | Q(owner__icontains=q) | Q(code__icontains=q))
    # dispatch-sheet order: county by county, then by code
    projects = projects.order_by("location__order", "location__name", "code", "name")
    states = project_states(projects, period)
    if light := filters.value("light"):
        states = [s for s in states if s.light.light == light]
    if filters.value("missing"):
        states = [s for s in states if not s.reported]
    return year, period, period_error, filters, states


def project_list(request):
    today = timezone.localdate()
    user = request.user
    year, period, period_error, filters, states = _filtered(request, today)
    rows = [
        row_display(s, period, can_fill=_may_fill(user, s.project, period, s.current, today=today))
        for s in states
    ]
    lights = Counter(s.light.light.value for s in states)
    natures = Counter(s.project.nature for s in states)
    context = {
        "nav": "projects",
        "year": year,
        "years": sorted({*project_years(), year}, reverse=True),
        "period": period,
        "period_label": period_label_of(period),
        "period_error": period_error,
        "periods": period_choices(year, today=today, keep=period),
        "filters": filters,
        "rows": rows,
        "counts": {
            "total": len(states),
            "green": lights["green"],
            "yellow": lights["yellow"],
            "red": lights["red"],
            "missing": sum(1 for s in states if not s.reported),
        },
        "natures": [(label, natures[nature.value]) for nature, label in NATURE_LABELS.items()],
        "curve_label": schedule_curve().label,
        "is_demo": any(s.project.is_demo for s in states),
        "can_create": _may_create(user),
    }
    template = "projects/_project_results.html" if is_htmx(request) else "projects/project_list.html"
    return render(request, template, context)


def project_export(request):
    """The filtered list as the dispatch sheet (重点项目调度表) in the layout people use."""
    from taizhang.projects.exports import dispatch_workbook  # written beside this app; loaded when used

    _year, period, _error, _filters, states = _filtered(request, timezone.localdate())
    content = dispatch_workbook(states, period, demo=any(s.project.is_demo for s in states))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = _("Key projects %(period)s.xlsx") % {"period": period}
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# --------------------------------------------------------------------------------------------------
# A project's page
# --------------------------------------------------------------------------------------------------


def _visible_project(user, pk: int) -> Project:
    return get_object_or_404(
        Project.objects.for_user(user).select_related("location", "responsible_unit", "archived_by"), pk=pk
    )


def project_curve(project: Project, period: str, reports) -> dict:
    """The project's month-by-month course: approved 1–m月 cumulative as % of the annual plan against the
    序时 curve of the year (linear or seasonal, as configured), and each month's approved investment."""
    year, month = schedule.parse_period(period)
    curve = schedule_curve()
    approved = {r.period: r for r in reports if r.state == ReportState.APPROVED and r.period <= period}
    months, actual, expected, monthly = [], [], [], []
    last = None
    previous_cumulative = None
    for m in range(1, 13):
        key = schedule.period_str(year, m)
        months.append(f"{m}月")
        expected.append(float(schedule.round1(curve.progress(m))))
        report = approved.get(key)
        if m > month:
            actual.append(None)
            monthly.append(None)
            continue
        if report is not None and report.cumulative_investment is not None:
            last = report.cumulative_investment
            amount = report.month_investment
            if amount is None and previous_cumulative is not None:
                amount = report.cumulative_investment - previous_cumulative
            elif amount is None and m == 1:
                amount = report.cumulative_investment
            monthly.append(None if amount is None else float(amount))
            previous_cumulative = report.cumulative_investment
        else:
            monthly.append(None)
        if last is None or not project.annual_plan:
            actual.append(None)
        else:
            actual.append(float(schedule.round1(last / project.annual_plan * 100)))
    return {
        "months": months,
        "expected": expected,
        "actual": actual,
        "monthly": monthly,
        "curve_label": curve.label,
        "has_plan": bool(project.annual_plan),
    }


def _field_rows(project: Project) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every master field, grouped as on dispatch sheets, displayed (前期手续 as ticks: see the template)."""
    procedures = {name for name, _label in PROCEDURES}
    groups = []
    for legend, names in GROUPS:
        if set(names) <= procedures:
            continue
        rows = []
        for name in names:
            field = Project._meta.get_field(name)
            if name == "tags":
                value = "、".join(t.name for t in project.tags.all()) or "—"
            elif field.choices:
                value = getattr(project, f"get_{name}_display")()
            elif name in {
                "total_investment",
                "invested_before",
                "annual_plan",
                "expected_output",
                "actual_output",
            }:
                amount = getattr(project, name)
                value = "—" if amount is None else _("%(amount)s (10k yuan)") % {"amount": money(amount)}
            else:
                value = getattr(project, name)
                if isinstance(value, bool):
                    value = _("Yes") if value else _("No")
                elif value is None or value == "":
                    value = "—"
                elif hasattr(value, "isoformat"):
                    value = value.isoformat()
            rows.append((str(field.verbose_name), str(value)))
        groups.append((str(legend), rows))
    return groups


def _merged_history(project: Project, reports) -> dict:
    """The project's history and its reports' workflow steps, newest first, in one history section."""
    events = object_events(project)
    for report in reports:
        for event in object_events(report):
            event.reason = (
                f"{period_label_of(report.period)} · {event.reason}" if event.reason else event.reason
            )
            events.append(event)
    events.sort(key=lambda e: e.at, reverse=True)
    return {"history": object_history(project), "events": events}


def _project_page(request, project: Project, *, archive_form: ArchiveForm | None = None):
    user = request.user
    today = timezone.localdate()
    _year, period, period_error = _resolve_period(request, today=today, year=project.year)
    state = project_states([project], period)[0]
    reports = list(
        ProjectReport.objects.for_user(user)
        .filter(project=project, is_archived=False)
        .select_related("submitted_by", "reviewed_by")
        .order_by("period")
    )
    figures = what_if(project, period, state.cumulative)
    can_manage = allows(user, Action.MANAGE) and not project.is_archived
    return render(
        request,
        "projects/project_detail.html",
        {
            "nav": "projects",
            "project": project,
            "period": period,
            "period_label": period_label_of(period),
            "period_error": period_error,
            "periods": period_choices(project.year, today=today, keep=period),
            "state": state,
            "light": state.light,
            "figures": figures,
            "cumulative": money(state.cumulative),
            "groups": _field_rows(project),
            "procedures": [(label, getattr(project, name)) for name, label in PROCEDURES],
            "curve": project_curve(project, period, reports),
            "reports": [
                {
                    "report": r,
                    "period_label": period_label_of(r.period),
                    "month": money(r.month_investment),
                    "cumulative": money(r.cumulative_investment),
                }
                for r in reversed(reports)
            ],
            "can_fill": _may_fill(user, project, period, state.current, today=today),
            "can_edit": _may_edit_project(user, project),
            "can_archive": can_manage,
            "archive_form": archive_form or ArchiveForm(auto_id="id_archive_%s"),
            **_merged_history(project, reports),
        },
    )


def project_detail(request, pk: int):
    require(request.user, Action.VIEW)
    return _project_page(request, _visible_project(request.user, pk))


# --------------------------------------------------------------------------------------------------
# The master record: new, edit, archive
# --------------------------------------------------------------------------------------------------


def _fixed_location(user) -> Unit | None:
    """A county's 填报员 records projects of their own county only."""
    return None if allows(user, Action.MANAGE) else user.unit


@require_http_methods(["GET", "POST"])
def project_create(request):
    user = request.user
    if not _may_create(user):
        raise PermissionDenied(_("Your role may not do this."))
    fixed = _fixed_location(user)
    context = {"nav": "projects", "fixed_location": fixed}
    if request.method == "GET":
        years = project_years()
        initial = {"year": years[0] if years else timezone.localdate().year, "location": None}
        form = ProjectForm(fixed_location=fixed, initial=initial)
        return render(request, "projects/project_form.html", context | {"form": form})
    form = ProjectForm(request.POST, fixed_location=fixed)
    if form.is_valid():
        try:
            project = create_project(actor=user, year=form.cleaned_data["year"], data=form.service_data())
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Project “%(name)s” created.") % {"name": project.name})
            return redirect(project)
    messages.error(request, _("Nothing was saved: please correct the marked fields."))
    return render(request, "projects/project_form.html", context | {"form": form})


@require_http_methods(["GET", "POST"])
def project_edit(request, pk: int):
    user = request.user
    project = _visible_project(user, pk)
    require_unit_editor(user, project.location_id)
    if project.is_archived:
        messages.error(request, _("This project is archived."))
        return redirect(project)
    fixed = _fixed_location(user)
    context = {"nav": "projects", "project": project, "fixed_location": fixed}
    if request.method == "GET":
        form = ProjectForm(project=project, fixed_location=fixed, initial=ProjectForm.initial_for(project))
        return render(request, "projects/project_form.html", context | {"form": form})
    form = ProjectForm(request.POST, project=project, fixed_location=fixed)
    if form.is_valid():
        try:
            update_project(
                actor=user, project=project, data=form.service_data(), reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
            project.refresh_from_db()
        else:
            messages.success(request, _("Project “%(name)s” updated.") % {"name": project.name})
            return redirect(project)
    messages.error(request, _("Nothing was saved: please correct the marked fields."))
    return render(request, "projects/project_form.html", context | {"form": form})


@require_POST
def project_archive(request, pk: int):
    user = request.user
    project = _visible_project(user, pk)
    require(user, Action.MANAGE)
    if project.is_archived:
        messages.info(request, _("This project is archived."))
        return redirect(project)
    form = ArchiveForm(request.POST, auto_id="id_archive_%s")
    form.is_valid()
    try:
        archive_project(actor=user, project=project, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        attach_errors(form, exc)
        messages.error(request, _("Nothing was saved: please correct the marked fields."))
        return _project_page(request, _visible_project(user, pk), archive_form=form)
    messages.success(
        request,
        _("Project “%(name)s” archived: it no longer appears in the list or the counts.")
        % {"name": project.name},
    )
    return redirect(project)


# --------------------------------------------------------------------------------------------------
# 填报: a project's monthly report
# --------------------------------------------------------------------------------------------------


def _whatif_context(project: Project, period: str, raw) -> dict:
    """The what-if line for a typed 1–m月 cumulative (blank or unreadable: nothing to say)."""
    try:
        cumulative = Decimal(str(raw).strip().replace(",", "").replace("，", ""))
    except (ArithmeticError, ValueError):
        return {"whatif": None}
    if not cumulative.is_finite() or cumulative < 0:
        return {"whatif": None}
    return {"whatif": what_if(project, period, cumulative)}


def _report_context(request, *, project, period, report, previous, form) -> dict:
    return {
        "nav": "projects",
        "project": project,
        "period": period,
        "period_label": period_label_of(period),
        "report": report,
        "previous": previous,
        "previous_label": period_label_of(previous.period) if previous is not None else "",
        "previous_cumulative": money(previous.cumulative_investment) if previous is not None else "—",
        "annual_plan": money(project.annual_plan),
        "form": form,
        "is_returned": report is not None and report.state == ReportState.RETURNED,
        "edit_url": request.path,
        **_whatif_context(project, period, form["cumulative_investment"].value() or ""),
    }


@require_http_methods(["GET", "POST"])
def project_report_edit(request, pk: int, period: str):
    user = request.user
    project = _visible_project(user, pk)
    require(user, Action.REPORT)
    require_own_unit(user, project.location_id)
    today = timezone.localdate()
    if is_htmx(request) and request.method == "GET" and "cumulative_investment" in request.GET:
        context = {"project": project} | _whatif_context(
            project, period, request.GET["cumulative_investment"]
        )
        return render(request, "projects/_whatif.html", context)
    report = (
        ProjectReport.objects.filter(project=project, period=period).select_related("reviewed_by").first()
    )
    if report is not None and not report.is_editable:
        messages.info(
            request,
            _("This report is %(state)s and can no longer be edited.")
            % {"state": report.get_state_display()},
        )
        return redirect(report)
    if project.is_archived:
        messages.error(request, _("This project is archived."))
        return redirect(project)
    try:
        check_report_period(project, period, today=today)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(project)

    # 为基层减负: start from the last report so the clerk changes what changed instead of retyping it.
    previous = (
        ProjectReport.objects.filter(project=project, period__lt=period, is_archived=False)
        .filter(period__gte=schedule.period_str(project.year, 1))
        .order_by("-period")
        .first()
    )
    if request.method == "GET":
        initial = ProjectReportForm.initial_from(report or previous)
        if report is not None:
            initial["month_investment"] = (
                "" if report.month_investment is None else money(report.month_investment)
            )
        form = ProjectReportForm(initial=initial)
        return render(
            request,
            "projects/report_form.html",
            _report_context(
                request, project=project, period=period, report=report, previous=previous, form=form
            ),
        )

    form = ProjectReportForm(data=request.POST)
    form.is_valid()
    try:
        report = save_project_report(
            actor=user, project=project, period=period, data=request.POST, today=today
        )
    except ValidationError as exc:
        attach_errors(form, exc)
        messages.error(request, _("Nothing was saved: please correct the marked fields."))
        report = ProjectReport.objects.filter(project=project, period=period).first()
        return render(
            request,
            "projects/report_form.html",
            _report_context(
                request, project=project, period=period, report=report, previous=previous, form=form
            ),
        )
    return draft_saved_or_submitted(
        request,
        report=report,
        form=form,
        rerender=lambda report: render(
            request,
            "projects/report_form.html",
            _report_context(
                request, project=project, period=period, report=report, previous=previous, form=form
            ),
        ),
    )


# --------------------------------------------------------------------------------------------------
# Reading a project report, and its workflow steps
# --------------------------------------------------------------------------------------------------


def _project_reports_for(user):
    return ProjectReport.objects.for_user(user).select_related(
        "project",
        "project__location",
        "unit",
        "created_by",
        "submitted_by",
        "reviewed_by",
    )


def report_detail(request, pk: int):
    user = request.user
    require(user, Action.VIEW)
    report = get_object_or_404(_project_reports_for(user), pk=pk)
    project = report.project
    state = project_states([project], report.period)[0]
    preview = None
    if report.state != ReportState.APPROVED and report.cumulative_investment is not None:
        preview = what_if(project, report.period, report.cumulative_investment)
    context = {
        "nav": "projects",
        "report": report,
        "project": project,
        "period_label": period_label_of(report.period),
        "month": money(report.month_investment),
        "cumulative": money(report.cumulative_investment),
        "annual_plan": money(project.annual_plan),
        "state": state,
        "figures": what_if(project, report.period, state.cumulative),
        "preview": preview,
        **review_flags(user, report, subject_archived=project.is_archived),
        **history_context(report),
    }
    return render(request, "projects/report_detail.html", context)


project_report_submit, project_report_approve, project_report_return = workflow_step_views(
    _project_reports_for
)
