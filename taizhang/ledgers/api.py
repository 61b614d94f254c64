"""Progress reports over HTTP: list, save a draft, submit, approve, return; and the period's status rollup.

Every write goes through ledgers.services / ledgers.workflow, which check the role and the unit; rows a
user may not see are a 404. Errors are shaped by the handlers in taizhang/api.py.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from taizhang.core import schedule
from taizhang.dashboards.selectors import overview_for, rollup_dict
from taizhang.ledgers import services, workflow
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.models import ProgressReport
from taizhang.ledgers.schemas import (
    ErrorRead,
    ReportRead,
    ReportWrite,
    ReturnWrite,
    ReviewWrite,
    StatusRollup,
    SubmitWrite,
)
from taizhang.plans.api import period_or_422, plan_or_404
from taizhang.plans.models import Task

router = Router(tags=["reports"])

ERRORS = {403: ErrorRead, 404: ErrorRead, 422: ErrorRead}


class ReportFilters(Schema):
    period: str | None = None
    state: str | None = None  # draft | submitted | approved | returned
    task_id: int | None = None


def _reports(user):
    return ProgressReport.objects.for_user(user).filter(is_archived=False).select_related("task")


def _report_or_404(user, report_id: int) -> ProgressReport:
    report = _reports(user).filter(pk=report_id).first()
    if report is None:
        raise Http404(_("No such report."))
    return report


@router.get(
    "/status", response={200: StatusRollup, 404: ErrorRead, 422: ErrorRead}, summary="The period's rollup"
)
def status(request, period: str | None = None, plan_id: int | None = None):
    """Tasks by light, per area and per lead unit, and the 未报送 count, over the tasks the user may see."""
    plan = plan_or_404(plan_id)
    period = period_or_422(plan, period)
    return rollup_dict(overview_for(request.user, plan, period))


@router.get("/reports", response={200: list[ReportRead], 422: ErrorRead}, summary="Progress reports")
def list_reports(request, filters: Query[ReportFilters]):
    reports = _reports(request.user)
    if filters.period:
        try:
            reports = reports.filter(period=schedule.period_str(*schedule.parse_period(filters.period)))
        except ValueError as exc:
            raise ValidationError({"period": str(exc)}) from None
    if filters.state:
        if filters.state not in ReportState.values:
            raise ValidationError({"state": _("State: choose draft, submitted, approved or returned.")})
        reports = reports.filter(state=filters.state)
    if filters.task_id is not None:
        reports = reports.filter(task_id=filters.task_id)
    return [ReportRead.of(r) for r in reports.order_by("-period", "task__code")]


@router.get("/reports/{report_id}", response={200: ReportRead, 404: ErrorRead}, summary="One progress report")
def get_report(request, report_id: int):
    return ReportRead.of(_report_or_404(request.user, report_id))


@router.put(
    "/tasks/{task_id}/reports/{period}",
    response={200: ReportRead, **ERRORS},
    summary="Save this period's report as a draft",
)
def save_report(request, task_id: int, period: str, payload: ReportWrite):
    task = (
        Task.objects.for_user(request.user)
        .filter(pk=task_id, is_archived=False)
        .select_related("plan")
        .first()
    )
    if task is None:
        raise Http404(_("No such task."))
    report = services.save_report(actor=request.user, task=task, period=period.strip(), data=payload.dict())
    return ReportRead.of(report)


@router.post("/reports/{report_id}/submit", response={200: ReportRead, **ERRORS}, summary="Submit for review")
def submit(request, report_id: int, payload: SubmitWrite | None = None):
    report = workflow.submit(
        actor=request.user,
        report=_report_or_404(request.user, report_id),
        note=payload.note if payload else "",
    )
    return ReportRead.of(report)


@router.post("/reports/{report_id}/approve", response={200: ReportRead, **ERRORS}, summary="Approve")
def approve(request, report_id: int, payload: ReviewWrite | None = None):
    report = workflow.approve(
        actor=request.user,
        report=_report_or_404(request.user, report_id),
        comment=payload.comment if payload else "",
    )
    return ReportRead.of(report)


@router.post(
    "/reports/{report_id}/return",
    response={200: ReportRead, **ERRORS},
    summary="Return for revision, with a reason",
)
def return_for_revision(request, report_id: int, payload: ReturnWrite):
    report = workflow.return_for_revision(
        actor=request.user, report=_report_or_404(request.user, report_id), reason=payload.reason
    )
    return ReportRead.of(report)
