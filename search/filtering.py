"""The ranked `?q=` filter behind the claim, article and ClaimReview lists.

Registered with factcheck.text_search from SearchConfig.ready(), so the lower
apps' filters (annotations/filters.py, articles/filters.py) and public/search.py
rank through the search index without importing this app.

A row matches when the full-text index matches the query (websearch syntax, as
the search endpoint), or, for a one-word query, when it is a case-insensitive
substring of one of the short fields (quote, statement, claimant; a title), so a
word fragment such as `?q=vacc` keeps finding "vaccine". A claim also matches by
its article's title or publisher, as the public index always did, ranked after
claims matched in their own text. Rows are ranked by `ts_rank_cd` (PostgreSQL)
or `bm25` (SQLite FTS5); substring-only matches rank last. Without FTS5 on
SQLite the callers' fallback runs (substring search).
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
# A match in the article's heading counts a fifth of one in the claim's own text (weight C,
# SQLite); PostgreSQL adds a small constant instead, so claims matched only through their
# article's heading come after claims matched in their own text.
HEADING_WEIGHT = 0.2
HEADING_RANK = 0.01
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
        for name in _SUBSTRING_FIELDS[table] if _fragment(query) else ():
            substring |= Q(**{f"{name}__icontains": query})
        fts_query = engine.fts5_query(query)
        if not fts_query:  # nothing but punctuation: substrings only
            substring = Q()
            for name in _SUBSTRING_FIELDS[table]:
                substring |= Q(**{f"{name}__icontains": query})
            return queryset.filter(substring).alias(**{RANK: Value(0.0)})
        (match, match_params), (rank, rank_params) = _sqlite(document, fts_query)
        matched = Q(RawSQL(match, match_params, output_field=BooleanField())) | substring  # noqa: S611
    else:
        return None
    ranked = Coalesce(RawSQL(rank, rank_params, output_field=FloatField()), Value(0.0))  # noqa: S611
    return queryset.filter(matched).alias(**{RANK: ranked})


def _fragment(query: str) -> bool:
    """Is `query` one word, possibly a fragment (`vacc`), to find as a substring too?

    Several words are found by the index (stemmed, in any order); matching them as
    one substring as well found the same rows again, read from the table a second
    time (300 ms for 25,000 matches at 1,000,000 claims).
    """
    return len(query.split()) == 1


def _postgresql(document, query: str) -> tuple[tuple[str, list], tuple[str, list]]:
    """(match SQL, params), (rank SQL, params).

    The match is one `id = ANY(ARRAY(... UNION ...))` whose every arm an index answers: the GIN
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
        by_heading = f"SELECT a.id FROM articles_article a WHERE {heading} @@ {tsquery}"  # noqa: S608
        arms.append(f"SELECT id FROM {table} WHERE article_id IN ({by_heading})")  # noqa: S608
        params.append(query)
        # A flag, not a second rank: ranking every claim's heading meant a correlated
        # subquery and a to_tsvector per matched row (seconds at 60,000 matches).
        rank += f" + CASE WHEN {table}.article_id IN ({by_heading}) THEN {HEADING_RANK} ELSE 0 END"
        rank_params.append(query)
    pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    for name in _SUBSTRING_FIELDS[table] if _fragment(query) else ():
        # The same expression as Django's icontains, so the UPPER() trigram index serves it.
        arms.append(f'SELECT id FROM {table} WHERE UPPER("{name}"::text) LIKE UPPER(%s)')  # noqa: S608
        params.append(pattern)
    # `= ANY(ARRAY(...))`: the matching ids are collected first (an InitPlan) and the
    # rows fetched by primary key; with `IN (...)` the planner hashed them and read the
    # whole table (500 ms at 1,000,000 claims) to find 25,000 of them.
    return (f"{table}.id = ANY(ARRAY({' UNION '.join(arms)}))", params), (rank, rank_params)


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
