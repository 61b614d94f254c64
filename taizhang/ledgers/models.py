"""Progress reports (台账填报) and their review workflow.

`ReportBase` carries the workflow every ledger entry shares — task reports now, project reports
later — so there is one workflow in the codebase (`ledgers.workflow`).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taizhang.accounts.models import Unit
from taizhang.core.models import LedgerModel, UnitScopedQuerySet
from taizhang.ledgers.choices import Confidence, ReportState
from taizhang.plans.models import Task


class ReportBase(LedgerModel):
    period = models.CharField(_("period"), max_length=7, db_index=True)  # "YYYY-MM"
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("reporting unit")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    return_reason = models.TextField(_("return reason"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    unit_scope_fields = ("unit",)

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.state in {ReportState.DRAFT, ReportState.RETURNED}


class ProgressReport(ReportBase):
    """One task's report for one period: cumulative figures plus 进展情况 / 存在问题 / 下步打算."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="reports", verbose_name=_("task"))
    cumulative_value = models.DecimalField(
        _("cumulative actual"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    percent_complete = models.DecimalField(
        _("percent complete"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    progress = models.TextField(_("progress"), blank=True)  # 进展情况
    problems = models.TextField(_("problems"), blank=True)  # 存在问题
    next_steps = models.TextField(_("next steps"), blank=True)  # 下步打算
    confidence = models.CharField(
        _("delivery judgement"), max_length=20, choices=Confidence.choices, default=Confidence.CONFIDENT
    )
    history = HistoricalRecords()

    objects = UnitScopedQuerySet.as_manager()
    # what the lead unit is asked for each period (ledgers.dictionary); the figure is one of the first two
    REPORTED_FIELDS = (
        "cumulative_value",
        "percent_complete",
        "progress",
        "problems",
        "next_steps",
        "confidence",
    )
    workflow_related = ("task", "task__plan")  # what validate_for_submit and the audit text read

    class Meta:
        ordering = ["-period", "task__code"]
        constraints = [models.UniqueConstraint(fields=["task", "period"], name="one_report_per_task_period")]
        verbose_name = _("progress report")

    def __str__(self) -> str:
        return f"{self.task.code} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("ledgers:report_detail", args=[self.pk])


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.report.period}/{instance.report_id}/{filename}"


class Evidence(LedgerModel):
    """A supporting file (佐证材料) kept in the data directory; served only through an access check."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("report")
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("evidence")

    def __str__(self) -> str:
        return self.original_name


def _validate_progress_report(report: ProgressReport) -> None:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    errors = {}
    if report.task.target_kind == "milestone":
        if report.percent_complete is None:
            errors["percent_complete"] = _("Percent complete: required before submitting.")
    elif report.cumulative_value is None:
        errors["cumulative_value"] = _("Cumulative actual: required before submitting.")
    if not report.progress.strip():
        errors["progress"] = _("Progress: please describe this period's progress before submitting.")
    if errors:
        raise ValidationError(errors)


ProgressReport.validate_for_submit = _validate_progress_report
