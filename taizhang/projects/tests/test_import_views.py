"""The web import: upload → preview → commit, for supervisors and county reporters only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.ledgers.choices import ReportState
from taizhang.projects.models import ImportBatch, Project, ProjectReport
from taizhang.projects.tests.fixtures.builders import messy_sheet, plain_sheet, project_row

pytestmark = pytest.mark.urls("taizhang.projects.tests.import_urls")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, path, period="2025-10", name=None):
    data = SimpleUploadedFile(name or path.name, path.read_bytes())
    return client.post_form(reverse("projects:import_upload"), {"period": period, "file": data})


def test_a_supervisor_uploads_previews_and_commits(actors, units, client_for, tmp_path):
    client = client_for(actors["dave"])
    assert client.get(reverse("projects:import_upload")).status_code == 200

    response = upload(client, messy_sheet(tmp_path / "晋中.xlsx"))

    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == reverse("projects:import_preview", args=[batch.pk])
    assert Project.objects.count() == 0  # nothing before the commit
    page = client.get(response.url).content.decode()
    assert "晋中.xlsx" in page and "30000.00" in page and "11900.00" in page  # totals against the 合计 row
    assert "小计行" in page and "1.2万" in page  # skipped rows and warnings listed

    done = client.post_form(reverse("projects:import_commit", args=[batch.pk]))
    assert done.status_code == 302 and Project.objects.count() == 3
    batch.refresh_from_db()
    assert batch.committed
    again = client.post_form(reverse("projects:import_commit", args=[batch.pk]), follow=True)
    assert again.status_code == 200 and Project.objects.count() == 3  # committed once only


def test_the_preview_lists_every_problem_and_offers_no_commit(actors, units, client_for, tmp_path):
    client = client_for(actors["dave"])
    path = plain_sheet(
        tmp_path / "bad.xlsx", [project_row(location="火星区"), project_row(code="X", plan="很多")]
    )

    response = upload(client, path)
    page = client.get(response.url).content.decode()

    assert "火星区" in page and "很多" in page and "年度计划投资（万元）" in page
    assert reverse("projects:import_commit", args=[ImportBatch.objects.get().pk]) not in page
    refused = client.post_form(reverse("projects:import_commit", args=[ImportBatch.objects.get().pk]))
    assert refused.status_code == 302 and Project.objects.count() == 0


def test_a_county_reporter_imports_their_own_county_and_it_waits_for_review(
    actors, units, client_for, tmp_path
):
    client = client_for(actors["yan"])
    response = upload(client, plain_sheet(tmp_path / "yc.xlsx", [project_row(location="")]))
    batch = ImportBatch.objects.get()
    assert batch.unit == units["yc"]

    client.post_form(reverse("projects:import_commit", args=[batch.pk]))

    assert ProjectReport.objects.get().state == ReportState.SUBMITTED
    assert (
        client_for(actors["tim"]).get(response.url).status_code == 404
    )  # 太谷区 does not see 榆次区's batch


def test_only_excel_files_are_accepted(actors, units, client_for, tmp_path, settings):
    client = client_for(actors["dave"])
    text = tmp_path / "sheet.csv"
    text.write_text("a,b")

    response = upload(client, text)

    assert response.status_code == 400 and not ImportBatch.objects.exists()
    settings.TAIZHANG_IMPORT_MAX_MB = 0
    too_big = upload(client, plain_sheet(tmp_path / "s.xlsx", [project_row()]))
    assert too_big.status_code == 400 and not ImportBatch.objects.exists()


@pytest.mark.parametrize("name", ["alice", "bob", "yao", "leo"])
def test_other_roles_get_403(actors, client_for, name, tmp_path):
    client = client_for(actors[name])
    assert client.get(reverse("projects:import_upload")).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client_for):
    response = client_for().get(reverse("projects:import_upload"))
    assert response.status_code == 302 and "/login/" in response.url
