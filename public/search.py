"""Text search over published fact-checks: the one seam the index and the read API use.

With the search app installed (the default), `matching` and `by_relevance` go
through factcheck.text_search, where it registers its ranked search over the
stored, GIN-indexed vectors (PostgreSQL) or FTS5 (SQLite): the same ranking as
`GET /api/v1/search/` and the claims list's `?q=`. This module never imports
the search app (they are peers above annotations). Without it, the database
answers on its own:

- PostgreSQL: full-text search computed on the fly (django.contrib.postgres),
  `websearch_to_tsquery` so quotes, `or` and `-word` work and no input is a
  syntax error, ranked with `ts_rank` (claim text first, then claimant, then
  the article's title and publisher). Fine for a few thousand fact-checks; the
  search app's stored, indexed vectors take over beyond that.
- SQLite (the zero-setup default): every word must appear, case-insensitively,
  in one of the same fields; no ranking, so results stay newest first.

The callers only hand in a queryset of claims and a query string.
"""

import re

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from annotations.models import Claim
from factcheck import text_search

MAX_TERMS = 12
# Text-search configurations PostgreSQL ships, by the site's language.
_PG_CONFIGS = {
    "da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish",
    "fr": "french", "hu": "hungarian", "it": "italian", "nl": "dutch", "no": "norwegian",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish", "tr": "turkish",
}  # fmt: skip
_FIELDS = ("statement", "quote", "claimant", "article__title", "article__publisher")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_query(query: str) -> str:
    """The query without control characters (PostgreSQL refuses NUL) or extra spaces."""
    return " ".join(_CONTROL.sub(" ", query or "").split())


def matching(claims: QuerySet[Claim], query: str) -> QuerySet[Claim]:
    """`claims` narrowed to those matching `query` (already cleaned); all for an empty one."""
    if not query:
        return claims
    return text_search.matching(claims, query, fallback=_matching_without_index)


def _matching_without_index(claims: QuerySet[Claim], query: str) -> QuerySet[Claim]:
    if connection.vendor == "postgresql":
        return claims.alias(search_document=_vector()).filter(search_document=_tsquery(query))
    return claims.filter(_every_term(query))


def by_relevance(claims: QuerySet[Claim], query: str, *then: str) -> QuerySet[Claim]:
    """`claims` ordered best match first (PostgreSQL), then by `then`; as is without a query."""
    if query and text_search.RANK in claims.query.annotations:
        return text_search.by_relevance(claims, *then)
    if not query or connection.vendor != "postgresql":
        return claims.order_by(*then) if then else claims
    return claims.alias(relevance=SearchRank(_vector(), _tsquery(query))).order_by(
        "-relevance", *then
    )


def _config() -> str:
    return _PG_CONFIGS.get(settings.LANGUAGE_CODE.split("-")[0].lower(), "simple")


def _vector():
    config = _config()
    return (
        SearchVector("statement", "quote", weight="A", config=config)
        + SearchVector("claimant", weight="B", config=config)
        + SearchVector("article__title", "article__publisher", weight="C", config=config)
    )


def _tsquery(query: str):
    return SearchQuery(query, search_type="websearch", config=_config())


def _every_term(query: str) -> Q:
    condition = Q()
    for term in query.split()[:MAX_TERMS]:
        term = term.strip("\"'")
        if term and term != "-":
            any_field = Q()
            for field in _FIELDS:
                any_field |= Q(**{f"{field}__icontains": term})
            condition &= any_field
    return condition
