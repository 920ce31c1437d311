"""The ranked `?q=` filter behind the claim, article and ClaimReview lists.

Registered with factcheck.text_search from SearchConfig.ready(), so the lower
apps' filters (annotations/filters.py, articles/filters.py) and public/search.py
rank through the search index without importing this app.

A row matches when the full-text index matches the query (websearch syntax, as
the search endpoint) or, as before, when the whole query is a case-insensitive
substring of one of the short fields (quote, statement, claimant; a title): a
word fragment such as `?q=vacc` keeps finding "vaccine". Rows are ranked by
`ts_rank_cd` (PostgreSQL) or `bm25` (SQLite FTS5); substring-only matches rank
last. Without FTS5 on SQLite the callers' fallback runs (substring search).
"""

from django.db import connection
from django.db.models import BooleanField, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL, Value
from django.db.models.functions import Coalesce

from factcheck.text_search import RANK
from search import documents, engine
from search.documents import CONFIG

# RawSQL below (ruff S611): the SQL is built from this module's table names and
# constants only; the query text is always a parameter.

_SUBSTRING_FIELDS = {
    "annotations_claim": ("quote", "statement", "claimant"),
    "articles_article": ("title",),
    "claimreviews_claimreview": ("claim_reviewed", "name"),
}
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
        tsquery = f"websearch_to_tsquery('{CONFIG}', %s)"
        match = RawSQL(  # noqa: S611
            f"{table}.search_vector @@ {tsquery}", [query], output_field=BooleanField()
        )
        rank = RawSQL(  # noqa: S611
            f"ts_rank_cd({table}.search_vector, {tsquery}, 32)", [query],
                      output_field=FloatField())  # fmt: skip
    elif connection.vendor == "sqlite" and engine._has_fts5(document.fts_table):
        fts = document.fts_table
        match_text = engine.fts5_query(query)
        if not match_text:
            return queryset.filter(substring).alias(**{RANK: Value(0.0)})
        found = f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608 - constants
        match = RawSQL(  # noqa: S611
            f"{table}.id IN ({found})", [match_text], output_field=BooleanField()
        )
        rank = Coalesce(
            RawSQL(  # noqa: S611
                f"(SELECT -bm25({fts}) FROM {fts} WHERE {fts} MATCH %s AND rowid = {table}.id)",  # noqa: S608
                [match_text],
                output_field=FloatField(),
            ),
            Value(0.0),
        )
    else:
        return None
    return queryset.filter(Q(match) | substring).alias(**{RANK: rank})
