"""An enterprise's monthly figures on the web: the county's 填报员 enters, saves and submits them, the county's
审核员 approves (and the cluster's scale moves) or returns them with a reason; another county's enterprise is
a 404, a leader's POST a 403, a bad number is refused naming its field with nothing saved."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from taizhang.enterprises import selectors
from taizhang.enterprises.models import EnterpriseFigure
from taizhang.ledgers.choices import ReportState

PERIOD = "2025-10"


@pytest.fixture
def coal(make_cluster, make_enterprise):
    cluster = make_cluster(name="煤炭", tier="thousand_yi", measure="output")
    enterprise = make_enterprise(name="某煤业公司", clusters=[cluster])
    return cluster, enterprise


def form_url(enterprise, period=PERIOD) -> str:
    return reverse("enterprises:figure_edit", args=[enterprise.pk, period])


def figure_of(enterprise, period=PERIOD) -> EnterpriseFigure | None:
    return EnterpriseFigure.objects.filter(enterprise=enterprise, period=period).first()


def texts(response) -> list[str]:
    return [str(m.message) for m in get_messages(response.wsgi_request)]


def scale_of(user, cluster, period=PERIOD) -> Decimal:
    (row,) = [r for r in selectors.cluster_rows(user, period) if r.cluster.pk == cluster.pk]
    return row.scale.total


def test_a_county_reporter_saves_a_draft_then_submits(coal, actors, client_for):
    _cluster, enterprise = coal
    client = client_for(actors["yan"])
    page = client.get(form_url(enterprise))
    assert page.status_code == 200 and "某煤业公司" in page.content.decode()

    response = client.post_form(
        form_url(enterprise), {"revenue": "1,200", "output": "1300", "action": "draft"}
    )
    assert response.status_code == 302 and response["Location"] == form_url(enterprise)
    figure = figure_of(enterprise)
    assert figure.state == ReportState.DRAFT and figure.revenue == Decimal("1200")
    assert figure.created_by == actors["yan"] and figure.unit == enterprise.location

    response = client.post_form(
        form_url(enterprise), {"revenue": "1200", "output": "1350", "action": "submit"}
    )
    figure.refresh_from_db()
    assert figure.state == ReportState.SUBMITTED and figure.output == Decimal("1350")
    assert response["Location"] == reverse("enterprises:figure_detail", args=[figure.pk])


def test_the_form_starts_from_the_last_period(coal, figure_for, client_for, actors):
    _cluster, enterprise = coal
    figure_for(enterprise, "2025-09", revenue=987, output=654)
    html = client_for(actors["yan"]).get(form_url(enterprise)).content.decode()
    assert 'value="987"' in html and 'value="654"' in html
    assert figure_of(enterprise) is None  # prefilled on screen, nothing written


def test_a_bad_number_is_refused_naming_the_field_and_nothing_is_saved(coal, client_for, actors):
    _cluster, enterprise = coal
    response = client_for(actors["yan"]).post_form(
        form_url(enterprise), {"revenue": "一千", "output": "500", "action": "submit"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "营业收入" in html and "“一千”" in html
    assert figure_of(enterprise) is None  # not the valid output either


def test_submitting_without_any_figure_keeps_the_draft_and_says_what_is_missing(coal, client_for, actors):
    _cluster, enterprise = coal
    response = client_for(actors["yan"]).post_form(
        form_url(enterprise), {"revenue": "", "output": "", "action": "submit"}
    )
    assert response.status_code == 200 and "至少" in response.content.decode()
    assert figure_of(enterprise).state == ReportState.DRAFT


def test_a_submitted_figure_is_read_only_with_its_state(coal, figure_for, client_for, actors):
    _cluster, enterprise = coal
    figure = figure_for(enterprise, PERIOD, revenue=100, output=100, state="submitted")
    client = client_for(actors["yan"])
    response = client.get(form_url(enterprise))
    detail = reverse("enterprises:figure_detail", args=[figure.pk])
    assert response.status_code == 302 and response["Location"] == detail
    response = client.post_form(form_url(enterprise), {"revenue": "5", "output": "5", "action": "draft"})
    assert response["Location"] == detail
    figure.refresh_from_db()
    assert figure.revenue == Decimal("100")
    html = client.get(detail).content.decode()
    assert "待审核" in html and 'data-field="revenue">100<' in html
    assert reverse("enterprises:figure_edit", args=[enterprise.pk, PERIOD]) not in html


def test_the_county_reviewer_approves_and_the_cluster_scale_changes(coal, figure_for, client_for, actors):
    cluster, enterprise = coal
    figure = figure_for(enterprise, PERIOD, revenue=150_000, output=160_000, state="submitted")
    assert scale_of(actors["leo"], cluster) == 0
    client = client_for(actors["yao"])
    page = client.get(reverse("enterprises:figure_detail", args=[figure.pk])).content.decode()
    assert reverse("enterprises:figure_approve", args=[figure.pk]) in page
    response = client.post_form(reverse("enterprises:figure_approve", args=[figure.pk]))
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.state == ReportState.APPROVED and figure.reviewed_by == actors["yao"]
    assert scale_of(actors["leo"], cluster) == Decimal("160000")


def test_the_reviewer_returns_with_a_reason_and_the_reporter_sees_it(coal, figure_for, client_for, actors):
    _cluster, enterprise = coal
    figure = figure_for(enterprise, PERIOD, revenue=100, output=100, state="submitted")
    url = reverse("enterprises:figure_return", args=[figure.pk])
    reviewer = client_for(actors["yao"])
    response = reviewer.post_form(url, {"reason": "  "})
    figure.refresh_from_db()
    assert figure.state == ReportState.SUBMITTED and any("退回原因" in t for t in texts(response))
    reviewer.post_form(url, {"reason": "产值口径不对，请按统计局快报"})
    figure.refresh_from_db()
    assert figure.state == ReportState.RETURNED
    html = client_for(actors["yan"]).get(form_url(enterprise)).content.decode()
    assert "产值口径不对" in html and 'value="100"' in html  # the returned figures, editable again


def test_another_countys_enterprise_is_a_404(coal, figure_for, client_for, actors):
    _cluster, enterprise = coal
    draft = figure_for(enterprise, "2025-09", revenue=1, state="draft")
    tim = client_for(actors["tim"])  # 太谷区's reporter; the enterprise is 榆次区's
    assert tim.get(form_url(enterprise)).status_code == 404
    assert tim.post_form(form_url(enterprise), {"revenue": "1", "action": "draft"}).status_code == 404
    assert tim.get(reverse("enterprises:figure_detail", args=[draft.pk])).status_code == 404
    assert tim.post_form(reverse("enterprises:figure_submit", args=[draft.pk])).status_code == 404
    assert figure_of(enterprise) is None


def test_a_leader_reads_but_posts_nothing(coal, figure_for, client_for, actors):
    _cluster, enterprise = coal
    submitted = figure_for(enterprise, PERIOD, revenue=1, state="submitted")
    leo = client_for(actors["leo"])
    assert leo.get(reverse("enterprises:figure_detail", args=[submitted.pk])).status_code == 200
    assert leo.post_form(form_url(enterprise, "2025-09"), {"revenue": "1"}).status_code == 403
    assert leo.post_form(reverse("enterprises:figure_approve", args=[submitted.pk])).status_code == 403
    submitted.refresh_from_db()
    assert submitted.state == ReportState.SUBMITTED and figure_of(enterprise, "2025-09") is None


def test_a_future_period_is_refused(coal, client_for, actors):
    _cluster, enterprise = coal
    response = client_for(actors["yan"]).get(form_url(enterprise, "2099-01"))
    assert response.status_code == 302 and response["Location"] == enterprise.get_absolute_url()
    assert any("尚未开始" in t or "2099-01" in t for t in texts(response))


def test_the_enterprise_page_links_the_form_for_its_county_reporter_only(coal, client_for, actors):
    _cluster, enterprise = coal
    from django.utils import timezone

    from taizhang.enterprises.views import fill_period

    link = form_url(enterprise, fill_period(timezone.localdate()))
    page = reverse("enterprises:enterprise_detail", args=[enterprise.pk])
    assert link in client_for(actors["yan"]).get(page).content.decode()
    for who in ("tim", "yao", "leo", "alice"):
        assert link not in client_for(actors[who]).get(page).content.decode(), who
