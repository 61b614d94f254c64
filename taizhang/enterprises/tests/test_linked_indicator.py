"""A cluster whose scale comes from a linked indicator (文旅: 旅游总收入), issue 4 point 1."""

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import TODAY
from taizhang.audit.services import save_audited
from taizhang.enterprises import selectors
from taizhang.indicators import services as indicator_services
from taizhang.ledgers import workflow

pytestmark = pytest.mark.django_db


def _indicator(actors, units, code, name, unit):
    return indicator_services.create_indicator(
        actor=actors["dave"],
        data={
            "code": code,
            "name": name,
            "unit": unit,
            "frequency": "monthly",
            "responsible_unit": units["gxj"],
        },
    )


def _figure(actors, indicator, period, amount, *, subject=None, approve=True):
    value = indicator_services.save_value(
        actor=actors["alice"],
        indicator=indicator,
        period=period,
        subject=subject,
        today=TODAY,
        data={"amount": amount},
    )
    value = workflow.submit(actor=actors["alice"], report=value)
    return workflow.approve(actor=actors["bob"], report=value) if approve else value


def _link(cluster, indicator, actor):
    cluster.indicator = indicator
    return save_audited(cluster, actor=actor, reason="linked to an indicator", action="edit")


@pytest.fixture
def tourism(actors, units, make_cluster, make_enterprise, figure_for):
    """文旅 cluster with two member enterprises (output 3000 + 2000 万元), linked to 旅游总收入 (亿元)."""
    indicator = _indicator(actors, units, "tourism", "旅游总收入", "亿元")
    cluster = make_cluster(name="文旅", tier="thousand_yi", target_scale="10000000", target_year=2025)
    for output in (3000, 2000):
        member = make_enterprise(clusters=[cluster])
        figure_for(member, "2025-09", output=output)
    return _link(cluster, indicator, actors["dave"]), indicator


def _row(actors, period, cluster):
    return next(r for r in selectors.cluster_rows(actors["leo"], period) if r.cluster.pk == cluster.pk)


def test_the_scale_is_the_indicators_latest_approved_city_figure_in_wan(tourism, actors, units):
    cluster, indicator = tourism
    _figure(actors, indicator, "2025-08", "700.5")
    _figure(actors, indicator, "2025-09", "856.3")
    _figure(actors, indicator, "2025-09", "999", subject=units["yc"])  # a county's figure is not the city's
    _figure(actors, indicator, "2025-10", "950", approve=False)  # not approved: does not count
    row = _row(actors, "2025-10", cluster)
    assert row.scale.total == Decimal("8563000")  # 856.3亿元 × 10000
    assert row.total_yi == Decimal("856.3")
    assert row.scale_label.startswith("规模取自指标：旅游总收入（2025年1—9月，856.3亿元）")
    assert row.scale.members == 2 and row.member_scale.total == Decimal("5000")  # members still listed
    assert row.progress is not None  # progress against the target uses the indicator's scale


def test_a_figure_after_the_period_or_of_another_year_does_not_count(tourism, actors):
    cluster, indicator = tourism
    _figure(actors, indicator, "2024-12", "800")
    _figure(actors, indicator, "2025-09", "856.3")
    row = _row(actors, "2025-08", cluster)
    assert row.total_yi is None and row.progress is None
    assert "尚无已审核的全市数据" in row.scale_label


def test_an_indicator_in_another_unit_is_refused_with_a_clear_message(actors, units, make_cluster):
    indicator = _indicator(actors, units, "visitors", "接待游客人次", "万人次")
    _figure(actors, indicator, "2025-09", "5000")
    cluster = _link(make_cluster(name="文旅"), indicator, actors["dave"])
    row = _row(actors, "2025-09", cluster)
    assert row.total_yi is None
    assert "接待游客人次" in row.scale_label and "无法换算为万元" in row.scale_label


def test_an_unlinked_cluster_still_sums_its_members(actors, make_cluster, make_enterprise, figure_for):
    cluster = make_cluster(name="装备制造")
    figure_for(make_enterprise(clusters=[cluster]), "2025-09", output=1500)
    row = _row(actors, "2025-09", cluster)
    assert row.linked is None and row.scale.total == Decimal("1500") and "规模取自指标" not in row.scale_label


def test_the_matrix_page_says_where_the_scale_comes_from(tourism, actors, client_for):
    cluster, indicator = tourism
    _figure(actors, indicator, "2025-09", "856.3")
    page = client_for(actors["leo"]).get(reverse("enterprises:matrix") + "?period=2025-09").content.decode()
    assert "规模取自指标：旅游总收入" in page and "856.3" in page
    members = client_for(actors["leo"]).get(
        reverse("enterprises:enterprise_list") + f"?cluster={cluster.pk}&period=2025-09"
    )
    assert members.status_code == 200 and "测试企业" in members.content.decode()


def test_linking_a_cluster_goes_through_the_service_and_refuses_a_unit_that_is_not_money(actors, units):
    from django.core.exceptions import ValidationError

    from taizhang.enterprises import services
    from taizhang.enterprises.choices import ClusterTier

    cluster = services.create_cluster(
        actor=actors["dave"], data={"name": "文旅测试", "tier": ClusterTier.THOUSAND_YI}
    )
    money = _indicator(actors, units, "tour2", "旅游总收入测试", "亿元")
    visits = _indicator(actors, units, "visits", "接待游客", "万人次")
    services.update_cluster(
        actor=actors["dave"], cluster=cluster, data={"indicator": money.pk}, reason="链接指标"
    )
    cluster.refresh_from_db()
    assert cluster.indicator == money
    with pytest.raises(ValidationError) as exc:
        services.update_cluster(actor=actors["dave"], cluster=cluster, data={"indicator": visits}, reason="x")
    assert "indicator" in exc.value.message_dict
    cluster.refresh_from_db()
    assert cluster.indicator == money
