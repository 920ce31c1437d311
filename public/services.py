"""Writing the public pages: one path for the admin (and any future API), with history."""

from django.db import transaction

from annotations.services.common import invalid
from history.models import HistoryEntry
from history.services import diff, record_change, snapshot
from public.models import Page

PAGE_EDITABLE_FIELDS = ("title", "body")


@transaction.atomic
def update_page(*, page: Page, title: str, body: str, actor, reason: str = "") -> Page:
    """Change a page's title and Markdown; records who changed what in the history.

    The title must not be blank (it is the page's heading and its <title>). A
    save that changes nothing writes nothing.
    """
    locked = Page.objects.select_for_update().get(pk=page.pk)
    before = snapshot(locked, PAGE_EDITABLE_FIELDS)
    locked.title = (title or "").strip()
    locked.body = (body or "").replace("\r\n", "\n").strip()
    if not locked.title:
        raise invalid("title", "Must not be empty.", "blank")
    changed = diff(before, snapshot(locked, PAGE_EDITABLE_FIELDS))
    if not changed:
        return locked
    locked.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.save()
    record_change(
        actor=actor, action=HistoryEntry.Action.UPDATE, instance=locked, changes=changed,
        reason=reason,
    )  # fmt: skip
    return locked
