"""What every content admin shares: the permission table decides per row.

Demo accounts are staff and reviewers hold the admin's view/add/change rights
on articles, claims, sources and verdicts (accounts.roles), so these rights
alone would let a reviewer edit anyone's rows. The API refuses that through
annotations.permissions; this mixin makes the admin ask the same table.
"""

from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction

from annotations.permissions import allowed
from factcheck.errors import Conflict


def require(user, kind: str, action: str, row) -> None:
    """Refuse (403) what the permission table does not allow, e.g. another's verdict."""
    if not allowed(user, kind, action, row):
        raise PermissionDenied(f"You may not {action} this {kind}.")


class TablePermissionsMixin:
    """Change and delete rights per row from the permission table, on top of Django's.

    For the list (`obj` None) Django's model rights answer; for a row the table's
    edit/delete cell must allow it too, and `is_frozen` must not hold, so the admin
    shows such rows read-only instead of offering a form the services would refuse.
    Subclasses set `kind`, the table's name for the model.
    """

    kind: str

    def is_frozen(self, obj) -> bool:
        """Has the row reached a state where the services refuse any change to it?"""
        return False

    def _may(self, request, action: str, obj) -> bool:
        if obj is None:
            return True
        return allowed(request.user, self.kind, action, obj) and not self.is_frozen(obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._may(request, "edit", obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._may(request, "delete", obj)

    def delete_queryset(self, request, queryset) -> None:
        """All or nothing: every row is checked first, and a refusal undoes the rest.

        Each row still goes through `delete_model` (and so its service and history).
        """
        rows = list(queryset)
        for row in rows:
            require(request.user, self.kind, "delete", row)
        try:
            with transaction.atomic():
                for row in rows:
                    self.delete_model(request, row)
        except Conflict as error:
            raise PermissionDenied(error.message) from None


class TableModelAdmin(TablePermissionsMixin, ModelAdmin):
    pass
