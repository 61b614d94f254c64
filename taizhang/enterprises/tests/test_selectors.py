"""Cluster scale equals the sum of its members' approved figures (issue 4, how it is checked); tiers and the
百亿企业 count come from approved revenue; the 双矩阵 counts per county."""

from decimal import Decimal

from taizhang.core.enterprises import Tier
from taizhang.enterprises import selectors


def test_cluster_scale_is_the_sum_of_its_members_approved_figures(
    actors, make_cluster, make_enterprise, figure_for, units
):
    coal = make_cluster(name="煤炭", tier="thousand_yi", target_scale="10000000", target_year="2027")
    a = make_enterprise(clusters=[coal])
    b = make_enterprise(clusters=[coal], location=units["tg"])
    c = make_enterprise(clusters=[coal])
    figure_for(a, "2025-09", output=900)
    figure_for(a, "2025-10", output=1000)
    figure_for(b, "2025-10", output=500, reporter="tim", reviewer="dave", state="submitted")  # not approved
    figure_for(c, "2025-10", output=250, revenue=300)
    (row,) = selectors.cluster_rows(actors["leo"], "2025-10")
    assert row.scale.total == Decimal(1250)
    assert row.scale.missing == (b.pk,)  # listed, not taken as 0
    assert [(u.short_name, s.total) for u, s in row.by_county] == [
        ("榆次区", Decimal(1250)),
        ("太谷区", Decimal(0)),
    ]
    assert row.progress.target == Decimal(10000000)
    (row,) = selectors.cluster_rows(actors["leo"], "2025-09")  # as the ledger stood in September
    assert row.scale.total == Decimal(900)


def test_a_revenue_cluster_adds_revenue(actors, make_cluster, make_enterprise, figure_for):
    logistics = make_cluster(name="现代物流", measure="revenue")
    figure_for(make_enterprise(clusters=[logistics]), "2025-10", output=10, revenue=70)
    (row,) = selectors.cluster_rows(actors["alice"], "2025-10")
    assert row.scale.total == Decimal(70)


def test_the_hundred_yi_count_comes_from_approved_revenue(actors, make_enterprise, figure_for):
    big = [make_enterprise() for _ in range(4)]
    for e in big:
        figure_for(e, "2025-10", revenue=1_000_000)
    figure_for(make_enterprise(), "2025-10", revenue=150_000)
    figure_for(make_enterprise(), "2025-10", revenue=999_999.99, state="submitted")
    make_enterprise()
    summary = selectors.tier_summary(actors["alice"], "2025-10")
    assert summary.counts.counts[Tier.HUNDRED_YI] == 4
    assert summary.counts.counts[Tier.TEN_YI] == 1
    assert summary.counts.missing == 2
    assert summary.hundred_yi.count == 4 and summary.hundred_yi.target == 10
    assert summary.hundred_yi.label.startswith("4户，目标10户（基数3户）")


def test_the_twin_matrix_counts_enterprises_and_projects_per_county(
    actors, units, make_enterprise, figure_for, make_project
):
    figure_for(make_enterprise(), "2025-10", revenue=1_200_000)
    make_enterprise(location=units["tg"])
    make_project(total_investment="1500000")
    make_project(total_investment="20000")
    make_project(location=units["tg"], total_investment="")
    rows = selectors.twin_matrix(actors["dave"], "2025-10")
    by_unit = {r.unit.short_name if r.unit else "全市": r for r in rows}
    assert by_unit["榆次区"].enterprises["hundred_yi"] == 1
    assert by_unit["榆次区"].projects["hundred_yi"] == 1 and by_unit["榆次区"].projects["one_yi"] == 1
    assert by_unit["太谷区"].enterprises["missing"] == 1 and by_unit["太谷区"].projects["unknown"] == 1
    assert by_unit["全市"].projects == {"hundred_yi": 1, "ten_yi": 0, "one_yi": 1, "below": 0, "unknown": 1}


def test_project_tiers_are_bounded_below(units):
    assert selectors.project_tier(Decimal(1_000_000)) == "hundred_yi"
    assert selectors.project_tier(Decimal(999_999)) == "ten_yi"
    assert selectors.project_tier(Decimal(9_999)) == "below"
    assert selectors.project_tier(None) == "unknown"
