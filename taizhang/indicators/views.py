"""指标看板 and one indicator's page: thin views over indicators.selectors; and entering a figure on the web.

An indicator value (the city's or a county's amount and/or growth for a published period) is entered like a
key project's monthly report (projects.views, the pattern followed here): the responsible unit's 填报员 fills
the form (save a draft, or save and submit), its 审核员 approves or returns the value on its page or in the
review queue, through the ONE workflow (ledgers.workflow via ledgers.views.run_workflow_step). A period the
indicator does not publish is refused with the kernel's message (indicators.services.check_value_period).
Access as everywhere: a step the role may not take is a 403, another unit's indicator form a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from taizhang.accounts.models import Unit
from taizhang.core import indicators as kernel
from taizhang.core import schedule
from taizhang.core.access import Action, require
from taizhang.indicators import selectors
from taizhang.indicators.forms import ValueForm, takes_growth
from taizhang.indicators.models import Indicator, IndicatorValue
from taizhang.indicators.services import COUNTY_KINDS, check_value_period, save_value
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.forms import attach_errors, number_display
from taizhang.ledgers.views import (
    draft_saved_or_submitted,
    history_context,
    may_act_for_unit,
    review_flags,
    workflow_step_views,
)
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
    fill = _fill_rows(request.user, indicator, period)
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
            **fill,
        },
    )


# --------------------------------------------------------------------------------------------------
# 填报: an indicator value (the city's or a county's), and the value's page with its review
# --------------------------------------------------------------------------------------------------


def value_url(indicator: Indicator, period: str, subject: Unit | None) -> str:
    url = reverse("indicators:value_edit", args=[indicator.code, period])
    return url if subject is None else f"{url}?subject={subject.pk}"


def _fill_rows(user, indicator: Indicator, period: str) -> dict:
    """The release the indicator page's period falls in, and per subject (全市, each county) its value's
    state with links: its page, and the form for the responsible unit's 填报员 while it is writable."""
    year, month = kernel.latest_published(indicator.spec, *schedule.parse_period(period))
    release = schedule.period_str(year, month)
    may_report = not indicator.is_archived and may_act_for_unit(
        user, Action.REPORT, indicator.responsible_unit_id
    )
    if schedule.is_future_period(year, month, today=timezone.localdate()):
        may_report = False
    values = {
        v.subject_id: v
        for v in IndicatorValue.objects.for_user(user).filter(
            indicator=indicator, period=release, is_archived=False
        )
    }
    rows = []
    for subject in [None, *selectors.county_units()]:
        value = values.get(None if subject is None else subject.pk)
        writable = may_report and (value is None or value.is_editable)
        rows.append(
            {
                "subject": subject,
                "value": value,
                "figure": _figure(indicator, value),
                "detail_url": reverse("indicators:value_detail", args=[value.pk]) if value else "",
                "fill_url": value_url(indicator, release, subject) if writable else "",
            }
        )
    return {
        "fill_rows": rows,
        "release_label": kernel.published_label(indicator.spec, year, month),
        "may_report": may_report,
    }


def _figure(indicator: Indicator, value: IndicatorValue | None) -> str:
    if value is None:
        return "—"
    parts = []
    if value.amount is not None:
        parts.append(f"{number_display(value.amount)}{indicator.unit}")
    if value.growth is not None:
        parts.append(_("growth %(rate)s%%") % {"rate": number_display(value.growth)})
    return " · ".join(parts) or "—"


