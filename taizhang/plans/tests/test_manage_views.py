"""The supervisor's (督查) pages: a new task with its milestones, archiving a task, and setting or
archiving a milestone from the task page. Every POST goes through the CSRF-enforcing client.

Pages are in Chinese (zh-hans); messages are checked in the words the user reads.
"""

import pytest
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from taizhang.plans import services
from taizhang.plans.models import Milestone, Task

PERIOD = "2025-10"


@pytest.fixture
def new_task(area, units):
    """What a supervisor types into the new-task form."""
    return {
        "code": "CY-09",
        "title": "专精特新企业培育",
        "area": area.pk,
        "content": "新培育省级专精特新企业",
        "target_kind": "count",
        "target_value": "20",
        "target_unit": "户",
        "baseline": "5",
        "deadline": "2025-12-31",
        "lead_unit": units["gxj"].pk,
        "cooperating_units": [units["yc"].pk, units["swj"].pk],
        "responsible_leader": "王副市长",
        "category": "B",
        "frequency": "quarterly",
        "milestones_month": ["3", "", "6", "12"],
        "milestones_progress": ["30", "", "60", "100"],
    }


def create_url(plan):
    return reverse("plans:task_create", args=[plan.pk])


def nothing_saved(before_tasks: int, before_milestones: int) -> bool:
    return Task.objects.count() == before_tasks and Milestone.objects.count() == before_milestones


# --- a new task ------------------------------------------------------------------------------------------


def test_the_new_task_form_offers_only_this_plans_areas_and_three_milestone_rows(
    client_for, actors, plan, area
):
    other_plan = services.create_plan(actor=actors["dave"], year=2024, title="2024年台账")
    services.create_area(actor=actors["dave"], plan=other_plan, code="OLD", name="旧板块")
    page = client_for(actors["dave"]).get(create_url(plan))
    assert page.status_code == 200
    html = page.content.decode()
    assert "产业向新" in html and "旧板块" not in html
    assert html.count('name="milestones_month"') == 3 and html.count('name="milestones_progress"') == 3
    assert 'name="cooperating_units"' in html and "multiple" in html
    assert 'value="2025-12-31"' in html  # the deadline starts at the end of the plan year
    assert 'name="reason"' not in html  # a new task has no reason for a change


def test_a_supervisor_creates_a_task_with_milestones(client_for, actors, plan, new_task, units):
    dave = client_for(actors["dave"])
    response = dave.post_form(create_url(plan), new_task)
    task = Task.objects.get(plan=plan, code="CY-09")
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    assert task.title == "专精特新企业培育" and task.target_value == 20 and task.baseline == 5
    assert task.category == "B" and task.frequency == "quarterly" and task.responsible_leader == "王副市长"
    assert set(task.cooperating_units.all()) == {units["yc"], units["swj"]}
    assert task.milestone_points == [(3, 30.0), (6, 60.0), (12, 100.0)]  # the blank row is ignored

    page = dave.get(task.get_absolute_url()).content.decode()
    assert "任务CY-09已创建" in page  # the message after the redirect
    assert "创建任务" in page and "dave" in page  # its history: created by dave
    assert AuditEvent.objects.filter(object_id=task.pk, action="create", actor=actors["dave"]).exists()
    listed = dave.get(f"/plans/tasks/?period={PERIOD}", HTTP_HX_REQUEST="true").content.decode()
    assert ">CY-09<" in listed
    # the lead unit's reporter sees it too
    assert ">CY-09<" in client_for(actors["alice"]).get(f"/plans/tasks/?period={PERIOD}").content.decode()


def test_an_administrator_may_create_a_task_without_milestones(client_for, actors, plan, new_task):
    data = new_task | {"code": "CY-10", "milestones_month": ["", "", ""], "milestones_progress": ["", "", ""]}
    response = client_for(actors["adam"]).post_form(create_url(plan), data)
    assert response.status_code == 302
    assert Task.objects.get(code="CY-10").milestone_points == []


