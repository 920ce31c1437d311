"""Moving a claim through review: submit, assign, publish, correct, retract.

Every move locks the claim row, asks annotations.workflow whether it is
allowed from the current status, and records a history row, all in one
transaction. Two editors publishing at once therefore end with one
publication and one Conflict, never two publications.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.roles import is_reviewer
from annotations.models import Assignment, Claim, Publication
from annotations.services.common import invalid, require_rating, require_text
from annotations.workflow import next_status
from factcheck.concurrency import bump_version, require_version
from factcheck.errors import Conflict
from history.models import HistoryEntry
from history.services import record_change


def _lock(claim: Claim, expected_version: int | None = None) -> Claim:
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    require_version(locked, expected_version)
    return locked


def _move(locked: Claim, move: str, actor, action: str, reason: str, **extra) -> Claim:
    """Apply an allowed status move (plus `extra` field values) and record it."""
    target = next_status(locked.status, move)
    changes = {"status": [locked.status, target]} if target != locked.status else {}
    for name, value in extra.items():
        old = getattr(locked, f"{name}_id" if name.endswith("_by") else name)
        new = value.pk if name.endswith("_by") else value
        if old != new:
            changes[name] = [old, new]
        setattr(locked, name, value)
    locked.status = target
    bump_version(locked)
    locked.save()
    locked.refresh_from_db()
    record_change(
        actor=actor, action=action, instance=locked, changes=changes, reason=reason,
        claim_id=locked.pk, article_id=locked.article_id,
    )  # fmt: skip
    return locked


@transaction.atomic
def submit_claim(*, claim: Claim, actor, expected_version: int | None = None,
                 reason: str = "") -> Claim:  # fmt: skip
    """draft -> in_review: the claim is ready for independent verdicts."""
    return _move(_lock(claim, expected_version), "submit", actor,
                 HistoryEntry.Action.TRANSITION, reason)  # fmt: skip


@transaction.atomic
def reopen_claim(*, claim: Claim, actor, expected_version: int | None = None,
                 reason: str = "") -> Claim:  # fmt: skip
    """in_review -> draft: back to the author, e.g. when the span needs rethinking."""
    return _move(_lock(claim, expected_version), "reopen", actor,
                 HistoryEntry.Action.TRANSITION, reason)  # fmt: skip


def _check_publishable(locked: Claim, rating: str, rationale: str) -> None:
    require_rating(rating)
    require_text("rationale", rationale)
    if not locked.sources.exists():
        raise invalid("sources", "Attach at least one source before publishing.", "no_sources")


def _require_anchored(locked: Claim) -> None:
    """A first publication needs the quote in the current text, confirmed by a reviewer."""
    if locked.anchor_state != Claim.AnchorState.ANCHORED:
        raise Conflict(
            "anchor_state", "The article changed and this claim's quote must be re-attached or "
            f"confirmed first (POST /api/v1/claims/{locked.pk}/reattach/).",
            code="claim_not_anchored", current_status=locked.status,
        )  # fmt: skip


def _append_publication(locked: Claim, *, kind: str, editor, rating: str, rationale: str,
                        note: str) -> Publication:  # fmt: skip
    # The quote and where it stood, as checked: the public page keeps showing them after
    # the article changes (the claim itself then moves to the new text, or is orphaned).
    return Publication.objects.create(
        claim=locked, kind=kind, rating=rating, rationale=rationale.strip(), note=note.strip(),
        editor=editor, published_at=timezone.now(), quote=locked.quote, start=locked.start,
        end=locked.end, article_revision=locked.revision,
    )  # fmt: skip


@transaction.atomic
def publish_claim(*, claim: Claim, editor, rating: str, rationale: str, note: str = "",
                  expected_version: int | None = None, reason: str = "") -> Claim:  # fmt: skip
    """in_review -> published with the editor's rating and rationale.

    For clients of the first API version, publishing an already published
    claim *with a note* records a correction (see correct_claim); without a
    note it is a Conflict, which is what the slower of two racing editors gets.
    The history row's reason is `reason` (the request's) or else the note.
    """
    locked = _lock(claim, expected_version)
    if locked.status == Claim.Status.PUBLISHED and note.strip():
        return _correct_locked(locked, editor=editor, rating=rating, rationale=rationale,
                               note=note, reason=reason)  # fmt: skip
    next_status(locked.status, "publish")  # refuse before checking anything else
    _check_publishable(locked, rating, rationale)
    _require_anchored(locked)
    return _publish_locked(locked, Publication.Kind.PUBLICATION, editor=editor, rating=rating,
                           rationale=rationale, note=note, reason=reason)  # fmt: skip


@transaction.atomic
def correct_claim(*, claim: Claim, editor, rating: str, rationale: str, note: str,
                  expected_version: int | None = None, reason: str = "") -> Claim:  # fmt: skip
    """Publish a corrected verdict; the claim stays published and the old one is kept."""
    return _correct_locked(_lock(claim, expected_version), editor=editor, rating=rating,
                           rationale=rationale, note=note, reason=reason)  # fmt: skip


def _correct_locked(locked: Claim, *, editor, rating: str, rationale: str, note: str,
                    reason: str = "") -> Claim:  # fmt: skip
    next_status(locked.status, "correct")
    require_text("note", note)
    _check_publishable(locked, rating, rationale)
    return _publish_locked(locked, Publication.Kind.CORRECTION, editor=editor, rating=rating,
                           rationale=rationale, note=note, reason=reason)  # fmt: skip


_MOVES_BY_KIND = {
    Publication.Kind.PUBLICATION: ("publish", HistoryEntry.Action.PUBLISH),
    Publication.Kind.CORRECTION: ("correct", HistoryEntry.Action.CORRECT),
}


def _publish_locked(locked: Claim, kind: str, *, editor, rating: str, rationale: str, note: str,
                    reason: str) -> Claim:  # fmt: skip
    """Append the publication and move the claim, recording both; checks already done."""
    move, action = _MOVES_BY_KIND[kind]
    publication = _append_publication(locked, kind=kind, editor=editor, rating=rating,
                                      rationale=rationale, note=note)  # fmt: skip
    return _move(locked, move, editor, action, reason or note, rating=rating,
                 published_by=editor, published_at=publication.published_at)  # fmt: skip


@transaction.atomic
def retract_claim(*, claim: Claim, editor, note: str,
                  expected_version: int | None = None, reason: str = "") -> Claim:  # fmt: skip
    """published -> retracted: kept and shown as retracted, never deleted."""
    locked = _lock(claim, expected_version)
    next_status(locked.status, "retract")
    require_text("note", note)
    current = current_publication(locked)
    _append_publication(
        locked,
        kind=Publication.Kind.RETRACTION,
        editor=editor,
        rating=current.rating,
        rationale=current.rationale,
        note=note,
    )
    return _move(locked, "retract", editor, HistoryEntry.Action.RETRACT, reason or note)


@transaction.atomic
def assign_reviewers(*, claim: Claim, editor, usernames: list[str],
                     reason: str = "") -> list[Assignment]:  # fmt: skip
    """Ask reviewers (by username) to review a claim; already assigned ones are kept.

    Unknown usernames and accounts without the reviewer role are refused as a
    whole, so a typo never half-applies. Returns the claim's assignments.
    """
    users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
    bad = [name for name in usernames if name not in users or not is_reviewer(users[name])]
    if bad or not usernames:
        raise invalid("reviewers", f"Not reviewers: {', '.join(bad)}." if bad
                      else "Name at least one reviewer.", "invalid_reviewer")  # fmt: skip
    locked = _lock(claim)
    if locked.status == Claim.Status.RETRACTED:
        next_status(locked.status, "submit")  # raises the Conflict naming the status
    already = set(locked.assignments.values_list("reviewer__username", flat=True))
    new = [name for name in dict.fromkeys(usernames) if name not in already]
    for name in new:
        assignment = Assignment.objects.create(claim=locked, reviewer=users[name],
                                               assigned_by=editor)  # fmt: skip
        record_change(
            actor=editor, action=HistoryEntry.Action.ASSIGN, instance=assignment, reason=reason,
            changes={"reviewer": [None, name]}, claim_id=locked.pk, article_id=locked.article_id,
        )  # fmt: skip
    return list(locked.assignments.select_related("reviewer", "assigned_by"))


def current_publication(claim: Claim) -> Publication | None:
    """The latest publication of a claim, or None while it is unpublished."""
    return claim.publications.order_by("-published_at", "-id").first()
