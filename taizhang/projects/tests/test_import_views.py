"""The web import: upload → preview → commit, for supervisors and county reporters only."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from taizhang.ledgers.choices import ReportState
from taizhang.plans.models import Task
from taizhang.projects.models import ImportBatch, Project, ProjectReport
from taizhang.projects.tests.fixtures.builders import messy_sheet, plain_sheet, project_row, write_xlsx

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


# --- task ledgers (重点任务台账): 督查/管理员 only ------------------------------------------------------

TASK_HEADER = [
    "任务编号",
    "任务名称",
    "所属领域",
    "目标类型",
    "目标值",
    "计量单位",
    "完成时限",
    "牵头单位",
    "配合单位",
]


def task_sheet(path, rows):
    return write_xlsx(path, [["2025年重点任务台账"], TASK_HEADER, *rows])


def upload_tasks(client, path, plan):
    data = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post_form(
        reverse("projects:import_upload"), {"kind": "tasks", "plan": plan.pk, "file": data}
    )


def test_a_supervisor_imports_a_task_ledger_through_the_pages(
    actors, units, area, plan, make_task, client_for, tmp_path
):
    make_task(code="CY-01", lead="gxj")
    client = client_for(actors["dave"])
    form = client.get(reverse("projects:import_upload") + f"?kind=tasks&plan={plan.pk}").content.decode()
    assert 'value="tasks" checked' in form and f'<option value="{plan.pk}" selected' in form
    path = task_sheet(
        tmp_path / "任务台账.xlsx",
        [
            ["CY-01", "任务CY-01", "产业向新", "数量", 12, "户", "2025年12月", "市工信局", "市商务局"],
            ["CY-02", "新增规上企业", "产业向新", "数量", 30, "户", "2025年底", "晋中市商务局", ""],
        ],
    )

    response = upload_tasks(client, path, plan)

    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == reverse("projects:import_preview", args=[batch.pk])
    assert (batch.kind, batch.summary["plan"], batch.period) == ("tasks", plan.pk, "")
    assert (batch.rows, batch.created, batch.updated) == (2, 1, 1)
    assert not Task.objects.filter(code="CY-02").exists()  # nothing before the commit
    page = client.get(response.url).content.decode()
    assert plan.title in page and "任务台账.xlsx" in page
    assert reverse("projects:import_commit", args=[batch.pk]) in page

    done = client.post_form(reverse("projects:import_commit", args=[batch.pk]))

    assert done.status_code == 302
    batch.refresh_from_db()
    assert batch.committed
    created = Task.objects.get(code="CY-02")
    assert created.plan == plan and created.lead_unit == units["swj"]
    updated = Task.objects.get(code="CY-01")
    assert updated.target_value == Decimal("12") and [
        u.short_name for u in updated.cooperating_units.all()
    ] == ["市商务局"]
    last = updated.history.latest()  # history kept: who, and from which file
    assert last.history_user == actors["dave"] and "任务台账.xlsx" in last.history_change_reason
    assert updated.history.count() >= 2
    assert AuditEvent.objects.filter(action="import").count() == 1
    listing = client.get(reverse("projects:import_upload")).content.decode()
    assert "任务台账.xlsx" in listing and plan.title in listing  # recent imports name the plan


def test_a_bad_task_ledger_is_refused_whole_with_every_problem_by_row_and_column(
    actors, units, area, plan, make_task, client_for, tmp_path
):
    make_task(code="CY-01", lead="gxj")
    client = client_for(actors["dave"])
    path = task_sheet(
        tmp_path / "bad.xlsx",
        [
            ["CY-05", "好任务", "产业向新", "数量", 3, "个", "2025-12-31", "市工信局", ""],
            ["CY-09", "任务", "数字经济", "数量", 3, "个", "2025-12-31", "市工信局", ""],
            ["CY-10", "任务", "产业向新", "数量", 3, "个", "2025-12-31", "火星局", ""],
            ["CY-01", "任务CY-01", "产业向新", "里程碑", 10, "户", "2025-12-31", "市工信局", ""],
        ],
    )

    response = upload_tasks(client, path, plan)
    batch = ImportBatch.objects.get()
    page = client.get(response.url).content.decode()

    problems = sorted((e["row"], e["column"]) for e in batch.errors)
    assert problems == [(4, "所属领域"), (5, "牵头单位"), (6, "目标类型")]
    assert (batch.created, batch.updated, batch.unchanged) == (1, 0, 0)  # rows with problems count as none
    assert page.index("数字经济") < page.index("火星局") < page.index("里程碑")  # listed in sheet order
    assert "数字经济" in page and "火星局" in page and "产业向新" in page  # value and reason shown
    assert reverse("projects:import_commit", args=[batch.pk]) not in page
    refused = client.post_form(reverse("projects:import_commit", args=[batch.pk]))
    assert refused.status_code == 302 and not Task.objects.exclude(code="CY-01").exists()  # not even row 3
    assert Task.objects.get(code="CY-01").history.count() == 1


def test_a_reporter_cannot_import_a_task_ledger(actors, units, area, plan, client_for, tmp_path):
    client = client_for(actors["yan"])
    form = client.get(reverse("projects:import_upload")).content.decode()
    assert 'value="tasks"' not in form  # no choice offered
    assert client.get(reverse("projects:import_upload") + "?kind=tasks").status_code == 403
    path = task_sheet(
        tmp_path / "t.xlsx", [["CY-05", "任务", "产业向新", "数量", 3, "个", "2025-12-31", "榆次区", ""]]
    )

    response = upload_tasks(client, path, plan)

    assert response.status_code == 403 and not ImportBatch.objects.exists() and not Task.objects.exists()


def test_a_task_ledger_needs_a_live_plan(actors, units, area, plan, client_for, tmp_path):
    from taizhang.plans.services import archive

    client = client_for(actors["dave"])
    path = task_sheet(
        tmp_path / "t.xlsx", [["CY-05", "任务", "产业向新", "数量", 3, "个", "2025-12-31", "市工信局", ""]]
    )
    archive(actor=actors["dave"], obj=plan, reason="测试")

    response = upload_tasks(client, path, plan)

    assert response.status_code == 400 and not ImportBatch.objects.exists()


def test_managers_see_the_import_link_on_the_plan_and_the_task_list(actors, plan, client_for):
    target = reverse("projects:import_upload") + f"?kind=tasks&amp;plan={plan.pk}"
    for url in (
        reverse("plans:plan_detail", args=[plan.pk]),
        reverse("plans:task_list") + f"?plan={plan.pk}",
    ):
        assert target in client_for(actors["dave"]).get(url).content.decode()
        assert target not in client_for(actors["alice"]).get(url).content.decode()
