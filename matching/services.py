"""Writes of claim matching: cached vectors, and reviewers' match decisions."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from history.models import HistoryEntry
from history.services import record_change
from matching import embedding, encoder
from matching.models import Kind, MatchLink, MatchVector
from matching.ranker import Candidate, document_text

BATCH = 1000
# Vectors already read, per process: {(kind, id): (digest, vector)}. A record's
# vector is 1 KB; the cap keeps a process under ~100 MB whatever the collection.
_VECTORS: dict[tuple[str, int], tuple[str, object]] = {}
VECTOR_CACHE_CAP = 100_000


# Part of every digest: vectors of another model (or another export) are recomputed.
MODEL_ID = "all-MiniLM-L6-v2/onnx-int8/1"


def digest(text: str) -> str:
    data = f"{MODEL_ID}\n{text}".encode()
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def attach_vectors(candidates: list[Candidate]) -> None:
    """Give each candidate its stored vector, computing and storing the missing ones.

    `candidates[i].key` is (kind, id). Vectors this process has read are kept in
    memory (checked against the text's digest); for the others one SELECT, and one
    bulk upsert only when some record is new or its text changed since.
    """
    if not candidates:
        return
    wanted_digest = {c.key: digest(document_text(c.claim, c.name)) for c in candidates}
    missing = []
    for candidate in candidates:
        cached = _VECTORS.get(candidate.key)
        if cached and cached[0] == wanted_digest[candidate.key]:
            candidate.vector = cached[1]
        else:
            missing.append(candidate)
    if missing:
        _load_or_compute(missing, wanted_digest)


def forget_vectors() -> None:
    """Drop the in-process vector cache (tests; a process never needs to)."""
    _VECTORS.clear()


def _load_or_compute(candidates: list[Candidate], wanted_digest: dict) -> None:
    keys = [c.key for c in candidates]
    by_kind: dict[str, list[int]] = {}
    for kind, object_id in keys:
        by_kind.setdefault(kind, []).append(object_id)
    from django.db.models import Q

    condition = Q()
    for kind, ids in by_kind.items():
        condition |= Q(kind=kind, object_id__in=ids)
    stored = {
        (row.kind, row.object_id): row
        for row in MatchVector.objects.filter(condition).only(
            "kind", "object_id", "digest", "vector"
        )
    }
    fresh = []
    if len(_VECTORS) > VECTOR_CACHE_CAP:
        _VECTORS.clear()
    to_compute = []
    for candidate in candidates:
        wanted = wanted_digest[candidate.key]
        row = stored.get(candidate.key)
        if row is not None and row.digest == wanted:
            candidate.vector = embedding.from_bytes(bytes(row.vector))
            _VECTORS[candidate.key] = (wanted, candidate.vector)
        else:
            to_compute.append(candidate)
    texts = [document_text(c.claim, c.name) for c in to_compute]
    for candidate, vector in zip(to_compute, encoder.embed_many(texts), strict=True):
        wanted = wanted_digest[candidate.key]
        candidate.vector = vector
        _VECTORS[candidate.key] = (wanted, candidate.vector)
        kind, object_id = candidate.key
        fresh.append(MatchVector(kind=kind, object_id=object_id, digest=wanted,
                                 vector=embedding.to_bytes(candidate.vector)))  # fmt: skip
    if fresh:
        MatchVector.objects.bulk_create(
            fresh, update_conflicts=True, unique_fields=["kind", "object_id"],
            update_fields=["digest", "vector"],
        )  # fmt: skip


def fill_missing_vectors() -> int:
    """Compute the vector of every stored fact-check that has none, or a stale one."""
    from annotations.models import PUBLIC_STATUSES, Claim
    from claimreviews.models import ClaimReview

    done = 0
    have = {(k, i): d for k, i, d in MatchVector.objects.values_list("kind", "object_id", "digest")}
    sources = [
        (Kind.CLAIMREVIEW, ClaimReview.objects.values_list("pk", "claim_reviewed", "name")),
        (Kind.FACTCHECK,
         Claim.objects.filter(status__in=PUBLIC_STATUSES).values_list("pk", "quote", "statement")),
    ]  # fmt: skip
    for kind, rows in sources:
        pending: list[tuple[int, str]] = []
        for pk, claim, name in rows.order_by("pk").iterator(chunk_size=BATCH):
            text = document_text(claim, name)
            if have.get((kind.value, pk)) != digest(text):
                pending.append((pk, text))
            if len(pending) >= BATCH:
                done += _store_vectors(kind, pending)
                pending = []
        done += _store_vectors(kind, pending)
    return done


def _store_vectors(kind: str, pending: list[tuple[int, str]]) -> int:
    vectors = encoder.embed_many([text for _, text in pending])
    rows = [
        MatchVector(kind=kind, object_id=pk, digest=digest(text), vector=embedding.to_bytes(vector))
        for (pk, text), vector in zip(pending, vectors, strict=True)
    ]
    MatchVector.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["digest", "vector"],
    )
    return len(rows)


@transaction.atomic
def decide_match(
    *, actor, claim, kind: str, target, status: str, score: float, reason: str = ""
) -> MatchLink:
    """Store (or change) a reviewer's decision that `target` is, or is not, the same claim.

    Never touches a verdict or a rating: the link is only a pointer, recorded in history.
    """
    from annotations.permissions import can_see_unpublished

    if not can_see_unpublished(actor):
        raise PermissionDenied(_("Only the review desk may link matches."))
    if status not in MatchLink.Status.values:
        raise ValidationError({"status": _("Must be confirmed or dismissed.")})
    from annotations.models import PUBLIC_STATUSES, Claim
    from annotations.permissions import can_publish

    if claim.status in PUBLIC_STATUSES and not can_publish(actor):
        # A published fact-check's links are part of its public annotation: changing
        # them changes the public record, which is an editor's to change.
        raise PermissionDenied(_("Only editors link matches to a published fact-check."))
    # Lock the claim first: two decisions at once (a double click, two reviewers) must
    # not both find no link and both insert one.
    Claim.objects.select_for_update().filter(pk=claim.pk).values_list("pk").first()
    if kind == Kind.CLAIMREVIEW:
        lookup = {"target_claimreview": target}
    else:
        if target.pk == claim.pk:
            raise ValidationError({"target_id": _("A claim cannot match itself.")})
        lookup = {"target_claim": target}
    link = MatchLink.objects.select_for_update().filter(claim=claim, **lookup).first()
    if link is None:
        link = MatchLink.objects.create(claim=claim, kind=kind, status=status, score=score,
                                        created_by=actor, **lookup)  # fmt: skip
        what = getattr(target, "url", "") or f"{kind} {target.pk}"
        changes = {"match": [None, f"{kind} {target.pk}: {what}"], "decision": [None, status]}
        action = HistoryEntry.Action.CREATE
    else:
        changes = {"decision": [link.status, status]}
        link.status, link.score, link.created_by = status, score, actor
        link.save(update_fields=["status", "score", "created_by"])
        action = HistoryEntry.Action.UPDATE
    record_change(actor=actor, action=action, instance=link, changes=changes, reason=reason,
                  claim_id=claim.pk, article_id=claim.article_id)  # fmt: skip
    return link


def tidy_indexes() -> None:
    """After a bulk import on PostgreSQL: merge the GIN pending lists and refresh statistics.

    A GIN index takes bulk inserts into a pending list that every search must scan
    until (auto)vacuum merges it: right after importing 10,000 ClaimReviews a
    candidate query took ~40 ms instead of ~2 ms. Autovacuum gets there in time;
    this does it now.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for index, table in (
            ("claimreviews_claimreview_search_gin", "claimreviews_claimreview"),
            ("annotations_claim_search_gin", "annotations_claim"),
        ):
            cursor.execute("SELECT to_regclass(%s)", [index])
            if cursor.fetchone()[0] is not None:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute(f"ANALYZE {table}")
