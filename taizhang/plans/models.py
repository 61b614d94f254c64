"""Plan → Area → Task (+ Milestone): the ledger's rows, decomposed from an upper-level document."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taizhang.accounts.models import Unit
from taizhang.core.models import LedgerModel, UnitScopedQuerySet
from taizhang.plans.choices import Category, Frequency, TargetKind


class Plan(LedgerModel):
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    source_title = models.CharField(_("source document"), max_length=300, blank=True)
    source_text = models.TextField(_("source text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("plan")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.pk])


class Area(LedgerModel):
    """A section of the plan: the article's 产业向新 … 干字当头, or an upper-level key task."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="areas", verbose_name=_("plan"))
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="area_code_unique_in_plan")]
        verbose_name = _("area")

    def __str__(self) -> str:
        return self.name


class DerivedCount(models.TextChoices):
    """Counts taizhang already derives from reported figures, so a task measured by one asks no one (issue 4
    point 4, 为基层减负)."""

    HUNDRED_YI_ENTERPRISES = (
        "hundred_yi_enterprises",
        _("enterprises with revenue of 10 billion yuan or more"),
    )


class Task(LedgerModel):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("plan"))
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("area"))
    code = models.CharField(_("code"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"), blank=True)
    source_clause = models.TextField(_("source clause"), blank=True)
    target_kind = models.CharField(_("target kind"), max_length=20, choices=TargetKind.choices)
    target_value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    target_unit = models.CharField(_("unit of measure"), max_length=20, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=4, null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    lead_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="led_tasks", verbose_name=_("lead unit")
    )
    cooperating_units = models.ManyToManyField(
        Unit, blank=True, related_name="cooperating_tasks", verbose_name=_("cooperating units")
    )
    responsible_leader = models.CharField(_("responsible leader"), max_length=100, blank=True)
    category = models.CharField(_("category"), max_length=1, choices=Category.choices, default=Category.A)
    frequency = models.CharField(
        _("reporting frequency"), max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    # Where the actual comes from when nobody reports it (report once): an indicator's approved figure
    # (growth for a growth_pp task, amount otherwise) or a derived count; see ledgers.selectors.evaluate_tasks.
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("actual taken from indicator"),
    )
    derived_count = models.CharField(
        _("actual taken from count"), max_length=40, choices=DerivedCount.choices, blank=True
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords(m2m_fields=[cooperating_units])

    objects = UnitScopedQuerySet.as_manager()
    unit_scope_fields = ("lead_unit", "cooperating_units")

    class Meta:
        ordering = ["plan", "area__order", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="task_code_unique_in_plan")]
        verbose_name = _("task")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:task_detail", args=[self.pk])

    @property
    def is_derived(self) -> bool:
        """Its actual is taken from an indicator or a count: nobody reports it."""
        return self.indicator_id is not None or bool(self.derived_count)

    @property
    def figure_source(self) -> str:
        """Where the task's actual comes from, in words for the task page."""
        from django.utils.translation import gettext

        if self.indicator_id is not None:
            figure = gettext("growth") if self.target_kind == "growth_pp" else gettext("amount")
            return gettext(
                "the approved %(figure)s of the indicator “%(indicator)s” for the whole city, reported by %(unit)s"
            ) % {
                "figure": figure,
                "indicator": self.indicator.name,
                "unit": self.indicator.responsible_unit,
            }
        if self.derived_count:
            return gettext("the count of %(count)s, derived from the approved enterprise figures") % {
                "count": self.get_derived_count_display()
            }
        return gettext("the lead unit's approved progress reports")

    @property
    def milestone_points(self) -> list[tuple[int, float]]:
        return [(m.month, float(m.expected_progress)) for m in self.milestones.all() if not m.is_archived]


class Milestone(LedgerModel):
    """Expected cumulative progress at the end of a month of the plan year (时间节点)."""

    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("task")
    )
    month = models.PositiveSmallIntegerField(_("month"))
    expected_progress = models.DecimalField(_("expected progress (%)"), max_digits=5, decimal_places=1)
    description = models.CharField(_("description"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["task", "month"]
        constraints = [models.UniqueConstraint(fields=["task", "month"], name="milestone_month_unique")]
        verbose_name = _("milestone")

    def __str__(self) -> str:
        return f"{self.month}月 {self.expected_progress}%"
