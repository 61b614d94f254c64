"""Industry pages (issue 4 §6): 产业矩阵 (clusters by tier with scale against target, per county; the 百亿企业
count against its target), the enterprise list with its filters, an enterprise's page (figures by month,
history) and the 双矩阵. Read-only: every role may view (rows through ``for_user``); figures come in through
the services and the one review workflow. Amounts are stored in 万元 and shown in 亿元 where large.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.core import enterprises as kernel
from taizhang.core import schedule
from taizhang.core.access import Action, require
from taizhang.enterprises import selectors
from taizhang.enterprises.choices import SpecialisedLevel
from taizhang.enterprises.models import Cluster, Enterprise
from taizhang.ledgers.forms import number_display
from taizhang.ledgers.selectors import period_choices, period_label_of
from taizhang.ledgers.views import history_context
from taizhang.projects.imports import may_import


def _period(request, today) -> tuple[str, str | None]:
    """``?period=`` when usable, else the newest period with an approved figure; plus an error to show."""
    raw = (request.GET.get("period") or "").strip()
    if raw:
        try:
            year, month = schedule.parse_period(raw)
            if schedule.is_future_period(year, month, today=today):
                raise ValueError(_("Period: %(period)s has not started yet.") % {"period": raw})
            return schedule.period_str(year, month), None
        except ValueError as exc:
            return selectors.default_period(today=today), str(exc)
    return selectors.default_period(today=today), None


def _period_context(request) -> dict:
    require(request.user, Action.VIEW)
    today = timezone.localdate()
    period, error = _period(request, today)
    year, _month = schedule.parse_period(period)
    return {
        "period": period,
        "period_label": period_label_of(period),
        "period_error": error,
        "periods": period_choices(year, today=today, keep=period),
        "year": year,
        "can_import": may_import(request.user, "enterprises"),
    }


def yi(amount) -> str:
    """万元 → "12.3" 亿元; None → "—"."""
    if amount is None:
        return "—"
    return str(kernel.round1(amount / 10000))


def matrix(request):
    context = _period_context(request)
    rows = selectors.cluster_rows(request.user, context["period"])
    summary = selectors.tier_summary(request.user, context["period"])
    context |= {
        "nav": "industry",
        "groups": selectors.rows_by_tier(rows),
        "summary": summary,
        "is_demo": any(r.cluster.is_demo for r in rows),
        "counties": selectors.counties(),
    }
    return render(request, "enterprises/matrix.html", context)


FLAG_FILTERS = ("above_scale", "new_quality", "chain_leader")


def enterprise_list(request):
    context = _period_context(request)
    user = request.user
    enterprises = selectors.active_enterprises(user).prefetch_related("clusters")
    get = request.GET
    filters = {key: (get.get(key) or "").strip() for key in ("county", "cluster", "tier", "specialised", "q")}
    if filters["county"].isdigit():
        enterprises = enterprises.filter(location_id=int(filters["county"]))
    if filters["cluster"].isdigit():
        enterprises = enterprises.filter(clusters=int(filters["cluster"]))
    if filters["specialised"] in SpecialisedLevel.values:
        enterprises = enterprises.filter(specialised=filters["specialised"])
    for flag in FLAG_FILTERS:
        filters[flag] = get.get(flag) == "1"
        if filters[flag]:
            enterprises = enterprises.filter(**{flag: True})
    if filters["q"]:
        enterprises = enterprises.filter(
            Q(name__icontains=filters["q"]) | Q(uscc__icontains=filters["q"].upper())
        )
    enterprises = list(enterprises.distinct())
    figures = selectors.figures_for(enterprises, context["period"])
    tiers = selectors.enterprise_tiers(enterprises, figures)
    if filters["tier"]:
        wanted = None if filters["tier"] == "missing" else filters["tier"]
        enterprises = [e for e in enterprises if (tiers[e.pk].value if tiers[e.pk] else None) == wanted]
    rows = [
        {
            "enterprise": e,
            "tier": kernel.TIER_LABELS[tiers[e.pk]] if tiers[e.pk] else _("No approved revenue"),
            "figure": figures.get(e.pk),
            "revenue": number_display(figures[e.pk].revenue) if e.pk in figures else "—",
            "output": number_display(figures[e.pk].output) if e.pk in figures else "—",
        }
        for e in enterprises
    ]
    context |= {
        "nav": "industry",
        "rows": rows,
        "filters": filters,
        "counties": selectors.counties(),
        "clusters": Cluster.objects.for_user(user).filter(is_archived=False),
        "tiers": [(t.value, label) for t, label in kernel.TIER_LABELS.items()],
        "specialised_levels": SpecialisedLevel.choices,
        "is_demo": any(e.is_demo for e in enterprises),
    }
    return render(request, "enterprises/enterprise_list.html", context)


def enterprise_detail(request, pk: int):
    require(request.user, Action.VIEW)
    enterprise = get_object_or_404(
        Enterprise.objects.for_user(request.user).select_related("location").prefetch_related("clusters"),
        pk=pk,
    )
    figures = selectors.figure_rows(enterprise, request.user)
    rows = [
        {
            "figure": f,
            "period_label": period_label_of(f.period),
            "revenue": number_display(f.revenue),
            "output": number_display(f.output),
            "tier": (
                kernel.TIER_LABELS[kernel.tier_of(f.revenue, selectors.tier_thresholds())]
                if f.revenue is not None and f.state == "approved"
                else "—"
            ),
        }
        for f in figures
    ]
    context = {
        "nav": "industry",
        "enterprise": enterprise,
        "rows": rows,
        "code": kernel.describe_uscc(enterprise.uscc),
        **history_context(enterprise),
    }
    return render(request, "enterprises/enterprise_detail.html", context)


def twin_matrix(request):
    context = _period_context(request)
    rows = selectors.twin_matrix(request.user, context["period"])
    thresholds = selectors.project_tier_thresholds()
    context |= {
        "nav": "industry",
        "rows": rows,
        "enterprise_headers": [kernel.TIER_LABELS[t] for t in kernel.Tier] + [_("No approved revenue")],
        "project_headers": [selectors.PROJECT_TIER_LABELS[t] for t in selectors.PROJECT_TIERS],
        "project_bounds": {k: yi(getattr(thresholds, k)) for k in ("hundred_yi", "ten_yi", "one_yi")},
        "is_demo": Enterprise.objects.filter(is_demo=True).exists(),
    }
    return render(request, "enterprises/twin_matrix.html", context)
