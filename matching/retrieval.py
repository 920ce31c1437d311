"""Candidate records for a post, found through the database's full-text index.

PostgreSQL: one statement per kind over the search app's stored `search_vector`
(GIN index): the post's RAREST_WORDS rarest words (by matching.corpus document
frequency), OR-ed, ranked by `ts_rank` and cut to `limit`. Taking the rare words
only keeps the matched set small (a post's "people", "said", "now" match
thousands of rows) and every match is ranked, not the first few hundred found,
so the right fact-check is not cut before the ranker sees it; no snippet is
built (`ts_headline` is the costly part and matching does not show one).

SQLite (tests, small desks): the search app's own candidate selector (FTS5).
Visibility is the search app's: a kind the user may not see is never queried.
"""

import re

from django.db import connection

from matching import bm25, corpus
from matching.normalize import STOPWORDS, SYNONYMS, _stem, terms, words
from search import engine
from search import kinds as search_kinds
from search import selectors as search_selectors

RAREST_WORDS = 10
UNSEEN_WORDS = 3
# Rows the index hands over for BM25 in Python (matching.finder keeps the best of them).
POOL = 200
_PLAIN = re.compile(r"^[a-z0-9]+$")


def candidates(text: str, kinds: tuple[str, ...], limit: int, *, language: str = "",
               user) -> list[search_selectors.Hit]:  # fmt: skip
    if connection.vendor != "postgresql":
        return search_selectors.candidates(text, kinds, limit, language=language, user=user)
    visible = search_kinds.kinds_for(user)
    chosen = rare_words(text)
    if not chosen:
        return []
    query = " | ".join(chosen)
    rows = []
    for name in kinds:
        if name in visible:
            rows += _pg_kind(name, query, POOL, language)
    # search_selectors._hit: the search app's own row -> Hit (ratings shown only where public).
    return [search_selectors._hit(row) for row in _best_bm25(text, rows, limit)]


def _best_bm25(text: str, rows: list[engine.Row], limit: int) -> list[engine.Row]:
    """The `limit` rows with the best BM25 (collection IDF) of the post's terms."""
    stats = corpus.stats()
    query = terms(text)
    scored = []
    for row in rows:
        row.score = bm25.score(query, corpus.terms_of(row.kind, row.values), stats)
        scored.append(row)
    scored.sort(key=lambda row: (-row.score, row.kind, row.values["id"]))
    return scored[:limit]


def rare_words(text: str) -> list[str]:
    """The post's plain words (no stop words), rarest in the collection first.

    Words the counts have never seen come too (at most UNSEEN_WORDS of them): the
    counts are refreshed only every few minutes, and a word of a record imported
    since then must still find it.
    """
    stats = corpus.stats()
    seen: dict[str, int] = {}
    for word in words(text):
        word = SYNONYMS.get(word, word).replace("'", "")
        if word in STOPWORDS or not _PLAIN.match(word) or word in seen:
            continue
        seen[word] = stats.df.get(_stem(word), 0)
    known = sorted((w for w in seen if seen[w]), key=lambda w: (seen[w], w))
    unseen = sorted(w for w in seen if not seen[w])
    return known[:RAREST_WORDS] + unseen[:UNSEEN_WORDS]


def _pg_kind(name: str, query: str, limit: int, language: str) -> list[engine.Row]:
    kind = search_kinds.KINDS[name]
    where, params = engine._conditions(kind, language)
    sql = (
        f"WITH q AS (SELECT to_tsquery('{engine.CONFIG}', %s) AS query)"  # noqa: S608 - constants
        f" SELECT {', '.join(kind.columns)}, ts_rank(t.search_vector, q.query) AS rank, ''"
        f" FROM {kind.document.table} t, q WHERE t.search_vector @@ q.query AND {where}"
        " ORDER BY rank DESC, t.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query, *params, limit])
        return engine._rows(kind, cursor, float)


def by_ids(keys: list[tuple[str, int]], kinds: tuple[str, ...], *, language: str = "",
           user) -> list[search_selectors.Hit]:  # fmt: skip
    """Hits for known (kind, id) pairs, under the same visibility and language rules."""
    visible = search_kinds.kinds_for(user)
    hits = []
    for name in kinds:
        ids = [object_id for kind, object_id in keys if kind == name]
        if name not in visible or not ids:
            continue
        kind = search_kinds.KINDS[name]
        where, params = engine._conditions(kind, language)
        marks = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT {', '.join(kind.columns)}, 0, '' FROM {kind.document.table} t"  # noqa: S608
            f" WHERE t.id IN ({marks}) AND {where}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*ids, *params])
            hits += [search_selectors._hit(row) for row in engine._rows(kind, cursor, float)]
    return hits
