"""Base pieces every ledger model shares: timestamps, archiving instead of deleting, unit scoping."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.core.access import Action, allows


class UnitScopedQuerySet(models.QuerySet):
    """`Model.objects.for_user(user, action)`: the rows a user may touch for an action.

    The one place where rows are restricted (after NetBox's RestrictedQuerySet.restrict). A model
    names the fields that tie a row to units in `unit_scope_fields`; users whose role sees every
    unit (督查, 领导, 管理员) get everything their role allows, others only rows of their own unit.
    """

    def for_user(self, user, action: Action | str = Action.VIEW):
        if not allows(user, action):
            return self.none()
        if user.sees_all_units:
            return self
        if user.unit_id is None:
            return self.none()
        query = models.Q()
        for field in self.model.unit_scope_fields:
            query |= models.Q(**{f"{field}": user.unit_id})
        return self.filter(query).distinct() if len(self.model.unit_scope_fields) > 1 else self.filter(query)

    def active(self):
        return self.filter(is_archived=False)


class LedgerModel(models.Model):
    """Timestamps plus archiving: ledger data is never hard-deleted (archive it instead)."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    is_archived = models.BooleanField(_("archived"), default=False, db_index=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("archived by"),
    )

    unit_scope_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise PermissionError("Ledger data is never deleted; archive it with core.services.archive().")
