"""The ranked `?q=` filter behind the claim, article and ClaimReview lists.

Registered with factcheck.text_search from SearchConfig.ready(), so the lower
apps' filters (annotations/filters.py, articles/filters.py) and public/search.py
rank through the search index without importing this app.

A row matches when the full-text index matches the query (websearch syntax, as
the search endpoint) or, as before, when the whole query is a case-insensitive
substring of one of the short fields (quote, statement, claimant; a title): a
word fragment such as `?q=vacc` keeps finding "vaccine". A claim also matches
by its article's title or publisher, as the public index always did, ranked as
weight C (a fifth of a match in its own text). Rows are ranked by
`ts_rank_cd` (PostgreSQL) or `bm25` (SQLite FTS5); substring-only matches rank
last. Without FTS5 on SQLite the callers' fallback runs (substring search).
"""

from django.db import connection
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL, Value
from django.db.models.functions import Coalesce

from factcheck.text_search import RANK
from search import documents, engine
from search.documents import ARTICLE_HEADING, CONFIG

# RawSQL below (ruff S611): the SQL is built from this module's table names and
# constants only; the query text is always a parameter.

_SUBSTRING_FIELDS = {
    "annotations_claim": ("quote", "statement", "claimant"),
    "articles_article": ("title",),
    "claimreviews_claimreview": ("claim_reviewed", "name"),
}
# A match in the article's heading counts a fifth of one in the claim's own text (weight C).
HEADING_WEIGHT = 0.2
# `match` and `rank` below take the same parameters, in the same order.
_DOCUMENTS = {doc.table: doc for doc in (documents.ARTICLE, documents.CLAIM, documents.CLAIMREVIEW)}


def ranked_text_search(queryset: QuerySet, query: str) -> QuerySet | None:
    """`queryset` narrowed to rows matching `query`, with the `search_rank` alias."""
    table = queryset.model._meta.db_table
    document = _DOCUMENTS.get(table)
    if document is None or not query:
        return None
    substring = Q()
    for name in _SUBSTRING_FIELDS[table]:
        substring |= Q(**{f"{name}__icontains": query})
    if connection.vendor == "postgresql":
        match, rank, params = _postgresql(document, query)
    elif connection.vendor == "sqlite" and engine._has_fts5(document.fts_table):
        fts_query = engine.fts5_query(query)
        if not fts_query:  # nothing but punctuation: substrings only
            return queryset.filter(substring).alias(**{RANK: Value(0.0)})
        match, rank, params = _sqlite(document, fts_query)
    else:
        return None
    matched = RawSQL(match, params, output_field=BooleanField())  # noqa: S611
    ranked = Coalesce(RawSQL(rank, params, output_field=FloatField()), Value(0.0))  # noqa: S611
    return queryset.filter(Q(matched) | substring).alias(**{RANK: ranked})


def _postgresql(document, query: str) -> tuple[str, str, list]:
    table = document.table
    tsquery = f"websearch_to_tsquery('{CONFIG}', %s)"
    match = f"{table}.search_vector @@ {tsquery}"
    rank = f"ts_rank_cd({table}.search_vector, {tsquery}, 32)"
    if document is not documents.CLAIM:
        return match, rank, [query]
    heading = f"to_tsvector('{CONFIG}'::regconfig, {ARTICLE_HEADING})"
    article = f"SELECT a.id FROM articles_article a WHERE {heading} @@ {tsquery}"  # noqa: S608
    heading_rank = (
        f"(SELECT ts_rank_cd({heading}, {tsquery}, 32) FROM articles_article a"  # noqa: S608
        f" WHERE a.id = {table}.article_id)"
    )
    return (
        f"({match} OR {table}.article_id IN ({article}))",
        f"{rank} + {HEADING_WEIGHT} * coalesce({heading_rank}, 0)",
        [query, query],
    )


def _sqlite(document, fts_query: str) -> tuple[str, str, list]:
    table, fts = document.table, document.fts_table
    match = f"{table}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"  # noqa: S608
    rank = f"(SELECT -bm25({fts}) FROM {fts} WHERE {fts} MATCH %s AND rowid = {table}.id)"  # noqa: S608
    if document is not documents.CLAIM:
        return match, rank, [fts_query]
    articles = documents.ARTICLE.fts_table
    heading = f"{{title publisher}} : ({fts_query})"
    by_article = f"SELECT rowid FROM {articles} WHERE {articles} MATCH %s"  # noqa: S608
    heading_rank = (
        f"(SELECT -bm25({articles}) FROM {articles} WHERE {articles} MATCH %s"  # noqa: S608
        f" AND rowid = {table}.article_id)"
    )
    return (
        f"({match} OR {table}.article_id IN ({by_article}))",
        f"coalesce({rank}, 0) + {HEADING_WEIGHT} * coalesce({heading_rank}, 0)",
        [fts_query, heading],
    )
