"""Reading the public record: published and retracted fact-checks, and their corrections.

Nothing here ever returns a draft or a claim in review, whoever asks: the
public side is the same for a visitor and for a signed-in reviewer. Every list
comes with what its rows show, so a page costs the same few queries for 1 or
1,000 rows.
"""

from django.db.models import Exists, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery

from annotations.models import PUBLIC_STATUSES, Claim, Publication

Kind = Publication.Kind


def public_factchecks() -> QuerySet[Claim]:
    """Published and retracted claims, newest first by the date they were first published.

    `first_published_at` comes from the claim's one publication of kind
    "publication" (corrections and retractions are later rows), joined rather
    than aggregated, so it can be filtered and sorted on cheaply.
    """
    return (
        Claim.objects.filter(status__in=PUBLIC_STATUSES)
        .annotate(
            first_publication=FilteredRelation(
                "publications", condition=Q(publications__kind=Kind.PUBLICATION)
            ),
            first_published_at=F("first_publication__published_at"),
        )
        .order_by("-first_published_at", "-id")
    )


def with_list_details(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """What an index row shows: the article, and whether the verdict was ever corrected."""
    corrected = Publication.objects.filter(claim=OuterRef("pk"), kind=Kind.CORRECTION)
    return claims.select_related("article").annotate(corrected=Exists(corrected))


def changes_log() -> QuerySet[Publication]:
    """Every correction and retraction of a public fact-check, newest first.

    Each row carries `previous_rating`, the rating the change replaced (the
    publication just before it), so the log shows "from X to Y" in one query.
    """
    earlier = Publication.objects.filter(claim=OuterRef("claim_id")).filter(
        Q(published_at__lt=OuterRef("published_at"))
        | Q(published_at=OuterRef("published_at"), id__lt=OuterRef("id"))
    )
    return (
        Publication.objects.filter(
            kind__in=(Kind.CORRECTION, Kind.RETRACTION), claim__status__in=PUBLIC_STATUSES
        )
        .select_related("claim")
        .annotate(
            previous_rating=Subquery(earlier.order_by("-published_at", "-id").values("rating")[:1])
        )
        .order_by("-published_at", "-id")
    )


def recent_publications(*, kinds: tuple[str, ...] = tuple(Kind)) -> QuerySet[Publication]:
    """Publications, corrections and retractions of public fact-checks, newest first."""
    return (
        Publication.objects.filter(kind__in=kinds, claim__status__in=PUBLIC_STATUSES)
        .select_related("claim", "claim__article")
        .order_by("-published_at", "-id")
    )
