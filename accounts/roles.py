"""Roles are Django groups; this module is the one place that names them."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group

REVIEWER = "reviewer"
EDITOR = "editor"
ADMIN = "admin"
ROLES = (REVIEWER, EDITOR, ADMIN)


def ensure_role_groups() -> None:
    """Create the role groups if missing (idempotent; used by migrations and commands)."""
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def assign_role(user: AbstractBaseUser, role: str) -> None:
    """Put `user` in the group for `role`; editors are reviewers too."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    ensure_role_groups()
    names = {REVIEWER: [REVIEWER], EDITOR: [REVIEWER, EDITOR], ADMIN: [REVIEWER, EDITOR, ADMIN]}
    user.groups.add(*Group.objects.filter(name__in=names[role]))


def has_role(user: AbstractBaseUser | AnonymousUser, role: str) -> bool:
    """True for active members of the role's group; superusers hold every role.

    Group names are cached on the user object so permission checks in a list
    serializer cost one query per request, not one per row.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_factcheck_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._factcheck_roles = cached
    return role in cached


def is_reviewer(user) -> bool:
    return has_role(user, REVIEWER)


def is_editor(user) -> bool:
    return has_role(user, EDITOR)
