"""User and unit management for 管理员, on Django's admin site (/admin/).

Only accounts are registered here: ledger data (plans, tasks, reports) is changed through the product's
own pages and services, which record who and why. Nothing here can be deleted: a person who leaves is
made inactive, a unit that is merged is made inactive, so history keeps pointing at them.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Unit, User
from taizhang.core.access import Action, allows

admin.site.site_header = _("taizhang administration")
admin.site.site_title = _("taizhang administration")
admin.site.index_title = _("Users and units")


class NoDeleteAdmin(admin.ModelAdmin):
    """Open to the 管理员 role (core.access Action.ADMIN); never deletes."""

    def _is_admin(self, request) -> bool:
        return allows(request.user, Action.ADMIN) or request.user.is_superuser

    def has_module_permission(self, request):
        return self._is_admin(request)

    def has_view_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_add_permission(self, request):
        return self._is_admin(request)

    def has_change_permission(self, request, obj=None):
        return self._is_admin(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Unit)
class UnitAdmin(NoDeleteAdmin):
    list_display = ("short_name", "name", "code", "kind", "order", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "code")
    ordering = ("kind", "order", "code")


@admin.register(User)
class UserAdmin(NoDeleteAdmin, BaseUserAdmin):
    list_display = ("username", "display_name", "unit", "role", "is_active", "last_login")
    list_filter = ("role", "unit__kind", "is_active")
    search_fields = ("username", "display_name", "unit__name", "unit__short_name")
    autocomplete_fields = ("unit",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("display_name", "phone", "unit", "role")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "display_name", "unit", "role", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
