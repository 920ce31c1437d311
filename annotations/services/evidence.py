"""Sources and verdicts: the evidence and the judgements attached to a claim."""

from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from annotations.fast_render import iso
from annotations.models import Claim, Source, Verdict
from annotations.permissions import can_publish
from annotations.services.common import (
    invalid,
    lock_claim,
    refuse_unknown,
    require_open_record,
    require_open_verdicts,
    require_rating,
    require_text,
    stripped,
)
from annotations.signals import source_link_added
from factcheck.concurrency import bump_version, require_version
from factcheck.errors import Conflict
from factcheck.weburls import validate_web_url
from history.models import HistoryEntry
from history.services import created, diff, record_change, snapshot

SOURCE_EDITABLE_FIELDS = ("url", "title", "publisher", "published_at", "excerpt", "stance")
VERDICT_EDITABLE_FIELDS = ("rating", "rationale")


def validate_source_url(url: str) -> str:
    """Only absolute http(s) URLs with a host and nothing a URL may not hold unescaped
    (factcheck.weburls, the rule for every stored address)."""
    cleaned = (url or "").strip()
    if len(cleaned) > Source._meta.get_field("url").max_length:
        raise invalid("url", "Is longer than 2000 characters.", "max_length")
    return validate_web_url(cleaned, field="url")


def _record(actor, action: str, row: Source | Verdict, changes: dict, reason: str = "") -> None:
    record_change(
        actor=actor, action=action, instance=row, changes=changes, reason=reason,
        claim_id=row.claim_id, article_id=row.claim.article_id,
    )  # fmt: skip


def _lock(model: type[Source] | type[Verdict], pk: int, expected_version: int | None):
    """The row and its claim, locked for this transaction, after checking If-Match.

    The claim is locked first (see common.lock_claim), so its status, which
    decides whether the row may change, holds until the write commits.
    """
    claim = lock_claim(model.objects.values_list("claim_id", flat=True).get(pk=pk))
    locked = model.objects.select_for_update().get(pk=pk)
    locked.claim = claim
    require_version(locked, expected_version)
    return locked


def _apply_update(locked, changes: dict, fields: tuple[str, ...], actor, reason: str, conflict):
    """Set the changes, save if anything differs and record the diff in the history."""
    before = snapshot(locked, fields)
    for name, value in changes.items():
        setattr(locked, name, stripped(value))
    changed = _save_update(locked, fields, before, conflict)
    if changed:
        _record(actor, HistoryEntry.Action.UPDATE, locked, changed, reason)
    return locked


def _insert(row, fields: tuple[str, ...], actor, reason: str, conflict):
    """Save a new row and record its creation; a uniqueness race becomes `conflict()`."""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise conflict() from None
    _record(actor, HistoryEntry.Action.CREATE, row, created(row, ("claim", *fields)), reason)
    return row


def _delete(locked, fields: tuple[str, ...], actor, reason: str) -> None:
    """Record what is deleted, then delete it."""
    record_removal(locked, fields, actor=actor, reason=reason)
    locked.delete()


def record_removal(row: Source | Verdict, fields: tuple[str, ...], *, actor, reason: str) -> None:
    """The history row of a deletion: field -> [value, None]. The caller deletes the row."""
    removed = snapshot(row, fields)
    _record(actor, HistoryEntry.Action.DELETE, row,
            {name: [value, None] for name, value in removed.items()}, reason)  # fmt: skip


def _save_update(locked: models.Model, fields: tuple[str, ...], before: dict, conflict) -> dict:
    """Validate, bump the version and save; returns the {field: [old, new]} diff."""
    locked.full_clean(validate_unique=False, validate_constraints=False)
    changed = diff(before, snapshot(locked, fields))
    if not changed:
        return changed
    bump_version(locked)
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError:
        raise conflict() from None
    locked.refresh_from_db()
    return changed


# --- sources ------------------------------------------------------------------------------


def _duplicate_source() -> Conflict:
    return Conflict("url", "This source is already attached to the claim.",
                    code="duplicate_source")  # fmt: skip


@transaction.atomic
def add_source(
    *, claim: Claim, added_by, url: str, stance: str = Source.Stance.CONTEXT, title: str = "",
    publisher: str = "", published_at=None, excerpt: str = "", reason: str = "",
) -> Source:  # fmt: skip
    """Attach evidence to a claim; the same URL twice on one claim is a Conflict.

    Once the claim is published only an editor may add one: new evidence that
    comes with a correction, recorded in the history. Nobody adds to a retracted
    claim (see common.require_open_record).
    """
    claim = lock_claim(claim.pk)
    if claim.status != Claim.Status.PUBLISHED or not can_publish(added_by):
        require_open_record(claim)
    source = Source(
        claim=claim, added_by=added_by, url=validate_source_url(url), stance=stance,
        title=title.strip(), publisher=publisher.strip(), published_at=published_at,
        excerpt=excerpt.strip(),
    )  # fmt: skip
    source.full_clean(validate_unique=False, validate_constraints=False)
    _insert(source, SOURCE_EDITABLE_FIELDS, added_by, reason, _duplicate_source)
    # Archiving (fetching app) only enqueues here; adding a source never waits for a fetch.
    source_link_added.send(sender=Source, source=source)
    return source


