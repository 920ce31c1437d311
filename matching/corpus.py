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


def stats() -> bm25.Stats:
    """The current collection statistics (built on first use, then every REFRESH_SECONDS)."""
    global _cached
    now = time.monotonic()
    if _cached and now - _cached[0] < REFRESH_SECONDS:
        return _cached[1]
    with _lock:
        if not _cached or now - _cached[0] >= REFRESH_SECONDS:
            _cached = (time.monotonic(), build())
    return _cached[1]


def reset() -> None:
    global _cached
    _cached = None
    _terms.clear()
    _texts.clear()


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
    return result


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
