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

Bounded cost, as the search endpoint: a list ranks at most `engine.CANDIDATE_CAP`
(500) matching rows, the first the indexes find among the rows the list's other
filters keep (no ORDER BY, so reading stops at the cap), and the best of those
come first. Ranking and counting every match cost 0.5-2.8 s a page at 1,000,000
claims, where a common word matches tens of thousands of rows; with the cap a
page and its COUNT each read at most 500 rows, so `count` is at most 500 with
`q` (500 means "500 or more": refine the query), and keyset pages (`cursor`),
which would walk only those 500 in id order, are refused with `q`.
"""

from django.db import connection
from django.db.models import BooleanField, Expression, FloatField, Q, QuerySet
from django.db.models.expressions import Value
from django.db.models.functions import Coalesce

from factcheck.text_search import RANK
from search import documents, engine
from search.documents import ARTICLE_HEADING, CONFIG

# The SQL below is built from this module's table names and constants only; the
# query text is always a parameter.

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


class OnRow(Expression):
    """SQL over the row's own table, `{t}` standing for that table's alias.

    RawSQL cannot name the table: inside the capped candidate subquery Django
    calls it `U0`, and `annotations_claim.id` there would silently refer to the
    outer query's row instead. This resolves the alias when the SQL is compiled.
    """

    def __init__(self, sql: str, params: list, output_field) -> None:
        super().__init__(output_field=output_field)
        self.sql, self.params = sql, list(params)

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.base_table)
        return self.sql.replace("{t}", alias), self.params


def ranked_text_search(queryset: QuerySet, query: str) -> QuerySet | None:
    """`queryset` narrowed to at most CANDIDATE_CAP rows matching `query`, with `search_rank`."""
    table = queryset.model._meta.db_table
    document = _DOCUMENTS.get(table)
    if document is None or not query:
        return None
    substring = Q()
    for name in _SUBSTRING_FIELDS[table] if _fragment(query) else ():
        substring |= Q(**{f"{name}__icontains": query})
    if connection.vendor == "postgresql":
        (match, match_params), (rank, rank_params) = _postgresql(document, query)
    elif connection.vendor == "sqlite" and engine._has_fts5(document.fts_table):
        fts_query = engine.fts5_query(query)
        if not fts_query:  # nothing but punctuation: substrings only
            substring = Q()
            for name in _SUBSTRING_FIELDS[table]:
                substring |= Q(**{f"{name}__icontains": query})
            return _capped(queryset, substring).alias(**{RANK: Value(0.0)})
        (match, match_params), (rank, rank_params) = _sqlite(document, fts_query)
    else:
        return None
    matched = Q(OnRow(match, match_params, BooleanField())) | substring
    ranked = Coalesce(OnRow(rank, rank_params, FloatField()), Value(0.0))
    return _capped(queryset, matched).alias(**{RANK: ranked})


def _capped(queryset: QuerySet, matched: Q) -> QuerySet:
    """The rows of `queryset` among the first CANDIDATE_CAP of it that `matched` keeps.

    The subquery has no ORDER BY, so PostgreSQL stops reading the indexes' bitmap
    at the cap; the outer query (the page, its COUNT) then reads those rows only.
    """
    candidates = queryset.filter(matched).order_by().values("pk")[: engine.CANDIDATE_CAP]
    return queryset.filter(pk__in=candidates)


def _fragment(query: str) -> bool:
    """Is `query` one word, possibly a fragment (`vacc`), to find as a substring too?

    Several words are found by the index (stemmed, in any order); matching them as
    one substring as well found the same rows again, read from the table a second
    time (300 ms for 25,000 matches at 1,000,000 claims).
    """
    return len(query.split()) == 1


def _postgresql(document, query: str) -> tuple[tuple[str, list], tuple[str, list]]:
    """(match SQL, params), (rank SQL, params), over the row's table `{t}`.

    The match is ORs of conditions on the row's own columns, so PostgreSQL answers
    them with one BitmapOr of indexes (the GIN full-text index; for claims the
    article_id index, fed the ids of articles whose heading matches, collected once
    as an InitPlan) and the capped LIMIT stops the heap scan after 500 rows; the
    substring arms are Django icontains lookups that the UPPER() trigram indexes
    serve. Collecting every match first (`id = ANY(ARRAY(... UNION ...))`) read all
    25,000 claims a common phrase matches (90 ms) to keep 500 of them.
    """
    tsquery = f"websearch_to_tsquery('{CONFIG}', %s)"
    match = f"{{t}}.search_vector @@ {tsquery}"
    params = [query]
    rank = f"ts_rank_cd({{t}}.search_vector, {tsquery}, 32)"
    rank_params = [query]
    if document is documents.CLAIM:
        heading = f"to_tsvector('{CONFIG}'::regconfig, {ARTICLE_HEADING})"
        by_heading = f"SELECT a.id FROM articles_article a WHERE {heading} @@ {tsquery}"  # noqa: S608
        # `= ANY(ARRAY(...))`, not `IN (...)`: an IN subquery under OR is a semi-join that
        # no index answers, and PostgreSQL read all 1,000,000 claims (3.5 s for a rare word).
        match = f"({match} OR {{t}}.article_id = ANY(ARRAY({by_heading})))"
        params.append(query)
        # A flag, not a second rank: ranking every claim's heading meant a correlated
        # subquery and a to_tsvector per matched row (seconds at 60,000 matches).
        rank += f" + CASE WHEN {{t}}.article_id IN ({by_heading}) THEN {HEADING_RANK} ELSE 0 END"
        rank_params.append(query)
    return (match, params), (rank, rank_params)


def _sqlite(document, fts_query: str) -> tuple[tuple[str, list], tuple[str, list]]:
    fts = document.fts_table
    match = f"{{t}}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"  # noqa: S608
    rank = f"(SELECT -bm25({fts}) FROM {fts} WHERE {fts} MATCH %s AND rowid = {{t}}.id)"  # noqa: S608
    if document is not documents.CLAIM:
        return (match, [fts_query]), (rank, [fts_query])
    articles = documents.ARTICLE.fts_table
    heading = f"{{title publisher}} : ({fts_query})"
    by_article = f"SELECT rowid FROM {articles} WHERE {articles} MATCH %s"  # noqa: S608
    heading_rank = (
        f"(SELECT -bm25({articles}) FROM {articles} WHERE {articles} MATCH %s"  # noqa: S608
        " AND rowid = {t}.article_id)"
    )
    return (
        (f"({match} OR {{t}}.article_id IN ({by_article}))", [fts_query, heading]),
        (f"coalesce({rank}, 0) + {HEADING_WEIGHT} * coalesce({heading_rank}, 0)",
         [fts_query, heading]),
    )  # fmt: skip
