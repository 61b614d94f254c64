"""Industry clusters (产业集群), enterprises and their monthly figures (issue 4 §1–2).

A cluster's scale is never typed in: it is the sum of its members' approved figures (core.enterprises.
cluster_scale, read by enterprises.selectors). An enterprise belongs to one county-level unit, which reports
and reviews its monthly figures on the ONE workflow (ledgers.workflow). Amounts in 万元.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taizhang.accounts.models import Unit
from taizhang.core.access import Action
from taizhang.core.models import LedgerModel, UnitScopedQuerySet
from taizhang.enterprises.choices import ClusterTier, ScaleMeasure, SpecialisedLevel
from taizhang.ledgers.models import ReportBase

MONEY = {"max_digits": 16, "decimal_places": 2}  # 万元, as projects.models


class IndustryQuerySet(UnitScopedQuerySet):
    """Clusters and enterprises are the city's industrial map: every role reads all of it (the matrix is
    one picture for 市工信局, the counties and the leaders, issue 4 §6). Changing rows stays unit-scoped."""

    def for_user(self, user, action: Action | str = Action.VIEW):
        if Action(action) == Action.VIEW:
            from taizhang.core.access import allows

            return self if allows(user, Action.VIEW) else self.none()
        return super().for_user(user, action)


class FigureQuerySet(UnitScopedQuerySet):
    """Approved figures are part of the matrix every role reads; drafts, submissions and returns stay with
    the enterprise's county (and the roles that see all units), as for any report."""

    def for_user(self, user, action: Action | str = Action.VIEW):
        if Action(action) == Action.VIEW:
            from taizhang.core.access import allows

            if not allows(user, Action.VIEW):
                return self.none()
            if user.sees_all_units:
                return self
            return self.filter(models.Q(state="approved") | models.Q(unit_id=user.unit_id))
        return super().for_user(user, action)


class Cluster(LedgerModel):
    """An industry cluster of the 产业矩阵, with its designated tier and a target scale."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    tier = models.CharField(_("designated tier"), max_length=20, choices=ClusterTier.choices)
    measure = models.CharField(
        _("scale measured by"), max_length=20, choices=ScaleMeasure.choices, default=ScaleMeasure.OUTPUT
    )
    target_scale = models.DecimalField(_("target scale"), null=True, blank=True, **MONEY)
    target_year = models.PositiveIntegerField(_("target year"), null=True, blank=True)
    chain_leaders = models.ManyToManyField(
        "Enterprise", blank=True, related_name="led_clusters", verbose_name=_("chain-leader enterprises")
    )
    source = models.TextField(_("source"), blank=True)  # the sentence that names the cluster
    # A cluster measured by an indicator (文旅: 旅游总收入) takes its scale from that indicator's approved
    # city-wide figure instead of its members' sum (issue 4 point 1); members are still listed.
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scale from indicator"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords(m2m_fields=[chain_leaders])

    objects = IndustryQuerySet.as_manager()
    unit_scope_fields = ()  # a city-wide list: only 督查/管理员 (MANAGE, all units) change it

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("industry cluster")
        verbose_name_plural = _("industry clusters")

    def __str__(self) -> str:
        return self.name


class Enterprise(LedgerModel):
    name = models.CharField(_("name"), max_length=200)
    uscc = models.CharField(_("unified social credit code"), max_length=18, unique=True)  # 统一社会信用代码
    uscc_simulated = models.BooleanField(_("simulated code"), default=False)  # a demo code, not a real one
    location = models.ForeignKey(  # 所在县(区、市) or 晋中开发区
        Unit, on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("county-level unit")
    )
    clusters = models.ManyToManyField(
        Cluster, blank=True, related_name="members", verbose_name=_("industry clusters")
    )
    above_scale = models.BooleanField(_("above designated size"), default=False)  # 规上 (统计局名录)
    new_quality = models.BooleanField(_("new quality productive forces"), default=False)  # 新质生产力企业
    specialised = models.CharField(
        _("specialised and innovative level"),
        max_length=20,
        choices=SpecialisedLevel.choices,
        default=SpecialisedLevel.NONE,
    )
    chain_leader = models.BooleanField(_("chain leader"), default=False)  # 链主
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords(m2m_fields=[clusters])

    objects = IndustryQuerySet.as_manager()
    unit_scope_fields = ("location",)

    class Meta:
        ordering = ["location__order", "name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_detail", args=[self.pk])


class EnterpriseFigure(ReportBase):
    """One enterprise's 1–m月 cumulative 营业收入 and 产值 (万元) for a period; ``unit`` is its county."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="figures", verbose_name=_("enterprise")
    )
    revenue = models.DecimalField(  # 1–m月累计营业收入
        _("cumulative operating revenue"), null=True, blank=True, **MONEY
    )
    output = models.DecimalField(_("cumulative output value"), null=True, blank=True, **MONEY)  # 1–m月产值
    history = HistoricalRecords()

    objects = FigureQuerySet.as_manager()
    REPORTED_FIELDS = ("revenue", "output")  # what the county is asked each month (ledgers.dictionary)
    workflow_related = ("enterprise", "enterprise__location")

    class Meta:
        ordering = ["-period", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "period"], name="one_figure_per_enterprise_period")
        ]
        verbose_name = _("enterprise figures")

    def __str__(self) -> str:
        return f"{self.enterprise.name} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:figure_detail", args=[self.pk])


class StatedFigure(models.Model):
    """A count the city states without a row per item (文章: 563家新质生产力企业, 规上工业企业1164户):
    shown beside the count of the rows taizhang has, never replacing it."""

    key = models.CharField(_("key"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=100)
    value = models.PositiveIntegerField(_("value"))
    unit = models.CharField(_("unit of count"), max_length=10, default="户")
    year = models.PositiveIntegerField(_("year"))
    source = models.TextField(_("source"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        verbose_name = _("stated figure")

    def __str__(self) -> str:
        return f"{self.label} {self.value}{self.unit}"


def _validate_figure(figure: EnterpriseFigure) -> None:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if figure.revenue is None and figure.output is None:
        raise ValidationError(
            {"revenue": _("Operating revenue or output value: at least one is required before submitting.")}
        )


EnterpriseFigure.validate_for_submit = _validate_figure
