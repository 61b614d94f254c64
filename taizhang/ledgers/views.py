"""Report pages: fill in a task's report (填报), read it, move it through review (审核), evidence files.

Access: `core.access` decides what a role may do, `for_user` which rows a user may see (another
unit's report is a 404, a step the role may not take a 403); every write goes through
`ledgers.services` or `ledgers.workflow`. The display helpers at the top are shared with the plan
pages, which show the same task states.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from taizhang.audit.selectors import object_events, object_history
from taizhang.core import indicators as indicator_kernel
from taizhang.core import schedule
from taizhang.core.access import Action, allows, require, require_own_unit
from taizhang.core.htmx import is_htmx
from taizhang.core.thresholds import current_thresholds
from taizhang.ledgers import workflow
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.forms import ReportForm, attach_errors, input_number, number_display
from taizhang.ledgers.models import Evidence, ProgressReport
from taizhang.ledgers.selectors import (
    TaskState,
    evaluate_task,
    evaluate_tasks,
    period_label_of,
    tasks_for_status,
)
from taizhang.ledgers.services import add_evidence, archive_evidence, check_period, save_report
from taizhang.plans.choices import TargetKind
from taizhang.plans.models import Task

# --------------------------------------------------------------------------------------------------
# Display helpers (also used by plans.views)
# --------------------------------------------------------------------------------------------------


def target_display(task: Task) -> str:
    if task.target_kind == TargetKind.MILESTONE:
        return _("By milestones")
    return f"{number_display(task.target_value)}{task.target_unit}"


def report_figure(report: ProgressReport | None) -> str:
    """The figure a report gives: % complete for milestone tasks, else the cumulative value with its unit."""
    if report is None:
        return "—"
    if report.task.target_kind == TargetKind.MILESTONE:
        return "—" if report.percent_complete is None else f"{number_display(report.percent_complete)}%"
    if report.cumulative_value is None:
        return "—"
    return f"{number_display(report.cumulative_value)}{report.task.target_unit}"


def derived_figure(state: TaskState) -> str:
    """A task's actual taken from an indicator or a count (report once): no report behind it."""
    value = state.derived.value
    if value is None:
        return "—"
    unit = "%" if state.task.target_kind == TargetKind.GROWTH_PP else state.task.target_unit
    return f"{number_display(value)}{unit}"


def pct_display(value) -> str:
    rounded = schedule.round1(value)
    return "—" if rounded is None else f"{rounded}%"


def state_display(state: TaskState) -> dict:
    """One task's evaluation for a period, every figure already formatted for a table row."""
    evaluation = state.evaluation
    judged = state.approved  # the judgement that goes with the approved figure beside it (as in the export)
    return {
        "task": state.task,
        "state": state,
        "evaluation": evaluation,
        "missing": state.missing,
        "current": state.current,
        "approved": state.approved,
        "target": target_display(state.task),
        "actual": report_figure(state.approved) if state.derived is None else derived_figure(state),
        "completion": pct_display(evaluation.completion),
        "expected": pct_display(evaluation.expected),
        "gap": schedule.format_pp(evaluation.gap_pp),
        "judgement": judged.get_confidence_display() if judged is not None else "",
        "judgement_value": judged.confidence if judged is not None else "",
    }


def history_context(obj) -> dict:
    """What includes/history.html needs: field changes (simple-history) and workflow steps (AuditEvent)."""
    return {"history": object_history(obj), "events": object_events(obj)}


def may_act_for_unit(user, action: Action, unit_id: int | None) -> bool:
    """Whether the role allows `action` and the object's unit is the user's (the same rule services apply)."""
    if not allows(user, action):
        return False
    try:
        require_own_unit(user, unit_id)
    except PermissionDenied:
        return False
    return True


