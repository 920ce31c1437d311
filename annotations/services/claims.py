"""Creating, editing and deleting claims."""

from contextlib import nullcontext
from typing import Any

from django.db import IntegrityError, transaction

from annotations import anchoring
from annotations.models import Claim
from annotations.services.common import invalid, refuse_unknown, require_open_record, stripped
from annotations.services.deletion import require_deletable
from annotations.services.evidence import (
    SOURCE_EDITABLE_FIELDS,
    VERDICT_EDITABLE_FIELDS,
    record_removal,
)
from annotations.services.reanchor import require_current_revision
from articles.models import Article
from factcheck.compiled import CompiledQuery
from factcheck.concurrency import bump_version, require_version
from factcheck.errors import Conflict
from history.models import HistoryEntry
from history.services import (
    NEW_ROW,
    RowChanged,
    created,
    diff,
    insert_with_history,
    record_change,
    snapshot,
)

CLAIM_EDITABLE_FIELDS = ("statement", "claimant")
CLAIM_RECORDED_FIELDS = ("article", "start", "end", "quote", "statement", "claimant", "status")


def create_claim(
    *,
    article: Article | int,
    author,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
    statement: str = "",
    claimant: str = "",
    offset_unit: str = "codepoint",
    revision: int | None = None,
    reason: str = "",
) -> Claim:
    """Anchor a new claim in `article` (a row or its id) from offsets or from a quote.

    Offsets are code points (see annotations.anchoring), or UTF-16 code units
    with offset_unit="utf-16", converted here against the locked text. The server computes
    quote, prefix and suffix itself; a duplicate span is a Conflict naming the
    existing claim, including when a concurrent request inserted it first.

    The claim is pinned to the revision read with the text, and the text cannot change
    until the claim is stored (a change waits for it, then re-anchors it as well), so
    it anchors to exactly one revision (SECURITY-CASES #45); a client that sends the
    `revision` it selected in gets a 409 if it is stale.

    On PostgreSQL the text is read without a lock and the claim inserted only while
    the article still has the revision read (insert_with_history's while_unchanged:
    the insert itself takes the lock): three round trips, no transaction of our own
    (issue 9). If a text change came in between, the claim is anchored again against
    the new text; after a few such races in a row, or on SQLite, the text is read
    under the row lock change_article takes, in a transaction.

    The unique constraint finds a duplicate when the claim is inserted; the
    statement or transaction is then rolled back and the existing claim looked up
    after it.
    """
    article_id = article if isinstance(article, int) else article.pk
    anchor = {"start": start, "end": end, "quote": quote, "prefix": prefix, "suffix": suffix,
              "offset_unit": offset_unit, "statement": statement, "claimant": claimant,
              "author": author}  # fmt: skip
    try:
        if transaction.get_connection().vendor == "postgresql":
            for _ in range(_UNLOCKED_ATTEMPTS):
                claim = _create_unlocked(article_id, revision, anchor, reason)
                if claim is not None:
                    return claim
        with transaction.atomic():
            locked = _locked_article(article_id)
            require_current_revision(locked, revision)
            claim = _anchored_claim(locked, **anchor)
            _insert(claim, author=author, reason=reason)
    except _SpanTaken as taken:
        raise _duplicate_claim(taken.claim) from None
    return claim


# Text changes racing one create: after this many, take the lock instead.
_UNLOCKED_ATTEMPTS = 3


def _create_unlocked(article_id: int, revision: int | None, anchor: dict, reason: str):
    """The claim, anchored to the text read and stored while that text is current; None
    if the text changed in between (nothing stored)."""
    current = _current_article(article_id)
    require_current_revision(current, revision)
    claim = _anchored_claim(current, **anchor)
    # Inside a caller's transaction a savepoint keeps it usable after a refusal.
    nested = transaction.get_connection().in_atomic_block
    try:
        with transaction.atomic() if nested else nullcontext():
            _insert(claim, author=anchor["author"], reason=reason,
                    while_unchanged=("article", {"revision": current.revision}))  # fmt: skip
    except RowChanged:
        return None
    return claim


_CURRENT_ARTICLE = CompiledQuery(
    lambda pk: Article.objects.only("id", "text", "revision").filter(pk=pk), -918273645
)


def _current_article(article_id: int) -> Article:
    """The article's text and revision, without a lock (a missing one names the field)."""
    current = _CURRENT_ARTICLE.first(article_id)
    if current is None:
        message = f'Invalid pk "{article_id}" - object does not exist.'
        raise invalid("article", message, "does_not_exist")
    return current


def _anchored_claim(article: Article, *, offset_unit: str, statement: str, claimant: str,
                    author, **anchor_input) -> Claim:  # fmt: skip
    """The new (unsaved) claim, its quote and context computed from the stored text,
    pinned to the revision that text is."""
    start, end = anchor_input.pop("start"), anchor_input.pop("end")
    try:
        if offset_unit == "utf-16":
            start, end = _codepoints(article.text, start, end)
        anchor = anchoring.resolve_anchor(article.text, start=start, end=end, **anchor_input)
    except anchoring.AnchoringError as error:
        raise invalid(error.field, error.message, error.code) from None
    return Claim(
        article=article, start=anchor.start, end=anchor.end, quote=anchor.quote,
        prefix=anchor.prefix, suffix=anchor.suffix, statement=statement.strip(),
        claimant=claimant.strip(), created_by=author, revision=article.revision,
    )  # fmt: skip


