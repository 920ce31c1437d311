"""Roles are Django groups; this module is the one place that names them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.db.models import Exists, OuterRef

REVIEWER = "reviewer"
EDITOR = "editor"
ADMIN = "admin"
ROLES = (REVIEWER, EDITOR, ADMIN)


def ensure_role_groups() -> None:
    """Create the role groups if missing (idempotent; used by migrations and commands)."""
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def assign_role(user: AbstractBaseUser, role: str) -> None:
    """Put `user` in the group for `role` (editors are reviewers too) and let them in
    to the Django admin, where the group's permissions decide what they may do.

    Every role holder is staff, so an account made by `create_user` and one made by
    `load_demo` reach the same admin pages.
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    ensure_role_groups()
    names = {REVIEWER: [REVIEWER], EDITOR: [REVIEWER, EDITOR], ADMIN: [REVIEWER, EDITOR, ADMIN]}
    user.groups.add(*Group.objects.filter(name__in=names[role]))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


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


def role_flags(user_id_ref: str) -> dict[str, Exists]:
    """Annotations saying, per role, whether the user at `user_id_ref` holds it.

    Added to the query that loads the user (a token lookup, a session's user), so
    the roles cost no query of their own; see remember_roles.
    """
    memberships = get_user_model().groups.through.objects
    return {
        f"has_role_{role}": Exists(
            memberships.filter(user_id=OuterRef(user_id_ref), group__name=role)
        )
        for role in ROLES
    }


def remember_roles(user: AbstractBaseUser, flags) -> None:
    """Cache on `user` the roles that `flags` (an object annotated by role_flags) says it holds."""
    user._factcheck_roles = {role for role in ROLES if getattr(flags, f"has_role_{role}")}


def highest_role(group_names, *, is_superuser: bool = False) -> str | None:
    """The highest role among `group_names` (admin, editor, reviewer); superusers are admins.

    For lists of users whose groups were prefetched; for one user, see has_role.
    """
    if is_superuser:
        return ADMIN
    return next((role for role in reversed(ROLES) if role in set(group_names)), None)


def is_reviewer(user) -> bool:
    return has_role(user, REVIEWER)


def is_editor(user) -> bool:
    return has_role(user, EDITOR)


# Django-admin rights per role: view, add and change, never delete (deleting in
# the admin would bypass the services' refusal to drop published fact-checks).
# Reviewers work on the everyday models; editors and admins on every model of
# the content apps, history read-only; admins also manage accounts, revoke API tokens
# and lift sign-in lockouts.
ADMIN_ACTIONS = ("view", "add", "change")
CONTENT_APPS = ("articles", "annotations", "history")
REVIEWER_MODELS = ("article", "claim", "source", "verdict")


def sync_role_permissions(**kwargs) -> None:
    """Give each role group its admin permissions. Idempotent; runs after every migrate."""
    ensure_role_groups()
    content = Permission.objects.filter(
        content_type__app_label__in=CONTENT_APPS,
        codename__regex=rf"^({'|'.join(ADMIN_ACTIONS)})_",
    )
    reviewer_codes = [f"{a}_{m}" for a in ADMIN_ACTIONS for m in REVIEWER_MODELS]
    Group.objects.get(name=REVIEWER).permissions.add(*content.filter(codename__in=reviewer_codes))
    Group.objects.get(name=EDITOR).permissions.add(*content)
    accounts = Permission.objects.filter(content_type__app_label="auth")
    # Admins also see and revoke API tokens, and lift sign-in lockouts early.
    revocable = Permission.objects.filter(
        content_type__app_label__in=("accounts", "axes"),
        codename__in=(
            "view_apitoken",
            "delete_apitoken",
            "view_accessattempt",
            "delete_accessattempt",
        ),
    )
    Group.objects.get(name=ADMIN).permissions.add(*content, *accounts, *revocable)
