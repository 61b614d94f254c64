"""ledgers.services and ledgers.workflow: what a report may hold, and who may move it where."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import TODAY
from taizhang.audit.models import AuditEvent
from taizhang.audit.selectors import object_events, object_history
from taizhang.ledgers import workflow
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.models import Evidence, ProgressReport
from taizhang.ledgers.services import add_evidence, archive_evidence, save_report

GOOD = {
    "cumulative_value": "6",
    "progress": "新增规上企业6户",
    "problems": "",
    "next_steps": "继续培育",
    "confidence": "confident",
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


def draft(actor, task, period="2025-10", **data):
    return save_report(actor=actor, task=task, period=period, data=GOOD | data, today=TODAY)


def submitted(actors, task, period="2025-10"):
    report = draft(actors["alice"], task, period)
    return workflow.submit(actor=actors["alice"], report=report)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# --- save_report validation --------------------------------------------------------------------------


def test_it_saves_a_draft_with_the_reporting_unit(actors, task):
    report = draft(actors["alice"], task)
    assert report.state == ReportState.DRAFT
    assert report.unit == task.lead_unit
    assert report.cumulative_value == 6
    assert report.created_by == actors["alice"]


def test_it_names_the_field_of_a_bad_number(actors, task):
    with pytest.raises(ValidationError) as excinfo:
        draft(actors["alice"], task, cumulative_value="abc")
    errors = errors_of(excinfo)
    assert "cumulative_value" in errors
    assert "abc" in errors["cumulative_value"][0]
    assert not ProgressReport.objects.exists()


def test_it_accepts_thousands_separators(actors, task):
    report = draft(actors["alice"], task, cumulative_value="1,234.5")
    assert str(report.cumulative_value.normalize()) == "1234.5"


def test_it_refuses_a_future_period(actors, task):
    with pytest.raises(ValidationError) as excinfo:
        draft(actors["alice"], task, period="2025-12")
    assert "period" in errors_of(excinfo)
    assert not ProgressReport.objects.exists()


def test_it_refuses_a_malformed_period(actors, task):
    with pytest.raises(ValidationError) as excinfo:
        draft(actors["alice"], task, period="2025-13")
    assert "period" in errors_of(excinfo)


def test_it_refuses_a_period_outside_the_plan_year(actors, task):
    with pytest.raises(ValidationError) as excinfo:
        save_report(actor=actors["alice"], task=task, period="2024-12", data=GOOD, today=TODAY)
    assert "period" in errors_of(excinfo)


def test_it_refuses_a_quarterly_task_on_a_month_that_is_not_a_quarter_end(actors, make_task):
    quarterly = make_task(code="CG-01", category="C", frequency="quarterly")
    with pytest.raises(ValidationError) as excinfo:
        draft(actors["alice"], quarterly, period="2025-10")
    assert "period" in errors_of(excinfo)
    assert draft(actors["alice"], quarterly, period="2025-09").period == "2025-09"


def test_it_refuses_more_than_100_percent_for_a_milestone_task(actors, make_task):
    milestone = make_task(code="JD-01", target_kind="milestone", target_value=None, target_unit="")
    with pytest.raises(ValidationError) as excinfo:
        save_report(
            actor=actors["alice"],
            task=milestone,
            period="2025-10",
            data={"percent_complete": "120", "progress": "x"},
            today=TODAY,
        )
    assert "percent_complete" in errors_of(excinfo)
    assert not ProgressReport.objects.exists()
    report = save_report(
        actor=actors["alice"],
        task=milestone,
        period="2025-10",
        data={"percent_complete": "80", "progress": "x"},
        today=TODAY,
    )
    assert report.percent_complete == 80 and report.cumulative_value is None


def test_it_refuses_an_unknown_judgement(actors, task):
    with pytest.raises(ValidationError) as excinfo:
        draft(actors["alice"], task, confidence="maybe")
    assert "confidence" in errors_of(excinfo)


def test_it_leaves_the_saved_report_unchanged_on_error(actors, task):
    report = draft(actors["alice"], task)
    with pytest.raises(ValidationError):
        draft(actors["alice"], task, cumulative_value="abc", progress="changed")
    report.refresh_from_db()
    assert report.cumulative_value == 6
    assert report.progress == GOOD["progress"]
    assert report.history.count() == 1


# --- the workflow -------------------------------------------------------------------------------------


def test_the_full_workflow_with_a_return(actors, task):
    alice, bob = actors["alice"], actors["bob"]
    report = draft(alice, task)
    report = workflow.submit(actor=alice, report=report)
    assert report.state == ReportState.SUBMITTED and report.submitted_by == alice

    with pytest.raises(ValidationError) as excinfo:
        workflow.return_for_revision(actor=bob, report=report, reason="  ")
    assert "return_reason" in errors_of(excinfo)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED

    report = workflow.return_for_revision(actor=bob, report=report, reason="请补充佐证材料")
    assert report.state == ReportState.RETURNED and report.return_reason == "请补充佐证材料"

    report = draft(alice, task, cumulative_value="7")  # a returned report stays editable
    assert report.state == ReportState.RETURNED
    report = workflow.submit(actor=alice, report=report)
    assert report.state == ReportState.SUBMITTED

    report = workflow.approve(actor=bob, report=report)
    assert report.state == ReportState.APPROVED
    assert report.reviewed_by == bob and report.return_reason == ""
    steps = [(e.action, e.from_state, e.to_state) for e in reversed(object_events(report))]
    assert steps == [
        ("create", "", ""),
        ("submit", "draft", "submitted"),
        ("return", "submitted", "returned"),
        ("edit", "", ""),
        ("submit", "returned", "submitted"),
        ("approve", "submitted", "approved"),
    ]


def test_submitting_needs_the_figure_and_the_progress_text(actors, task):
    report = draft(actors["alice"], task, cumulative_value="", progress="")
    with pytest.raises(ValidationError) as excinfo:
        workflow.submit(actor=actors["alice"], report=report)
    assert {"cumulative_value", "progress"} <= set(errors_of(excinfo))
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_a_reviewer_cannot_approve_a_report_they_wrote(actors, task, units):
    from taizhang.accounts.choices import Role
    from taizhang.accounts.models import User

    # A reviewer never holds REPORT, so the only way to "write" is to have created it in another role.
    report = submitted(actors, task)
    ProgressReport.objects.filter(pk=report.pk).update(created_by=actors["bob"])
    report.refresh_from_db()
    with pytest.raises(PermissionDenied):
        workflow.approve(actor=actors["bob"], report=report)
    other_reviewer = User.objects.create_user("beth", role=Role.REVIEWER, unit=units["gxj"])
    assert workflow.approve(actor=other_reviewer, report=report).state == ReportState.APPROVED


def test_a_reporter_of_another_unit_may_not_touch_the_report(actors, task):
    report = draft(actors["alice"], task)
    with pytest.raises(PermissionDenied):
        save_report(actor=actors["carol"], task=task, period="2025-10", data=GOOD, today=TODAY)
    with pytest.raises(PermissionDenied):
        workflow.submit(actor=actors["carol"], report=report)
    report = workflow.submit(actor=actors["alice"], report=report)
    with pytest.raises(PermissionDenied):
        workflow.approve(actor=actors["rita"], report=report)


def test_a_reporter_may_not_review(actors, task):
    report = submitted(actors, task)
    with pytest.raises(PermissionDenied):
        workflow.approve(actor=actors["alice"], report=report)


@pytest.mark.parametrize("name", ["leo", "dave", "bob"])
def test_roles_without_report_may_not_write(actors, task, name):
    with pytest.raises(PermissionDenied):
        draft(actors[name], task)
    assert not ProgressReport.objects.exists()


def test_an_approved_report_is_not_editable(actors, task):
    report = submitted(actors, task)
    workflow.approve(actor=actors["bob"], report=report)
    with pytest.raises(ValidationError) as excinfo:
        draft(actors["alice"], task, cumulative_value="9")
    assert "state" in errors_of(excinfo)
    report.refresh_from_db()
    assert report.cumulative_value == 6
    with pytest.raises(workflow.WorkflowError):
        workflow.submit(actor=actors["alice"], report=report)


def test_a_submitted_report_cannot_be_approved_twice(actors, task):
    report = submitted(actors, task)
    workflow.approve(actor=actors["bob"], report=report)
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(actor=actors["bob"], report=report)


# --- evidence -----------------------------------------------------------------------------------------


def test_evidence_is_stored_and_can_be_withdrawn(media, actors, task):
    report = draft(actors["alice"], task)
    evidence = add_evidence(
        actor=actors["alice"], report=report, uploaded_file=SimpleUploadedFile("现场照片.jpg", b"jpeg-bytes")
    )
    assert evidence.original_name == "现场照片.jpg" and evidence.size == 10
    assert evidence.file.read() == b"jpeg-bytes"
    archive_evidence(actor=actors["alice"], evidence=evidence, reason="")
    evidence.refresh_from_db()
    assert evidence.is_archived and evidence.archived_by == actors["alice"]
    assert [e.action for e in object_events(report)][:2] == ["evidence_archived", "evidence"]


def test_evidence_of_a_refused_type_is_rejected(media, actors, task):
    report = draft(actors["alice"], task)
    with pytest.raises(ValidationError) as excinfo:
        add_evidence(actor=actors["alice"], report=report, uploaded_file=SimpleUploadedFile("run.exe", b"MZ"))
    assert "file" in errors_of(excinfo)
    assert not Evidence.objects.exists()


def test_evidence_over_the_size_limit_is_rejected(media, actors, task):
    media.EVIDENCE_MAX_BYTES = 1024 * 1024
    report = draft(actors["alice"], task)
    big = SimpleUploadedFile("scan.pdf", b"x" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError) as excinfo:
        add_evidence(actor=actors["alice"], report=report, uploaded_file=big)
    assert "file" in errors_of(excinfo)
    assert not Evidence.objects.exists()
    with pytest.raises(ValidationError):
        add_evidence(actor=actors["alice"], report=report, uploaded_file=SimpleUploadedFile("empty.pdf", b""))


def test_evidence_is_frozen_once_submitted(media, actors, task):
    report = submitted(actors, task)
    with pytest.raises(ValidationError):
        add_evidence(actor=actors["alice"], report=report, uploaded_file=SimpleUploadedFile("a.pdf", b"%PDF"))


def test_another_unit_may_not_add_evidence(media, actors, task):
    report = draft(actors["alice"], task)
    with pytest.raises(PermissionDenied):
        add_evidence(actor=actors["carol"], report=report, uploaded_file=SimpleUploadedFile("a.pdf", b"%PDF"))


# --- history ------------------------------------------------------------------------------------------


def test_history_rows_carry_the_user_and_the_reason(actors, task):
    report = draft(actors["alice"], task)
    save_report(
        actor=actors["alice"],
        task=task,
        period="2025-10",
        data=GOOD | {"cumulative_value": "7"},
        today=TODAY,
        reason="更正统计口径",
    )
    report = workflow.submit(actor=actors["alice"], report=report)
    workflow.return_for_revision(actor=actors["bob"], report=report, reason="数据与统计局不一致")

    newest, *_rest, created = object_history(report)
    assert newest.who == "bob" and newest.reason == "数据与统计局不一致"
    states = (str(ReportState.SUBMITTED.label), str(ReportState.RETURNED.label))
    assert states in {(c.old, c.new) for c in newest.changes}
    assert created.kind == "+" and created.who == "alice"
    edit = object_history(report)[2]
    assert edit.reason == "更正统计口径"
    assert [(c.old, c.new) for c in edit.changes] == [("6", "7")]  # decimals shown plainly
    event = AuditEvent.objects.get(action="return")
    assert event.actor == actors["bob"] and event.reason == "数据与统计局不一致"


def test_a_period_may_be_reported_from_its_first_day(actors, task):
    with pytest.raises(ValidationError):
        save_report(actor=actors["alice"], task=task, period="2025-11", data=GOOD, today=date(2025, 10, 31))
    assert (
        save_report(
            actor=actors["alice"], task=task, period="2025-10", data=GOOD, today=date(2025, 10, 1)
        ).period
        == "2025-10"
    )
