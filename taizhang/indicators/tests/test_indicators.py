"""Indicators: catalogue, targets, figures through the one workflow, ranks, the CLI."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import TODAY
from taizhang.accounts.choices import UnitKind
from taizhang.accounts.models import Unit
from taizhang.indicators import selectors, services
from taizhang.indicators.models import IndicatorValue, PeerFigure
from taizhang.ledgers import workflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def counties(units):
    """Six county-level units: enough for 后三位 (榆次区, 太谷区, 开发区 from conftest, and three more)."""
    more = [
        Unit.objects.create(code=code, name=name, short_name=name, kind=UnitKind.COUNTY, order=order)
        for code, name, order in (("140727", "祁县", 3), ("140728", "平遥县", 4), ("140781", "介休市", 5))
    ]
    return [units["yc"], units["tg"], units["kfq"], *more]


@pytest.fixture
def industry(actors, units):
    """规上工业增加值, monthly cumulative, reported by 市工信局 (alice reports, bob reviews); target +6.5%."""
    indicator = services.create_indicator(
        actor=actors["dave"],
        data={
            "code": "industry",
            "name": "规模以上工业增加值",
            "unit": "亿元",
            "frequency": "monthly",
            "cumulative": True,
            "direction": "higher",
            "first_month": 1,
            "responsible_unit": units["gxj"],
            "order": 2,
        },
    )
    services.set_target(
        actor=actors["dave"], indicator=indicator, year=2025, target_type="growth", value="6.5"
    )
    return indicator


@pytest.fixture
def fai(actors, units):
    return services.create_indicator(
        actor=actors["dave"],
        data={
            "code": "fai",
            "name": "固定资产投资（不含农户）",
            "unit": "亿元",
            "frequency": "monthly",
            "first_month": 2,
            "responsible_unit": units["gxj"],
        },
    )


@pytest.fixture
def report(actors):
    def make(indicator, period, *, subject=None, amount=None, growth=None, state="approved"):
        value = services.save_value(
            actor=actors["alice"],
            indicator=indicator,
            period=period,
            subject=subject,
            today=TODAY,
            data={"amount": amount, "growth": growth},
        )
        if state in {"submitted", "approved"}:
            value = workflow.submit(actor=actors["alice"], report=value)
        if state == "approved":
            value = workflow.approve(actor=actors["bob"], report=value)
        return value

    return make


def _row(user, period, code):
    return next(r for r in selectors.indicator_rows(user, period) if r.indicator.code == code)


def test_a_period_the_indicator_does_not_publish_is_refused_with_the_kernels_message(fai, actors):
    with pytest.raises(ValidationError) as exc:
        services.save_value(
            actor=actors["alice"], indicator=fai, period="2025-01", today=TODAY, data={"growth": "3"}
        )
    assert exc.value.message_dict["period"] == [
        "固定资产投资（不含农户）2025年1月不发布数据（首次发布为2025年1—2月）"
    ]
    assert not IndicatorValue.objects.exists()


def test_only_the_responsible_unit_reports_a_figure(industry, actors):
    with pytest.raises(PermissionDenied):
        services.save_value(
            actor=actors["carol"], indicator=industry, period="2025-09", today=TODAY, data={"growth": "6"}
        )


def test_a_bad_figure_names_its_field_and_nothing_is_saved(industry, actors):
    with pytest.raises(ValidationError) as exc:
        services.save_value(
            actor=actors["alice"], indicator=industry, period="2025-09", today=TODAY, data={"growth": "六"}
        )
    assert "growth" in exc.value.message_dict
    assert not IndicatorValue.objects.exists()


def test_a_figure_without_amount_or_growth_cannot_be_submitted(industry, actors, report):
    value = report(industry, "2025-09", state="draft")
    with pytest.raises(ValidationError) as exc:
        workflow.submit(actor=actors["alice"], report=value)
    assert "amount" in exc.value.message_dict


def test_a_target_of_an_unknown_type_is_refused(industry, actors):
    with pytest.raises(ValidationError) as exc:
        services.set_target(
            actor=actors["dave"], indicator=industry, year=2025, target_type="ratio", value="5"
        )
    assert "target_type" in exc.value.message_dict


def test_only_approved_figures_count_and_the_gap_is_in_points(industry, actors, report):
    report(industry, "2025-09", growth="5.8", state="submitted")
    row = _row(actors["leo"], "2025-09", "industry")
    assert row.value is None and row.comparison.reason.startswith("尚无")
    workflow.approve(actor=actors["bob"], report=IndicatorValue.objects.get())
    row = _row(actors["leo"], "2025-09", "industry")
    assert row.value.growth == Decimal("5.8")
    assert row.comparison.gap_pp == pytest.approx(-0.7)
    assert row.comparison.light == "yellow"  # growing, but below the plan (天津 rule)
    assert row.label == "2025年1—9月"


def test_a_month_without_a_release_shows_the_latest_one(actors, units, report):
    gdp = services.create_indicator(
        actor=actors["dave"],
        data={
            "code": "gdp",
            "name": "地区生产总值",
            "unit": "亿元",
            "frequency": "quarterly",
            "responsible_unit": units["gxj"],
        },
    )
    report(gdp, "2025-09", amount="1800", growth="4.1")
    row = _row(actors["alice"], "2025-10", "gdp")
    assert (row.period, row.label) == ("2025-09", "2025年前三季度")
    assert row.value.growth == Decimal("4.1")


def test_county_ranks_with_moves_and_the_last_three(industry, counties, actors, report):
    august = [7.0, 6.0, 5.0, 4.0, 3.0, 2.0]
    september = [6.0, 7.0, 5.0, 4.0, 3.0, 2.0]  # 太谷区 overtakes 榆次区
    for unit, a, s in zip(counties, august, september, strict=True):
        report(industry, "2025-08", subject=unit, growth=str(a))
        report(industry, "2025-09", subject=unit, growth=str(s))
    row = _row(actors["yan"], "2025-09", "industry")
    by_name = {e.name: e for e in row.counties}
    assert [e.name for e in row.counties][:2] == ["太谷区", "榆次区"]
    assert by_name["太谷区"].move.label == "进位1" and by_name["太谷区"].arrow == "↑1"
    assert by_name["榆次区"].move.label == "退位1"
    assert {e.name for e in row.counties if e.trailing} == {"祁县", "平遥县", "介休市"}


def test_jinzhong_is_ranked_among_the_cities_on_its_approved_city_value(industry, actors, report):
    others = {"太原": 8.0, "大同": 7.5, "朔州": 7.0, "忻州": 6.9, "阳泉": 6.0, "吕梁": 5.0,
              "长治": 4.0, "晋城": 3.0, "临汾": 2.0, "运城": 1.0}  # fmt: skip
    services.set_peer_figures(
        actor=actors["dave"],
        indicator=industry,
        period="2025-09",
        today=TODAY,
        figures={c: {"growth": str(g)} for c, g in others.items()},
    )
    report(industry, "2025-09", growth="6.8")
    home = _row(actors["leo"], "2025-09", "industry").home
    assert (home.rank, home.move.label) == (5, "新进")


def test_jinzhong_is_not_entered_as_a_peer_and_a_bad_row_saves_nothing(industry, actors):
    with pytest.raises(ValidationError) as exc:
        services.set_peer_figures(
            actor=actors["dave"],
            indicator=industry,
            period="2025-09",
            today=TODAY,
            figures={"太原": {"growth": "8"}, "晋中": {"growth": "6"}, "北京": {"growth": "5"}},
        )
    assert set(exc.value.message_dict) == {"peer:晋中", "peer:北京"}
    assert not PeerFigure.objects.exists()


def test_peer_figures_are_for_the_supervisor_or_the_responsible_unit(industry, actors):
    with pytest.raises(PermissionDenied):
        services.set_peer_figures(
            actor=actors["carol"],
            indicator=industry,
            period="2025-09",
            today=TODAY,
            figures={"太原": {"growth": "8"}},
        )
    services.set_peer_figures(
        actor=actors["alice"],
        indicator=industry,
        period="2025-09",
        today=TODAY,
        figures={"太原": {"growth": "8"}},
    )
    assert PeerFigure.objects.get().growth == Decimal("8")


def test_figures_keep_their_history(industry, actors, report):
    value = report(industry, "2025-09", growth="6.1")
    assert [h.history_user.username for h in value.history.all()] == ["bob", "alice", "alice"]


def test_the_command_prints_targets_actuals_gaps_and_ranks_as_json(industry, counties, actors, report):
    report(industry, "2025-09", amount="500", growth="6.8")
    for unit, growth in zip(counties, [6, 5, 4, 3, 2, 1], strict=True):
        report(industry, "2025-09", subject=unit, growth=str(growth))
    out = StringIO()
    call_command("indicators", "--period", "2025-09", "--json", stdout=out)
    data = json.loads(out.getvalue())
    (row,) = data["indicators"]
    assert row["target"]["value"] == 6.5 and row["actual"]["growth"] == 6.8
    assert row["gap_pp"] == 0.3 and row["light"] == "green"
    assert row["county_rank"]["units"][0] == row["county_rank"]["units"][0] | {"name": "榆次区", "rank": 1}
    text = StringIO()
    call_command("indicators", "--period", "2025-09", stdout=text)
    assert "规模以上工业增加值" in text.getvalue() and "+0.3" in text.getvalue()


def test_the_command_refuses_a_bad_period(db):
    with pytest.raises(CommandError) as exc:
        call_command("indicators", "--period", "2025-13")
    assert exc.value.returncode == 2
    assert "报告期" in str(exc.value) or "月份" in str(exc.value)


def test_the_dashboard_and_the_detail_page_show_the_figures_to_every_role(
    industry, counties, actors, report, client_for
):
    report(industry, "2025-09", amount="500", growth="6.8")
    for unit, growth in zip(counties, [6, 5, 4, 3, 2, 1], strict=True):
        report(industry, "2025-09", subject=unit, growth=str(growth))
    for who in ("alice", "carol", "yan", "dave", "leo"):
        client = client_for(actors[who])
        page = client.get("/indicators/?period=2025-09").content.decode()
        assert 'data-code="industry"' in page and "累计增长6.8%" in page
        detail = client.get("/indicators/industry/?period=2025-09").content.decode()
        assert 'data-key="140702"' in detail and "vendor/echarts/echarts.min.js" in detail
        assert "http://" not in detail and "https://" not in detail


def test_a_bad_period_on_the_page_falls_back_with_a_message(industry, actors, client_for):
    response = client_for(actors["leo"]).get("/indicators/?period=2025-99", follow=True)
    assert response.status_code == 200
    assert any("报告期" in str(m) or "月" in str(m) for m in response.context["messages"])


def test_an_unknown_indicator_is_a_404(actors, client_for, db):
    assert client_for(actors["leo"]).get("/indicators/nothing/").status_code == 404


def test_demo_figures_carry_the_label(industry, actors, client_for):
    value = services.save_value(
        actor=actors["alice"],
        indicator=industry,
        period="2025-09",
        today=TODAY,
        data={"growth": "6"},
        is_demo=True,
    )
    workflow.approve(actor=actors["bob"], report=workflow.submit(actor=actors["alice"], report=value))
    assert "演示数据" in client_for(actors["leo"]).get("/indicators/?period=2025-09").content.decode()


def test_the_page_opens_on_the_newest_approved_period(industry, report):
    report(industry, "2025-08", growth="6.0")
    report(industry, "2025-09", growth="6.1", state="submitted")
    assert selectors.default_period() == "2025-08"
