"""Reading articles for the reviewer UI, with the counts each list row shows."""

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from annotations.models import PUBLIC_STATUSES, Claim
from annotations.permissions import can_see_unpublished
from articles.models import Article
from factcheck import text_search


def visible_articles(user) -> QuerySet[Article]:
    """Articles `user` may read: all for the desk, those with a public fact-check for others."""
    articles = Article.objects.all()
    if can_see_unpublished(user):
        return articles
    public = Claim.objects.filter(article=OuterRef("pk"), status__in=PUBLIC_STATUSES)
    return articles.filter(Exists(public))


def claims_on_article(user) -> QuerySet[Claim]:
    """The claims of the outer query's article (OuterRef) that `user` may see."""
    claims = Claim.objects.filter(article=OuterRef("pk"))
    return claims if can_see_unpublished(user) else claims.filter(status__in=PUBLIC_STATUSES)


def articles_with_claim_count(user) -> QuerySet[Article]:
    """visible_articles plus `claim_count`: the claims on each that `user` may see.

    The count is a correlated subquery, evaluated only for the rows of the page
    (an index range on the claims' (article, start, end) key each), not a join of
    every claim of every article grouped back together: a page costs the same
    with 10,000 claims or 1,000,000 (issue 9).
    """
    return (
        visible_articles(user)
        .select_related("created_by")
        .annotate(claim_count=_count(claims_on_article(user)))
        # Newest first; the articles_created_idx index serves it, so a page reads 50 rows.
        .order_by("-created_at", "-id")
    )


def _count(claims: QuerySet[Claim]) -> Coalesce:
    """COUNT(*) of `claims` (correlated to the outer article) as a scalar subquery."""
    counted = claims.order_by().values("article").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def article_list(*, query: str = "", publisher: str = "", unreviewed: bool = False) -> QuerySet:
    """Articles with `claim_count`, `published_count` and `has_unreviewed`, newest first.

    Newest by publication date where known, else by import time; the explicit
    order also matters because Django ignores Meta.ordering in GROUP BY queries.

    One query for any number of rows: the counts are correlated subqueries (run for
    the page's rows only, not a join of every claim), "has unreviewed" is an EXISTS
    subquery, and the (possibly long) text stays in the database. `query` searches
    title and text: ranked, best first, through the search index when the search app
    is installed (factcheck.text_search), else case-insensitive substrings, newest first.
    """
    claims = Claim.objects.filter(article=OuterRef("pk"))
    claims_without_verdict = claims.filter(verdicts__isnull=True)
    articles = (
        Article.objects.defer("text")
        .annotate(
            claim_count=_count(claims),
            published_count=_count(claims.filter(status=Claim.Status.PUBLISHED)),
            has_unreviewed=Exists(claims_without_verdict),
        )
        .order_by(F("published_at").desc(nulls_last=True), "-created_at", "-id")
    )
    if query:
        articles = text_search.ranked(articles, query, fallback=_substring_search)
    if publisher:
        articles = articles.filter(publisher=publisher)
    if unreviewed:
        articles = articles.filter(has_unreviewed=True)
    return articles


def _substring_search(articles: QuerySet, query: str) -> QuerySet:
    return articles.filter(Q(title__icontains=query) | Q(text__icontains=query))


def publishers() -> list[str]:
    """Every publisher name in use, for the list's filter (one query)."""
    names = Article.objects.exclude(publisher="").order_by("publisher").values_list("publisher")
    return [name for (name,) in names.distinct()]
