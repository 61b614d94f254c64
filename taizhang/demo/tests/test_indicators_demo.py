"""The demo's indicators (issue 4 §3, §7): the §9 catalogue, the real figures the glossary cites, simulated
figures labelled 演示数据, ranks among the 12 county-level units and the 11 cities, and the CLI's JSON."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from taizhang.accounts.choices import Role
from taizhang.accounts.models import Unit, User
from taizhang.demo import indicators2025
from taizhang.demo.loader import load_demo
from taizhang.indicators import selectors
from taizhang.indicators.models import Indicator, IndicatorTarget, IndicatorValue, PeerFigure
from taizhang.ledgers.choices import ReportState


def _actor_by_username(name: str) -> User:
    """The demo loader's accounts; 市统计局's and 市财政局's pairs are made here until the loader lists them."""
    user = User.objects.filter(username=name).first()
    if user is None:
        code = name.split("_")[0]
        role = Role.REPORTER if name.endswith("_tb") else Role.REVIEWER
        user = User.objects.create_user(
            name, password="demo1234", role=role, unit=Unit.objects.get(code=code)
        )
    return user


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = load_demo(stdout=io.StringIO())["indicators"]  # the demo command loads them
        again = indicators2025.load(
            actor_by_username=_actor_by_username, units={u.code: u for u in Unit.objects.all()}
        )
        yield summary, again
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def _rows(period):
    leader = User.objects.get(username="lingdao")
    return {r.indicator.code: r for r in selectors.indicator_rows(leader, period)}


def test_the_catalogue_targets_and_figures_are_loaded_once(demo):
    summary, again = demo
    print(f"indicators demo: {summary}")
    assert summary["indicators"] == Indicator.objects.count() == len(indicators2025.CATALOGUE)
    assert again == {"indicators_created": False}
    assert IndicatorTarget.objects.filter(year=2025, is_demo=True).count() == 8
    assert summary["indicator_values"] == IndicatorValue.objects.count()
    assert not IndicatorValue.objects.exclude(state=ReportState.APPROVED).exists()
    assert not IndicatorValue.objects.filter(indicator__code="fai", period="2025-01").exists()
    assert not PeerFigure.objects.filter(peer="晋中").exists()


def test_the_real_figures_are_not_demo_and_everything_else_is(demo):
    gdp_2024 = IndicatorValue.objects.get(indicator__code="gdp", subject=None, period="2024-12")
    assert (str(gdp_2024.amount.normalize()), str(gdp_2024.growth), gdp_2024.is_demo) == (
        "2458.8",
        "2.30",
        False,
    )
    h1 = IndicatorValue.objects.get(indicator__code="industry", subject=None, period="2025-06")
    assert (str(h1.growth), h1.is_demo) == ("6.80", False)
    assert IndicatorValue.objects.filter(is_demo=False).count() == 2
    assert not PeerFigure.objects.filter(is_demo=False).exists()


def test_jinzhong_is_fourth_by_size_in_2024(demo):
    amounts = {f.peer: f.amount for f in PeerFigure.objects.filter(indicator__code="gdp", period="2024-12")}
    amounts["晋中"] = IndicatorValue.objects.get(indicator__code="gdp", subject=None, period="2024-12").amount
    assert sorted(amounts, key=amounts.get, reverse=True).index("晋中") == 3


def test_the_table_at_september_has_lights_ranks_and_moves(demo):
    rows = _rows("2025-09")
    assert len(rows) == 8
    assert all(r.comparison is not None and r.value is not None for r in rows.values())
    assert rows["gdp"].label == "2025年前三季度"
    assert rows["revenue"].comparison.expected == pytest.approx(75.0)  # an amount against 序时 9/12
    assert rows["unemployment"].comparison.target_type == "level"
    for code, row in rows.items():
        assert row.home.rank is not None and row.city_count == 11
        if code != "unemployment":
            trailing = [e for e in row.counties if e.trailing]  # 后三位: fewer when a tie straddles the cut
            assert row.county_count == 12 and trailing and all(e.rank > 9 for e in trailing)
    assert any(e.move.signed for e in rows["industry"].counties)  # ranks change month to month


def test_the_command_prints_the_september_table_as_json(demo):
    out = io.StringIO()
    call_command("indicators", "--period", "2025-09", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["demo_data"] is True and len(data["indicators"]) == 8
    industry = next(r for r in data["indicators"] if r["code"] == "industry")
    assert {"target", "actual", "gap_pp", "light", "county_rank", "city_rank"} <= set(industry)
    assert industry["city_rank"]["of"] == 11


def test_the_pages_show_the_demo_label(demo, client_for):
    client = client_for(User.objects.get(username="lingdao"))
    page = client.get("/indicators/?period=2025-10").content.decode()
    assert "演示数据" in page and page.count("data-code=") == 8
    detail = client.get("/indicators/gdp/?period=2025-10").content.decode()
    assert "前三季度" in detail and "演示数据" in detail
