"""The import's bulk write path (projects.bulk) writes exactly what the ORM path would: records, history
rows field by field, tag history, fresh ids; and its fast rule checks are the services' rules."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Max

from conftest import TODAY
from taizhang.ledgers.services import parse_decimal
from taizhang.projects import services
from taizhang.projects.imports import import_projects, import_reason
from taizhang.projects.models import MONEY, Project, ProjectReport
from taizhang.projects.tests.fixtures.builders import write_xlsx

PERIOD = "2025-10"
HEADER = [
    "项目编码",
    "项目名称",
    "项目级别",
    "建设性质",
    "建设地点",
    "项目单位",
    "建设起止年限",
    "总投资（万元）",
    "年度计划投资（万元）",
    "本月完成投资（万元）",
    "本年累计完成投资（万元）",
    "计划开工时间",
    "实际开工时间",
    "是否入库",
    "入库时间",
    "形象进度",
    "存在问题",
    "责任单位",
    "所属清单",
    "前期手续",
]


def wide_row(n: int, *, plan=1200, tags="省重点、两重") -> list:
    return [
        f"YC-{n:03d}",
        f"宽表项目{n}",
        "市重点",
        "新开工",
        "榆次区" if n % 2 else "太谷区",
        f"山西某某科技有限公司{n}",
        "2025-2027",
        5000.5,
        plan,
        80,
        800.25,
        "2025年3月",
        "2025-03-10",
        "是",
        "2025-04-01",
        "主体施工",
        "用地手续办理滞后" if n % 3 == 0 else "",
        "市工信局",
        tags,
        "立项√用地√规划×环评√施工许可×",
    ]


def sheet(tmp_path, name, rows):
    return write_xlsx(tmp_path / name, [HEADER, *rows])


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def run(path, actor):
    result = import_projects(path, period=PERIOD, actor=actor, today=TODAY)
    assert result.errors == [] and result.committed
    return result


def history_fields(model) -> list[str]:
    skip = {"history_id", "history_date"}
    return [f.attname for f in model.history.model._meta.concrete_fields if f.attname not in skip]


def assert_same_history(bulk_row, orm_row, model) -> None:
    for field in history_fields(model):
        assert getattr(bulk_row, field) == getattr(orm_row, field), field


def orm_history(instance, *, actor, reason, update: bool):
    """The history row django-simple-history's bulk helpers write for ``instance`` (the old import's path)."""
    before = type(instance).history.aggregate(m=Max("history_id"))["m"]
    type(instance).history.bulk_history_create(
        [instance], update=update, default_user=actor, default_change_reason=reason
    )
    return type(instance).history.get(history_id__gt=before)


def test_a_bulk_written_history_row_is_the_one_the_orm_writes(actors, units, tmp_path):
    dave = actors["dave"]
    run(sheet(tmp_path, "a.xlsx", [wide_row(1), wide_row(2)]), dave)

    project = Project.objects.get(code="YC-001")
    assert project.owner == "山西某某科技有限公司1" and project.total_investment == Decimal("5000.5")
    assert project.proc_approval and not project.proc_planning and project.registered
    assert (project.start_year, project.end_year, project.responsible_unit) == (2025, 2027, units["gxj"])
    reason = import_reason(dave, "a.xlsx")
    created = project.history.get()
    assert created.history_type == "+" and created.history_user == dave
    assert created.history_change_reason == reason
    assert_same_history(created, orm_history(project, actor=dave, reason=reason, update=False), Project)
    assert sorted(t.projecttag.name for t in created.tags.all()) == ["两重", "省重点"]

    report = ProjectReport.objects.get(project=project)
    assert (report.month_investment, report.cumulative_investment) == (Decimal("80"), Decimal("800.25"))
    assert report.state == "approved" and report.reviewed_by == dave and report.submitted_by == dave
    report_history = report.history.get()
    assert report_history.history_type == "+"
    assert_same_history(
        report_history, orm_history(report, actor=dave, reason=reason, update=False), ProjectReport
    )


def test_a_changed_row_gets_a_change_row_like_the_orms_with_its_new_tags(actors, units, tmp_path):
    dave = actors["dave"]
    run(sheet(tmp_path, "a.xlsx", [wide_row(1), wide_row(2)]), dave)

    result = run(sheet(tmp_path, "b.xlsx", [wide_row(1, plan=1500, tags="两新"), wide_row(2)]), dave)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    project = Project.objects.get(code="YC-001")
    assert [t.name for t in project.tags.all()] == ["两新"]
    changed = project.history.latest()
    assert changed.history_type == "~" and changed.annual_plan == Decimal("1500")
    assert_same_history(
        changed,
        orm_history(project, actor=dave, reason=import_reason(dave, "b.xlsx"), update=True),
        Project,
    )
    assert [t.projecttag.name for t in changed.tags.all()] == ["两新"]
    first = project.history.earliest()
    assert sorted(t.projecttag.name for t in first.tags.all()) == ["两重", "省重点"]
    assert Project.objects.get(code="YC-002").history.count() == 1  # unchanged: nothing written


def test_every_record_and_history_row_is_written_once(actors, units, tmp_path):
    run(sheet(tmp_path, "a.xlsx", [wide_row(n) for n in range(1, 61)]), actors["dave"])

    assert Project.objects.count() == Project.history.count() == 60
    assert ProjectReport.objects.count() == ProjectReport.history.count() == 60
    links = Project.tags.through.objects.count()
    assert links == 120 and Project.history.model.tags.model.objects.count() == links
    assert set(Project.history.values_list("history_type", flat=True)) == {"+"}
    assert Project.objects.filter(location=units["yc"]).count() == 30
    assert set(ProjectReport.objects.values_list("unit", flat=True)) == {units["yc"].pk, units["tg"].pk}
    assert all(r.unit_id == r.project.location_id for r in ProjectReport.objects.select_related("project"))


def test_ids_reserved_by_the_import_leave_the_next_save_a_fresh_one(actors, units, tmp_path, make_project):
    first = make_project()
    run(sheet(tmp_path, "a.xlsx", [wide_row(n) for n in range(10, 15)]), actors["dave"])

    later = make_project()

    ids = sorted(Project.objects.values_list("pk", flat=True))
    assert ids[0] == first.pk and later.pk == ids[-1] and len(set(ids)) == 7
    assert Project.history.filter(id=later.pk).count() == 1


def test_a_reporters_bulk_import_is_their_submission(actors, units, tmp_path):
    run(sheet(tmp_path, "a.xlsx", [wide_row(1), wide_row(3)]), actors["yan"])

    reports = ProjectReport.objects.all()
    assert {(r.state, r.submitted_by_id, r.reviewed_by_id) for r in reports} == {
        ("submitted", actors["yan"].pk, None)
    }
    assert {h.history_user_id for h in ProjectReport.history.all()} == {actors["yan"].pk}


# --- the fast rule checks are the services' rules ------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        Decimal("0"),
        Decimal("0.01"),
        Decimal("12.5"),
        Decimal("9999999999999.99"),
        Decimal("10000000000000"),
        Decimal("-0.01"),
        Decimal("1.001"),
        Decimal("1.10"),
        Decimal("NaN"),
        Decimal("Infinity"),
        Decimal("1E+2"),
        5,
        "5",
        None,
    ],
)
def test_an_amount_passes_the_fast_check_only_when_parse_decimal_takes_it_as_it_is(value):
    if not services.money_fits(value):
        return
    assert parse_decimal(value, "f", "金额", minimum=Decimal(0), **MONEY) == value


def test_the_fast_check_lets_the_largest_storable_amount_through():
    assert services.money_fits(Decimal("9999999999999.99"))
    assert not services.money_fits(Decimal("10000000000000"))


def test_the_typed_checks_give_the_services_messages(units):
    typed = {"owner": "业" * 201, "annual_plan": Decimal("-1"), "location": units["gxj"], "end_year": 1980}
    found = services.check_project(dict(typed))

    with pytest.raises(ValidationError) as raised:
        services.clean_project(dict(typed))

    assert {k: [v] for k, v in found.items()} == raised.value.message_dict
    assert set(found) == {"owner", "annual_plan", "location", "end_year"}


def test_cross_field_rules_use_the_stored_values(units):
    stored = {
        "nature": "completed",
        "start_year": 2024,
        "end_year": None,
        "planned_start": None,
        "actual_start": date(2025, 5, 1),
        "planned_completion": None,
        "actual_completion": None,
        "registered": False,
        "registered_on": None,
    }

    found = services.check_project({"actual_completion": date(2025, 4, 1)}, current=stored)

    assert list(found) == ["__all__"] and "实际竣工时间早于实际开工时间" in found["__all__"]
    assert services.check_project({"actual_completion": date(2025, 6, 1)}, current=stored) == {}
    assert list(services.check_project({"end_year": 2023}, current=stored)) == ["end_year"]


def test_scattered_changes_get_their_history_rows_and_no_others(actors, units, tmp_path):
    dave = actors["dave"]
    run(sheet(tmp_path, "a.xlsx", [wide_row(n) for n in range(1, 6)]), dave)

    rows = [
        wide_row(n, plan=1500 if n in (1, 4) else 1200, tags="两新" if n == 4 else "省重点、两重")
        for n in range(1, 6)
    ]
    result = run(sheet(tmp_path, "b.xlsx", rows), dave)

    assert (result.created, result.updated, result.unchanged) == (0, 2, 3)
    changed = Project.history.filter(history_type="~")
    assert sorted(changed.values_list("code", flat=True)) == ["YC-001", "YC-004"]
    assert {h.annual_plan for h in changed} == {Decimal("1500")}
    tags = {h.code: sorted(t.projecttag.name for t in h.tags.all()) for h in changed}
    assert tags == {"YC-001": ["两重", "省重点"], "YC-004": ["两新"]}
    reports = ProjectReport.history.filter(history_type="~")
    assert reports.count() == 0  # the period's figures did not change


def test_a_demo_import_flags_projects_reports_and_their_history(actors, units, tmp_path):
    path = sheet(tmp_path, "demo.xlsx", [wide_row(1), wide_row(2)])
    result = import_projects(path, period=PERIOD, actor=actors["dave"], today=TODAY, is_demo=True)

    assert result.committed
    assert set(Project.objects.values_list("is_demo", "year")) == {(True, 2025)}
    assert set(ProjectReport.objects.values_list("is_demo", "period")) == {(True, PERIOD)}
    assert set(Project.history.values_list("is_demo", flat=True)) == {True}
    assert set(ProjectReport.history.values_list("is_demo", flat=True)) == {True}