def back_to(request, default: str) -> str:
    """Where to go after a POST: a same-site `next`, else `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _reports_for(user, action: Action | str = Action.VIEW):
    return ProgressReport.objects.for_user(user, action).select_related(
        "task",
        "task__plan",
        "task__lead_unit",
        "task__area",
        "unit",
        "created_by",
        "submitted_by",
        "reviewed_by",
    )


def _evidence_for(user):
    """Active evidence whose report the user may see (evidence has no unit of its own: it follows its report)."""
    return Evidence.objects.filter(
        is_archived=False, report__in=ProgressReport.objects.for_user(user)
    ).select_related("report", "report__task")


# --------------------------------------------------------------------------------------------------
# 填报: create or edit this task's report for a period
# --------------------------------------------------------------------------------------------------


def _initial_from(report: ProgressReport | None) -> dict:
    if report is None:
        return {}
    return {
        "cumulative_value": input_number(report.cumulative_value),
        "percent_complete": input_number(report.percent_complete),
        "progress": report.progress,
        "problems": report.problems,
        "next_steps": report.next_steps,
        "confidence": report.confidence,
    }


def _edit_context(request, *, task, period, report, previous, form) -> dict:
    evidence = list(report.evidence.filter(is_archived=False)) if report is not None else []
    return {
        "nav": "tasks",
        "task": task,
        "period": period,
        "period_label": period_label_of(period),
        "report": report,
        "previous": previous,
        "previous_label": period_label_of(previous.period) if previous is not None else "",
        "form": form,
        "evidence": evidence,
        "accept": ",".join(f".{ext}" for ext in settings.EVIDENCE_EXTENSIONS),
        "extensions": ", ".join(settings.EVIDENCE_EXTENSIONS),
        "max_mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
        "target": target_display(task),
        "is_returned": report is not None and report.state == ReportState.RETURNED,
        "edit_url": request.path,
    }


@require_http_methods(["GET", "POST"])
def report_edit(request, task_pk: int, period: str):
    user = request.user
    task = get_object_or_404(
        Task.objects.for_user(user).select_related("plan", "lead_unit", "area"), pk=task_pk
    )
    require(user, Action.REPORT)
    require_own_unit(user, task.lead_unit_id)
    today = timezone.localdate()
    report = ProgressReport.objects.filter(task=task, period=period).select_related("reviewed_by").first()
    if report is not None and not report.is_editable:
        messages.info(
            request,
            _("This report is %(state)s and can no longer be edited.")
            % {"state": report.get_state_display()},
        )
        return redirect(report)
    try:
        check_period(task, period, today=today)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(task)

    previous = None
    if report is None:
        # 为基层减负: start from the last report so the clerk edits what changed instead of retyping it.
        previous = (
            ProgressReport.objects.filter(task=task, period__lt=period, is_archived=False)
            .order_by("-period")
            .first()
        )

    if request.method == "GET":
        form = ReportForm(task, initial=_initial_from(report or previous))
        return render(
            request,
            "ledgers/report_form.html",
            _edit_context(request, task=task, period=period, report=report, previous=previous, form=form),
        )

    form = ReportForm(task, data=request.POST)
    form.is_valid()
    files = request.FILES.getlist("file")
    stored: list[Evidence] = []
    try:
        with transaction.atomic():
            report = save_report(actor=user, task=task, period=period, data=request.POST)
            for uploaded in files:
                stored.append(add_evidence(actor=user, report=report, uploaded_file=uploaded))
    except ValidationError as exc:
        for evidence in stored:  # their rows were rolled back; do not leave their files behind
            evidence.file.storage.delete(evidence.file.name)
        attach_errors(form, exc)
        messages.error(
            request,
            _("Nothing was saved: please correct the marked fields.")
            + (" " + _("Choose the files again.") if files else ""),
        )
        report = ProgressReport.objects.filter(task=task, period=period).first()
        return render(
            request,
            "ledgers/report_form.html",
            _edit_context(request, task=task, period=period, report=report, previous=previous, form=form),
        )

    if files:
        messages.success(request, _("%(n)s evidence file(s) uploaded.") % {"n": len(files)})
    return draft_saved_or_submitted(
        request,
        report=report,
        form=form,
        rerender=lambda report: render(
            request,
            "ledgers/report_form.html",
            _edit_context(request, task=task, period=period, report=report, previous=None, form=form),
        ),
    )


def draft_saved_or_submitted(request, *, report, form, rerender, done_url: str | None = None):
    """After a report form saved its draft (a task's, a project's, an enterprise's figures, an indicator
    value): stay on the draft (保存草稿, or Enter in a field), or submit it through the one workflow and go to
    ``done_url`` (default: the report's own page); a report that cannot be submitted yet is shown again
    with the fields to complete marked (``rerender(report)``)."""
    if request.POST.get("action") != "submit":
        messages.success(request, _("Draft saved."))
        return redirect(request.get_full_path())  # keeps ?subject= of an indicator value's form
    try:
        workflow.submit(actor=request.user, report=report)
    except ValidationError as exc:
        attach_errors(form, exc)
        messages.warning(
            request, _("The draft was saved but not submitted: please complete the marked fields.")
        )
        report.refresh_from_db()
        return rerender(report)
    messages.success(request, _("Report submitted for review."))
    return redirect(done_url or report.get_absolute_url())


# --------------------------------------------------------------------------------------------------
# Reading a report, and the workflow steps
# --------------------------------------------------------------------------------------------------


def _preview(report: ProgressReport) -> schedule.Evaluation | None:
    """How the task would stand if this (not yet approved) report were approved."""
    task = report.task
    actual = report.percent_complete if task.target_kind == TargetKind.MILESTONE else report.cumulative_value
    if report.state == ReportState.APPROVED or actual is None:
        return None
    year, month = schedule.parse_period(report.period)
    return evaluate_task(task, actual, year, month, current_thresholds())  # the same rule as every page


def review_flags(user, report, *, subject_archived: bool = False) -> dict:
    """What a report's page offers ``user``, for every kind of report alike: edit (the unit's reporter, while
    the report is editable and neither it nor its task/project/enterprise/indicator is archived), review (the
    unit's reviewer, on a submitted report someone else wrote) and the note that a reviewer may not review what
    they wrote themselves."""
    writer = user.pk in {report.created_by_id, report.submitted_by_id}
    submitted = report.state == ReportState.SUBMITTED
    return {
        "can_edit": (
            may_act_for_unit(user, Action.REPORT, report.unit_id)
            and report.is_editable
            and not report.is_archived
            and not subject_archived
        ),
        "can_review": (
            may_act_for_unit(user, Action.REVIEW, report.unit_id)
            and not writer
            and submitted
            and not report.is_archived
        ),
        "reviewer_wrote_it": allows(user, Action.REVIEW) and writer and submitted,
    }


def report_detail(request, pk: int):
    user = request.user
    report = get_object_or_404(_reports_for(user), pk=pk)
    task = tasks_for_status(Task.objects.filter(pk=report.task_id)).get()
    report.task = task
    state = evaluate_tasks([task], report.period)[0]
    context = {
        "nav": "tasks",
        "report": report,
        "task": task,
        "period_label": period_label_of(report.period),
        "figure": report_figure(report),
        "evidence": report.evidence.filter(is_archived=False).select_related("uploaded_by"),
        "row": state_display(state),
        "preview": _preview(report),
        **review_flags(user, report),
        "edit_url": reverse("ledgers:report_edit", args=[task.pk, report.period]),
        **history_context(report),
    }
    return render(request, "ledgers/report_detail.html", context)


def _amount(value, unit: str) -> str:
    return "—" if value is None else f"{number_display(value)}{unit}"


def queue_item(report, **extra) -> dict:
    """One row of the review queue: a task report, a key project's monthly report, an enterprise's figures
    or an indicator value — the same workflow, each kind with its own page and approve URL."""
    from taizhang.enterprises.models import EnterpriseFigure  # these apps build on ledgers, not the reverse
    from taizhang.indicators.models import IndicatorValue

    kind = "task"
    period_label = period_label_of(report.period)
    if isinstance(report, ProgressReport):
        subject = f"{report.task.code} {report.task.title}"
        figure = report_figure(report)
        approve_url = reverse("ledgers:report_approve", args=[report.pk])
        detail_url = report.get_absolute_url()
        row_id = f"queue-{report.pk}"
    elif isinstance(report, EnterpriseFigure):
        kind = "enterprise"
        subject = f"{report.enterprise.name}（{report.enterprise.location}）"
        figure = " / ".join(
            [
                _("Revenue %(amount)s") % {"amount": _amount(report.revenue, "")},
                _("Output %(amount)s") % {"amount": _amount(report.output, "")},
            ]
        )
        approve_url = reverse("enterprises:figure_approve", args=[report.pk])
        detail_url = reverse("enterprises:figure_detail", args=[report.pk])
        row_id = f"queue-figure-{report.pk}"
    elif isinstance(report, IndicatorValue):
        kind = "indicator"
        subject = f"{report.indicator.name}（{report.subject or _('Whole city')}）"
        parts = []
        if report.amount is not None:
            parts.append(_amount(report.amount, report.indicator.unit))
        if report.growth is not None:
            parts.append(_("growth %(rate)s%%") % {"rate": number_display(report.growth)})
        figure = " · ".join(parts) or "—"
        approve_url = reverse("indicators:value_approve", args=[report.pk])
        detail_url = reverse("indicators:value_detail", args=[report.pk])
        row_id = f"queue-value-{report.pk}"
        try:  # as the statistics release prints it: "2025年前三季度"
            year, month = schedule.parse_period(report.period)
            period_label = indicator_kernel.published_label(report.indicator.spec, year, month)
        except ValueError:
            pass
    else:  # a ProjectReport: the same workflow, the project's own URLs
        kind = "project"
        project = report.project
        subject = f"{project.code} {project.name}".strip()
        figure = (
            "—"
            if report.cumulative_investment is None
            else _("%(amount)s (10k yuan)") % {"amount": number_display(report.cumulative_investment)}
        )
        approve_url = reverse("projects:project_report_approve", args=[report.pk])
        detail_url = report.get_absolute_url()
        row_id = f"queue-project-{report.pk}"
    return {
        "report": report,
        "subject": subject,
        "figure": figure,
        "period_label": period_label,
        "approve_url": approve_url,
        "detail_url": detail_url,
        "row_id": row_id,
        "kind": kind,
        "is_project": kind == "project",
        **extra,
    }


def queue_row(request, report, *, error: str = "", done: bool = False):
    """The review-queue row of one report, as HTMX swaps it in after a step."""
    return render(request, "ledgers/_queue_row.html", {"row": queue_item(report, error=error, done=done)})


def run_workflow_step(request, report, step: str, *, reload, detail_url: str | None = None):
    """Submit, approve or return one report through ledgers.workflow (every kind of report alike).

    ``reload(pk)`` reads the report again through the user's access check for the HTMX row; without a
    ``next``, the user goes back to ``detail_url`` (default: the report's own page)."""
    user = request.user
    detail_url = detail_url or report.get_absolute_url()
    try:
        if step == "submit":
            report = workflow.submit(actor=user, report=report)
            done = _("Report submitted for review.")
        elif step == "approve":
            report = workflow.approve(
                actor=user, report=report, comment=request.POST.get("comment", "").strip()
            )
            done = _("Report approved.")
        else:
            report = workflow.return_for_revision(
                actor=user, report=report, reason=request.POST.get("reason", "")
            )
            done = _("Report returned to the reporting unit.")
    except ValidationError as exc:  # WorkflowError included: a step that does not fit the state
        problem = " ".join(exc.messages)
        if is_htmx(request):
            return queue_row(request, report, error=problem)
        messages.error(request, problem)
        return redirect(back_to(request, detail_url))
    if is_htmx(request):
        return queue_row(request, reload(report.pk), done=True)
    messages.success(request, done)
    return redirect(back_to(request, detail_url))


def workflow_step_views(reports_for):
    """The submit, approve and return POST views of one kind of report: ``reports_for(user)`` is the
    queryset the user may see (a report outside it is a 404); the step goes through run_workflow_step."""

    def view(step: str):
        @require_POST
        def handler(request, pk: int):
            user = request.user
            report = get_object_or_404(reports_for(user), pk=pk)
            return run_workflow_step(request, report, step, reload=lambda pk: reports_for(user).get(pk=pk))

        handler.__name__ = f"{step}_view"
        return handler

    return view("submit"), view("approve"), view("return")


def _workflow_step(request, pk: int, step: str):
    report = get_object_or_404(_reports_for(request.user), pk=pk)
    return run_workflow_step(request, report, step, reload=lambda pk: _reports_for(request.user).get(pk=pk))


@require_POST
def report_submit(request, pk: int):
    return _workflow_step(request, pk, "submit")


@require_POST
def report_approve(request, pk: int):
    return _workflow_step(request, pk, "approve")


@require_POST
def report_return(request, pk: int):
    return _workflow_step(request, pk, "return")


def review_queue(request):
    """Submitted reports of the reviewer's unit, oldest first: task reports, then key projects' reports,
    enterprises' figures and indicator values (each kind where its unit reviews it)."""
    from taizhang.enterprises.models import EnterpriseFigure  # these apps build on ledgers, not the reverse
    from taizhang.indicators.models import IndicatorValue
    from taizhang.projects.models import ProjectReport

    user = request.user
    require(user, Action.REVIEW)
    reports = (
        _reports_for(user, Action.REVIEW)
        .filter(state=ReportState.SUBMITTED, is_archived=False)
        .order_by("submitted_at", "pk")
    )
    project_reports = (
        ProjectReport.objects.for_user(user, Action.REVIEW)
        .filter(state=ReportState.SUBMITTED, is_archived=False)
        .select_related("project", "project__location", "unit", "created_by", "submitted_by")
        .order_by("submitted_at", "pk")
    )
    figures = (
        EnterpriseFigure.objects.for_user(user, Action.REVIEW)
        .filter(state=ReportState.SUBMITTED, is_archived=False)
        .select_related("enterprise", "enterprise__location", "unit", "created_by", "submitted_by")
        .order_by("submitted_at", "pk")
    )
    values = (
        IndicatorValue.objects.for_user(user, Action.REVIEW)
        .filter(state=ReportState.SUBMITTED, is_archived=False)
        .select_related("indicator", "subject", "unit", "created_by", "submitted_by")
        .order_by("submitted_at", "pk")
    )
    rows = [queue_item(r) for r in reports]
    project_rows = [queue_item(r) for r in project_reports]
    figure_rows = [queue_item(r) for r in figures]
    value_rows = [queue_item(r) for r in values]
    return render(
        request,
        "ledgers/review_queue.html",
        {
            "nav": "review",
            "rows": rows,
            "project_rows": project_rows,
            "figure_rows": figure_rows,
            "value_rows": value_rows,
            "others": bool(project_rows or figure_rows or value_rows),
        },
    )


# --------------------------------------------------------------------------------------------------
# Evidence (佐证材料): streamed through the access check, never served from MEDIA_URL
# --------------------------------------------------------------------------------------------------


def evidence_download(request, pk: int):
    evidence = get_object_or_404(_evidence_for(request.user), pk=pk)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("The file is missing from storage.")) from None
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name)


