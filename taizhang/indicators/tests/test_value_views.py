"""Indicator values on the web: 市统计局's 填报员 enters the city's or a county's figure, its 审核员 approves or
returns it; a period the indicator does not publish is refused with the kernel's Chinese message; another
unit's indicator is a 404 for a 填报员, a leader's POST a 403."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from taizhang.accounts.choices import Role, UnitKind
from taizhang.accounts.models import Unit, User
from taizhang.indicators.models import IndicatorValue
from taizhang.indicators.services import create_indicator
from taizhang.ledgers.choices import ReportState


@pytest.fixture
def stats(actors):
    """市统计局 with its reporter (tina) and reviewer (ted), responsible for two indicators."""
    unit = Unit.objects.create(
        code="tjj", name="晋中市统计局", short_name="市统计局", kind=UnitKind.DEPARTMENT
    )
    tina = User.objects.create_user("tina", password="x", role=Role.REPORTER, unit=unit, display_name="tina")
    ted = User.objects.create_user("ted", password="x", role=Role.REVIEWER, unit=unit, display_name="ted")

    def indicator(code, name, unit_of_measure, frequency, first_month=1):
        data = {
            "code": code,
            "name": name,
            "unit": unit_of_measure,
            "frequency": frequency,
            "first_month": first_month,
            "responsible_unit": unit,
        }
        return create_indicator(actor=actors["dave"], data=data)

    return {
        "unit": unit,
        "tina": tina,
        "ted": ted,
        "industry": indicator("industry", "规模以上工业增加值", "亿元", "monthly"),
        "fai": indicator("fai", "固定资产投资（不含农户）", "亿元", "monthly", first_month=2),
        "gdp": indicator("gdp", "地区生产总值", "亿元", "quarterly"),
        "jobless": indicator("unemployment", "城镇调查失业率", "%", "monthly"),
    }


def form_url(indicator, period, subject=None) -> str:
    url = reverse("indicators:value_edit", args=[indicator.code, period])
    return url if subject is None else f"{url}?subject={subject.pk}"


def texts(response) -> list[str]:
    return [str(m.message) for m in get_messages(response.wsgi_request)]


def test_the_statistics_reporter_enters_a_countys_figure_and_the_reviewer_approves_it(
    stats, units, client_for
):
    industry, yc = stats["industry"], units["yc"]
    reporter = client_for(stats["tina"])
    url = form_url(industry, "2025-10", yc)
    page = reporter.get(url).content.decode()
    assert "榆次区" in page and "2025年1—10月" in page and "亿元" in page

    response = reporter.post_form(
        url, {"amount": "185.3", "growth": "6.2", "note": "快报", "action": "draft"}
    )
    assert response.status_code == 302 and response["Location"] == url  # back to the same subject's form
    value = IndicatorValue.objects.get(indicator=industry, subject=yc, period="2025-10")
    assert value.state == ReportState.DRAFT and value.unit == stats["unit"]

    response = reporter.post_form(
        url, {"amount": "185.3", "growth": "6.4", "note": "快报", "action": "submit"}
    )
    value.refresh_from_db()
    assert value.state == ReportState.SUBMITTED and value.growth == Decimal("6.4")
    detail = reverse("indicators:value_detail", args=[value.pk])
    assert response["Location"] == detail

    reviewer = client_for(stats["ted"])
    assert reverse("indicators:value_approve", args=[value.pk]) in reviewer.get(detail).content.decode()
    reviewer.post_form(reverse("indicators:value_approve", args=[value.pk]))
    value.refresh_from_db()
    assert value.state == ReportState.APPROVED and value.reviewed_by == stats["ted"]
    assert IndicatorValue.objects.filter(indicator=industry, subject=None).count() == 0  # the city untouched


def test_the_city_figure_is_the_form_without_a_subject(stats, client_for):
    client_for(stats["tina"]).post_form(
        form_url(stats["industry"], "2025-09"), {"amount": "700", "growth": "6.0", "action": "draft"}
    )
    value = IndicatorValue.objects.get(indicator=stats["industry"], period="2025-09")
    assert value.subject is None and value.amount == Decimal("700")


def test_a_period_the_indicator_does_not_publish_is_refused_in_chinese(stats, client_for):
    client = client_for(stats["tina"])
    for indicator, period, words in (
        (stats["gdp"], "2025-10", "地区生产总值2025年10月不发布数据（按季度发布（3、6、9、12月））"),
        (stats["fai"], "2025-01", "固定资产投资（不含农户）2025年1月不发布数据（首次发布为2025年1—2月）"),
    ):
        response = client.post_form(form_url(indicator, period), {"amount": "1", "action": "draft"})
        assert response.status_code == 302 and response["Location"] == indicator.get_absolute_url()
        assert words in texts(response)
        assert not IndicatorValue.objects.filter(indicator=indicator, period=period).exists()


def test_a_quarter_is_labelled_as_the_release_prints_it(stats, client_for):
    html = client_for(stats["tina"]).get(form_url(stats["gdp"], "2025-09")).content.decode()
    assert "2025年前三季度" in html


def test_a_bad_number_is_refused_naming_the_field_and_nothing_is_saved(stats, units, client_for):
    response = client_for(stats["tina"]).post_form(
        form_url(stats["industry"], "2025-10", units["tg"]),
        {"amount": "100", "growth": "六点五", "action": "draft"},
    )
    assert response.status_code == 200
    assert "“六点五”" in response.content.decode()
    assert not IndicatorValue.objects.filter(indicator=stats["industry"]).exists()


def test_a_rate_is_entered_as_its_level_without_a_growth(stats, client_for):
    client = client_for(stats["tina"])
    html = client.get(form_url(stats["jobless"], "2025-10")).content.decode()
    assert 'name="amount"' in html and 'name="growth"' not in html
    client.post_form(
        form_url(stats["jobless"], "2025-10"), {"amount": "5.2", "growth": "9", "action": "draft"}
    )
    value = IndicatorValue.objects.get(indicator=stats["jobless"], period="2025-10")
    assert value.amount == Decimal("5.2") and value.growth is None


def test_the_reviewer_returns_with_a_reason(stats, client_for):
    reporter = client_for(stats["tina"])
    reporter.post_form(form_url(stats["industry"], "2025-08"), {"amount": "600", "action": "submit"})
    value = IndicatorValue.objects.get(indicator=stats["industry"], period="2025-08")
    client_for(stats["ted"]).post_form(
        reverse("indicators:value_return", args=[value.pk]), {"reason": "增速缺失，请补报"}
    )
    value.refresh_from_db()
    assert value.state == ReportState.RETURNED
    html = reporter.get(form_url(stats["industry"], "2025-08")).content.decode()
    assert "增速缺失，请补报" in html and 'value="600"' in html


def test_another_units_reporter_gets_a_404_and_a_leader_a_403(stats, actors, units, client_for):
    url = form_url(stats["industry"], "2025-10")
    alice = client_for(actors["alice"])  # 市工信局's reporter: the indicator is 市统计局's
    assert alice.get(url).status_code == 404
    assert alice.post_form(url, {"amount": "1", "action": "draft"}).status_code == 404
    assert client_for(actors["leo"]).post_form(url, {"amount": "1", "action": "draft"}).status_code == 403
    assert (
        client_for(stats["tina"]).get(form_url(stats["industry"], "2025-10", units["gxj"])).status_code == 404
    )
    assert not IndicatorValue.objects.exists()

    client_for(stats["tina"]).post_form(url, {"amount": "1", "action": "submit"})
    value = IndicatorValue.objects.get()
    approve = reverse("indicators:value_approve", args=[value.pk])
    assert client_for(actors["leo"]).post_form(approve).status_code == 403
    assert client_for(actors["bob"]).post_form(approve).status_code == 403  # another unit's reviewer
    value.refresh_from_db()
    assert value.state == ReportState.SUBMITTED


def test_the_indicator_page_links_the_form_for_the_responsible_reporter(stats, actors, units, client_for):
    page = reverse("indicators:detail", args=["industry"]) + "?period=2025-10"
    city, county = form_url(stats["industry"], "2025-10"), form_url(stats["industry"], "2025-10", units["yc"])
    html = client_for(stats["tina"]).get(page).content.decode()
    assert f'href="{city}"' in html and f'href="{county}"' in html
    for who in ("alice", "bob", "leo"):
        assert f'href="{city}"' not in client_for(actors[who]).get(page).content.decode(), who
