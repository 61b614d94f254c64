"""Reads of the industry matrix: cluster scales from members' approved figures, enterprise size tiers and the
"百亿企业年内达10户" count, the 双矩阵 of enterprise tiers and project tiers per county.

Every rule is the kernel's (core.enterprises: cluster_scale, cluster_tier, cluster_progress, tier_counts,
target_progress); this module only reads rows and hands it plain values. A figure counts once it is approved
(ledgers.selectors.latest_approved: each enterprise's latest approved 1–m月 figures of the period's year up
to the period). Tiers are of 1–m月 cumulative 营业收入 as reported, not annualised: an enterprise is
百亿级 in 1–10月 once its revenue so far has reached 100亿元 (the way 工信局 announces "营收突破百亿").
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Max

from taizhang.accounts.choices import UnitKind
from taizhang.accounts.models import Unit
from taizhang.core import enterprises as kernel
from taizhang.core import schedule
from taizhang.enterprises.choices import ClusterTier, ScaleMeasure
from taizhang.enterprises.models import Cluster, Enterprise, EnterpriseFigure, StatedFigure
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.selectors import latest_approved

# "百亿企业由3户增加至8户,年内有望达10户" (article; glossary §4): the target, and the baseline it grew from.
# A setting when the lead adds one (HUNDRED_YI_TARGET = {"target": 10, "baseline": 3}).
DEFAULT_HUNDRED_YI_TARGET = {"target": 10, "baseline": 3}


@dataclass(frozen=True)
class ProjectTierThresholds:
    """Bands of a key project's 总投资 (万元) for the 双矩阵's project side.

    [INFERRED] The article's "百千万"转型项目 matrix is NOT FOUND in any published definition (glossary §4);
    by analogy with "十百千" enterprises these are 百亿级 ≥ 100亿元, 十亿级 ≥ 10亿元, 亿元级 ≥ 1亿元.
    A parameter (setting PROJECT_TIER_THRESHOLDS) until the client confirms.
    """

    hundred_yi: Decimal = Decimal(1_000_000)
    ten_yi: Decimal = Decimal(100_000)
    one_yi: Decimal = Decimal(10_000)


PROJECT_TIERS = ("hundred_yi", "ten_yi", "one_yi", "below", "unknown")
PROJECT_TIER_LABELS = {
    "hundred_yi": "百亿级",
    "ten_yi": "十亿级",
    "one_yi": "亿元级",
    "below": "亿元以下",
    "unknown": "总投资未填",
}
ENTERPRISE_TIERS = tuple(kernel.Tier)


def tier_thresholds() -> kernel.TierThresholds:
    return getattr(settings, "ENTERPRISE_TIER_THRESHOLDS", None) or kernel.DEFAULT_TIER_THRESHOLDS


def cluster_thresholds() -> kernel.ClusterThresholds:
    return getattr(settings, "CLUSTER_THRESHOLDS", None) or kernel.DEFAULT_CLUSTER_THRESHOLDS


def project_tier_thresholds() -> ProjectTierThresholds:
    return getattr(settings, "PROJECT_TIER_THRESHOLDS", None) or ProjectTierThresholds()


def hundred_yi_target() -> dict:
    return getattr(settings, "HUNDRED_YI_TARGET", None) or DEFAULT_HUNDRED_YI_TARGET


def project_tier(total_investment, thresholds: ProjectTierThresholds | None = None) -> str:
    thresholds = thresholds or project_tier_thresholds()
    if total_investment is None:
        return "unknown"
    for tier in ("hundred_yi", "ten_yi", "one_yi"):
        if total_investment >= getattr(thresholds, tier):
            return tier
    return "below"


def default_period(*, today=None) -> str:
    """The newest period with an approved enterprise figure, else last month."""
    from django.utils import timezone

    latest = EnterpriseFigure.objects.filter(state=ReportState.APPROVED, is_archived=False).aggregate(
        p=Max("period")
    )["p"]
    if latest:
        return latest
    today = today or timezone.localdate()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return schedule.period_str(year, month)


def counties() -> list[Unit]:
    return list(Unit.objects.filter(kind__in=(UnitKind.COUNTY, UnitKind.ZONE), is_active=True))


def active_enterprises(user):
    return Enterprise.objects.for_user(user).filter(is_archived=False).select_related("location")


def figures_for(enterprises, period: str) -> dict[int, EnterpriseFigure]:
    """Each enterprise's latest approved figures of the period's year up to the period."""
    return latest_approved(EnterpriseFigure, "enterprise", [e.pk for e in enterprises], period)


def _measure(figure: EnterpriseFigure | None, measure: str):
    if figure is None:
        return None
    return figure.output if measure == ScaleMeasure.OUTPUT else figure.revenue


# An indicator's figure in 万元 (the unit of cluster scales) from the unit it is published in.
WAN_PER_INDICATOR_UNIT = {"亿元": Decimal(10000), "万元": Decimal(1)}


@dataclass(frozen=True)
class LinkedScale:
    """A cluster's scale taken from its linked indicator (文旅: 旅游总收入), or why it could not be."""

    total: Decimal | None  # 万元; None when there is no usable figure
    label: str  # "规模取自指标：旅游总收入（2025年1—9月，856.3亿元）" or the reason there is none