def _subject(request) -> Unit | None:
    """``?subject=<unit pk>``: a county-level unit; empty is 全市; anything else names no page (404)."""
    raw = (request.GET.get("subject") or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_object_or_404(Unit, pk=int(raw), kind__in=COUNTY_KINDS, is_active=True)


def _value_context(*, indicator, subject, period, label, value, previous, form) -> dict:
    return {
        "nav": "indicators",
        "indicator": indicator,
        "subject": subject,
        "period": period,
        "period_label": label,
        "value": value,
        "value_url": reverse("indicators:value_detail", args=[value.pk]) if value else "",
        "previous": previous,
        "previous_label": _release_label(indicator, previous.period) if previous is not None else "",
        "form": form,
        "takes_growth": takes_growth(indicator),
        "is_returned": value is not None and value.state == ReportState.RETURNED,
    }


def _release_label(indicator: Indicator, period: str) -> str:
    """The period as the statistics release prints it ("2025年前三季度"), else as a ledger period."""
    year, month = schedule.parse_period(period)
    try:
        return kernel.published_label(indicator.spec, year, month)
    except ValueError:
        return schedule.period_label(year, month)


@require_http_methods(["GET", "POST"])
def value_edit(request, code: str, period: str):
    user = request.user
    require(user, Action.REPORT)
    # the responsible unit's indicators only (statistics are read by all, written by their owner): else 404
    indicator = get_object_or_404(
        Indicator.objects.for_user(user, Action.REPORT).filter(is_archived=False), code=code
    )
    subject = _subject(request)
    today = timezone.localdate()
    value = IndicatorValue.objects.filter(indicator=indicator, subject=subject, period=period).first()
    if value is not None and not value.is_editable:
        messages.info(
            request,
            _("This report is %(state)s and can no longer be edited.") % {"state": value.get_state_display()},
        )
        return redirect("indicators:value_detail", pk=value.pk)
    try:
        check_value_period(indicator, period, today=today)
    except ValidationError as exc:  # the kernel's words: "…2025年1月不发布数据（首次发布为2025年1—2月）"
        messages.error(request, " ".join(exc.messages))
        return redirect(indicator)

    # 为基层减负: start from the last release of the year so the clerk changes what changed.
    year, _month = schedule.parse_period(period)
    previous = (
        IndicatorValue.objects.filter(
            indicator=indicator, subject=subject, period__lt=period, is_archived=False
        )
        .filter(period__gte=schedule.period_str(year, 1))
        .order_by("-period")
        .first()
    )
    label = _release_label(indicator, period)

    def page(value, form):
        context = _value_context(
            indicator=indicator,
            subject=subject,
            period=period,
            label=label,
            value=value,
            previous=previous,
            form=form,
        )
        return render(request, "indicators/value_form.html", context)

    if request.method == "GET":
        return page(value, ValueForm(indicator, initial=ValueForm.initial_from(value or previous)))

    form = ValueForm(indicator, data=request.POST)
    try:
        value = save_value(
            actor=user,
            indicator=indicator,
            period=period,
            subject=subject,
            data=form.service_data(value),
            today=today,
        )
    except ValidationError as exc:  # the service is atomic: nothing was saved
        attach_errors(form, exc)
        messages.error(request, _("Nothing was saved: please correct the marked fields."))
        current = IndicatorValue.objects.filter(indicator=indicator, subject=subject, period=period).first()
        return page(current, form)
    return draft_saved_or_submitted(
        request,
        report=value,
        form=form,
        rerender=lambda value: page(value, form),
        done_url=reverse("indicators:value_detail", args=[value.pk]),
    )


def _values_for(user):
    return IndicatorValue.objects.for_user(user).select_related(
        "indicator",
        "indicator__responsible_unit",
        "subject",
        "unit",
        "created_by",
        "submitted_by",
        "reviewed_by",
    )


@require_GET
def value_detail(request, pk: int):
    user = request.user
    require(user, Action.VIEW)
    value = get_object_or_404(_values_for(user), pk=pk)
    indicator = value.indicator
    edit_url = value_url(indicator, value.period, value.subject)
    context = {
        "nav": "indicators",
        "value": value,
        "indicator": indicator,
        "period_label": _release_label(indicator, value.period),
        "amount": "—" if value.amount is None else f"{number_display(value.amount)}{indicator.unit}",
        "growth": "—" if value.growth is None else f"{number_display(value.growth)}%",
        **review_flags(user, value, subject_archived=indicator.is_archived),
        "edit_url": edit_url,
        "submit_url": reverse("indicators:value_submit", args=[value.pk]),
        "approve_url": reverse("indicators:value_approve", args=[value.pk]),
        "return_url": reverse("indicators:value_return", args=[value.pk]),
        "here": request.path,
        **history_context(value),
    }
    return render(request, "indicators/value_detail.html", context)


value_submit, value_approve, value_return = workflow_step_views(_values_for)
