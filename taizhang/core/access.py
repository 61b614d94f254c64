"""Who may do what: the role → action map. Row scoping lives in UnitScopedQuerySet.for_user().

Every view, API endpoint and service asks here; nothing else decides access.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from taizhang.accounts.choices import Role


class Action(StrEnum):
    VIEW = "view"  # read ledgers, tasks, reports
    REPORT = "report"  # write and submit progress reports of one's unit (填报)
    REVIEW = "review"  # approve or return reports of one's unit (审核)
    MANAGE = "manage"  # create and change plans, areas, tasks, milestones (督查/调度)
    ADMIN = "admin"  # users and units


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.REPORTER: frozenset({Action.VIEW, Action.REPORT}),
    Role.REVIEWER: frozenset({Action.VIEW, Action.REVIEW}),
    Role.SUPERVISOR: frozenset({Action.VIEW, Action.MANAGE}),
    Role.LEADER: frozenset({Action.VIEW}),  # reads everything, changes nothing
    Role.ADMIN: frozenset({Action.VIEW, Action.MANAGE, Action.ADMIN}),
}


def allows(user, action: Action | str) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return Action(action) in ROLE_ACTIONS.get(user.role, frozenset())


def require(user, action: Action | str) -> None:
    if not allows(user, action):
        raise PermissionDenied(_("Your role may not do this."))


def require_own_unit(user, unit_id: int | None) -> None:
    """Re-check after a change that the object is still inside what the user may touch."""
    if user.sees_all_units:
        return
    if user.unit_id is None or user.unit_id != unit_id:
        raise PermissionDenied(_("This belongs to another unit."))


def require_unit_editor(user, unit_id: int | None) -> None:
    """Records that belong to a county (its key projects): 督查/管理员 (MANAGE) edit any; a 填报员 (REPORT)
    edits only those of their own unit; nobody else edits them."""
    if allows(user, Action.MANAGE):
        return
    require(user, Action.REPORT)
    if user.unit_id is None or user.unit_id != unit_id:
        raise PermissionDenied(_("This belongs to another unit."))