def _locked_article(article_id: int) -> Article:
    """The article's text and revision, read once, under the row lock (a missing one names
    the field)."""
    try:
        locked = Article.objects.select_for_update().only("id", "text", "revision")
        return locked.get(pk=article_id)
    except Article.DoesNotExist:
        message = f'Invalid pk "{article_id}" - object does not exist.'
        raise invalid("article", message, "does_not_exist") from None


def _codepoints(text: str, *offsets: int | None) -> list[int | None]:
    """UTF-16 offsets (what browsers count) as code points; names the field at fault."""
    converted = []
    for field, offset in zip(("start", "end"), offsets, strict=True):
        try:
            converted.append(None if offset is None else anchoring.utf16_to_codepoint(text, offset))
        except anchoring.AnchoringError as error:
            raise anchoring.AnchoringError(field, error.message, error.code) from None
    return converted


class _SpanTaken(Exception):
    """The insert clashed with a claim on the same span (the transaction is rolled back)."""

    def __init__(self, claim: Claim) -> None:
        super().__init__(claim.start, claim.end)
        self.claim = claim


def _insert(claim: Claim, *, author, reason: str, while_unchanged=None) -> None:
    """Insert the claim and its history row (one statement on PostgreSQL), letting the unique
    constraint (article, revision, span) find a duplicate span (no query before it)."""
    try:
        insert_with_history(
            claim, actor=author, action=HistoryEntry.Action.CREATE, reason=reason,
            changes=created(claim, CLAIM_RECORDED_FIELDS), claim_id=NEW_ROW,
            article_id=claim.article_id, while_unchanged=while_unchanged,
        )  # fmt: skip
    except IntegrityError:
        raise _SpanTaken(claim) from None


def _duplicate_claim(new: Claim) -> Conflict:
    """The Conflict naming the claim that already covers `new`'s span (read after rollback)."""
    same_span = Claim.objects.filter(
        article_id=new.article_id, revision=new.revision, start=new.start, end=new.end
    )
    existing = same_span.first()
    return Conflict(
        "start", "A claim already covers exactly this span.", code="duplicate_claim",
        existing_id=existing.pk if existing else None,
    )  # fmt: skip


@transaction.atomic
def update_claim(
    *,
    claim: Claim,
    changes: dict[str, Any],
    actor,
    expected_version: int | None = None,
    reason: str = "",
) -> Claim:
    """Change what a reviewer wrote about a claim; the anchored span never moves.

    Refused once the claim is published (see common.require_open_record).
    """
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    require_version(locked, expected_version)
    require_open_record(locked)
    refuse_unknown(changes, CLAIM_EDITABLE_FIELDS)
    before = snapshot(locked, CLAIM_EDITABLE_FIELDS)
    for name, value in changes.items():
        setattr(locked, name, stripped(value))
    changed = diff(before, snapshot(locked, CLAIM_EDITABLE_FIELDS))
    if not changed:
        return locked
    bump_version(locked)
    locked.save()
    locked.refresh_from_db()
    record_change(
        actor=actor, action=HistoryEntry.Action.UPDATE, instance=locked, changes=changed,
        reason=reason, claim_id=locked.pk, article_id=locked.article_id,
    )  # fmt: skip
    return locked


@transaction.atomic
def delete_claim(
    *, claim: Claim, actor, expected_version: int | None = None, reason: str = ""
) -> None:
    """Delete a draft claim with its sources, verdicts and assignments; published ones are
    kept forever.

    Only when `actor` may delete every one of those parts (deletion.require_deletable:
    a reviewer deletes their claim with their own source and verdict, not with another
    reviewer's verdict). The history rows outlive the claim: one for each part, then
    the claim's, keeping the claim id and what was deleted; GET /claims/{id}/history/
    still reads them.
    """
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    require_version(locked, expected_version)
    if locked.publications.exists():
        raise Conflict(
            "status", "A claim that was published cannot be deleted; retract it instead "
            f"(POST /api/v1/claims/{locked.pk}/retract/).", code="published_claim_undeletable",
            current_status=locked.status,
        )  # fmt: skip
    require_deletable("claim", locked.pk, Claim.objects.filter(pk=locked.pk), actor)
    _record_parts_removed(locked, actor=actor, reason=reason)
    removed = snapshot(locked, CLAIM_RECORDED_FIELDS)
    record_change(
        actor=actor, action=HistoryEntry.Action.DELETE, instance=locked, reason=reason,
        changes={name: [value, None] for name, value in removed.items()},
        claim_id=locked.pk, article_id=locked.article_id,
    )  # fmt: skip
    locked.delete()  # the parts go with it (on_delete=CASCADE)


def _record_parts_removed(claim: Claim, *, actor, reason: str) -> None:
    """A delete row for each source, verdict and assignment the claim takes with it."""
    for source in claim.sources.order_by("id"):
        record_removal(source, SOURCE_EDITABLE_FIELDS, actor=actor, reason=reason)
    for verdict in claim.verdicts.order_by("id"):
        record_removal(verdict, VERDICT_EDITABLE_FIELDS, actor=actor, reason=reason)
    for assignment in claim.assignments.select_related("reviewer").order_by("id"):
        record_change(
            actor=actor, action=HistoryEntry.Action.DELETE, instance=assignment, reason=reason,
            changes={"reviewer": [assignment.reviewer.username, None]},
            claim_id=claim.pk, article_id=claim.article_id,
        )  # fmt: skip
