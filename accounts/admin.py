"""Accounts in the Django admin: only a superuser makes or changes a superuser.

The `admin` role holds every `auth` permission (accounts.roles), which in Django's
stock UserAdmin includes ticking "superuser status" on any account, its own
included, and editing or deleting a superuser. A superuser bypasses every
permission check, so that checkbox is the whole of the superuser's power; here it
stays the superuser's. The same goes for picking individual permissions
(a user's or a group's): an admin granting itself `delete_claim` would step
around the roles' "never delete in the admin" rule.

API tokens are listed without their keys, which are never stored (accounts.models).
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from accounts.models import ApiToken

User = get_user_model()

# Fields only a superuser may set, on a user or a group.
SUPERUSER_ONLY_USER_FIELDS = ("is_superuser", "user_permissions")


def _superuser(request) -> bool:
    return request.user.is_active and request.user.is_superuser


class AccountAdmin(UserAdmin):
    """Django's UserAdmin, with superuser status and raw permissions kept for superusers."""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if _superuser(request):
            return fields
        return (*fields, *SUPERUSER_ONLY_USER_FIELDS)

    def has_change_permission(self, request, obj=None):
        # A superuser's account (its password, groups, flags) is changed by superusers only.
        if obj is not None and obj.is_superuser and not _superuser(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not _superuser(request):
            return False
        return super().has_delete_permission(request, obj)


class RoleGroupAdmin(GroupAdmin):
    """Groups are the roles; which permissions a role holds is set in code or by a superuser."""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return fields if _superuser(request) else (*fields, "permissions")


class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens by owner, prefix and dates. The key is never stored, so never shown;
    deleting a row revokes that token."""

    list_display = ("prefix", "user", "created", "last_used", "expires")
    list_filter = ("created", "last_used")
    search_fields = ("user__username", "prefix")
    fields = ("user", "prefix", "created", "last_used", "expires")
    readonly_fields = fields
    list_select_related = ("user",)

    def has_add_permission(self, request):
        # A key made here could be shown to nobody: create_user or the API issue them.
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
admin.site.unregister(Group)
admin.site.register(Group, RoleGroupAdmin)
admin.site.register(ApiToken, ApiTokenAdmin)
