"""Check-worthiness of a text or of sentences, cached by the text's content hash.

Nothing is stored in the database and nothing runs when an article is created,
imported or revised: suggestions are computed on the first request for a text
and kept in Django's default cache (locmem by default; a database or Redis
cache where the deployment shares one between processes). The key is the
SHA-256 of the text with the language and scoring.MODEL_VERSION, so a revised
article, an article with the same text, and POST /api/v1/checkworthiness/ with
that text all find the right entry, and a new model never serves old scores.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from suggestions import scoring
from suggestions.segmentation import split_sentences

CACHE_PREFIX = "suggestions"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One sentence and its verdict; start/end are code points into the text, or None
    for sentences sent one by one; `claim` is filled in for articles only."""

    start: int | None
    end: int | None
    quote: str
    score: float | None
    worthy: bool
    reasons: tuple[str, ...]
    claim: int | None = None


def cache_key(text: str, language: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    primary = language.strip().lower().split("-")[0] or "und"
    return f"{CACHE_PREFIX}:{scoring.MODEL_VERSION}:{primary}:{digest}"


def check_text(text: str, language: str = "en") -> list[Suggestion]:
    """Every sentence of `text` in order, scored (from the cache when it was seen before)."""
    key = cache_key(text, language)
    rows = cache.get(key)
    if rows is None:
        rows = _score_text(text, language)
        cache.set(key, rows, settings.FACTCHECK_SUGGESTIONS_CACHE_SECONDS)
    return [
        Suggestion(start, end, text[start:end], score, worthy, reasons)
        for start, end, score, worthy, reasons in rows
    ]


def _score_text(text: str, language: str) -> list[tuple]:
    """Plain tuples: small to pickle into a shared cache, and no class to unpickle."""
    spans = split_sentences(text)
    scored = scoring.score_sentences((text[a:b] for a, b in spans), language)
    return [
        (start, end, verdict.score, verdict.worthy, verdict.reasons)
        for (start, end), verdict in zip(spans, scored, strict=True)
    ]


def check_sentences(sentences: list[str], language: str = "en") -> list[Suggestion]:
    """Each sentence scored as given, in the input order; no segmentation, no cache."""
    scored = scoring.score_sentences(sentences, language)
    return [
        Suggestion(None, None, sentence, verdict.score, verdict.worthy, verdict.reasons)
        for sentence, verdict in zip(sentences, scored, strict=True)
    ]