@require_POST
def evidence_archive(request, pk: int):
    evidence = get_object_or_404(_evidence_for(request.user), pk=pk)
    report = evidence.report
    try:
        archive_evidence(actor=request.user, evidence=evidence, reason=request.POST.get("reason", "").strip())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Evidence “%(name)s” withdrawn.") % {"name": evidence.original_name})
    default = (
        reverse("ledgers:report_edit", args=[report.task_id, report.period])
        if report.is_editable
        else report.get_absolute_url()
    )
    return redirect(back_to(request, default))


# --------------------------------------------------------------------------------------------------
# Report once (为基层减负): each unit's 填报清单 and the burden per unit
# --------------------------------------------------------------------------------------------------


def _checklist_period(request) -> tuple[str, str | None]:
    from taizhang.ledgers.selectors import current_plan, default_period

    default = default_period(current_plan())  # the ledger's year and newest reviewed month, not the clock's
    raw = (request.GET.get("period") or "").strip()
    if not raw:
        return default, None
    try:
        year, month = schedule.parse_period(raw)
    except ValueError as exc:
        return default, str(exc)
    if schedule.is_future_period(year, month, today=timezone.localdate()):
        return default, _("Period %(period)s has not started yet.") % {"period": raw}
    return schedule.period_str(year, month), None


