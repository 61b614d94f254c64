from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.choices import Role, UnitKind


class Unit(models.Model):
    """A reporting or responsible unit: 市直部门, 县(区、市), 开发区, or a city office (glossary §6)."""

    code = models.CharField(_("code"), max_length=20, unique=True)  # GB/T 2260 for counties
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    order = models.PositiveIntegerField(_("order"), default=0)  # the order city reports list units in
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        # 市级机构, then 市直部门, then the 12 county-level units in the order city reports list them
        ordering = [
            models.Case(
                models.When(kind=UnitKind.OFFICE, then=0),
                models.When(kind=UnitKind.DEPARTMENT, then=1),
                default=2,
                output_field=models.IntegerField(),
            ),
            "order",
            "code",
        ]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.short_name or self.name


class User(AbstractUser):
    """A person who uses taizhang. Each belongs to one unit and has one role there."""

    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    def __str__(self) -> str:
        return self.display_name or self.username

    def save(self, *args, **kwargs):
        # 管理员 manage users and units on the admin site; nobody else may enter it.
        if self.is_superuser:  # `taizhang createsuperuser` makes an administrator, not a reporter of no unit
            self.role = Role.ADMIN
        self.is_staff = self.role == Role.ADMIN
        super().save(*args, **kwargs)

    @property
    def sees_all_units(self) -> bool:
        return self.role in {Role.SUPERVISOR, Role.LEADER, Role.ADMIN}
