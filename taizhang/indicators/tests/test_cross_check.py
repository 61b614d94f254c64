"""固定资产投资 detail page: each county's key-project investment beside the statistical figure (issue 4 §4)."""

import re
from decimal import Decimal

import pytest

from conftest import TODAY
from taizhang.indicators import selectors, services
from taizhang.ledgers import workflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def fai(actors, units):
    return services.create_indicator(
        actor=actors["dave"],
        data={
            "code": selectors.FAI_CODE,
            "name": "固定资产投资（不含农户）",
            "unit": "亿元",
            "frequency": "monthly",
            "first_month": 2,
            "responsible_unit": units["gxj"],
        },
    )


def _approved(actors, indicator, period, subject, amount):
    value = services.save_value(
        actor=actors["alice"],
        indicator=indicator,
        period=period,
        subject=subject,
        today=TODAY,
        data={"amount": amount, "growth": "3.0"},
    )
    value = workflow.submit(actor=actors["alice"], report=value)
    return workflow.approve(actor=actors["bob"], report=value)


@pytest.fixture
def yuci(fai, actors, units, make_project, project_report_for):
    """榆次区: statistical 1–9月 FAI 50亿元; two key projects with approved 1–9月 reports, 8000 + 12000 万元;
    a third project's report is only submitted and does not count."""
    _approved(actors, fai, "2025-09", units["yc"], "50")
    _approved(actors, fai, "2025-09", units["tg"], "40")  # 太谷区: no key projects
    a, b, c = make_project(), make_project(), make_project()
    project_report_for(a, "2025-09", 8000, state="approved")
    project_report_for(b, "2025-08", 5000, state="approved")
    project_report_for(b, "2025-09", 12000, state="approved")
    project_report_for(c, "2025-09", 9999, state="submitted")
    return fai


def test_the_selector_sums_approved_project_reports_per_county_in_yi(yuci, actors, units):
    (row,) = selectors.indicator_rows(actors["leo"], "2025-09", codes=["fai"])
    check = selectors.project_cross_check(actors["leo"], row)
    entries = {e.key: e for e in check.entries}
    yc, tg = entries[units["yc"].code], entries[units["tg"].code]
    assert yc.statistical == Decimal("50") and yc.projects == Decimal("2") and yc.count == 3
    assert yc.share == Decimal("4.0")
    assert tg.statistical == Decimal("40") and tg.projects is None and tg.share is None
    assert check.label == "重点项目1—9月累计完成投资（亿元）"
    assert check.note == "交叉核对：重点项目投资由项目月报汇总，不替代统计数据"
    assert (
        row.counties
    )  # the statistical table is untouched: the ranks still come from the statistical figures
    assert next(e for e in row.counties if e.key == units["yc"].code).amount == Decimal("50")


def test_the_page_shows_the_sum_and_the_share_beside_the_statistical_figure(yuci, actors, units, client_for):
    page = client_for(actors["leo"]).get("/indicators/fai/?period=2025-09").content.decode()
    assert 'id="cross-check"' in page
    assert "交叉核对：重点项目投资由项目月报汇总，不替代统计数据" in page
    assert "重点项目1—9月累计完成投资（亿元）" in page
    section = page[page.index('id="cross-check"') :]
    row = re.search(rf'<tr data-key="{units["yc"].code}">(.*?)</tr>', section, re.S).group(1)
    assert re.search(r"data-statistical>50<", row)
    assert re.search(r"data-projects>2<", row)
    assert re.search(r"data-share>4\.0%<", row)


def test_other_indicators_have_no_cross_check(actors, units, client_for):
    services.create_indicator(
        actor=actors["dave"],
        data={
            "code": "industry",
            "name": "规模以上工业增加值",
            "unit": "亿元",
            "frequency": "monthly",
            "responsible_unit": units["gxj"],
        },
    )
    page = client_for(actors["leo"]).get("/indicators/industry/?period=2025-09").content.decode()
    assert 'id="cross-check"' not in page
