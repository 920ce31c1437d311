"""Reading accounts: who may be asked to review."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Prefetch, Q, QuerySet

from accounts.roles import REVIEWER


def reviewers() -> QuerySet:
    """Active accounts holding the reviewer role (editors and admins too), by username.

    Two queries: the users, and their groups (prefetched for `highest_role`).
    Superusers hold every role (accounts.roles.has_role), so they are listed too.
    """
    return (
        get_user_model()
        .objects.filter(Q(groups__name=REVIEWER) | Q(is_superuser=True), is_active=True)
        .distinct()
        .only("id", "username", "is_superuser")
        .prefetch_related(Prefetch("groups", queryset=Group.objects.only("id", "name")))
        .order_by("username")
    )
