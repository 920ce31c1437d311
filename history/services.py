"""Recording changes. Every write service calls `record_change` in its transaction."""

from typing import Any

from django.db import models

from history.models import HistoryEntry

Changes = dict[str, list[Any]]


def snapshot(instance: models.Model, fields: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """Current values of `fields`, foreign keys by id, for a later `diff`."""
    return {name: getattr(instance, _attname(instance, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> Changes:
    """{"field": [old, new]} for the fields whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def created(instance: models.Model, fields: tuple[str, ...] | list[str]) -> Changes:
    """A create, as changes from nothing to the stored values."""
    return {name: [None, value] for name, value in snapshot(instance, fields).items()}


def record_change(
    *,
    actor,
    action: str,
    instance: models.Model,
    changes: Changes | None = None,
    reason: str = "",
    claim_id: int | None = None,
    article_id: int | None = None,
) -> HistoryEntry:
    """Store one history row; the caller's transaction makes it atomic with the change."""
    return HistoryEntry.objects.create(
        object_type=instance._meta.model_name,
        object_id=instance.pk,
        claim_id=claim_id,
        article_id=article_id,
        action=action,
        changes=changes or {},
        reason=reason,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _attname(instance: models.Model, name: str) -> str:
    field = instance._meta.get_field(name)
    return field.attname if field.is_relation else name
