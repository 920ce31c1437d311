"""ClaimSerializer's output written out by hand, for lists of many claims.

DRF builds each claim's representation field by field through generic
machinery (source lookups, field objects, nested serializers): about 40 fields
per claim with its sources and verdicts, which made serializing, not SQL, the
largest cost of a claim list (issue 9). These functions produce exactly the same
dictionaries from rows loaded by selectors.visible_claims, with no query;
tests/annotations/test_fast_render.py compares them with DRF's own output for
every role and every kind of part.
"""

from datetime import UTC, datetime

from annotations import selectors
from annotations.models import Claim, Source
from annotations.permissions import can_see_unpublished
from factcheck.prefetch import related


def iso(moment: datetime | None) -> str | None:
    """DRF's ISO 8601 DateTimeField output: UTC, with "Z" for +00:00."""
    if moment is None:
        return None
    text = moment.astimezone(UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


PUBLIC_EXCERPT_CHARS = 200


def archive_excerpt(text: str) -> str:
    """The first PUBLIC_EXCERPT_CHARS of an archived text, whitespace collapsed, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= PUBLIC_EXCERPT_CHARS:
        return text
    return text[:PUBLIC_EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


def archive_dict(source: Source, *, desk: bool) -> dict | None:
    """SourceArchiveSerializer's output for the source's archive (select_related), or None.

    The archived text and the failure reason are the desk's; the public gets the
    date, the hash and a short excerpt (someone else's work).
    """
    archive = getattr(source, "archive", None)  # a missing one is cached as absent
    if archive is None:
        return None
    return {
        "status": archive.status, "url": archive.url, "final_url": archive.final_url,
        "http_status": archive.http_status, "title": archive.title, "sha256": archive.sha256,
        "fetched_at": iso(archive.fetched_at), "attempts": archive.attempts,
        "next_attempt_at": iso(archive.next_attempt_at),
        "reason": archive.reason if desk else None, "excerpt": archive_excerpt(archive.text),
        "text": archive.text if desk else None,
    }  # fmt: skip


def claim_dict(claim: Claim, user) -> dict:
    """ClaimSerializer(claim).data for `user`, built directly."""
    desk = can_see_unpublished(user)
    verdicts = selectors.verdicts_visible_on(claim, user)

    def name(person):
        return person.username if desk and person is not None else None

    return {
        "id": claim.pk, "article": claim.article_id, "start": claim.start, "end": claim.end,
        "quote": claim.quote, "prefix": claim.prefix, "suffix": claim.suffix,
        "revision": claim.revision, "anchor_state": claim.anchor_state,
        "statement": claim.statement, "claimant": claim.claimant, "status": claim.status,
        "rating": claim.rating or None, "created_by": name(claim.created_by),
        "created_at": iso(claim.created_at), "updated_at": iso(claim.updated_at),
        "published_at": iso(claim.published_at),
        "published_by": name(claim.published_by) if claim.published_by_id else None,
        "publications": [
            {"kind": p.kind, "rating": p.rating, "rationale": p.rationale, "note": p.note,
             "editor": name(p.editor), "published_at": iso(p.published_at)}
            for p in related(claim, "publications")
        ],
        "corrections": [
            {"date": iso(c["date"]), "note": c["note"], "previous_rating": c["previous_rating"],
             "rating": c["rating"]}
            for c in selectors.corrections_of(claim)
        ],
        "agreement": selectors.agreement_seen_by(claim, user, verdicts),
        "assigned_to": [a.reviewer.username for a in related(claim, "assignments")] if desk else [],
        "sources": [
            {"id": s.pk, "claim": s.claim_id, "url": s.url, "title": s.title,
             "publisher": s.publisher, "published_at": iso(s.published_at), "excerpt": s.excerpt,
             "stance": s.stance, "added_by": name(s.added_by), "created_at": iso(s.created_at),
             "updated_at": iso(s.updated_at), "archive": archive_dict(s, desk=desk)}
            for s in related(claim, "sources")
        ],
        "verdicts": [
            {"id": v.pk, "claim": v.claim_id, "reviewer": name(v.reviewer), "rating": v.rating,
             "first_rating": v.first_rating, "rationale": v.rationale,
             "revisions": [dict(row) for row in v.revisions], "created_at": iso(v.created_at),
             "updated_at": iso(v.updated_at)}
            for v in verdicts
        ],
    }  # fmt: skip
