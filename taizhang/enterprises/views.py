"""Industry pages (issue 4 §6): 产业矩阵 (clusters by tier with scale against target, per county; the 百亿企业
count against its target), the enterprise list with its filters, an enterprise's page (figures by month,
history) and the 双矩阵; every role may view them (rows through ``for_user``). Amounts are stored in 万元 and
shown in 亿元 where large.

An enterprise's monthly figures (1–m月累计营业收入/产值) are entered on the web like a key project's monthly
report (projects.views, the pattern followed here): the county's 填报员 fills the form (save a draft, or save and
submit), the county's 审核员 approves or returns it on the figure's page or in the review queue, through the
ONE workflow (ledgers.workflow via ledgers.views.run_workflow_step). Access as everywhere (CONTRIBUTING.md
rule 1): a step the role may not take is a 403; another county's enterprise or unapproved figure is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taizhang.core import enterprises as kernel
from taizhang.core import schedule
from taizhang.core.access import Action, require
from taizhang.enterprises import selectors
from taizhang.enterprises.choices import SpecialisedLevel
from taizhang.enterprises.forms import FigureForm
from taizhang.enterprises.models import Cluster, Enterprise, EnterpriseFigure
from taizhang.enterprises.services import check_figure_period, save_figure
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.forms import attach_errors, number_display
from taizhang.ledgers.selectors import period_choices, period_label_of
from taizhang.ledgers.views import (
    draft_saved_or_submitted,
    history_context,
    may_act_for_unit,
    review_flags,
    workflow_step_views,
)
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
    user = request.user
    require(user, Action.VIEW)
    enterprise = get_object_or_404(
        Enterprise.objects.for_user(user).select_related("location").prefetch_related("clusters"),
        pk=pk,
    )
    figures = selectors.figure_rows(enterprise, user)
    period = fill_period(timezone.localdate())
    current = EnterpriseFigure.objects.filter(enterprise=enterprise, period=period, is_archived=False).first()
    rows = [
        {
            "figure": f,
            "url": reverse("enterprises:figure_detail", args=[f.pk]),
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
        "fill_period": period,
        "fill_label": period_label_of(period),
        "can_fill": may_fill(user, enterprise, current),
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


# --------------------------------------------------------------------------------------------------
# 填报: an enterprise's 1–m月 figures, and the figure's page with its review
# --------------------------------------------------------------------------------------------------


def fill_period(today) -> str:
    """The period a county reports now: the month just ended (1–10月 figures are reported in November)."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return schedule.period_str(year, month)


def may_fill(user, enterprise: Enterprise, current: EnterpriseFigure | None) -> bool:
    """Whether this user may open the figure form of the enterprise (the 填报 button): the county's 填报员,
    while this period's figure is not yet submitted or approved."""
    if enterprise.is_archived or not may_act_for_unit(user, Action.REPORT, enterprise.location_id):
        return False
    return current is None or (current.is_editable and not current.is_archived)


def _figure_context(request, *, enterprise, period, figure, previous, form) -> dict:
    return {
        "nav": "industry",
        "enterprise": enterprise,
        "period": period,
        "period_label": period_label_of(period),
        "figure": figure,
        "figure_url": reverse("enterprises:figure_detail", args=[figure.pk]) if figure else "",
        "previous": previous,
        "previous_label": period_label_of(previous.period) if previous is not None else "",
        "form": form,
        "is_returned": figure is not None and figure.state == ReportState.RETURNED,
    }


@require_http_methods(["GET", "POST"])
def figure_edit(request, pk: int, period: str):
    user = request.user
    require(user, Action.REPORT)
    # the county's own enterprises only: another county's (visible on the industry pages) is a 404 here
    enterprise = get_object_or_404(
        Enterprise.objects.for_user(user, Action.REPORT).select_related("location"), pk=pk
    )
    today = timezone.localdate()
    figure = EnterpriseFigure.objects.filter(enterprise=enterprise, period=period).first()
    if figure is not None and not figure.is_editable:
        messages.info(
            request,
            _("This report is %(state)s and can no longer be edited.")
            % {"state": figure.get_state_display()},
        )
        return redirect("enterprises:figure_detail", pk=figure.pk)
    if enterprise.is_archived:
        messages.error(request, _("This enterprise is archived."))
        return redirect(enterprise)
    try:
        check_figure_period(period, today=today)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(enterprise)

    # 为基层减负: start from the last figures of the year so the clerk changes what changed.
    year, _month = schedule.parse_period(period)
    previous = (
        EnterpriseFigure.objects.filter(enterprise=enterprise, period__lt=period, is_archived=False)
        .filter(period__gte=schedule.period_str(year, 1))
        .order_by("-period")
        .first()
    )

    def page(figure, form):
        context = _figure_context(
            request, enterprise=enterprise, period=period, figure=figure, previous=previous, form=form
        )
        return render(request, "enterprises/figure_form.html", context)

    if request.method == "GET":
        return page(figure, FigureForm(initial=FigureForm.initial_from(figure or previous)))

    form = FigureForm(data=request.POST)
    try:
        figure = save_figure(
            actor=user, enterprise=enterprise, period=period, data=form.service_data(), today=today
        )
    except ValidationError as exc:  # the service is atomic: nothing was saved
        attach_errors(form, exc)
        messages.error(request, _("Nothing was saved: please correct the marked fields."))
        return page(EnterpriseFigure.objects.filter(enterprise=enterprise, period=period).first(), form)
    return draft_saved_or_submitted(
        request,
        report=figure,
        form=form,
        rerender=lambda figure: page(figure, form),
        done_url=reverse("enterprises:figure_detail", args=[figure.pk]),
    )


def _figures_for(user):
    return EnterpriseFigure.objects.for_user(user).select_related(
        "enterprise", "enterprise__location", "unit", "created_by", "submitted_by", "reviewed_by"
    )


def figure_detail(request, pk: int):
    user = request.user
    require(user, Action.VIEW)
    figure = get_object_or_404(_figures_for(user), pk=pk)
    enterprise = figure.enterprise
    tier = None
    if figure.revenue is not None:
        tier = kernel.TIER_LABELS[kernel.tier_of(figure.revenue, selectors.tier_thresholds())]
    context = {
        "nav": "industry",
        "figure": figure,
        "report": figure,  # the shared review includes read `report`
        "enterprise": enterprise,
        "period_label": period_label_of(figure.period),
        "revenue": number_display(figure.revenue),
        "output": number_display(figure.output),
        "tier": tier,
        **review_flags(user, figure, subject_archived=enterprise.is_archived),
        "here": request.path,
        **history_context(figure),
    }
    return render(request, "enterprises/figure_detail.html", context)


figure_submit, figure_approve, figure_return = workflow_step_views(_figures_for)
