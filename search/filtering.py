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
_DOCUMENTS = {doc.table: doc for doc in (documents.ARTICLE, documents.CLAIM, documents.CLAIMREVIEW)}


def ranked_text_search(queryset: QuerySet, query: str) -> QuerySet | None:
    """`queryset` narrowed to rows matching `query`, with the `search_rank` alias."""
    table = queryset.model._meta.db_table
    document = _DOCUMENTS.get(table)
    if document is None or not query:
        return None
    if connection.vendor == "postgresql":
        (match, match_params), (rank, rank_params) = _postgresql(document, query)
        matched = Q(RawSQL(match, match_params, output_field=BooleanField()))  # noqa: S611
    elif connection.vendor == "sqlite" and engine._has_fts5(document.fts_table):
        substring = Q()
        for name in _SUBSTRING_FIELDS[table]:
            substring |= Q(**{f"{name}__icontains": query})
        fts_query = engine.fts5_query(query)
        if not fts_query:  # nothing but punctuation: substrings only
            return queryset.filter(substring).alias(**{RANK: Value(0.0)})
        (match, match_params), (rank, rank_params) = _sqlite(document, fts_query)
        matched = Q(RawSQL(match, match_params, output_field=BooleanField())) | substring  # noqa: S611
    else:
        return None
    ranked = Coalesce(RawSQL(rank, rank_params, output_field=FloatField()), Value(0.0))  # noqa: S611
    return queryset.filter(matched).alias(**{RANK: ranked})


def _postgresql(document, query: str) -> tuple[tuple[str, list], tuple[str, list]]:
    """(match SQL, params), (rank SQL, params).

    The match is one `id IN (... UNION ...)` whose every arm an index answers: the GIN
    full-text index, the article-heading index (claims) and the UPPER() trigram index
    of each substring field. As ORs on the outer query, the arms that are subqueries
    made PostgreSQL read all 1,000,000 claims (3.5 s for a rare word).
    """
    table = document.table
    tsquery = f"websearch_to_tsquery('{CONFIG}', %s)"
    arms = [f"SELECT id FROM {table} WHERE search_vector @@ {tsquery}"]  # noqa: S608
    params = [query]
    rank = f"ts_rank_cd({table}.search_vector, {tsquery}, 32)"
    rank_params = [query]
    if document is documents.CLAIM:
        heading = f"to_tsvector('{CONFIG}'::regconfig, {ARTICLE_HEADING})"
        arms.append(
            f"SELECT id FROM {table} WHERE article_id IN"  # noqa: S608
            f" (SELECT a.id FROM articles_article a WHERE {heading} @@ {tsquery})"
        )
        params.append(query)
        rank += (
            f" + {HEADING_WEIGHT} * coalesce((SELECT ts_rank_cd({heading}, {tsquery}, 32)"  # noqa: S608
            f" FROM articles_article a WHERE a.id = {table}.article_id), 0)"
        )
        rank_params.append(query)
    pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    for name in _SUBSTRING_FIELDS[table]:
        # The same expression as Django's icontains, so the UPPER() trigram index serves it.
        arms.append(f'SELECT id FROM {table} WHERE UPPER("{name}"::text) LIKE UPPER(%s)')  # noqa: S608
        params.append(pattern)
    return (f"{table}.id IN ({' UNION '.join(arms)})", params), (rank, rank_params)


def _sqlite(document, fts_query: str) -> tuple[tuple[str, list], tuple[str, list]]:
    table, fts = document.table, document.fts_table
    match = f"{table}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"  # noqa: S608
    rank = f"(SELECT -bm25({fts}) FROM {fts} WHERE {fts} MATCH %s AND rowid = {table}.id)"  # noqa: S608
    if document is not documents.CLAIM:
        return (match, [fts_query]), (rank, [fts_query])
    articles = documents.ARTICLE.fts_table
    heading = f"{{title publisher}} : ({fts_query})"
    by_article = f"SELECT rowid FROM {articles} WHERE {articles} MATCH %s"  # noqa: S608
    heading_rank = (
        f"(SELECT -bm25({articles}) FROM {articles} WHERE {articles} MATCH %s"  # noqa: S608
        f" AND rowid = {table}.article_id)"
    )
    return (
        (f"({match} OR {table}.article_id IN ({by_article}))", [fts_query, heading]),
        (f"coalesce({rank}, 0) + {HEADING_WEIGHT} * coalesce({heading_rank}, 0)",
         [fts_query, heading]),
    )  # fmt: skip