@transaction.atomic
def update_source(
    *, source: Source, changes: dict[str, Any], actor, expected_version: int | None = None,
    reason: str = "",
) -> Source:  # fmt: skip
    locked = _lock(Source, source.pk, expected_version)
    require_open_record(locked.claim)
    refuse_unknown(changes, SOURCE_EDITABLE_FIELDS)
    if "url" in changes:
        changes["url"] = validate_source_url(changes["url"])
    old_url = locked.url
    updated = _apply_update(locked, changes, SOURCE_EDITABLE_FIELDS, actor, reason,
                            _duplicate_source)  # fmt: skip
    if updated.url != old_url:
        source_link_added.send(sender=Source, source=updated)
    return updated


@transaction.atomic
def delete_source(
    *, source: Source, actor, expected_version: int | None = None, reason: str = ""
) -> None:
    locked = _lock(Source, source.pk, expected_version)
    require_open_record(locked.claim)
    _delete(locked, SOURCE_EDITABLE_FIELDS, actor, reason)


# --- verdicts -----------------------------------------------------------------------------


def _duplicate_verdict(existing: Verdict | None) -> Conflict:
    return Conflict(
        "claim", "You already gave a verdict on this claim; edit it instead.",
        code="duplicate_verdict", existing_id=existing.pk if existing else None,
    )  # fmt: skip


@transaction.atomic
def record_verdict(
    *, claim: Claim, reviewer, rating: str, rationale: str, reason: str = ""
) -> Verdict:
    """A reviewer's first verdict on a claim; a second one is a Conflict naming the first.

    Verdicts are refused once a claim is retracted: nothing about it changes any more.
    Drafts take verdicts (the reader's "Add claim" dialog gives a first one); blind
    review hides them from other reviewers until publication (annotations.selectors).
    """
    require_rating(rating)
    require_text("rationale", rationale)
    claim = lock_claim(claim.pk)
    require_open_verdicts(claim)
    mine = Verdict.objects.filter(claim=claim, reviewer=reviewer)
    if mine.exists():
        raise _duplicate_verdict(mine.first())
    verdict = Verdict(claim=claim, reviewer=reviewer, rating=rating, rationale=rationale.strip())
    return _insert(verdict, VERDICT_EDITABLE_FIELDS, reviewer, reason,
                   lambda: _duplicate_verdict(mine.first()))  # fmt: skip


@transaction.atomic
def update_verdict(
    *, verdict: Verdict, changes: dict[str, Any], actor, expected_version: int | None = None,
    reason: str = "",
) -> Verdict:  # fmt: skip
    """Change a verdict, keeping the version it replaces (blind review, peek then edit).

    Every change after the verdict was first given appends the earlier rating and
    rationale to `revisions`, with whether other reviewers' verdicts were visible to
    its author then; the first change of rating keeps the first one in
    `original_rating`, which agreement figures count (Verdict.first_rating).
    """
    locked = _lock(Verdict, verdict.pk, expected_version)
    require_open_verdicts(locked.claim)
    refuse_unknown(changes, VERDICT_EDITABLE_FIELDS)
    if "rating" in changes:
        require_rating(changes["rating"])
    if "rationale" in changes:
        require_text("rationale", changes["rationale"])
    _keep_revision(locked, {name: stripped(value) for name, value in changes.items()})
    return _apply_update(locked, changes, VERDICT_EDITABLE_FIELDS, actor, reason,
                         lambda: _duplicate_verdict(None))  # fmt: skip


def _keep_revision(locked: Verdict, changes: dict[str, Any]) -> None:
    """Append the version `changes` replace to locked.revisions (nothing for a no-op)."""
    before = {"rating": locked.rating, "rationale": locked.rationale}
    if all(before[name] == value for name, value in changes.items()):
        return
    locked.revisions = [
        *locked.revisions,
        {**before, "replaced_at": iso(timezone.now()), "others_visible": _others_given(locked)},
    ]
    if changes.get("rating", locked.rating) != locked.rating and not locked.original_rating:
        locked.original_rating = locked.rating


def _others_given(verdict: Verdict) -> bool:
    """Are other reviewers' verdicts on its claim visible to the verdict's author now?

    They are as soon as the author has given theirs (blind review lifts), so: does
    any other verdict on the claim exist?
    """
    return Verdict.objects.filter(claim_id=verdict.claim_id).exclude(pk=verdict.pk).exists()


def others_were_visible(verdict: Verdict) -> bool:
    """Has the verdict's author been able to read other reviewers' verdicts on the claim?"""
    return any(row.get("others_visible") for row in verdict.revisions) or _others_given(verdict)


@transaction.atomic
def delete_verdict(
    *, verdict: Verdict, actor, expected_version: int | None = None, reason: str = ""
) -> None:
    """Delete a verdict, unless others' verdicts were visible to its author (a 409).

    Otherwise a reviewer could post a throwaway verdict, read the others, delete
    theirs and rate again in agreement; a change is kept as a revision instead.
    """
    locked = _lock(Verdict, verdict.pk, expected_version)
    require_open_verdicts(locked.claim)
    if others_were_visible(locked):
        raise Conflict(
            "verdict", "Other reviewers' verdicts on this claim have been visible to you since you "
            "gave yours, so your verdict stays on the record. Change it instead: editors see "
            "the change beside it, and agreement counts your first rating.",
            code="verdict_seen_others",
        )  # fmt: skip
    _delete(locked, VERDICT_EDITABLE_FIELDS, actor, reason)
