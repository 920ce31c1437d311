"""The SQL behind search: one kind at a time, on PostgreSQL or SQLite, rows out.

PostgreSQL, per kind (one statement):
  1. candidates: up to CANDIDATE_CAP rows whose stored `search_vector` matches the
     tsquery, found through the GIN index (no ORDER BY: reading rows stops at the cap);
  2. rank them with `ts_rank_cd(vector, query, 32)` (cover density, scaled to 0-1)
     and keep the best `limit`;
  3. cut a `ts_headline` snippet for those rows only (headlines are the costly part).
  When that finds nothing for a query of up to three words (a typo, a word the
  stemmer does not know, a fragment of a word), a second statement looks for rows
  whose text has a word similar to the query (pg_trgm `%>`, word_similarity >= 0.6),
  through the UPPER() trigram indexes the `?q=` filters already use.

SQLite: the FTS5 table's `MATCH`, ranked by `bm25()` with the same column weights,
and FTS5's `snippet()`. Without FTS5 (a Python built against an SQLite without
it), every word must appear as a substring in one of the indexed columns; all
such rows score the same, newest first, and the snippet is marked in Python.

Scores: an index match scores 0.5 + rank / 2 (rank in [0, 1)), a similarity-only
match 0.5 x similarity (below 0.5): on one scale across kinds, and a word-for-word
match always above a fuzzy one.
"""

import re
from dataclasses import dataclass
from functools import cache

from django.db import connection

from search import snippets
from search.documents import CONFIG
from search.kinds import Kind

