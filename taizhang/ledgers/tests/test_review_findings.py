"""Inputs and changes that once broke pages or let a figure land in the wrong place."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import TODAY
from taizhang.accounts.choices import Role
from taizhang.accounts.models import User
from taizhang.ledgers import services
from taizhang.ledgers.models import ProgressReport
from taizhang.ledgers.selectors import default_period
from taizhang.plans import services as plan_services


@pytest.mark.parametrize("value", ["1e20", "99999999999999", "-1e13", "1.23456"])
def test_a_figure_the_column_cannot_hold_is_refused_with_a_message(actors, task, value):
    with pytest.raises(ValidationError) as exc:
        services.save_report(
            actor=actors["alice"],
            task=task,
            period="2025-10",
            today=TODAY,
            data={"cumulative_value": value, "progress": "进展"},
        )
    assert "cumulative_value" in exc.value.message_dict
    assert not ProgressReport.objects.exists()


def test_the_largest_figure_the_column_holds_is_kept(actors, task):
    report = services.save_report(
        actor=actors["alice"],
        task=task,
        period="2025-10",
        today=TODAY,
        data={"cumulative_value": "99999999999.9999", "progress": "进展"},
    )
    assert str(ProgressReport.objects.get(pk=report.pk).cumulative_value) == "99999999999.9999"


def test_a_huge_target_is_refused_on_the_task(actors, task):
    with pytest.raises(ValidationError) as exc:
        plan_services.update_task(
            actor=actors["dave"], task=task, data={"target_value": "1e20"}, reason="改目标"
        )
    assert "target_value" in exc.value.message_dict


def test_a_padded_period_names_the_same_report(actors, task, client_for):
    services.save_report(
        actor=actors["alice"],
        task=task,
        period=" 2025-10 ",
        today=TODAY,
        data={"cumulative_value": "1", "progress": "进展"},
    )
    services.save_report(
        actor=actors["alice"],
        task=task,
        period="2025-10",
        today=TODAY,
        data={"cumulative_value": "2", "progress": "进展"},
    )
    assert list(ProgressReport.objects.values_list("period", "cumulative_value")) == [("2025-10", 2)]
    assert client_for(actors["alice"]).get(f"/reports/task/{task.pk}/2025-10%20/").status_code == 404


def test_a_new_lead_unit_takes_over_open_reports_and_the_old_unit_cannot_write_them(
    actors, task, units, report_for
):
    draft = report_for(task, "2025-10", 3)
    approved = report_for(task, "2025-09", 2, state="approved")
    plan_services.update_task(
        actor=actors["dave"], task=task, data={"lead_unit": units["swj"]}, reason="职责调整"
    )
    draft.refresh_from_db()
    approved.refresh_from_db()
    assert draft.unit == units["swj"]
    assert approved.unit == units["gxj"]  # approved reports stay with the unit that wrote them
    with pytest.raises(PermissionDenied):
        report_for(task, "2025-10", 9)  # alice, of the old lead unit
    report_for(task, "2025-10", 4, reporter="carol", progress="接手")
    draft.refresh_from_db()
    assert draft.cumulative_value == 4


def test_the_target_kind_cannot_change_once_reports_exist(actors, task, report_for):
    report_for(task, "2025-10", 3)
    with pytest.raises(ValidationError) as exc:
        plan_services.update_task(
            actor=actors["dave"], task=task, data={"target_kind": "milestone"}, reason="改"
        )
    assert "target_kind" in exc.value.message_dict


def test_an_archived_task_cannot_be_edited(actors, task):
    plan_services.archive(actor=actors["dave"], obj=task, reason="合并到其他任务")
    with pytest.raises(ValidationError):
        plan_services.update_task(actor=actors["dave"], task=task, data={"title": "新名称"}, reason="改名")


def test_a_superuser_is_an_administrator_not_a_reporter_of_every_unit(db):
    from taizhang.core.access import Action, allows

    user = User.objects.create_superuser("root", password="x" * 12)
    assert (user.role, user.is_staff, user.sees_all_units) == (Role.ADMIN, True, True)
    assert not allows(user, Action.REPORT) and not allows(user, Action.REVIEW)


def test_the_default_period_follows_approved_reports_not_drafts(task, plan, report_for):
    report_for(task, "2025-09", 2, state="approved")
    report_for(task, "2025-10", 3, progress="草稿")
    assert default_period(plan, today=TODAY) == "2025-09"
