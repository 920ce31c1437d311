"""The kinds of record search returns, who may see each, and how a row becomes a hit.

- `factcheck`: our published (or retracted) claims: the public record. Everyone.
- `claimreview`: other fact-checkers' ClaimReviews we imported: public records. Everyone.
- `claim`: claims still on the desk (draft or in review). Desk only.
- `article`: the stored articles. Desk only (anonymous callers see articles only
  through their fact-checks).

`claim` and `factcheck` split the claims table by status, so one claim is never
two hits. Only the claim's own text (quote, restatement, claimant) is indexed,
never a verdict's rating or rationale: blind review hides those, and a search
that matched them would reveal them through which claims it finds.
"""

from dataclasses import dataclass, field

from annotations.permissions import ALL, scope
from search import documents

ARTICLE, CLAIM, FACTCHECK, CLAIMREVIEW = "article", "claim", "factcheck", "claimreview"
ALL_KINDS = (FACTCHECK, CLAIMREVIEW, CLAIM, ARTICLE)
PUBLIC_KINDS = (FACTCHECK, CLAIMREVIEW)


@dataclass(frozen=True)
class Kind:
    name: str
    document: documents.Document
    # SQL condition on the row (alias t) for this kind; constants only.
    condition: str
    # Columns selected for a hit (alias t), in order; `hit_fields` names them.
    columns: tuple[str, ...]
    # SQL text the snippet is cut from, and the title column.
    snippet_source: str
    # Columns the trigram pass compares with the query (each has an UPPER() trigram index).
    trigram_columns: tuple[str, ...]
    # SQL condition limiting rows to one language (one %s parameter: the language tag).
    language_condition: str
    extra: dict = field(default_factory=dict)


_CLAIM_COLUMNS = ("t.id", "t.quote", "t.statement", "t.claimant", "t.article_id", "t.status",
                  "t.rating", "t.published_at")  # fmt: skip
_CLAIMREVIEW_COLUMNS = ("t.id", "t.claim_reviewed", "t.name", "t.url", "t.publisher_name",
    "t.textual_rating", "t.rating", "t.language", "t.date_published")  # fmt: skip
_CLAIM_LANGUAGE = (
    "t.article_id IN (SELECT a.id FROM articles_article a"
    " WHERE lower(a.language) = %s OR lower(a.language) LIKE %s)"
)


def _claims(name: str, condition: str) -> Kind:
    """Our claims in some statuses: published fact-checks, or the desk's open claims."""
    return Kind(
        name=name,
        document=documents.CLAIM,
        condition=condition,
        columns=_CLAIM_COLUMNS,
        snippet_source="t.quote || ' ' || t.statement || ' ' || t.claimant",
        trigram_columns=("quote", "statement"),
        language_condition=_CLAIM_LANGUAGE,
    )


KINDS = {
    FACTCHECK: _claims(FACTCHECK, "t.status IN ('published', 'retracted')"),
    CLAIM: _claims(CLAIM, "t.status IN ('draft', 'in_review')"),
    ARTICLE: Kind(
        name=ARTICLE,
        document=documents.ARTICLE,
        condition="1 = 1",
        columns=("t.id", "t.title", "t.publisher", "t.language", "t.published_at"),
        # Bounded: a headline is cut from at most this much text, whatever the article's size.
        snippet_source="substr(t.text, 1, 20000)",
        trigram_columns=("title",),
        language_condition="(lower(t.language) = %s OR lower(t.language) LIKE %s)",
    ),
    CLAIMREVIEW: Kind(
        name=CLAIMREVIEW,
        document=documents.CLAIMREVIEW,
        condition="1 = 1",
        columns=_CLAIMREVIEW_COLUMNS,
        snippet_source="t.claim_reviewed || ' ' || t.name",
        trigram_columns=("claim_reviewed",),
        language_condition="(lower(t.language) = %s OR lower(t.language) LIKE %s)",
    ),
}


def kinds_for(user) -> tuple[str, ...]:
    """The kinds `user` may search, in ALL_KINDS order (the permission table's `search` row).

    `user=None` is an anonymous visitor.
    """
    if user is None:
        return PUBLIC_KINDS
    return ALL_KINDS if scope(user, "search", "read") == ALL else PUBLIC_KINDS
