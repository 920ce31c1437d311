"""Optimistic concurrency: versioned rows, ETags and If-Match checks.

Every editable model has a `version` column that services bump with
`F("version") + 1` while holding the row lock, so two writers holding the same
ETag can never both succeed: the second sees a new version and gets a 412.
"""

from django.db import models

from factcheck.errors import PreconditionFailed


class VersionedModel(models.Model):
    """Base for every row the API lets clients edit: a version and timestamps."""

    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Bumped on every change; the API's ETag."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def etag_for(instance: models.Model) -> str:
    """Strong ETag of a versioned row: model, primary key and version."""
    return f'"{instance._meta.model_name}-{instance.pk}-v{instance.version}"'


def parse_if_match(header: str | None, instance: models.Model) -> int | None:
    """The version an If-Match header expects for `instance`, or None if absent.

    `*` matches any version. A tag for another object or in another format can
    never match, so it yields -1 (always stale) rather than being ignored.
    """
    if header is None or header.strip() in ("", "*"):
        return None
    prefix = f'"{instance._meta.model_name}-{instance.pk}-v'
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/")
        if tag.startswith(prefix) and tag.endswith('"') and tag[len(prefix) : -1].isdigit():
            return int(tag[len(prefix) : -1])
    return -1


def require_version(locked: models.Model, expected_version: int | None) -> None:
    """Raise PreconditionFailed when the locked row moved past the expected version."""
    if expected_version is not None and locked.version != expected_version:
        raise PreconditionFailed(current_etag=etag_for(locked))


def bump_version(instance: models.Model) -> None:
    """Schedule a version increment for the next save (done in SQL, race-free)."""
    instance.version = models.F("version") + 1
