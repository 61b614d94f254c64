"""工作台 and 全市总览: thin views over dashboards.selectors."""

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
    return render(
        request,
        "dashboards/home.html",
        {
            "nav": "home",
            "plan": plan,
            "bench": bench,
            "city": bench.city,
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
