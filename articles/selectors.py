"""Reading articles for the reviewer UI, with the counts each list row shows."""

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from annotations.models import PUBLIC_STATUSES, Claim
from annotations.permissions import can_see_unpublished
from articles.models import Article


def visible_articles(user) -> QuerySet[Article]:
    """Articles `user` may read: all for the desk, those with a public fact-check for others."""
    articles = Article.objects.all()
    if can_see_unpublished(user):
        return articles
    public = Claim.objects.filter(article=OuterRef("pk"), status__in=PUBLIC_STATUSES)
    return articles.filter(Exists(public))


def articles_with_claim_count(user) -> QuerySet[Article]:
    """visible_articles plus `claim_count`: the claims on each that `user` may see."""
    counted = Q() if can_see_unpublished(user) else Q(claims__status__in=PUBLIC_STATUSES)
    return (
        visible_articles(user)
        .select_related("created_by")
        .annotate(claim_count=Count("claims", filter=counted))
        # Meta.ordering is not applied to a GROUP BY query; pagination needs an order.
        .order_by("-created_at", "-id")
    )


def article_list(*, query: str = "", publisher: str = "", unreviewed: bool = False) -> QuerySet:
    """Articles with `claim_count`, `published_count` and `has_unreviewed`, newest first.

    Newest by publication date where known, else by import time; the explicit
    order also matters because Django ignores Meta.ordering in GROUP BY queries.

    One query for any number of rows: the counts are aggregates over one join,
    "has unreviewed" is an EXISTS subquery, and the (possibly long) text stays in
    the database. `query` searches title and text, case-insensitively.
    """
    claims_without_verdict = Claim.objects.filter(article=OuterRef("pk"), verdicts__isnull=True)
    articles = (
        Article.objects.defer("text")
        .annotate(
            claim_count=Count("claims"),
            published_count=Count("claims", filter=Q(claims__status=Claim.Status.PUBLISHED)),
            has_unreviewed=Exists(claims_without_verdict),
        )
        .order_by(F("published_at").desc(nulls_last=True), "-created_at", "-id")
    )
    if query:
        articles = articles.filter(Q(title__icontains=query) | Q(text__icontains=query))
    if publisher:
        articles = articles.filter(publisher=publisher)
    if unreviewed:
        articles = articles.filter(has_unreviewed=True)
    return articles


def publishers() -> list[str]:
    """Every publisher name in use, for the list's filter (one query)."""
    names = Article.objects.exclude(publisher="").order_by("publisher").values_list("publisher")
    return [name for (name,) in names.distinct()]
