"""管理员 manage users and units on the admin site; nobody else enters it; nothing there is deleted."""

import pytest

from taizhang.accounts.choices import Role
from taizhang.accounts.models import User


@pytest.mark.parametrize(
    ("who", "allowed"), [("adam", True), ("alice", False), ("bob", False), ("dave", False), ("leo", False)]
)
def test_only_administrators_enter_the_admin_site(actors, client_for, who, allowed):
    response = client_for(actors[who]).get("/admin/accounts/user/")
    assert (response.status_code == 200) is allowed
    if not allowed:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_administrator_adds_a_user_to_a_unit(actors, units, client_for):
    client = client_for(actors["adam"])
    response = client.post_form(
        "/admin/accounts/user/add/",
        {
            "username": "newclerk",
            "display_name": "新填报员",
            "unit": units["yc"].pk,
            "role": Role.REPORTER,
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newclerk")
    assert (user.unit, user.role, user.is_staff) == (units["yc"], Role.REPORTER, False)


def test_users_and_units_cannot_be_deleted(actors, units, client_for):
    client = client_for(actors["adam"])
    assert client.get(f"/admin/accounts/user/{actors['alice'].pk}/delete/").status_code == 403
    assert client.get(f"/admin/accounts/unit/{units['yc'].pk}/delete/").status_code == 403


def test_the_admin_role_is_what_makes_staff(actors):
    alice = actors["alice"]
    assert not alice.is_staff and actors["adam"].is_staff
    alice.role = Role.ADMIN
    alice.save()
    assert User.objects.get(pk=alice.pk).is_staff
