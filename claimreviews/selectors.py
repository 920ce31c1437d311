"""Reads of imported ClaimReviews, shared by the API's filters and the reviewer page."""

from django.db.models import Count, Q, QuerySet

from claimreviews.models import ClaimReview

UNMAPPED = "unmapped"


def newest_first() -> QuerySet[ClaimReview]:
    return ClaimReview.objects.order_by("-date_published", "-id")


def matching(rows: QuerySet[ClaimReview], text: str) -> QuerySet[ClaimReview]:
    """Rows whose claim, review name, claimant or publisher contain `text` (any case)."""
    return rows.filter(
        Q(claim_reviewed__icontains=text)
        | Q(name__icontains=text)
        | Q(claimant__icontains=text)
        | Q(publisher_name__icontains=text)
    )


def filtered(q: str = "", publisher: str = "", rating: str = "") -> QuerySet[ClaimReview]:
    """The reviewer page's list: `rating` is one of ours, UNMAPPED, or "" for any."""
    rows = newest_first().defer("raw")
    if q:
        rows = matching(rows, q)
    if publisher:
        rows = rows.filter(publisher_name__iexact=publisher)
    if rating == UNMAPPED:
        rows = rows.filter(rating__isnull=True)
    elif rating:
        rows = rows.filter(rating=rating)
    return rows


def publishers(limit: int = 300) -> list[str]:
    """Publisher names for the page's suggestions, most imported first."""
    names = (
        ClaimReview.objects.exclude(publisher_name="")
        .values("publisher_name")
        .annotate(rows=Count("id"))
        .order_by("-rows", "publisher_name")
        .values_list("publisher_name", flat=True)
    )
    return list(names[:limit])
