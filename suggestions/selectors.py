"""Suggestions for an article as a given user sees them (reads only)."""

from dataclasses import replace

from annotations.selectors import visible_claims
from articles.models import Article
from suggestions.checking import Suggestion, check_text
from suggestions.coverage import covering_claims

ORDERINGS = ("start", "score", "-score")


def article_suggestions(
    *, article: Article, user, worthy: bool | None = None, ordering: str = "start"
) -> list[Suggestion]:
    """Every sentence of the article with its score and the claim covering it, if any.

    `claim` names only claims `user` may see (drafts for the desk, published and
    retracted claims for others), so the answer reveals nothing the claim list
    would not. One query: the visible claims' ids and spans (the scores come from
    the cache, or are computed and cached on the first request for this text).
    """
    suggestions = check_text(article.text, article.language)
    claims = list(
        visible_claims(user)
        .select_related(None)
        .prefetch_related(None)
        .filter(article=article)
        .values_list("id", "start", "end")
    )
    spans = [(s.start, s.end) for s in suggestions]
    suggestions = [
        replace(suggestion, claim=claim_id)
        for suggestion, claim_id in zip(suggestions, covering_claims(spans, claims), strict=True)
    ]
    if worthy is not None:
        suggestions = [s for s in suggestions if s.worthy == worthy]
    return _ordered(suggestions, ordering)


def _ordered(suggestions: list[Suggestion], ordering: str) -> list[Suggestion]:
    if ordering == "start":
        return suggestions
    # Unscored sentences (language not supported) sort last either way; ties keep text order.
    descending = ordering.startswith("-")
    return sorted(
        suggestions,
        key=lambda s: (s.score is None, -(s.score or 0) if descending else (s.score or 0)),
    )