def test_a_bad_number_is_refused_next_to_its_field_with_the_input_kept(client_for, actors, plan, new_task):
    counts = Task.objects.count(), Milestone.objects.count()
    response = client_for(actors["dave"]).post_form(create_url(plan), new_task | {"target_value": "x20"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "目标值：“x20”不是有效数字。" in html
    assert 'value="x20"' in html and 'value="专精特新企业培育"' in html and 'value="60"' in html
    assert '<option value="6" selected>' in html  # the milestone rows are kept too
    assert "未保存" in html
    assert nothing_saved(*counts)


def test_a_duplicate_code_is_refused(client_for, actors, plan, task, new_task):
    counts = Task.objects.count(), Milestone.objects.count()
    response = client_for(actors["dave"]).post_form(create_url(plan), new_task | {"code": "CY-01"})
    assert response.status_code == 200
    assert "编号：CY-01在本台账中已被使用。" in response.content.decode()
    assert nothing_saved(*counts)


def test_inconsistent_milestones_are_refused_as_a_whole_plan(client_for, actors, plan, new_task):
    counts = Task.objects.count(), Milestone.objects.count()
    data = new_task | {"milestones_month": ["3", "5", ""], "milestones_progress": ["50", "30", ""]}
    response = client_for(actors["dave"]).post_form(create_url(plan), data)
    assert response.status_code == 200
    html = response.content.decode()
    fieldset = html[html.index('<fieldset class="milestones">') : html.index("</fieldset>")]
    assert "里程碑累计进度不能下降：3月50%，5月30%" in fieldset  # shown with the milestones
    assert 'value="50"' in fieldset and 'value="30"' in fieldset
    assert nothing_saved(*counts)  # not even the task without its milestones


@pytest.mark.parametrize(
    ("months", "progress", "message"),
    [
        (["6"], [""], "时间节点第1行：请同时填写月份和预期进度。"),
        (["", "6"], ["", "六十"], "时间节点第2行：“六十”不是有效数字。"),
        (["13"], ["50"], "时间节点第1行：“13”不是1—12之间的月份。"),
        (["12"], ["90"], "完成时限所在的12月，里程碑累计进度应为100%"),
        (["6", "6"], ["40", "50"], "里程碑月份重复：6月"),
    ],
)
def test_each_milestone_row_is_checked(client_for, actors, plan, new_task, months, progress, message):
    counts = Task.objects.count(), Milestone.objects.count()
    data = new_task | {"milestones_month": months, "milestones_progress": progress}
    response = client_for(actors["dave"]).post_form(create_url(plan), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert nothing_saved(*counts)


def test_an_area_of_another_plan_is_refused(client_for, actors, plan, new_task):
    other_plan = services.create_plan(actor=actors["dave"], year=2024, title="2024年台账")
    old = services.create_area(actor=actors["dave"], plan=other_plan, code="OLD", name="旧板块")
    counts = Task.objects.count(), Milestone.objects.count()
    response = client_for(actors["dave"]).post_form(create_url(plan), new_task | {"area": old.pk})
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert nothing_saved(*counts)


def test_the_new_task_link_is_for_managers_only(client_for, actors, plan, task):
    link = f'href="{create_url(plan)}"'
    for name in ("dave", "adam"):
        client = client_for(actors[name])
        assert link in client.get(plan.get_absolute_url()).content.decode()
        assert link in client.get("/plans/tasks/").content.decode()
    for name in ("alice", "bob", "leo"):
        client = client_for(actors[name])
        assert link not in client.get(plan.get_absolute_url()).content.decode()
        assert link not in client.get("/plans/tasks/").content.decode()


def test_no_new_task_in_an_archived_plan(client_for, actors, plan, new_task):
    services.archive(actor=actors["dave"], obj=plan, reason="年度结束")
    counts = Task.objects.count(), Milestone.objects.count()
    response = client_for(actors["dave"]).post_form(create_url(plan), new_task)
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert nothing_saved(*counts)


# --- archiving a task ------------------------------------------------------------------------------------


def archive_url(task):
    return reverse("plans:task_archive", args=[task.pk])


def test_archiving_needs_a_reason(client_for, actors, task):
    response = client_for(actors["dave"]).post_form(archive_url(task), {"reason": "  "})
    assert response.status_code == 200
    html = response.content.decode()
    form = html[html.index('<details class="archive" open>') :]
    assert "归档原因：必填。" in form[: form.index("</details>")]  # next to the reason, the form open
    task.refresh_from_db()
    assert not task.is_archived


def test_an_archived_task_leaves_the_list_and_the_counts_but_keeps_its_page(
    client_for, actors, task, other_task
):
    dave = client_for(actors["dave"])
    overview = dave.get(reverse("dashboards:overview"), {"period": PERIOD}).context["ov"]
    assert overview.total.total == 2
    assert 'action="/plans/tasks/' in dave.get(task.get_absolute_url()).content.decode()

    response = dave.post_form(archive_url(task), {"reason": "任务已并入CY-02"})
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    task.refresh_from_db()
    assert task.is_archived and task.archived_by == actors["dave"] and task.archived_at is not None

    listed = dave.get(f"/plans/tasks/?period={PERIOD}", HTTP_HX_REQUEST="true").content.decode()
    assert ">CY-01<" not in listed and ">XM-01<" in listed
    assert dave.get(reverse("dashboards:overview"), {"period": PERIOD}).context["ov"].total.total == 1
    alice_list = client_for(actors["alice"]).get(f"/plans/tasks/?period={PERIOD}").content.decode()
    assert ">CY-01<" not in alice_list

    for name in ("dave", "alice"):  # the page stays, tagged, with the reason in its history
        page = client_for(actors[name]).get(task.get_absolute_url())
        assert page.status_code == 200
        html = page.content.decode()
        assert '<span class="tag">已归档</span>' in html and "任务已并入CY-02" in html
    html = dave.get(task.get_absolute_url()).content.decode()
    assert archive_url(task) not in html  # nothing more to archive
    assert reverse("plans:milestone_set", args=[task.pk]) not in html
    assert (
        f"/reports/task/{task.pk}/"
        not in client_for(actors["alice"]).get(task.get_absolute_url()).content.decode()
    )


def test_archiving_twice_keeps_the_first_archive(client_for, actors, task):
    dave = client_for(actors["dave"])
    dave.post_form(archive_url(task), {"reason": "第一次"})
    first = Task.objects.get(pk=task.pk).archived_at
    response = client_for(actors["adam"]).post_form(archive_url(task), {"reason": "第二次"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.archived_at == first and task.archived_by == actors["dave"]
    assert AuditEvent.objects.filter(object_id=task.pk, action="archive").count() == 1


# --- milestones on the task page -------------------------------------------------------------------------


def set_url(task):
    return reverse("plans:milestone_set", args=[task.pk])


def milestone_archive_url(milestone):
    return reverse("plans:milestone_archive", args=[milestone.pk])


def test_a_supervisor_sets_and_changes_a_milestone(client_for, actors, task):
    dave = client_for(actors["dave"])
    assert f'action="{set_url(task)}"' in dave.get(task.get_absolute_url()).content.decode()
    response = dave.post_form(set_url(task), {"month": "6", "expected_progress": "40", "description": "半年"})
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    assert task.milestone_points == [(6, 40.0)]
    dave.post_form(set_url(task), {"month": "6", "expected_progress": "50"})
    milestone = Milestone.objects.get(task=task)
    assert milestone.expected_progress == 50 and milestone.history.count() == 2
    html = dave.get(task.get_absolute_url()).content.decode()
    assert "50.0" in html and milestone_archive_url(milestone) in html


def test_a_milestone_that_breaks_the_plan_is_refused(client_for, actors, make_task):
    task = make_task(milestones=[(6, 50), (12, 100)])
    dave = client_for(actors["dave"])
    response = dave.post_form(set_url(task), {"month": "9", "expected_progress": "40"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "里程碑累计进度不能下降：6月50%，9月40%" in html
    assert 'value="40"' in html and '<option value="9" selected>' in html  # the input is kept
    assert task.milestone_points == [(6, 50.0), (12, 100.0)]
    assert not Milestone.objects.filter(task=task, month=9).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"month": "", "expected_progress": "40"}, "月份：必填。"),
        ({"month": "6", "expected_progress": ""}, "预期进度：必填。"),
        ({"month": "6", "expected_progress": "abc"}, "时间节点预期进度：“abc”不是有效数字。"),
        ({"month": "6", "expected_progress": "120"}, "时间节点预期进度：不能大于100。"),
    ],
)
def test_a_bad_milestone_is_explained(client_for, actors, task, data, message):
    response = client_for(actors["dave"]).post_form(set_url(task), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Milestone.objects.filter(task=task).exists()


def test_a_supervisor_archives_a_milestone_with_a_reason(client_for, actors, make_task):
    task = make_task(milestones=[(6, 50), (9, 70)])
    june = Milestone.objects.get(task=task, month=6)
    dave = client_for(actors["dave"])

    response = dave.post_form(milestone_archive_url(june), {"reason": ""})
    assert response.status_code == 200
    assert "归档原因：必填。" in response.content.decode()
    june.refresh_from_db()
    assert not june.is_archived

    response = dave.post_form(milestone_archive_url(june), {"reason": "节点调整"})
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    june.refresh_from_db()
    assert june.is_archived and june.archived_by == actors["dave"]
    assert Task.objects.get(pk=task.pk).milestone_points == [(9, 70.0)]
    event = AuditEvent.objects.get(object_id=june.pk, action="archive", content_type__model="milestone")
    assert event.reason == "节点调整"
    html = dave.get(task.get_absolute_url()).content.decode()
    assert milestone_archive_url(june) not in html and "已归档的时间节点" in html

    # setting the month again brings it back, and the plan check ignores archived milestones
    response = dave.post_form(set_url(task), {"month": "6", "expected_progress": "80"})
    assert "里程碑累计进度不能下降：6月80%，9月70%" in response.content.decode()
    june.refresh_from_db()
    assert june.is_archived and june.expected_progress == 50  # refused: nothing changed
    dave.post_form(set_url(task), {"month": "6", "expected_progress": "30"})
    assert Task.objects.get(pk=task.pk).milestone_points == [(6, 30.0), (9, 70.0)]


def test_milestones_of_an_archived_task_no_longer_change(client_for, actors, make_task):
    task = make_task(milestones=[(6, 50)])
    milestone = Milestone.objects.get(task=task)
    services.archive(actor=actors["dave"], obj=task, reason="并入其他任务")
    dave = client_for(actors["dave"])
    assert dave.post_form(set_url(task), {"month": "9", "expected_progress": "70"}).status_code == 302
    assert dave.post_form(milestone_archive_url(milestone), {"reason": "x"}).status_code == 302
    milestone.refresh_from_db()
    assert not milestone.is_archived and not Milestone.objects.filter(task=task, month=9).exists()


# --- who may --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["alice", "bob", "leo"])
def test_roles_that_do_not_manage_get_403_on_a_task_they_can_see(
    client_for, actors, plan, make_task, new_task, name
):
    task = make_task(milestones=[(6, 50)])
    milestone = Milestone.objects.get(task=task)
    counts = Task.objects.count(), Milestone.objects.count()
    client = client_for(actors[name])
    assert client.get(create_url(plan)).status_code == 403
    assert client.post_form(create_url(plan), new_task).status_code == 403
    assert client.post_form(archive_url(task), {"reason": "x"}).status_code == 403
    assert client.post_form(set_url(task), {"month": "9", "expected_progress": "70"}).status_code == 403
    assert client.post_form(milestone_archive_url(milestone), {"reason": "x"}).status_code == 403
    assert nothing_saved(*counts)
    task.refresh_from_db()
    milestone.refresh_from_db()
    assert not task.is_archived and not milestone.is_archived
    for url in (plan.get_absolute_url(), task.get_absolute_url()):  # and no manager's controls
        html = client.get(url).content.decode()
        assert create_url(plan) not in html and archive_url(task) not in html and set_url(task) not in html


@pytest.mark.parametrize("name", ["alice", "bob"])
def test_another_units_task_and_milestone_are_404(client_for, actors, make_task, name):
    other = make_task(code="XM-01", lead="swj", milestones=[(6, 50)])
    milestone = Milestone.objects.get(task=other)
    client = client_for(actors[name])
    assert client.post_form(archive_url(other), {"reason": "x"}).status_code == 404
    assert client.post_form(set_url(other), {"month": "9", "expected_progress": "70"}).status_code == 404
    assert client.post_form(milestone_archive_url(milestone), {"reason": "x"}).status_code == 404
    assert (
        client.post_form(reverse("plans:milestone_archive", args=[milestone.pk + 99]), {}).status_code == 404
    )
    other.refresh_from_db()
    assert not other.is_archived and other.milestone_points == [(6, 50.0)]


def test_the_write_pages_only_take_their_methods(client_for, actors, task):
    dave = client_for(actors["dave"])
    assert dave.get(archive_url(task)).status_code == 405
    assert dave.get(set_url(task)).status_code == 405


def test_a_post_without_the_csrf_token_is_refused(client_for, actors, plan, task, new_task):
    dave = client_for(actors["dave"])
    counts = Task.objects.count(), Milestone.objects.count()
    assert dave.post(create_url(plan), new_task).status_code == 403
    assert dave.post(archive_url(task), {"reason": "x"}).status_code == 403
    assert dave.post(set_url(task), {"month": "6", "expected_progress": "50"}).status_code == 403
    assert nothing_saved(*counts)
    task.refresh_from_db()
    assert not task.is_archived
