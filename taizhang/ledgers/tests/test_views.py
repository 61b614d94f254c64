"""Report pages through a CSRF-enforcing client: 填报, 审核, evidence, and who gets a 403 or a 404.

Views use the real date, so periods here are in the plan year 2025, which is in the past.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import TODAY
from taizhang.ledgers import workflow
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.models import Evidence, ProgressReport
from taizhang.ledgers.services import add_evidence, save_report

PERIOD = "2025-10"
FORM = {
    "cumulative_value": "9",
    "progress": "新增规上工业企业9户",
    "problems": "要素保障不足",
    "next_steps": "加快项目投产",
    "confidence": "at_risk",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def edit_url(task, period=PERIOD):
    return f"/reports/task/{task.pk}/{period}/"


def make_report(actors, task, period=PERIOD, state=ReportState.DRAFT, **data):
    report = save_report(actor=actors["alice"], task=task, period=period, data=FORM | data, today=TODAY)
    if state in {ReportState.SUBMITTED, ReportState.APPROVED, ReportState.RETURNED}:
        report = workflow.submit(actor=actors["alice"], report=report)
    if state == ReportState.APPROVED:
        report = workflow.approve(actor=actors["bob"], report=report)
    if state == ReportState.RETURNED:
        report = workflow.return_for_revision(actor=actors["bob"], report=report, reason="请补充佐证材料")
    return report


# --- the report form -----------------------------------------------------------------------------------


def test_the_form_shows_the_figure_that_fits_the_task(client_for, actors, task, make_task):
    page = client_for(actors["alice"]).get(edit_url(task))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="cumulative_value"' in html and "户" in html
    assert 'name="percent_complete"' not in html
    assert "2025年1—10月" in html
    assert 'name="confidence"' in html and 'type="file"' in html and "multiple" in html

    milestone = make_task(code="JD-01", target_kind="milestone", target_value=None, target_unit="")
    html = client_for(actors["alice"]).get(edit_url(milestone)).content.decode()
    assert 'name="percent_complete"' in html and 'name="cumulative_value"' not in html


def test_the_round_trip_draft_submit_approve(client_for, actors, task):
    alice = client_for(actors["alice"])
    response = alice.post_form(edit_url(task), FORM | {"action": "draft"})
    assert response.status_code == 302 and response["Location"] == edit_url(task)
    report = ProgressReport.objects.get(task=task, period=PERIOD)
    assert report.state == ReportState.DRAFT and report.cumulative_value == 9
    assert report.confidence == "at_risk"

    # the task list: not approved yet, so the task is still 未启动 and red for October
    page = alice.get(f"/plans/tasks/?period={PERIOD}").content.decode()
    assert "light-red" in page and "state-draft" in page

    response = alice.post_form(edit_url(task), FORM | {"progress": "改后的进展", "action": "submit"})
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.progress == "改后的进展"

    bob = client_for(actors["bob"])
    queue = bob.get("/reports/review/").content.decode()
    assert "CY-01" in queue and f"/reports/{report.pk}/approve/" in queue
    row = bob.post_form(f"/reports/{report.pk}/approve/", HTTP_HX_REQUEST="true")
    assert row.status_code == 200
    html = row.content.decode()
    assert html.lstrip().startswith("<tr") and "state-approved" in html
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED and report.reviewed_by == actors["bob"]

    # 9 of 10 by October (序时 83.3%) is ahead of schedule: green, and the report shows as approved
    page = alice.get(f"/plans/tasks/?period={PERIOD}").content.decode()
    assert "light-green" in page and "state-approved" in page and "+6.7" in page
    assert "有风险" in page or "At risk" in page
    assert "CY-01" not in bob.get("/reports/review/").content.decode()


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(client_for, actors, task):
    response = client_for(actors["alice"]).post_form(
        edit_url(task), FORM | {"cumulative_value": "abc", "action": "draft"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "“abc”" in html
    assert html.count("“abc”") >= 2  # next to the field and in the summary at the top
    assert "新增规上工业企业9户" in html  # the rest of the input stays
    assert not ProgressReport.objects.exists()


def test_submitting_an_incomplete_report_keeps_the_draft(client_for, actors, task):
    response = client_for(actors["alice"]).post_form(
        edit_url(task), FORM | {"progress": "", "action": "submit"}
    )
    assert response.status_code == 200
    report = ProgressReport.objects.get()
    assert report.state == ReportState.DRAFT
    assert 'class="errorlist' in response.content.decode()


def test_a_future_period_is_refused(client_for, actors, task):
    response = client_for(actors["alice"]).get(edit_url(task, "2099-01"))
    assert response.status_code == 302 and response["Location"] == f"/plans/tasks/{task.pk}/"


def test_a_new_report_is_prefilled_from_the_last_one(client_for, actors, task):
    make_report(
        actors,
        task,
        period="2025-09",
        state=ReportState.APPROVED,
        cumulative_value="8",
        progress="上月的进展",
    )
    html = client_for(actors["alice"]).get(edit_url(task)).content.decode()
    assert "上月的进展" in html and 'value="8"' in html
    assert "2025年1—9月" in html  # says where the text came from


def test_a_returned_report_shows_the_reason_and_can_be_resubmitted(client_for, actors, task):
    report = make_report(actors, task, state=ReportState.RETURNED)
    alice = client_for(actors["alice"])
    html = alice.get(edit_url(task)).content.decode()
    assert "请补充佐证材料" in html and 'role="alert"' in html
    response = alice.post_form(edit_url(task), FORM | {"cumulative_value": "9.5", "action": "submit"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.cumulative_value == 9.5


def test_an_approved_report_cannot_be_edited(client_for, actors, task):
    report = make_report(actors, task, state=ReportState.APPROVED)
    alice = client_for(actors["alice"])
    assert alice.get(edit_url(task))["Location"] == f"/reports/{report.pk}/"
    alice.post_form(edit_url(task), FORM | {"cumulative_value": "1", "action": "draft"})
    report.refresh_from_db()
    assert report.cumulative_value == 9


def test_the_form_is_404_for_another_units_task(client_for, actors, other_task):
    assert client_for(actors["alice"]).get(edit_url(other_task)).status_code == 404
    assert client_for(actors["alice"]).post_form(edit_url(other_task), FORM).status_code == 404
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("name", ["bob", "leo", "dave"])
def test_the_form_is_403_for_roles_that_do_not_report(client_for, actors, task, name):
    client = client_for(actors[name])
    assert client.get(edit_url(task)).status_code == 403
    assert client.post_form(edit_url(task), FORM | {"action": "draft"}).status_code == 403
    assert not ProgressReport.objects.exists()


def test_a_cooperating_unit_sees_the_task_but_may_not_report_it(client_for, actors, make_task, units):
    task = make_task(code="XT-01", lead="swj")
    task.cooperating_units.add(units["gxj"])
    assert client_for(actors["alice"]).get(f"/plans/tasks/{task.pk}/").status_code == 200
    assert client_for(actors["alice"]).get(edit_url(task)).status_code == 403


def test_posts_need_the_csrf_token(client_for, actors, task):
    client = client_for(actors["alice"])
    assert client.post(edit_url(task), FORM | {"action": "draft"}).status_code == 403
    assert not ProgressReport.objects.exists()


# --- evidence ----------------------------------------------------------------------------------------


def test_evidence_uploaded_with_the_form_can_be_downloaded_and_withdrawn(client_for, actors, task):
    alice = client_for(actors["alice"])
    files = [SimpleUploadedFile("现场照片.jpg", b"jpeg"), SimpleUploadedFile("验收报告.pdf", b"%PDF-1.4")]
    response = alice.post_form(edit_url(task), FORM | {"action": "draft", "file": files})
    assert response.status_code == 302
    assert sorted(Evidence.objects.values_list("original_name", flat=True)) == [
        "现场照片.jpg",
        "验收报告.pdf",
    ]
    photo = Evidence.objects.get(original_name="现场照片.jpg")
    assert "现场照片.jpg" in alice.get(edit_url(task)).content.decode()

    download = client_for(actors["bob"]).get(f"/reports/evidence/{photo.pk}/")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == b"jpeg"
    assert client_for(actors["carol"]).get(f"/reports/evidence/{photo.pk}/").status_code == 404
    assert client_for(actors["dave"]).get(f"/reports/evidence/{photo.pk}/").status_code == 200

    assert client_for(actors["carol"]).post_form(f"/reports/evidence/{photo.pk}/archive/").status_code == 404
    assert client_for(actors["bob"]).post_form(f"/reports/evidence/{photo.pk}/archive/").status_code == 403
    response = alice.post_form(f"/reports/evidence/{photo.pk}/archive/", {"next": edit_url(task)})
    assert response.status_code == 302 and response["Location"] == edit_url(task)
    photo.refresh_from_db()
    assert photo.is_archived
    assert alice.get(f"/reports/evidence/{photo.pk}/").status_code == 404


def test_a_refused_file_saves_nothing(client_for, actors, task, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    files = [SimpleUploadedFile("ok.pdf", b"%PDF"), SimpleUploadedFile("virus.exe", b"MZ")]
    response = client_for(actors["alice"]).post_form(
        edit_url(task), FORM | {"action": "draft", "file": files}
    )
    assert response.status_code == 200
    assert ".exe" in response.content.decode()
    assert not ProgressReport.objects.exists() and not Evidence.objects.exists()
    # the accepted file of the refused batch is not left behind either
    assert not list(settings.MEDIA_ROOT.rglob("ok*.pdf"))


# --- reading and reviewing -----------------------------------------------------------------------------


def test_the_report_page_shows_the_report_and_its_evidence(client_for, actors, task):
    report = make_report(actors, task)
    ProgressReport.objects.filter(pk=report.pk).update(is_demo=True)
    evidence = add_evidence(
        actor=actors["alice"], report=report, uploaded_file=SimpleUploadedFile("a.pdf", b"%PDF")
    )
    workflow.submit(actor=actors["alice"], report=report)
    html = client_for(actors["bob"]).get(f"/reports/{report.pk}/").content.decode()
    assert "新增规上工业企业9户" in html and "要素保障不足" in html
    assert f"/reports/evidence/{evidence.pk}/" in html
    assert "演示数据" in html
    assert f"/reports/{report.pk}/approve/" in html and f"/reports/{report.pk}/return/" in html
    assert 'id="history"' in html and "alice" in html
    # a reporter sees the report but no review buttons
    html = client_for(actors["alice"]).get(f"/reports/{report.pk}/").content.decode()
    assert f"/reports/{report.pk}/approve/" not in html


def test_the_report_page_is_404_for_another_unit(client_for, actors, task):
    report = make_report(actors, task)
    assert client_for(actors["carol"]).get(f"/reports/{report.pk}/").status_code == 404
    assert client_for(actors["rita"]).get(f"/reports/{report.pk}/").status_code == 404
    assert client_for(actors["leo"]).get(f"/reports/{report.pk}/").status_code == 200


def test_submit_from_the_report_page(client_for, actors, task):
    report = make_report(actors, task)
    response = client_for(actors["alice"]).post_form(f"/reports/{report.pk}/submit/")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_returning_needs_a_reason(client_for, actors, task):
    report = make_report(actors, task, state=ReportState.SUBMITTED)
    bob = client_for(actors["bob"])
    response = bob.post_form(f"/reports/{report.pk}/return/", {"reason": "  "}, follow=True)
    assert response.status_code == 200
    assert 'class="msg-error"' in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    response = bob.post_form(f"/reports/{report.pk}/return/", {"reason": "口径不一致"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED and report.return_reason == "口径不一致"


def test_a_step_that_does_not_fit_the_state_is_a_message(client_for, actors, task):
    report = make_report(actors, task, state=ReportState.APPROVED)
    response = client_for(actors["bob"]).post_form(f"/reports/{report.pk}/approve/", follow=True)
    assert response.status_code == 200 and 'class="msg-error"' in response.content.decode()


def test_workflow_steps_check_unit_and_role(client_for, actors, task):
    report = make_report(actors, task, state=ReportState.SUBMITTED)
    assert client_for(actors["rita"]).post_form(f"/reports/{report.pk}/approve/").status_code == 404
    assert client_for(actors["alice"]).post_form(f"/reports/{report.pk}/approve/").status_code == 403
    assert client_for(actors["leo"]).post_form(f"/reports/{report.pk}/approve/").status_code == 403
    assert client_for(actors["bob"]).get(f"/reports/{report.pk}/approve/").status_code == 405
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_the_review_queue_lists_the_units_submitted_reports_oldest_first(
    client_for, actors, task, other_task, make_task
):
    later_task = make_task(code="CY-02")
    first = make_report(actors, task, state=ReportState.SUBMITTED)
    second = make_report(actors, later_task, state=ReportState.SUBMITTED)
    make_report(actors, task, period="2025-09")  # a draft is not waiting for review
    html = client_for(actors["bob"]).get("/reports/review/").content.decode()
    assert html.index(f"/reports/{first.pk}/") < html.index(f"/reports/{second.pk}/")
    assert "2025年1—9月" not in html
    assert "CY-01" not in client_for(actors["rita"]).get("/reports/review/").content.decode()


@pytest.mark.parametrize("name", ["alice", "leo", "dave"])
def test_the_review_queue_is_403_for_non_reviewers(client_for, actors, name):
    assert client_for(actors[name]).get("/reports/review/").status_code == 403
