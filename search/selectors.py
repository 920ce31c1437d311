"""Reading search results: what a user may find, as hits ready to serialise.

Two entry points over the same index (search.engine):

- `search(query, kinds=..., limit=..., user=...)`: the search box and
  `GET /api/v1/search/`. The query is websearch syntax (all words; "phrases",
  `or`, `-word`).
- `candidates(text, kinds, limit, language, user)`: for claim matching. `text` is
  a messy social-media post; it is normalised (search.normalize) and any of its
  words may match, so the lexical score is only a first cut for a re-ranker.

Both return `Hit`s merged across kinds, best score first (ties: kind order, then
newest id). A kind the user may not see is never queried (search.kinds.kinds_for).
Each kind costs one statement, two when the full-text index finds fewer than
`limit` rows and the trigram pass runs (PostgreSQL).
"""

from dataclasses import dataclass, field

from django.urls import reverse

from annotations.ratings import label
from search import engine, normalize, snippets
from search import kinds as search_kinds

MAX_LIMIT = 100


@dataclass
class Hit:
    kind: str
    id: int
    title: str
    snippet: str  # safe HTML: escaped text with <mark> around matched words
    score: float
    url: str
    # Kind-specific facts: rating and publisher (public records), status, article id.
    details: dict = field(default_factory=dict)
    # The record's full main text (claim quote and restatement, review's claim), for re-ranking.
    text: str = ""


def search(query: str, *, kinds: tuple[str, ...] | None = None, limit: int = 20,
           user=None, language: str = "") -> list[Hit]:  # fmt: skip
    """The best `limit` hits for a search-box `query` among the kinds `user` may see."""
    query = normalize.clean_query(query)
    return _merged(query, _allowed(kinds, user), limit, language, any_word=False)


def candidates(text: str, kinds: tuple[str, ...] | None, limit: int, language: str = "",
               user=None) -> list[Hit]:  # fmt: skip
    """Lexical candidates for claim matching: hits sharing words with the post `text`.

    `text` is normalised first (links, handles, signature, emoji out; numbers as
    digits); the original words are searched too, so "5,000" finds "5,000" and
    "5000" alike. `score` is the engine's lexical score (see search.engine).
    """
    words = normalize.terms(text)
    raw = normalize.terms(normalize.clean_query(text).replace(",", " "), keep_stopwords=False)
    query = " ".join(dict.fromkeys([*words, *raw]))
    return _merged(query, _allowed(kinds, user), limit, language, any_word=True)


def _allowed(wanted: tuple[str, ...] | None, user) -> tuple[str, ...]:
    visible = search_kinds.kinds_for(user)
    return visible if wanted is None else tuple(k for k in visible if k in wanted)


def _merged(query: str, names: tuple[str, ...], limit: int, language: str, *, any_word: bool):
    limit = max(1, min(limit, MAX_LIMIT))
    rows = []
    for name in names:
        found = engine.search_kind(
            search_kinds.KINDS[name], query, any_word=any_word, limit=limit, language=language
        )
        rows += found
    order = {name: position for position, name in enumerate(search_kinds.ALL_KINDS)}
    rows.sort(key=lambda row: (-row.score, order[row.kind], -row.values["id"]))
    return [_hit(row) for row in rows[:limit]]


def _hit(row: engine.Row) -> Hit:
    values = row.values
    snippet = snippets.render(row.marked)
    score = round(float(row.score), 4)
    if row.kind in (search_kinds.CLAIM, search_kinds.FACTCHECK):
        text = " ".join(part for part in (values["quote"], values["statement"]) if part)
        details = {"article": values["article_id"], "status": values["status"],
                   "claimant": values["claimant"]}  # fmt: skip
        if row.kind == search_kinds.FACTCHECK:
            # The published rating is public; a desk claim has none yet (and its
            # reviewers' verdicts are under blind review): never shown for `claim`.
            rating = values["rating"]
            details.update(
                rating=rating, rating_label=label(rating) if rating else "",
                published_at=values["published_at"], retracted=values["status"] == "retracted",
            )  # fmt: skip
            url = reverse("factchecks:detail", args=[values["id"]])
        else:
            url = f"/articles/{values['article_id']}/#claim-{values['id']}"
        return Hit(row.kind, values["id"], values["quote"], snippet, score, url, details, text)
    if row.kind == search_kinds.ARTICLE:
        details = {"publisher": values["publisher"], "language": values["language"],
                   "published_at": values["published_at"]}  # fmt: skip
        url = f"/articles/{values['id']}/"
        return Hit(row.kind, values["id"], values["title"], snippet, score, url, details,
                   values["title"])  # fmt: skip
    rating = values["rating"]
    details = {
        "publisher": values["publisher_name"], "textual_rating": values["textual_rating"],
        "rating": rating, "rating_label": label(rating) if rating else "",
        "language": values["language"], "published_at": values["date_published"],
        "name": values["name"],
    }  # fmt: skip
    return Hit(row.kind, values["id"], values["claim_reviewed"], snippet, score, values["url"],
               details, values["claim_reviewed"])  # fmt: skip