def linked_scales(clusters, period: str) -> dict[int, LinkedScale]:
    """Each linked cluster's scale: its indicator's latest approved city-wide amount of the period's year up
    to the period, converted to 万元 (亿元 ×10000). An indicator in another unit is refused with a message
    naming it; the page then shows no scale rather than a wrong one (one query for all clusters)."""
    from taizhang.indicators.models import IndicatorValue

    year, _month = schedule.parse_period(period)
    linked = [c for c in clusters if c.indicator_id is not None]
    if not linked:
        return {}
    latest: dict[int, IndicatorValue] = {}
    for v in IndicatorValue.objects.filter(
        indicator_id__in={c.indicator_id for c in linked},
        subject__isnull=True,
        state=ReportState.APPROVED,
        is_archived=False,
        amount__isnull=False,
        period__gte=schedule.period_str(year, 1),
        period__lte=period,
    ).order_by("indicator_id", "-period"):
        latest.setdefault(v.indicator_id, v)
    result = {}
    for cluster in linked:
        indicator = cluster.indicator
        per_unit = WAN_PER_INDICATOR_UNIT.get(indicator.unit)
        if per_unit is None:
            result[cluster.pk] = LinkedScale(
                None,
                f"规模取自指标：{indicator.name}；该指标单位为“{indicator.unit}”，无法换算为万元，"
                "请改为以亿元或万元计的指标",
            )
            continue
        value = latest.get(indicator.pk)
        if value is None:
            result[cluster.pk] = LinkedScale(
                None, f"规模取自指标：{indicator.name}（{year}年截至{period}尚无已审核的全市数据）"
            )
            continue
        y, m = schedule.parse_period(value.period)
        demo = "，演示数据" if value.is_demo else ""
        result[cluster.pk] = LinkedScale(
            value.amount * per_unit,
            f"规模取自指标：{indicator.name}（{y}年1—{m}月，{value.amount.normalize():f}{indicator.unit}{demo}）",
        )
    return result


@dataclass
class ClusterRow:
    cluster: Cluster
    scale: kernel.ClusterScale
    reached: kernel.ClusterTier
    progress: kernel.ScaleProgress | None
    by_county: list[tuple[Unit, kernel.ClusterScale]] = field(default_factory=list)
    leaders: list[Enterprise] = field(default_factory=list)
    linked: LinkedScale | None = None  # the scale from a linked indicator; members are still listed
    member_scale: kernel.ClusterScale | None = None  # the members' sum, kept for the list of members

    @property
    def scale_label(self) -> str:
        """The members cell: the members' sum, or for a linked cluster where its scale comes from, then the
        members (still listed)."""
        if self.linked is None:
            return self.scale.label
        members = self.member_scale or self.scale
        return f"{self.linked.label}；成员企业{members.members}户"

    @property
    def designated_label(self) -> str:
        return kernel.CLUSTER_TIER_LABELS[kernel.ClusterTier(self.cluster.tier)]

    @property
    def reached_label(self) -> str:
        return kernel.CLUSTER_TIER_LABELS[self.reached]

    @property
    def total_yi(self) -> Decimal | None:
        if self.linked is not None and self.linked.total is None:
            return None  # a linked indicator without a usable figure: no scale, not 0
        return kernel.round1(self.scale.total / 10000)

    @property
    def completion(self):
        return None if self.progress is None else kernel.round1(self.progress.completion)


def cluster_rows(user, period: str) -> list[ClusterRow]:
    """Every active cluster's scale at ``period`` from its members' approved figures, with the tier the scale
    has reached, progress to its target and its scale per county (all computed by the kernel)."""
    year, _month = schedule.parse_period(period)
    clusters = list(
        Cluster.objects.for_user(user)
        .filter(is_archived=False)
        .select_related("indicator")
        .prefetch_related("chain_leaders")
    )
    linked = linked_scales(clusters, period)
    enterprises = list(active_enterprises(user).prefetch_related("clusters"))
    figures = figures_for(enterprises, period)
    measures = {c.pk: c.measure for c in clusters}
    units = {u.pk: u for u in counties()}
    rows = []
    for cluster in clusters:
        members = [
            (e.pk, [cluster.pk], _measure(figures.get(e.pk), cluster.measure))
            for e in enterprises
            if any(c.pk == cluster.pk for c in e.clusters.all())
        ]
        scale = kernel.cluster_scale(members).get(cluster.pk, kernel.ClusterScale(cluster.pk))
        member_scale, link = scale, linked.get(cluster.pk)
        if link is not None:  # the indicator's figure is the scale; the members stay listed
            scale = kernel.ClusterScale(
                cluster.pk, link.total or Decimal(0), member_scale.counted, member_scale.missing
            )
        by_county_input = [
            (e.pk, [(cluster.pk, e.location_id)], _measure(figures.get(e.pk), measures[cluster.pk]))
            for e in enterprises
            if any(c.pk == cluster.pk for c in e.clusters.all())
        ]
        per_county = kernel.cluster_scale(by_county_input)
        by_county = [
            (units[loc], per_county[(cluster.pk, loc)]) for loc in units if (cluster.pk, loc) in per_county
        ]
        progress = None
        usable = link is None or link.total is not None
        if (
            usable
            and cluster.target_scale is not None
            and cluster.target_year
            and cluster.target_year >= year
        ):
            progress = kernel.cluster_progress(
                scale, target=cluster.target_scale, target_year=cluster.target_year, year=year
            )
        rows.append(
            ClusterRow(
                cluster=cluster,
                scale=scale,
                reached=kernel.cluster_tier(scale.total, cluster_thresholds()),
                progress=progress,
                by_county=by_county,
                leaders=list(cluster.chain_leaders.all()),
                linked=link,
                member_scale=member_scale,
            )
        )
    return rows


