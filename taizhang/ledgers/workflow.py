"""The one review workflow for every ledger entry (task reports now, project reports later).

draft → submitted → approved, or submitted → returned (with a reason) → submitted again.
Each step is an audited action (after Zulip's zerver/actions): atomic, keyword-only actor, the
row locked while it changes, an AuditEvent and a history row written in the same transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.audit.services import save_audited
from taizhang.core.access import Action, require, require_own_unit
from taizhang.ledgers.choices import ReportState


class WorkflowError(ValidationError):
    """A step that does not fit the entry's state (shown to the user as a message)."""


def _locked(report):
    """Re-read the row under a lock (two reviewers clicking at once: one wins, one sees the new state)."""
    model = type(report)
    related = getattr(model, "workflow_related", ())
    return model.objects.select_for_update(of=("self",)).select_related(*related).get(pk=report.pk)


def _check_state(report, allowed: set[str], message: str) -> None:
    if report.is_archived:
        raise WorkflowError(_("This report is archived."))
    if report.state not in allowed:
        raise WorkflowError(message)


@transaction.atomic
def submit(*, actor, report, note: str = ""):
    require(actor, Action.REPORT)
    report = _locked(report)
    require_own_unit(actor, report.unit_id)
    _check_state(
        report,
        {ReportState.DRAFT, ReportState.RETURNED},
        _("Only a draft or a returned report can be submitted."),
    )
    report.validate_for_submit()
    from_state = report.state
    report.state = ReportState.SUBMITTED
    report.submitted_by = actor
    report.submitted_at = timezone.now()
    report.reviewed_by = None  # a resubmitted report waits for a new review
    report.reviewed_at = None
    reason = note or (_("Resubmitted after return") if from_state == ReportState.RETURNED else _("Submitted"))
    return save_audited(
        report, actor=actor, reason=reason, action="submit", from_state=from_state, to_state=report.state
    )


def _check_reviewer(actor, report) -> None:
    require(actor, Action.REVIEW)
    require_own_unit(actor, report.unit_id)
    if actor.pk in {report.created_by_id, report.submitted_by_id}:
        raise PermissionDenied(_("You may not review a report you wrote."))


@transaction.atomic
def approve(*, actor, report, comment: str = ""):
    report = _locked(report)
    _check_reviewer(actor, report)
    _check_state(report, {ReportState.SUBMITTED}, _("Only a submitted report can be approved."))
    report.state = ReportState.APPROVED
    report.reviewed_by = actor
    report.reviewed_at = timezone.now()
    report.return_reason = ""
    report = save_audited(
        report,
        actor=actor,
        reason=comment or _("Approved"),
        action="approve",
        from_state=ReportState.SUBMITTED,
        to_state=report.state,
    )
    after_approve = getattr(report, "after_approve", None)  # e.g. a project's latest 形象进度
    if after_approve is not None:
        after_approve(actor=actor)
    return report


@transaction.atomic
def return_for_revision(*, actor, report, reason: str):
    report = _locked(report)
    _check_reviewer(actor, report)
    _check_state(report, {ReportState.SUBMITTED}, _("Only a submitted report can be returned."))
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError({"return_reason": _("Return reason: please say what must be corrected.")})
    report.state = ReportState.RETURNED
    report.reviewed_by = actor
    report.reviewed_at = timezone.now()
    report.return_reason = reason
    return save_audited(
        report,
        actor=actor,
        reason=reason,
        action="return",
        from_state=ReportState.SUBMITTED,
        to_state=report.state,
    )
