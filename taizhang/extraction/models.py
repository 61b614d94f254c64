"""A policy document being broken down (逐条分析、逐项梳理、逐一分解, issue 5) and its draft items.

`SourceDocument.text` is kept exactly as read, so the kernel's offsets (`DraftItem.start`/`end`) index it
(`text[start:end] == span`); the kernel's sections and clauses are kept with it (JSON) so the review and
coverage pages show the reading the items came from even after the kernel changes. Nothing is deleted:
an item the reviewer does not want is `dropped`, one folded into another is `merged`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taizhang.accounts.models import Unit
from taizhang.core.models import LedgerModel
from taizhang.extraction.choices import ItemStatus, Origin
from taizhang.plans.choices import TargetKind


class SourceDocument(LedgerModel):
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveIntegerField(_("year"))  # the year deadlines are read against
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    file = models.FileField(_("original file"), upload_to="extraction/%Y/%m/", max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64)  # of the file as uploaded, or of the pasted text
    text = models.TextField(_("text"))  # exactly as read: the items' offsets index it
    sections = models.JSONField(_("sections"), default=list, blank=True)  # kernel Section as dicts
    clauses = models.JSONField(_("clauses"), default=list, blank=True)  # kernel Clause as dicts
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="source_documents",
        verbose_name=_("target plan"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    history = HistoricalRecords(excluded_fields=["text", "sections", "clauses"])  # immutable, large

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("source document")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("extraction:document_detail", args=[self.pk])


class DraftItem(LedgerModel):
    """One commitment the kernel found (or the reviewer merged), on its way to becoming a task."""

    document = models.ForeignKey(
        SourceDocument, on_delete=models.PROTECT, related_name="items", verbose_name=_("document")
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    span = models.TextField(_("span"))
    checkable = models.BooleanField(_("checkable"), default=False)
    action = models.CharField(_("action"), max_length=40, blank=True)
    object = models.CharField(_("object"), max_length=300, blank=True)
    targets = models.JSONField(_("targets"), default=list, blank=True)  # [{value, unit, modifier, text}]
    documents = models.JSONField(_("documents to issue"), default=list, blank=True)
    projects = models.JSONField(_("named projects"), default=list, blank=True)
    deadline = models.CharField(_("deadline as written"), max_length=60, blank=True)
    deadline_date = models.DateField(_("deadline"), null=True, blank=True)
    area_title = models.CharField(_("area"), max_length=100, blank=True)
    lead_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead unit"),
    )
    suggested_lead_unit = models.CharField(_("suggested lead unit"), max_length=100, blank=True)
    confidence = models.FloatField(_("confidence"), default=0.0)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    # what the task will say (the reviewer edits these before accepting)
    title = models.CharField(_("task title"), max_length=200)
    target_kind = models.CharField(_("target kind"), max_length=20, choices=TargetKind.choices)
    target_value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_unit = models.CharField(_("unit of measure"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PROPOSED
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_items",
        verbose_name=_("merged into"),
    )
    task = models.ForeignKey(
        "plans.Task",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="draft_items",
        verbose_name=_("task"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "start", "id"]
        verbose_name = _("draft item")

    def __str__(self) -> str:
        return self.title

    @property
    def is_live(self) -> bool:
        """Still a commitment of the document (neither dropped nor folded into another item)."""
        return self.status in {ItemStatus.PROPOSED, ItemStatus.ACCEPTED}


class LeadKeyword(LedgerModel):
    """A city's keyword → lead unit table (牵头单位). When no row is active the kernel's default applies."""

    keyword = models.CharField(_("keyword"), max_length=40, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("lead unit"))
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["keyword"]
        verbose_name = _("lead-unit keyword")

    def __str__(self) -> str:
        return f"{self.keyword} → {self.unit}"
