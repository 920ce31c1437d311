"""Moving an article's claims onto its new text, and re-attaching the ones that got lost.

Called by articles.services when the text changes, inside its transaction and
after it locked the article row, so no claim can be created or re-attached
against the old text meanwhile (SECURITY-CASES #45). The rules are pure
functions in annotations.reanchoring; this module loads, saves and records.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from annotations import anchoring, reanchoring
from annotations.models import AnchorState, Claim
from annotations.permissions import can_publish
from annotations.services.common import invalid, require_open_record
from articles.models import Article
from factcheck.concurrency import bump_version, require_version
from factcheck.errors import Conflict
from history.models import HistoryEntry
from history.services import diff, record_change, snapshot

ANCHOR_FIELDS = ("start", "end", "quote", "prefix", "suffix", "revision", "anchor_state")
_RECORDED = ("start", "end", "quote", "revision", "anchor_state")


@dataclass(frozen=True)
class AnchoringResult:
    """One claim's outcome, as the PATCH response and the history report it."""

    claim: int
    outcome: str
    start: int
    end: int
    quote: str
    revision: int
    similarity: float | None = None

    def as_dict(self) -> dict:
        return {
            "claim": self.claim, "outcome": self.outcome, "start": self.start, "end": self.end,
            "quote": self.quote, "revision": self.revision, "similarity": self.similarity,
        }  # fmt: skip


def reanchor_claims(
    *, article: Article, text: str, revision: int, actor, reason: str = ""
) -> list[AnchoringResult]:
    """Re-anchor every claim of `article` (locked by the caller) to `text`, now `revision`.

    Claims found again move to `revision`; orphans keep their offsets and old
    revision. One UPDATE for the changed claims and one INSERT for their history.
    """
    claims = list(Claim.objects.select_for_update().filter(article=article).order_by("id"))
    olds = [anchoring.Anchor(c.start, c.end, c.quote, c.prefix, c.suffix) for c in claims]
    orphans = [c.anchor_state == AnchorState.ORPHANED for c in claims]
    outcomes = reanchoring.reanchor_all(olds, text, orphans)
    changed, entries, results = [], [], []
    for claim, outcome in zip(claims, outcomes, strict=True):
        before = snapshot(claim, _RECORDED)
        _apply(claim, outcome, revision)
        results.append(_result(claim, outcome))
        changes = diff(before, snapshot(claim, _RECORDED))
        if changes:
            changed.append(claim)
            entries.append(_history(claim, changes, actor, reason or _why(outcome, revision)))
    _save(changed)
    HistoryEntry.objects.bulk_create(entries)
    return results


def _apply(claim: Claim, outcome: reanchoring.Outcome, revision: int) -> None:
    if outcome.anchor is None:
        claim.anchor_state = AnchorState.ORPHANED  # offsets and revision stay as they were
        return
    anchor = outcome.anchor
    claim.start, claim.end, claim.quote = anchor.start, anchor.end, anchor.quote
    claim.prefix, claim.suffix, claim.revision = anchor.prefix, anchor.suffix, revision
    if outcome.kind == reanchoring.FUZZY:
        claim.anchor_state = AnchorState.FUZZY
    elif claim.anchor_state == AnchorState.ORPHANED:
        claim.anchor_state = AnchorState.ANCHORED  # found again, word for word
    # An earlier fuzzy flag stays until a reviewer confirms the claim (reattach_claim).


def _result(claim: Claim, outcome: reanchoring.Outcome) -> AnchoringResult:
    return AnchoringResult(claim=claim.pk, outcome=outcome.kind, start=claim.start, end=claim.end,
                           quote=claim.quote, revision=claim.revision,
                           similarity=outcome.similarity)  # fmt: skip


