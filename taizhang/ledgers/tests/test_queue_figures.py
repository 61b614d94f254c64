"""Enterprise figures and indicator values in the review queue (beside task and project reports, approved with
HTMX like them) and on the 填报清单 (each item links its form while it is writable, its page once submitted)."""

import pytest
from django.urls import reverse

from conftest import TODAY
from taizhang.enterprises import services as enterprise_services
from taizhang.enterprises.codes import simulated_uscc
from taizhang.indicators.services import create_indicator, save_value
from taizhang.ledgers import workflow
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.dictionary import checklist


@pytest.fixture
def enterprise(actors, units):
    return enterprise_services.create_enterprise(
        actor=actors["dave"], data={"name": "队列企业", "uscc": simulated_uscc(7), "location": units["yc"]}
    )


@pytest.fixture
def indicator(actors, units):
    """A monthly indicator of 市工信局 (alice reports it, bob reviews it)."""
    return create_indicator(
        actor=actors["dave"],
        data={"code": "industry", "name": "规模以上工业增加值", "unit": "亿元", "frequency": "monthly",
              "responsible_unit": units["gxj"]},
    )  # fmt: skip


def submitted_figure(actors, enterprise, period="2025-10"):
    figure = enterprise_services.save_figure(
        actor=actors["yan"], enterprise=enterprise, period=period, today=TODAY, data={"revenue": "321"}
    )
    return workflow.submit(actor=actors["yan"], report=figure)


def submitted_value(actors, indicator, subject=None, period="2025-10"):
    value = save_value(
        actor=actors["alice"],
        indicator=indicator,
        period=period,
        subject=subject,
        today=TODAY,
        data={"amount": "88.5", "growth": "6.1"},
    )
    return workflow.submit(actor=actors["alice"], report=value)


def test_the_county_reviewer_sees_and_approves_a_figure_in_the_queue_with_htmx(
    actors, enterprise, client_for
):
    figure = submitted_figure(actors, enterprise)
    client = client_for(actors["yao"])
    html = client.get(reverse("ledgers:review_queue")).content.decode()
    detail = reverse("enterprises:figure_detail", args=[figure.pk])
    assert "队列企业" in html and "321" in html and f'href="{detail}#review"' in html
    approve = reverse("enterprises:figure_approve", args=[figure.pk])
    assert f'hx-post="{approve}"' in html

    response = client.post_form(approve, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and f'id="queue-figure-{figure.pk}"' in response.content.decode()
    figure.refresh_from_db()
    assert figure.state == ReportState.APPROVED
    assert "队列企业" not in client.get(reverse("ledgers:review_queue")).content.decode()


def test_an_indicator_value_is_queued_for_its_units_reviewer_only(actors, indicator, units, client_for):
    value = submitted_value(actors, indicator, subject=units["tg"])
    html = client_for(actors["bob"]).get(reverse("ledgers:review_queue")).content.decode()
    assert "规模以上工业增加值（太谷区）" in html and "88.5亿元" in html and "2025年1—10月" in html
    assert reverse("indicators:value_approve", args=[value.pk]) in html
    for other in ("yao", "rita"):
        assert (
            "规模以上工业增加值"
            not in client_for(actors[other]).get(reverse("ledgers:review_queue")).content.decode()
        )


def test_a_failed_htmx_step_says_why_in_the_row(actors, indicator, client_for):
    value = submitted_value(actors, indicator)
    client = client_for(actors["bob"])
    approve = reverse("indicators:value_approve", args=[value.pk])
    client.post_form(approve, HTTP_HX_REQUEST="true")
    again = client.post_form(approve, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="queue-value-{value.pk}"' in again and 'role="alert"' in again


def test_checklist_items_link_their_forms_while_writable_and_their_pages_after(
    actors, units, enterprise, indicator, client_for
):
    period = "2025-10"
    (item,) = checklist(units["yc"], period).items
    assert item.link == reverse("enterprises:figure_edit", args=[enterprise.pk, period])
    city = next(i for i in checklist(units["gxj"], period).items if i.subject is None)
    county = next(i for i in checklist(units["gxj"], period).items if i.subject == units["tg"])
    form = reverse("indicators:value_edit", args=["industry", period])
    assert city.link == form and county.link == f"{form}?subject={units['tg'].pk}"

    figure = submitted_figure(actors, enterprise, period)
    value = submitted_value(actors, indicator, subject=units["tg"], period=period)
    (item,) = checklist(units["yc"], period).items
    assert item.link == reverse("enterprises:figure_detail", args=[figure.pk])
    county = next(i for i in checklist(units["gxj"], period).items if i.subject == units["tg"])
    assert county.link == reverse("indicators:value_detail", args=[value.pk])

    html = client_for(actors["yan"]).get(reverse("ledgers:checklist") + f"?period={period}").content.decode()
    assert f'href="{item.link}"' in html


def test_a_month_the_indicator_does_not_publish_links_its_page(actors, units):
    quarterly = create_indicator(
        actor=actors["dave"],
        data={"code": "gdp", "name": "地区生产总值", "unit": "亿元", "frequency": "quarterly",
              "responsible_unit": units["gxj"]},
    )  # fmt: skip
    from taizhang.ledgers.dictionary import due_items

    items = [i for i in due_items("2025-10", units=[units["gxj"]], due_only=False) if i.obj == quarterly]
    assert items and {i.link for i in items} == {quarterly.get_absolute_url()}


def test_a_quarterly_value_is_queued_under_its_release_name(actors, units, client_for):
    gdp = create_indicator(
        actor=actors["dave"],
        data={"code": "gdp", "name": "地区生产总值", "unit": "亿元", "frequency": "quarterly",
              "responsible_unit": units["gxj"]},
    )  # fmt: skip
    submitted_value(actors, gdp, period="2025-09")
    html = client_for(actors["bob"]).get(reverse("ledgers:review_queue")).content.decode()
    assert "2025年前三季度" in html


def test_the_workbench_tells_a_reviewer_that_figures_wait_in_the_queue(
    actors, enterprise, indicator, client_for
):
    home = reverse("dashboards:home")
    assert 'data-block="figures-waiting"' not in client_for(actors["yao"]).get(home).content.decode()

    submitted_figure(actors, enterprise)
    submitted_value(actors, indicator)

    for reviewer in ("yao", "bob"):  # 榆次区 reviews its enterprise's figure, 市工信局 its indicator's value
        page = client_for(actors[reviewer]).get(home).content.decode()
        assert 'data-block="figures-waiting"' in page and 'state-submitted">1<' in page
    assert 'data-block="figures-waiting"' not in client_for(actors["yan"]).get(home).content.decode()
