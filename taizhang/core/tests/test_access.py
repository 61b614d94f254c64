"""The role → action map and unit scoping: the one place that decides access."""

import pytest

from taizhang.core.access import Action, allows

MATRIX = {
    # role:      view  report review manage admin
    "alice": (True, True, False, False, False),  # reporter
    "bob": (True, False, True, False, False),  # reviewer
    "dave": (True, False, False, True, False),  # supervisor
    "leo": (True, False, False, False, False),  # leader: reads everything, changes nothing
    "adam": (True, False, False, True, True),  # admin
}


@pytest.mark.parametrize("who", MATRIX)
def test_role_action_map(actors, who):
    expected = MATRIX[who]
    got = tuple(
        allows(actors[who], a)
        for a in (Action.VIEW, Action.REPORT, Action.REVIEW, Action.MANAGE, Action.ADMIN)
    )
    assert got == expected


def test_inactive_and_anonymous_users_may_do_nothing(actors):
    from django.contrib.auth.models import AnonymousUser

    alice = actors["alice"]
    alice.is_active = False
    assert not allows(alice, Action.VIEW)
    assert not allows(AnonymousUser(), Action.VIEW)


@pytest.mark.parametrize(
    ("who", "sees"),
    [("alice", {"CY-01"}), ("carol", {"XM-01"}), ("dave", {"CY-01", "XM-01"}), ("leo", {"CY-01", "XM-01"})],
)
def test_tasks_are_scoped_to_the_users_unit(actors, task, other_task, who, sees):
    from taizhang.plans.models import Task

    assert set(Task.objects.for_user(actors[who]).values_list("code", flat=True)) == sees


def test_a_cooperating_unit_sees_the_task(actors, make_task, units):
    from taizhang.plans.models import Task

    shared = make_task(code="XM-02", lead="swj")
    shared.cooperating_units.add(units["gxj"])
    assert "XM-02" in set(Task.objects.for_user(actors["alice"]).values_list("code", flat=True))
    assert (
        Task.objects.for_user(actors["alice"]).filter(code="XM-02").count() == 1
    )  # no duplicates from the join


def test_a_role_without_the_action_gets_nothing(actors, task):
    from taizhang.plans.models import Task

    assert not Task.objects.for_user(actors["leo"], Action.REPORT).exists()
    assert not Task.objects.for_user(actors["alice"], Action.REVIEW).exists()
