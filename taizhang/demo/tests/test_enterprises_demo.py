"""The demo's industry matrix (issue 4 §7): the article's clusters and tiers, the 8 百亿企业 coming out of
the approved figures against the target 10, ≈150 simulated enterprises in the 12 county-level units, the
stated counts, every row flagged demo and every code valid (and marked simulated)."""

import io
from collections import Counter
from pathlib import Path

import pytest
from django.db import transaction

from taizhang.accounts.models import Unit, User
from taizhang.core.enterprises import validate_uscc
from taizhang.demo import enterprises2025 as demo
from taizhang.demo.loader import load_demo
from taizhang.enterprises import selectors
from taizhang.enterprises.models import Cluster, Enterprise, EnterpriseFigure, StatedFigure

ARTICLE = Path("/work/shared/domain/jinzhong-2025-article.txt")
if not ARTICLE.exists():
    ARTICLE = Path(__file__).resolve().parents[4] / "shared" / "domain" / "jinzhong-2025-article.txt"


def test_the_clusters_and_sentences_are_the_articles():
    text = ARTICLE.read_text(encoding="utf-8")
    for sentence in (demo.ARTICLE_MATRIX, demo.ARTICLE_HUNDRED_YI, demo.ARTICLE_GEELY):
        assert sentence in text
    tiers = Counter(tier for _name, tier, _m in demo.CLUSTERS)
    assert tiers == {"thousand_yi": 3, "five_hundred_yi": 4, "hundred_yi": 5}
    for name, _tier, _measure in demo.CLUSTERS:
        assert name in demo.ARTICLE_MATRIX


def test_the_data_is_deterministic_with_eight_hundred_yi_enterprises():
    rows = demo.demo_enterprises()
    assert rows == demo.demo_enterprises()
    assert len(rows) == len(demo.HUNDRED_YI) + demo.SIMULATED == 158
    assert sum(1 for r in rows if r["revenue"] >= 1_000_000) == 8
    assert set(r["location"] for r in rows) == set(demo.COUNTY_WEIGHTS)
    assert len({r["name"] for r in rows}) == len(rows)
    big = rows[0]
    figures = demo.monthly_figures(big)
    assert [p for p, *_ in figures] == [f"2025-{m:02d}" for m in range(1, 11)]
    assert figures[-1][1] == big["revenue"]
    assert all(a[1] <= b[1] for a, b in zip(figures, figures[1:], strict=False))  # cumulative rises


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The whole demo, then the industry matrix, once, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        summary = load_demo(stdout=io.StringIO())["industry"]  # the demo command loads the matrix
        again = demo.load(
            actor_by_username={u.username: u for u in User.objects.all()},
            units={u.code: u for u in Unit.objects.all()},
        )
        assert again["created"] is False  # loading twice writes nothing
        yield summary
        transaction.set_rollback(True)


class TestTheLoadedMatrix:
    @pytest.fixture
    def summary(self, loaded, db):
        return loaded

    def test_everything_is_written_and_flagged_demo(self, summary):
        assert summary["clusters"] == Cluster.objects.count() == 12
        assert summary["enterprises"] == Enterprise.objects.count() == 158
        assert (
            summary["figures"] == EnterpriseFigure.objects.filter(state="approved").count() == 158 * 3
        )  # Aug–Oct
        assert not Enterprise.objects.filter(is_demo=False).exists()
        assert not Enterprise.objects.filter(uscc_simulated=False).exists()
        assert not EnterpriseFigure.objects.filter(is_demo=False).exists()
        for code in Enterprise.objects.values_list("uscc", flat=True):
            assert validate_uscc(code) == code

    def test_figures_were_approved_by_each_countys_own_accounts(self, summary):
        figure = (
            EnterpriseFigure.objects.select_related("enterprise__location", "submitted_by", "reviewed_by")
            .filter(enterprise__name="永泰能源", period="2025-10")
            .get()
        )
        assert figure.submitted_by.username == "ls_tb" and figure.reviewed_by.username == "ls_sh"

    def test_the_hundred_yi_count_is_eight_against_the_target_ten(self, summary):
        leo = User.objects.get(username="lingdao")
        result = selectors.tier_summary(leo, "2025-10")
        assert result.hundred_yi.count == 8
        assert result.hundred_yi.label == "8户，目标10户（基数3户），完成71.4%，还差2户"
        assert {s.key: s.value for s in StatedFigure.objects.all()} == {
            "new_quality": 563,
            "above_scale_industry": 1164,
        }

    def test_cluster_scales_come_from_members_and_the_chain_leader_is_geely(self, summary):
        leo = User.objects.get(username="lingdao")
        rows = {r.cluster.name: r for r in selectors.cluster_rows(leo, "2025-10")}
        cars = rows["新能源(醇氢)汽车"]
        members = Enterprise.objects.filter(clusters=cars.cluster)
        expected = sum(EnterpriseFigure.objects.get(enterprise=e, period="2025-10").output for e in members)
        assert cars.scale.total == expected and cars.scale.complete
        assert [e.name for e in cars.leaders] == ["吉利晋中基地"]
        assert rows["煤炭"].designated_label == "千亿级"

    def test_loading_twice_writes_nothing(self, summary):
        again = demo.load(
            actor_by_username={u.username: u for u in User.objects.all()},
            units={u.code: u for u in Unit.objects.all()},
        )
        assert again["created"] is False and Enterprise.objects.count() == 158