CANDIDATE_CAP = 500
SIMILARITY_MAX_WORDS = 3
HEADLINE_OPTIONS = (
    f"StartSel={snippets.START}, StopSel={snippets.STOP}, MaxWords=30, MinWords=12, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
# FTS5 column weights, as the PostgreSQL A/B/C/D weights (1.0, 0.4, 0.2, 0.1).
_FTS_WEIGHTS = {"title": 1.0, "quote": 1.0, "statement": 1.0, "claim_reviewed": 1.0,
                "claimant": 0.4, "name": 0.4, "publisher": 0.2, "publisher_name": 0.2,
                "text": 0.1}  # fmt: skip
_FTS_TERM = re.compile(r'-?"[^"]*"|\S+')


@dataclass
class Row:
    kind: str
    values: dict
    score: float
    marked: str  # the snippet with snippets.START/STOP around matches


def search_kind(
    kind: Kind, query: str, *, any_word: bool, limit: int, language: str = ""
) -> list[Row]:
    """Up to `limit` rows of `kind` matching `query`, best first.

    `any_word`: match rows with any of the words (claim matching's long, noisy
    input), instead of the search box's websearch syntax (all words; "phrases",
    `or`, `-word`).
    """
    if not query.strip() or limit < 1:
        return []
    if connection.vendor == "postgresql":
        rows = _pg_fulltext(kind, query, any_word, limit, language)
        plain = _plain_words(query)
        if not rows and plain:
            rows = _pg_similar(kind, plain, limit, language)
        return rows
    if _has_fts5(kind.document.fts_table):
        return _sqlite_fts(kind, query, any_word, limit, language)
    return _substring(kind, query, any_word, limit, language)


def _plain_words(query: str) -> str:
    """The query's words for the similarity pass, or "" when it should not run.

    Not for a "phrase" or a `-word` exclusion (similarity honours neither), and not
    for more than SIMILARITY_MAX_WORDS words: a long query that the index does not
    match is not a typo, and comparing it with every row's trigrams cost 200-400 ms
    over 10,000 reviews (bench/search_scale.py).
    """
    tokens = [token for token in query.split() if token.lower() != "or"]
    if '"' in query or any(token.startswith("-") and len(token) > 1 for token in tokens):
        return ""
    return " ".join(tokens) if len(tokens) <= SIMILARITY_MAX_WORDS else ""


def _conditions(kind: Kind, language: str) -> tuple[str, list]:
    if not language:
        return kind.condition, []
    tag = language.lower()
    return f"{kind.condition} AND {kind.language_condition}", [tag, tag + "-%"]


def _columns(kind: Kind) -> list[str]:
    return [column.split(".", 1)[1] for column in kind.columns]


def _rows(kind: Kind, cursor, score) -> list[Row]:
    names = _columns(kind)
    out = []
    for record in cursor.fetchall():
        values = dict(zip(names, record, strict=False))
        rank, marked = record[len(names)], record[len(names) + 1]
        out.append(Row(kind.name, values, score(rank or 0.0), marked or ""))
    return out


def _pg_fulltext(kind, query, any_word, limit, language) -> list[Row]:
    table = kind.document.table
    where, params = _conditions(kind, language)
    if any_word:
        query = " or ".join(word for word in query.split() if word.isalnum())
    sql = (
        f"WITH q AS (SELECT websearch_to_tsquery('{CONFIG}', %s) AS query),"  # noqa: S608 - constants
        f" found AS (SELECT t.id, t.search_vector FROM {table} t, q"
        f"  WHERE t.search_vector @@ q.query AND {where} LIMIT {CANDIDATE_CAP}),"
        " best AS (SELECT found.id, ts_rank_cd(found.search_vector, q.query, 32) AS rank"
        "  FROM found, q ORDER BY rank DESC, found.id DESC LIMIT %s)"
        f" SELECT {', '.join(kind.columns)}, best.rank,"
        f"  ts_headline('{CONFIG}', {kind.snippet_source}, q.query, %s)"
        f" FROM best JOIN {table} t ON t.id = best.id, q ORDER BY best.rank DESC, t.id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, limit, HEADLINE_OPTIONS])
        return _rows(kind, cursor, lambda rank: 0.5 + rank / 2)


def _pg_similar(kind, query, limit, language) -> list[Row]:
    """Rows with a word similar to the query's, a capped candidate set ranked by similarity.

    Skipped by the database itself (a one-time filter) when the query has no word
    the full-text parser keeps ("of the"): such a query is similar to everything.
    """
    table = kind.document.table
    where, params = _conditions(kind, language)
    similar = " OR ".join(f"UPPER(t.{column}) %%> UPPER(%s)" for column in kind.trigram_columns)
    similarity = ", ".join(
        f"word_similarity(UPPER(%s), UPPER(t.{column}))" for column in kind.trigram_columns
    )
    sql = (
        f"WITH found AS (SELECT t.id FROM {table} t"  # noqa: S608 - constants only
        f"  WHERE numnode(websearch_to_tsquery('{CONFIG}', %s)) > 0 AND ({similar}) AND {where}"
        f"  LIMIT {CANDIDATE_CAP})"
        f" SELECT {', '.join(kind.columns)}, greatest({similarity}, 0) AS similarity,"
        f" {kind.snippet_source} FROM found JOIN {table} t ON t.id = found.id"
        " ORDER BY similarity DESC, t.id DESC LIMIT %s"
    )
    n = len(kind.trigram_columns)
    with connection.cursor() as cursor:
        cursor.execute(sql, [query] + [query] * n + params + [query] * n + [limit])
        rows = _rows(kind, cursor, lambda similarity: similarity / 2)
    for row in rows:
        row.marked = snippets.mark_similar(row.marked, query.split())
    return rows


@cache
def _has_fts5(fts_table: str) -> bool:
    """Was the FTS5 table created (migration 0001 skips it when SQLite lacks FTS5)?"""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [fts_table])
        return cursor.fetchone() is not None


def fts5_query(query: str, *, any_word: bool = False) -> str:
    """A search-box query in FTS5 syntax, every term quoted so none is read as an operator.

    "phrases" stay phrases, `-word` excludes (when something else is asked for),
    `or` between two terms means either; otherwise every term must match.
    """
    positive: list[str] = []
    negative: list[str] = []
    join_or = False
    for token in _FTS_TERM.findall(query):
        excluded = token.startswith("-") and len(token) > 1
        text = token[1:] if excluded else token
        words = re.findall(r"\w+", text)
        if not words:
            continue
        if not excluded and text.lower() == "or" and positive and not any_word:
            join_or = True
            continue
        term = '"' + " ".join(words) + '"'
        if excluded and not any_word:
            negative.append(term)
        elif join_or:
            positive[-1] = f"({positive[-1]} OR {term})"
            join_or = False
        else:
            positive.append(term)
    if not positive:
        return ""
    matched = " OR ".join(positive) if any_word else " AND ".join(positive)
    return " NOT ".join([f"({matched})", *negative]) if negative else matched


def _sqlite_fts(kind, query, any_word, limit, language) -> list[Row]:
    match = fts5_query(query, any_word=any_word)
    if not match:
        return []
    fts, table = kind.document.fts_table, kind.document.table
    where, params = _conditions(kind, language)
    weights = ", ".join(str(_FTS_WEIGHTS[column]) for column in kind.document.fts_columns)
    sql = (
        f"SELECT {', '.join(kind.columns)}, -bm25({fts}, {weights}) AS fts_rank,"  # noqa: S608
        f" snippet({fts}, -1, char(2), char(3), '…', 24)"
        f" FROM {fts} JOIN {table} t ON t.id = {fts}.rowid"
        f" WHERE {fts} MATCH %s AND {where} ORDER BY fts_rank DESC, t.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *params, limit])
        return _rows(kind, cursor, lambda rank: 0.5 + max(rank, 0) / (max(rank, 0) + 1) / 2)


def _substring(kind, query, any_word, limit, language) -> list[Row]:
    words = [word for word in re.findall(r"\w+", query) if word.lower() != "or"][:12]
    if not words:
        return []
    where, params = _conditions(kind, language)
    columns = kind.document.fts_columns
    one_word = "(" + " OR ".join(f"t.{column} LIKE %s" for column in columns) + ")"
    joined = (" OR " if any_word else " AND ").join([one_word] * len(words))
    sql = (
        f"SELECT {', '.join(kind.columns)}, 0.0, {kind.snippet_source}"  # noqa: S608
        f" FROM {kind.document.table} t WHERE ({joined}) AND {where}"
        " ORDER BY t.id DESC LIMIT %s"
    )
    like = [f"%{word}%" for word in words for _ in columns]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*like, *params, limit])
        rows = _rows(kind, cursor, lambda rank: 0.5)
    for row in rows:
        row.marked = snippets.mark_similar(row.marked, words)
    return rows
