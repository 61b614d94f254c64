"""工作台, 全市总览, 项目调度总览 and 同题共答: thin views over dashboards.selectors."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from taizhang.dashboards import selectors
from taizhang.ledgers.selectors import (
    default_period,
    period_choices,
    plan_period,
    resolve_period,
    resolve_plan,
)


def _task_list_base(plan, period: str) -> str:
    """The task list (plans:task_list) filtered to this plan and period; callers append &light= etc."""
    return f"{reverse('plans:task_list')}?{urlencode({'plan': plan.pk if plan else '', 'period': period})}"


@require_GET
def home(request):
    plan = resolve_plan(request.GET.get("plan"))
    period, error = resolve_period(request.GET.get("period"), plan)
    if error:
        messages.error(request, error)
    bench = selectors.workbench(request.user, plan, period)
    project_bench = selectors.project_workbench(request.user, period)
    figures_waiting = selectors.figures_waiting(request.user)
    return render(
        request,
        "dashboards/home.html",
        {
            "nav": "home",
            "plan": plan,
            "bench": bench,
            "city": bench.city,
            "project_bench": project_bench,
            "figures_waiting": figures_waiting,
            "period": period,
            "periods": period_choices(plan.year if plan else int(period[:4]), keep=period),
            "list_base": _task_list_base(plan, period),
            "demo_label": selectors.DEMO_LABEL,
        },
    )


@require_GET
def overview(request):
    plan = resolve_plan(request.GET.get("plan"))
    period, error = resolve_period(request.GET.get("period"), plan)
    if error:
        messages.error(request, error)
    data = selectors.overview_for(request.user, plan, period)
    return render(
        request,
        "dashboards/overview.html",
        {
            "nav": "overview",
            "plan": plan,
            "ov": data,
            "period": period,
            "periods": period_choices(plan.year if plan else int(period[:4]), keep=period),
            "chart": selectors.chart_data(data),
            "list_base": _task_list_base(plan, period),
            "demo_label": selectors.DEMO_LABEL,
        },
    )


@require_GET
def overview_data(request):
    """The overview's numbers as JSON (the rollup plus the chart series); 400 for a bad period."""
    plan = resolve_plan(request.GET.get("plan"))
    raw = request.GET.get("period")
    try:
        period = plan_period(plan, raw) if raw else default_period(plan)
    except ValueError as exc:
        return JsonResponse({"detail": str(exc), "errors": {"period": str(exc)}}, status=400)
    data = selectors.overview_for(request.user, plan, period)
    return JsonResponse(
        selectors.rollup_dict(data) | {"chart": selectors.chart_data(data)},
        json_dumps_params={"ensure_ascii": False},
    )


# --------------------------------------------------------------------------------------------------
# 重点项目: 项目调度总览 and 同题共答
# --------------------------------------------------------------------------------------------------


def _project_period(request) -> str:
    period, error = selectors.resolve_project_period(request.GET.get("period"))
    if error:
        messages.error(request, error)
    return period


@require_GET
def project_overview(request):
    period = _project_period(request)
    ov = selectors.project_overview_for(request.user, period)
    return render(
        request,
        "dashboards/project_overview.html",
        {
            "nav": "project_overview",
            "ov": ov,
            "period": period,
            "periods": selectors.project_period_choices(period),
            "chart": selectors.project_chart_data(ov),
            "demo_label": selectors.DEMO_LABEL,
        },
    )


@require_GET
def project_overview_data(request):
    """The project overview's figures and chart series as JSON; 400 for a bad or future period."""
    raw = request.GET.get("period")
    try:
        period = plan_period(None, raw) if raw else selectors.resolve_project_period(None)[0]
    except ValueError as exc:
        return JsonResponse({"detail": str(exc), "errors": {"period": str(exc)}}, status=400)
    ov = selectors.project_overview_for(request.user, period)
    return JsonResponse(selectors.project_overview_dict(ov), json_dumps_params={"ensure_ascii": False})


COUNTY_COLUMNS = tuple(selectors.COUNTY_SORTS)


@require_GET
def county_comparison(request):
    period = _project_period(request)
    sort = request.GET.get("sort", "order")
    if sort not in COUNTY_COLUMNS:
        sort = "order"
    descending = request.GET.get("dir") == "desc"
    comparison = selectors.county_comparison_for(request.user, period, sort=sort, descending=descending)
    return render(
        request,
        "dashboards/county_comparison.html",
        {
            "nav": "county_comparison",
            "cmp": comparison,
            "period": period,
            "periods": selectors.project_period_choices(period),
            "sort": sort,
            "descending": descending,
            "chart": comparison.chart(),
            "demo_label": selectors.DEMO_LABEL,
        },
    )