def rows_by_tier(rows: list[ClusterRow]) -> list[tuple[str, list[ClusterRow]]]:
    """Cluster rows grouped by designated tier, 千亿级 first."""
    groups = []
    for tier in ClusterTier:
        members = [r for r in rows if r.cluster.tier == tier.value]
        if members:
            groups.append((kernel.CLUSTER_TIER_LABELS[kernel.ClusterTier(tier.value)], members))
    return groups


def enterprise_tiers(enterprises, figures: dict[int, EnterpriseFigure]) -> dict[int, kernel.Tier | None]:
    """Each enterprise's size tier from its approved 1–m月 revenue (None: no approved revenue)."""
    thresholds = tier_thresholds()
    result = {}
    for e in enterprises:
        figure = figures.get(e.pk)
        revenue = None if figure is None else figure.revenue
        result[e.pk] = None if revenue is None else kernel.tier_of(revenue, thresholds)
    return result


@dataclass
class TierSummary:
    counts: kernel.TierCounts
    hundred_yi: kernel.CountProgress
    stated: list[StatedFigure]
    new_quality_rows: int
    above_scale_rows: int

    @property
    def rows(self) -> list[tuple[str, int]]:
        return [(kernel.TIER_LABELS[t], self.counts.counts[t]) for t in kernel.Tier]


def tier_summary(user, period: str) -> TierSummary:
    enterprises = list(active_enterprises(user))
    figures = figures_for(enterprises, period)
    revenues = [None if figures.get(e.pk) is None else figures[e.pk].revenue for e in enterprises]
    counts = kernel.tier_counts(revenues, tier_thresholds())
    target = hundred_yi_target()
    progress = kernel.target_progress(
        counts.at_least(kernel.Tier.HUNDRED_YI), target=target["target"], baseline=target["baseline"]
    )
    return TierSummary(
        counts=counts,
        hundred_yi=progress,
        stated=list(StatedFigure.objects.all()),
        new_quality_rows=sum(1 for e in enterprises if e.new_quality),
        above_scale_rows=sum(1 for e in enterprises if e.above_scale),
    )


@dataclass
class TwinRow:
    unit: Unit | None  # None: the city total
    enterprises: dict[str, int]
    projects: dict[str, int]

    @property
    def enterprise_cells(self) -> list[int]:
        return [self.enterprises[t.value] for t in kernel.Tier] + [self.enterprises["missing"]]

    @property
    def project_cells(self) -> list[int]:
        return [self.projects[t] for t in PROJECT_TIERS]


def twin_matrix(user, period: str) -> list[TwinRow]:
    """双矩阵 per county: enterprises by size tier ("十百千") and the period year's key projects by total
    investment ("百千万", ProjectTierThresholds), then a city total row. Both sides through for_user."""
    from taizhang.projects.models import Project

    year, _month = schedule.parse_period(period)
    enterprises = list(active_enterprises(user))
    tiers = enterprise_tiers(enterprises, figures_for(enterprises, period))
    units = counties()
    empty_e = {**{t.value: 0 for t in kernel.Tier}, "missing": 0}
    empty_p = dict.fromkeys(PROJECT_TIERS, 0)
    e_counts: dict[int, dict] = defaultdict(lambda: dict(empty_e))
    p_counts: dict[int, dict] = defaultdict(lambda: dict(empty_p))
    for e in enterprises:
        tier = tiers[e.pk]
        e_counts[e.location_id][tier.value if tier else "missing"] += 1
    thresholds = project_tier_thresholds()
    projects = Project.objects.for_user(user).filter(year=year, is_archived=False)
    for location_id, total in projects.values_list("location_id", "total_investment"):
        p_counts[location_id][project_tier(total, thresholds)] += 1
    rows = [TwinRow(u, e_counts[u.pk], p_counts[u.pk]) for u in units]
    total = TwinRow(
        None,
        {k: sum(r.enterprises[k] for r in rows) for k in empty_e},
        {k: sum(r.projects[k] for r in rows) for k in empty_p},
    )
    return [*rows, total]


def figure_rows(enterprise: Enterprise, user) -> list[EnterpriseFigure]:
    """An enterprise's figures, newest first, as ``for_user`` shows them (approved ones to everyone)."""
    return list(
        EnterpriseFigure.objects.for_user(user)
        .filter(enterprise=enterprise, is_archived=False)
        .order_by("-period")
    )
