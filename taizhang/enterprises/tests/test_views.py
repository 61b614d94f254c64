"""The industry pages: every role reads them; the matrix shows scales from approved figures, the list
filters, the detail page shows figures by month and the history, the 双矩阵 counts per county."""

import pytest
from django.urls import reverse

from taizhang.enterprises.codes import simulated_uscc


@pytest.fixture
def industry(make_cluster, make_enterprise, figure_for, units, make_project):
    coal = make_cluster(name="煤炭", tier="thousand_yi", target_scale="10000000", target_year="2027")
    cars = make_cluster(name="新能源(醇氢)汽车", tier="five_hundred_yi")
    big = make_enterprise(name="吉利晋中基地", clusters=[cars], chain_leader=True, above_scale=True)
    mine = make_enterprise(name="某煤业公司", clusters=[coal], new_quality=True, specialised="national")
    small = make_enterprise(name="太谷小企业", location=units["tg"], uscc=simulated_uscc(900))
    figure_for(big, "2025-10", revenue=1_100_000, output=1_200_000)
    figure_for(mine, "2025-10", revenue=150_000, output=160_000)
    make_project(total_investment="1500000")
    return {"big": big, "mine": mine, "small": small, "coal": coal}


@pytest.mark.parametrize("who", ["alice", "yan", "tim", "leo", "dave"])
def test_every_role_reads_the_matrix_with_scales_from_approved_figures(industry, actors, client_for, who):
    response = client_for(actors[who]).get(reverse("enterprises:matrix") + "?period=2025-10")
    assert response.status_code == 200
    html = response.content.decode()
    assert "煤炭" in html and "16.0" in html  # 160,000万元 = 16.0亿元
    assert "1户，目标10户（基数3户）" in html  # the kernel's label


def test_the_list_filters_by_county_cluster_tier_and_flags(industry, actors, client_for, units):
    client = client_for(actors["alice"])
    url = reverse("enterprises:enterprise_list")
    html = client.get(url + "?period=2025-10").content.decode()
    assert all(name in html for name in ("吉利晋中基地", "某煤业公司", "太谷小企业"))
    html = client.get(url + f"?period=2025-10&county={units['tg'].pk}").content.decode()
    assert "太谷小企业" in html and "吉利晋中基地" not in html
    html = client.get(url + f"?period=2025-10&cluster={industry['coal'].pk}").content.decode()
    assert "某煤业公司" in html and "吉利晋中基地" not in html
    html = client.get(url + "?period=2025-10&tier=hundred_yi").content.decode()
    assert "吉利晋中基地" in html and "某煤业公司" not in html
    html = client.get(url + "?period=2025-10&tier=missing").content.decode()
    assert "太谷小企业" in html and "吉利晋中基地" not in html
    html = client.get(url + "?period=2025-10&new_quality=1&specialised=national").content.decode()
    assert "某煤业公司" in html and "太谷小企业" not in html
    html = client.get(url + "?period=2025-10&chain_leader=1&above_scale=1").content.decode()
    assert "吉利晋中基地" in html and "某煤业公司" not in html


def test_the_detail_page_shows_figures_by_month_and_history(industry, actors, client_for, figure_for):
    figure_for(industry["big"], "2025-09", revenue=1_000_000, output=1_050_000, state="draft")
    url = reverse("enterprises:enterprise_detail", args=[industry["big"].pk])
    html = client_for(actors["yan"]).get(url).content.decode()
    assert "1100000" in html and "1000000" in html  # the county sees its own draft
    html = client_for(actors["tim"]).get(url).content.decode()
    assert "1100000" in html and "1000000" not in html  # another county: approved figures only
    assert industry["big"].uscc in html and 'id="history"' in html


def test_a_bad_period_is_named_and_the_page_still_shows(industry, actors, client_for):
    response = client_for(actors["leo"]).get(reverse("enterprises:matrix") + "?period=2026-01")
    assert response.status_code == 200 and "2026-01" in response.content.decode()


def test_the_twin_matrix_counts_per_county(industry, actors, client_for):
    response = client_for(actors["dave"]).get(reverse("enterprises:twin_matrix") + "?period=2025-10")
    assert response.status_code == 200
    rows = {r.unit.short_name if r.unit else "all": r for r in response.context["rows"]}
    assert rows["榆次区"].enterprises["hundred_yi"] == 1 and rows["榆次区"].projects["hundred_yi"] == 1
    assert rows["太谷区"].enterprises["missing"] == 1
