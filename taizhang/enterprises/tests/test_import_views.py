# ruff: noqa: F401, F811 (the fixtures are imported from the import tests and used as arguments)
"""The web import page offers enterprise lists to the city office and to county reporters, and indicator
figures to the city office and to reporters of a unit responsible for indicators (upload → preview →
commit, the same page and batch as the dispatch sheets)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.enterprises.models import Enterprise, EnterpriseFigure
from taizhang.enterprises.tests.test_imports import CODES, HEADER, clusters, messy_rows
from taizhang.indicators.models import IndicatorValue
from taizhang.indicators.tests.test_imports import catalogue, sheet_rows, stats
from taizhang.ledgers.choices import ReportState
from taizhang.projects.models import ImportBatch
from taizhang.projects.tests.fixtures.builders import write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, path, kind, period="2025-10"):
    data = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post_form(reverse("projects:import_upload"), {"kind": kind, "period": period, "file": data})


def kinds_offered(page: str) -> set[str]:
    """The kinds offered as choices (radio buttons); a single kind is a hidden field instead."""
    kinds = ("projects", "tasks", "enterprises", "indicators")
    return {k for k in kinds if f'type="radio" id="id_kind_{k}"' in page}


def test_a_supervisor_is_offered_every_kind(actors, client_for, catalogue):
    page = client_for(actors["dave"]).get(reverse("projects:import_upload")).content.decode()

    assert kinds_offered(page) == {"projects", "tasks", "enterprises", "indicators"}


def test_a_county_reporter_is_offered_projects_and_enterprises_and_refused_the_rest(
    actors,
    client_for,
    catalogue,
):
    client = client_for(actors["yan"])
    page = client.get(reverse("projects:import_upload")).content.decode()

    assert kinds_offered(page) == {"projects", "enterprises"}
    assert client.get(reverse("projects:import_upload") + "?kind=indicators").status_code == 403
    assert client.get(reverse("projects:import_upload") + "?kind=tasks").status_code == 403


def test_an_indicator_owner_is_offered_indicators_only_and_a_leader_nothing(
    actors,
    client_for,
    catalogue,
    stats,
):
    page = client_for(stats["sam"]).get(reverse("projects:import_upload")).content.decode()

    assert kinds_offered(page) == set() and 'name="kind" value="indicators"' in page  # the only kind
    assert client_for(actors["alice"]).get(reverse("projects:import_upload")).status_code == 403
    assert client_for(actors["leo"]).get(reverse("projects:import_upload")).status_code == 403


def test_a_county_reporter_uploads_an_enterprise_list_and_submits_its_figures(
    actors,
    units,
    client_for,
    clusters,
    tmp_path,
):
    client = client_for(actors["yan"])
    rows = [HEADER, [1, "榆次新企业", CODES[3], "", "", "是", "", "", "", 1200, 900]]

    response = upload(client, write_xlsx(tmp_path / "企业.xlsx", rows), "enterprises")

    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and (batch.kind, batch.unit) == ("enterprises", units["yc"])
    assert Enterprise.objects.count() == 0  # nothing before the commit
    page = client.get(response.url).content.decode()
    assert "企业名录" in page and "2025-10" in page

    client.post_form(reverse("projects:import_commit", args=[batch.pk]))

    figure = EnterpriseFigure.objects.get()
    assert figure.state == ReportState.SUBMITTED and figure.submitted_by == actors["yan"]
    assert figure.enterprise.location == units["yc"]


def test_a_bad_credit_code_is_shown_in_the_preview_and_nothing_is_written(
    actors,
    client_for,
    clusters,
    tmp_path,
):
    client = client_for(actors["dave"])
    rows = [HEADER, [1, "坏代码企业", CODES[0][:-1] + "0", "榆次区", "", "是", "", "", "", 100, 100]]

    response = upload(client, write_xlsx(tmp_path / "bad.xlsx", rows), "enterprises")

    page = client.get(response.url).content.decode()
    batch = ImportBatch.objects.get()
    assert "统一社会信用代码" in page and reverse("projects:import_commit", args=[batch.pk]) not in page
    assert client.post_form(reverse("projects:import_commit", args=[batch.pk])).status_code == 302
    assert Enterprise.objects.count() == 0


def test_the_statistics_reporter_uploads_indicator_figures_for_review(
    client_for,
    catalogue,
    stats,
    tmp_path,
):
    client = client_for(stats["sam"])
    rows = [row for row in sheet_rows() if len(row) < 2 or row[1] != "社会消费品零售总额"]

    response = upload(client, write_xlsx(tmp_path / "指标.xlsx", rows), "indicators")
    batch = ImportBatch.objects.get()
    client.post_form(reverse("projects:import_commit", args=[batch.pk]))

    values = IndicatorValue.objects.all()
    assert response.status_code == 302 and values.count() == 4
    assert {v.state for v in values} == {ReportState.SUBMITTED}
