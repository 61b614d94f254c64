"""Economic indicators (glossary §9): the catalogue, annual targets, reported actuals, the province's peers.

An indicator's figures are kept in the unit it is published in (``Indicator.unit``: 亿元, 元, %), the unit of
the kernel's ``IndicatorSpec``; growth rates are always %. ``subject`` is what a figure or target is about:
empty for 全市 (晋中), or one of the 12 county-level units. The figure is reported by the indicator's
responsible unit (市统计局 publishes the counties' figures too) through the one review workflow.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taizhang.accounts.models import Unit
from taizhang.core import indicators as kernel
from taizhang.core.access import Action, allows
from taizhang.core.models import LedgerModel, UnitScopedQuerySet
from taizhang.indicators.choices import Direction, Frequency, TargetType
from taizhang.ledgers.models import ReportBase

FIGURE = {"max_digits": 16, "decimal_places": 4}
RATE = {"max_digits": 8, "decimal_places": 2}  # growth in %, two decimals


class PublicFiguresQuerySet(UnitScopedQuerySet):
    """Published statistics are read by every role (VIEW: every row); writing stays with the owning unit."""

    def for_user(self, user, action: Action | str = Action.VIEW):
        if Action(action) is Action.VIEW:
            return self if allows(user, Action.VIEW) else self.none()
        return super().for_user(user, action)


class Indicator(LedgerModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    unit = models.CharField(_("unit of measure"), max_length=20)  # of the level figure: 亿元, 元, %
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    cumulative = models.BooleanField(_("cumulative"), default=True)
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices, default="higher")
    first_month = models.PositiveSmallIntegerField(_("first month published"), default=1)
    definition = models.TextField(_("definition"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    responsible_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("responsible unit")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = PublicFiguresQuerySet.as_manager()
    unit_scope_fields = ("responsible_unit",)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.code])

    @property
    def spec(self) -> kernel.IndicatorSpec:
        return kernel.IndicatorSpec(
            self.name,
            self.unit,
            kernel.Frequency(self.frequency),
            self.cumulative,
            kernel.Direction(self.direction),
            self.first_month,
        )


class IndicatorTarget(LedgerModel):
    """An annual target (主要预期目标) for the city (subject empty) or a county-level unit."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("indicator")
    )
    year = models.PositiveIntegerField(_("year"))
    subject = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("subject")
    )
    target_type = models.CharField(_("target type"), max_length=20, choices=TargetType.choices)
    value = models.DecimalField(_("target value"), **FIGURE)
    baseline = models.DecimalField(_("baseline"), null=True, blank=True, **FIGURE)  # a stock's start of year
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    objects = PublicFiguresQuerySet.as_manager()
    unit_scope_fields = ("indicator__responsible_unit",)

    class Meta:
        ordering = ["indicator_id", "year", "subject_id"]  # no join: rows are locked with select_for_update
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "subject"], name="one_target_per_indicator_year_subject"
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(subject__isnull=True),
                name="one_city_target_per_indicator_year",
            ),
        ]
        verbose_name = _("indicator target")

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"


class IndicatorValue(ReportBase):
    """A published figure for one period and subject: the cumulative (or the period's) amount and/or the
    growth in %, reported by the indicator's responsible unit (``unit``) and reviewed there."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    subject = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("subject")
    )
    amount = models.DecimalField(_("amount"), null=True, blank=True, **FIGURE)
    growth = models.DecimalField(_("growth (%)"), null=True, blank=True, **RATE)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = PublicFiguresQuerySet.as_manager()
    REPORTED_FIELDS = ("amount", "growth")  # asked of the responsible unit when published
    workflow_related = ("indicator", "subject", "unit")

    class Meta:
        ordering = ["-period", "indicator_id", "subject_id"]  # no outer join under FOR UPDATE (PostgreSQL)
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "subject", "period"], name="one_value_per_indicator_subject_period"
            ),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=models.Q(subject__isnull=True),
                name="one_city_value_per_indicator_period",
            ),
        ]
        verbose_name = _("indicator value")

    def __str__(self) -> str:
        return f"{self.indicator} {self.subject or '全市'} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:value_detail", args=[self.pk])


def _validate_value(value: IndicatorValue) -> None:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if value.amount is None and value.growth is None:
        raise ValidationError({"amount": _("Amount or growth: give at least one before submitting.")})


IndicatorValue.validate_for_submit = _validate_value


class PeerFigure(LedgerModel):
    """Another city's published figure for a period (the province's 11-city comparison)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="peer_figures", verbose_name=_("indicator")
    )
    period = models.CharField(_("period"), max_length=7, db_index=True)
    peer = models.CharField(_("city"), max_length=20)
    amount = models.DecimalField(_("amount"), null=True, blank=True, **FIGURE)
    growth = models.DecimalField(_("growth (%)"), null=True, blank=True, **RATE)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    objects = PublicFiguresQuerySet.as_manager()
    unit_scope_fields = ("indicator__responsible_unit",)

    class Meta:
        ordering = ["indicator_id", "period", "peer"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "peer"], name="one_peer_figure_per_period")
        ]
        verbose_name = _("peer city figure")

    def __str__(self) -> str:
        return f"{self.indicator} {self.peer} {self.period}"