def checklist(request):
    """What a unit must report for a period (填报清单): the user's own unit; 督查/领导/管理员 pick any with ?unit=."""
    from taizhang.accounts.models import Unit
    from taizhang.ledgers import dictionary
    from taizhang.ledgers.selectors import period_choices

    user = request.user
    require(user, Action.VIEW)
    unit = user.unit
    raw_unit = (request.GET.get("unit") or "").strip()
    if raw_unit:
        if not raw_unit.isdigit():
            raise Http404
        unit = get_object_or_404(Unit, pk=int(raw_unit), is_active=True)
        if not user.sees_all_units and unit.pk != user.unit_id:
            raise Http404
    period, period_error = _checklist_period(request)
    year, _month = schedule.parse_period(period)
    sheet = dictionary.checklist(unit, period) if unit is not None else None
    return render(
        request,
        "ledgers/checklist.html",
        {
            "nav": "checklist",
            "unit": unit,
            "period": period,
            "period_label": period_label_of(period),
            "period_error": period_error,
            "periods": period_choices(year, keep=period),
            "units": list(Unit.objects.filter(is_active=True)) if user.sees_all_units else [],
            "sheet": sheet,
            "derived": dictionary.DERIVED,
        },
    )


def burden(request):
    """Fields × frequency per unit (the reporting burden), for 督查/领导/管理员, with the data dictionary."""
    from taizhang.ledgers import dictionary
    from taizhang.ledgers.selectors import period_choices

    user = request.user
    require(user, Action.VIEW)
    if not user.sees_all_units:
        raise PermissionDenied(_("Only the supervision office, leaders and administrators see the burden."))
    period, period_error = _checklist_period(request)
    rows, total = dictionary.burden(period)
    return render(
        request,
        "ledgers/burden.html",
        {
            "nav": "checklist",
            "period": period,
            "period_label": period_label_of(period),
            "period_error": period_error,
            "periods": period_choices(schedule.parse_period(period)[0], keep=period),
            "rows": rows,
            "total": total,
            "total_per_month": round(total / 12, 1),
            "dictionary": dictionary.data_dictionary(period),
            "derived": dictionary.DERIVED,
        },
    )
