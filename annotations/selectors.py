"""Reading claims, sources and verdicts: what a user may see, loaded in one batch.

Every list in the API and the UI comes from here, with the joins and prefetches
its serializer needs, so a page of 10 or 200 rows costs the same few queries.
"""

from django.db.models import Prefetch, QuerySet

from annotations.models import Claim, Publication, Source, Verdict
from annotations.permissions import can_see_unpublished


def visible_claims(user) -> QuerySet[Claim]:
    """Claims `user` may read: all for the desk, published ones for everyone else."""
    claims = Claim.objects.select_related("article", "created_by", "published_by")
    if not can_see_unpublished(user):
        claims = claims.filter(status=Claim.Status.PUBLISHED)
    return claims.prefetch_related(
        Prefetch("sources", queryset=Source.objects.select_related("added_by")),
        Prefetch("verdicts", queryset=Verdict.objects.select_related("reviewer")),
        Prefetch("publications", queryset=Publication.objects.select_related("editor")),
    )


def visible_sources(user) -> QuerySet[Source]:
    sources = Source.objects.select_related("added_by", "claim")
    if not can_see_unpublished(user):
        sources = sources.filter(claim__status=Claim.Status.PUBLISHED)
    return sources


def visible_verdicts(user) -> QuerySet[Verdict]:
    """Individual reviewers' verdicts are desk records; the public sees the published one."""
    verdicts = Verdict.objects.select_related("reviewer", "claim")
    if not can_see_unpublished(user):
        return verdicts.none()
    return verdicts
