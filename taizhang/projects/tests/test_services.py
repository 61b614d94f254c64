"""Project master records and monthly reports through the services and the one review workflow."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import TODAY
from taizhang.audit.models import AuditEvent
from taizhang.ledgers import workflow
from taizhang.projects import selectors, services
from taizhang.projects.models import Project, ProjectReport


def test_a_supervisor_creates_a_project_with_its_lists(make_project):
    project = make_project(tags=["省重点", "两新"], cluster="低空经济")
    assert project.annual_plan == Decimal("1200")
    assert sorted(t.name for t in project.tags.all()) == ["两新", "省重点"]
    assert project.history.exists()
    assert AuditEvent.objects.filter(action="create", object_id=project.pk).exists()


def test_a_county_reporter_edits_only_projects_in_their_county(make_project, actors, units):
    project = make_project()
    services.update_project(
        actor=actors["yan"], project=project, data={"owner": "晋中某公司"}, reason="更正业主"
    )
    with pytest.raises(PermissionDenied):
        services.update_project(actor=actors["tim"], project=project, data={"owner": "x"}, reason="")
    with pytest.raises(PermissionDenied):
        services.update_project(
            actor=actors["yan"], project=project, data={"location": units["tg"]}, reason=""
        )
    with pytest.raises(PermissionDenied):
        services.update_project(actor=actors["leo"], project=project, data={"owner": "x"}, reason="")
    assert Project.objects.get(pk=project.pk).location == units["yc"]


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"nature": "开工"}, "nature", "建设性质"),
        ({"annual_plan": "-5"}, "annual_plan", "年度计划投资"),
        ({"annual_plan": "三千"}, "annual_plan", "年度计划投资"),
        ({"planned_start": "2025-13-01"}, "planned_start", "计划开工"),
        ({"start_year": "2026", "end_year": "2025"}, "end_year", "结束年份"),
        (
            {"actual_start": date(2025, 5, 1), "actual_completion": date(2025, 4, 1)},
            "__all__",
            "实际竣工时间早于实际开工时间",
        ),
        ({"registered_on": date(2025, 5, 1)}, "__all__", "入库时间"),
    ],
)
def test_bad_values_are_refused_with_the_field_named(make_project, data, field, words):
    with pytest.raises(ValidationError) as exc:
        make_project(**data)
    assert field in exc.value.message_dict
    assert words in " ".join(exc.value.message_dict[field])
    assert not Project.objects.exists()


def test_location_must_be_a_county_or_the_zone(make_project, units):
    with pytest.raises(ValidationError) as exc:
        make_project(location=units["gxj"])
    assert "location" in exc.value.message_dict
    assert make_project(location=units["kfq"]).location == units["kfq"]


def test_a_report_goes_through_the_one_workflow_and_counts_once_approved(make_project, project_report_for):
    project = make_project()
    project_report_for(project, "2025-09", 700, state="approved")
    report = project_report_for(project, "2025-10", 900, state="submitted")
    assert report.month_investment == Decimal("200")  # derived from last month's approved cumulative
    (state,) = selectors.project_states([project], "2025-10")
    assert state.cumulative == Decimal("700")  # the submitted October report does not count yet
    assert state.reported
    workflow.approve(actor=report.created_by and _reviewer(report), report=report)
    (state,) = selectors.project_states([project], "2025-10")
    assert state.cumulative == Decimal("900")
    assert state.completion_percent == pytest.approx(75.0)


def _reviewer(report):
    from taizhang.accounts.models import User

    return User.objects.get(username="yao")


def test_a_report_cannot_be_written_for_another_county_or_the_future(make_project, actors):
    project = make_project()
    with pytest.raises(PermissionDenied):
        services.save_project_report(
            actor=actors["tim"],
            project=project,
            period="2025-10",
            today=TODAY,
            data={"cumulative_investment": "1"},
        )
    with pytest.raises(ValidationError) as exc:
        services.save_project_report(
            actor=actors["yan"],
            project=project,
            period="2025-12",
            today=TODAY,
            data={"cumulative_investment": "1"},
        )
    assert "period" in exc.value.message_dict
    assert not ProjectReport.objects.exists()


def test_submitting_needs_the_cumulative_and_the_physical_progress(make_project, actors):
    project = make_project()
    report = services.save_project_report(
        actor=actors["yan"], project=project, period="2025-10", today=TODAY, data={"problems": "用地"}
    )
    with pytest.raises(ValidationError) as exc:
        workflow.submit(actor=actors["yan"], report=report)
    assert set(exc.value.message_dict) == {"cumulative_investment", "image_progress"}


def test_the_rollup_uses_the_kernel_on_approved_figures(make_project, project_report_for):
    a = make_project(annual_plan="1000", actual_start=date(2025, 3, 10), registered=True, tags=["省重点"])
    b = make_project(annual_plan="3000", planned_start=date(2025, 4, 1))  # never started: red by October
    project_report_for(a, "2025-10", 900, state="approved")
    states = selectors.project_states([a, b], "2025-10")
    result = selectors.rollup(states, "2025-10")
    assert result.total.projects == 2
    assert result.total.investment.rate.numerator == Decimal("900")
    assert result.total.investment.rate.denominator == Decimal("4000")
    assert result.total.start_rate_annual.numerator == 1 and result.total.start_rate_annual.denominator == 2
    assert result.curve_label == "线性序时"
    assert set(result.groups["tag"]) == {"省重点"}
    assert states[1].light.light == "red" and "应开工未开工" in states[1].light.reasons[0]


def test_approving_the_latest_report_updates_the_projects_physical_progress(make_project, project_report_for):
    project = make_project()
    project_report_for(project, "2025-10", 900, state="approved", progress="主体封顶")
    project_report_for(project, "2025-09", 700, state="approved", progress="基础施工")  # an older month
    project.refresh_from_db()
    assert project.image_progress == "主体封顶"
    assert (
        project.history.filter(history_change_reason__contains="形象进度").exists()
        or project.history.count() >= 2
    )