def _history(claim: Claim, changes: dict, actor, reason: str) -> HistoryEntry:
    return HistoryEntry(
        object_type="claim", object_id=claim.pk, claim_id=claim.pk, article_id=claim.article_id,
        action=HistoryEntry.Action.UPDATE, changes=changes, reason=reason,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip


def _why(outcome: reanchoring.Outcome, revision: int) -> str:
    return f"Article text changed (revision {revision}): {outcome.kind}."


def _save(changed: list[Claim]) -> None:
    """One parameterised UPDATE per claim, sent with executemany.

    Not QuerySet.bulk_update: its CASE WHEN per field and row costs seconds for 500
    claims (bench/reanchor.py), against milliseconds here; psycopg 3 pipelines the
    statements and SQLite runs them in-process, inside the caller's transaction.
    """
    if not changed:
        return
    meta = Claim._meta
    columns = [meta.get_field(name).column for name in ANCHOR_FIELDS]
    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
    version = connection.ops.quote_name(meta.get_field("version").column)
    sql = (
        f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {assignments}, "  # noqa: S608
        f"{version} = {version} + 1, {connection.ops.quote_name('updated_at')} = %s "
        f"WHERE {connection.ops.quote_name(meta.pk.column)} = %s"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [[*(getattr(c, name) for name in ANCHOR_FIELDS), now, c.pk] for c in changed]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@transaction.atomic
def reattach_claim(
    *, claim: Claim, actor, start: int, end: int, quote: str | None = None,
    offset_unit: str = "codepoint", revision: int | None = None,
    expected_version: int | None = None, reason: str = "",
) -> Claim:  # fmt: skip
    """Anchor an orphaned or fuzzy claim (or move any claim) to a span of the current text.

    The article row is locked first, as in create_claim and the text change, so
    the span is checked against the text that is current when the claim is saved.
    A published claim's anchor is the public record: only the caller's permission
    check (editors) lets it through; its publications keep the quote as published.
    """
    article = (
        Article.objects.select_for_update().only("id", "text", "revision").get(pk=claim.article_id)
    )
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    require_version(locked, expected_version)
    if not can_publish(actor):
        require_open_record(locked)  # a published anchor is the public record: editors only
    if revision is not None and revision != article.revision:
        raise _stale_revision(article.revision)
    anchor = _anchor_in(article.text, start, end, quote, offset_unit)
    before = snapshot(locked, _RECORDED)
    locked.start, locked.end, locked.quote = anchor.start, anchor.end, anchor.quote
    locked.prefix, locked.suffix, locked.revision = anchor.prefix, anchor.suffix, article.revision
    locked.anchor_state = AnchorState.ANCHORED
    _save_reattached(locked, before, actor, reason)
    return locked


def _anchor_in(text: str, start, end, quote, offset_unit: str) -> anchoring.Anchor:
    try:
        if offset_unit == "utf-16":
            start = anchoring.utf16_to_codepoint(text, start)
            end = anchoring.utf16_to_codepoint(text, end)
        return anchoring.resolve_anchor(text, start=start, end=end, quote=quote)
    except anchoring.AnchoringError as error:
        raise invalid(error.field, error.message, error.code) from None


def _save_reattached(locked: Claim, before: dict, actor, reason: str) -> None:
    clash = Claim.objects.filter(
        article_id=locked.article_id, revision=locked.revision, start=locked.start, end=locked.end
    ).exclude(pk=locked.pk)
    if clash.exists():
        raise Conflict("start", "A claim already covers exactly this span.",
                       code="duplicate_claim", existing_id=clash.first().pk)  # fmt: skip
    bump_version(locked)
    locked.save()
    locked.refresh_from_db()
    changes = diff(before, snapshot(locked, _RECORDED)) or {"anchor_state": ["anchored"] * 2}
    record_change(
        actor=actor, action=HistoryEntry.Action.UPDATE, instance=locked, changes=changes,
        reason=reason or "Re-attached to the current text.", claim_id=locked.pk,
        article_id=locked.article_id,
    )  # fmt: skip


def _stale_revision(current: int) -> Conflict:
    return Conflict(
        "revision", "The article's text changed since you read it; reload and select again.",
        code="stale_revision", current_revision=current,
    )  # fmt: skip


def require_current_revision(article: Article, revision: int | None) -> None:
    """For create_claim: a client that says which revision it read gets a 409 if it moved."""
    if revision is not None and revision != article.revision:
        raise _stale_revision(article.revision)
