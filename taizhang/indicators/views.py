"""指标看板 and one indicator's page: thin views over indicators.selectors."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from taizhang.core import schedule
from taizhang.indicators import selectors
from taizhang.indicators.models import Indicator
from taizhang.projects.imports import may_import


def _period(request) -> str:
    period, error = selectors.resolve_period(request.GET.get("period"))
    if error:
        messages.error(request, error)
    return period


@require_GET
def dashboard(request):
    period = _period(request)
    rows = selectors.indicator_rows(request.user, period)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "nav": "indicators",
            "rows": rows,
            "period": period,
            "period_label": "{}年{}月".format(*schedule.parse_period(period)),
            "periods": selectors.period_choices(period),
            "demo_data": any(r.demo_data for r in rows),
            "demo_label": selectors.DEMO_LABEL,
            "can_import": may_import(request.user, "indicators"),
        },
    )


@require_GET
def detail(request, code: str):
    indicator = Indicator.objects.for_user(request.user).filter(code=code, is_archived=False).first()
    if indicator is None:
        raise Http404
    period = _period(request)
    (row,) = selectors.indicator_rows(request.user, period, codes=[code])
    chart = selectors.trend(indicator, request.user, period)
    return render(
        request,
        "indicators/detail.html",
        {
            "nav": "indicators",
            "indicator": indicator,
            "row": row,
            "period": period,
            "periods": selectors.period_choices(period),
            "chart": chart,
            "cross_check": selectors.project_cross_check(request.user, row),
            "demo_data": row.demo_data or chart["demo_data"],
            "demo_label": selectors.DEMO_LABEL,
        },
    )
