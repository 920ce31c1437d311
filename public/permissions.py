"""Who edits the public pages: the admin role (and superusers), in the Django admin.

accounts.roles gives each role its admin rights for the content apps; the
public pages are the organisation's voice, so only admins get view and change
on them here, after every migrate (as accounts does for its own rights).
"""

from django.contrib.auth.models import Group, Permission

from accounts.roles import ADMIN, ensure_role_groups

PAGE_ACTIONS = ("view", "change")


def grant_page_rights(**kwargs) -> None:
    """Give the admin group view/change on public pages. Idempotent; runs after migrate."""
    ensure_role_groups()
    rights = Permission.objects.filter(
        content_type__app_label="public",
        codename__in=[f"{action}_page" for action in PAGE_ACTIONS],
    )
    Group.objects.get(name=ADMIN).permissions.add(*rights)
