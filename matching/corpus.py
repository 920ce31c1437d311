"""What BM25 knows about the whole collection (document frequencies), cached per process.

The ranker scores a capped candidate set, but IDF must come from every stored
fact-check, or a word common to all candidates would look rare. Counting terms
over ~10,000 records takes about a second, so each process keeps the counts and
rebuilds them when they are older than REFRESH_SECONDS (new imports shift IDF
only slowly; a few stale minutes change no ranking noticeably, and a record
newer than the counts is still found: see matching.retrieval.rare_words).
"""

import threading
import time

import numpy as np
from django.db.models import Q

from matching import bm25
from matching.ranker import document_terms

REFRESH_SECONDS = 300
BATCH = 2000
_lock = threading.Lock()
_cached: tuple[float, bm25.Stats] | None = None
# Each record's terms, as counted: the finder's BM25 re-scoring re-uses them.
_terms: dict[tuple[str, int], list[str]] = {}
_texts: dict[tuple[str, int], tuple[str, str]] = {}
# Every stored vector of a public record, for the nearest-vector candidates
# (float32: 1.5 KB a record, 15 MB for 10,000): keys[i] is (kind, id) of matrix row i.
# One tuple, swapped whole, so a reader never pairs new keys with an old matrix.
_vectors: tuple[list[tuple[str, int]], np.ndarray] = ([], np.zeros((0, 0), np.float32))


def stats() -> bm25.Stats:
    """The current collection statistics (built on first use, then every REFRESH_SECONDS)."""
    global _cached
    now = time.monotonic()
    cached = _cached
    if cached and now - cached[0] < REFRESH_SECONDS:
        return cached[1]
    if cached:
        # Stale: one thread rebuilds while the others go on with the old counts
        # (a rebuild takes about a second per 10,000 records; nobody waits for it).
        if not _lock.acquire(blocking=False):
            return cached[1]
    else:
        _lock.acquire()  # nothing to serve yet: the first requests wait for the counts
    try:
        if not _cached or time.monotonic() - _cached[0] >= REFRESH_SECONDS:
            _cached = (time.monotonic(), build())
    finally:
        _lock.release()
    return _cached[1]


def reset() -> None:
    global _cached
    _cached = None
    _terms.clear()
    _texts.clear()
    _set_vectors([], np.zeros((0, 0), np.float32))


def build() -> bm25.Stats:
    from annotations.models import PUBLIC_STATUSES, Claim
    from claimreviews.models import ClaimReview

    result = bm25.Stats()
    known, texts = {}, {}
    reviews = ClaimReview.objects.values_list("pk", "claim_reviewed", "name").order_by("pk")
    for pk, claim, name in reviews.iterator(chunk_size=BATCH):
        known["claimreview", pk] = document_terms(claim, name)
        texts["claimreview", pk] = (claim, name)
        result.add(known["claimreview", pk])
    ours = Claim.objects.filter(Q(status__in=PUBLIC_STATUSES)).values_list(
        "pk", "quote", "statement"
    )
    for pk, quote, statement in ours.order_by("pk").iterator(chunk_size=BATCH):
        text = " ".join(p for p in (quote, statement) if p)
        known["factcheck", pk] = document_terms(text, "")
        texts["factcheck", pk] = (text, "")
        result.add(known["factcheck", pk])
    _terms.clear()
    _terms.update(known)
    _texts.clear()
    _texts.update(texts)
    _load_vectors()
    return result


def _load_vectors() -> None:
    from matching.models import MatchVector

    keys, rows = [], []
    stored = MatchVector.objects.filter(kind__in=["claimreview", "factcheck"])
    for kind, object_id, vector in stored.values_list("kind", "object_id", "vector").iterator(
        chunk_size=BATCH
    ):
        keys.append((kind, object_id))
        rows.append(np.frombuffer(bytes(vector), dtype="<f2"))
    width = {len(row) for row in rows}
    if len(width) != 1:  # none yet, or vectors of two models mid-migration
        keys, rows = [], []
    matrix = np.stack(rows).astype(np.float32) if rows else np.zeros((0, 0), np.float32)
    _set_vectors(keys, matrix)


def _set_vectors(keys: list[tuple[str, int]], matrix: np.ndarray) -> None:
    global _vectors
    _vectors = (keys, matrix)


def nearest(vector: np.ndarray, limit: int, kinds: tuple[str, ...]) -> list[tuple[str, int]]:
    """The `limit` stored records of `kinds` whose vectors are closest to `vector`."""
    keys, matrix = _vectors
    if not keys or matrix.shape[1] != len(vector):
        return []
    similarity = matrix @ vector
    # The best few times `limit` by partial sort, then in order (kinds filter a few out).
    top = min(len(keys), limit * 4)
    best = np.argpartition(-similarity, top - 1)[:top]
    found = []
    for i in best[np.argsort(-similarity[best])]:
        if keys[i][0] in kinds:
            found.append(keys[i])
            if len(found) == limit:
                break
    return found


def terms_of(kind: str, values: dict) -> list[str]:
    """A record's terms (search-app row values): cached when counted, else computed.

    The cache is trusted for imported reviews and our fact-checks only while their
    text is unchanged since the count (a re-import or correction recomputes them).
    """
    if kind == "claimreview":
        claim, name = values["claim_reviewed"], values["name"]
    else:
        claim, name = " ".join(p for p in (values["quote"], values["statement"]) if p), ""
    cached = _terms.get((kind, values["id"]))
    if cached is not None and _texts.get((kind, values["id"])) == (claim, name):
        return cached
    return document_terms(claim, name)
