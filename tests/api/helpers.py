"""Small helpers shared by the API tests."""

from datetime import UTC, datetime

from annotations.models import Claim
from annotations.ratings import Rating
from tests.factories import ClaimFactory, PublicationFactory, SourceFactory


def iso(value: datetime | None) -> str | None:
    """The API's timestamp format: ISO 8601 in UTC with a Z."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def published_claim(**kwargs) -> Claim:
    """A claim with a source and a publication, as services.publish_claim leaves it."""
    claim = ClaimFactory(**kwargs)
    SourceFactory(claim=claim)
    publication = PublicationFactory(claim=claim)
    Claim.objects.filter(pk=claim.pk).update(
        status=Claim.Status.PUBLISHED,
        rating=Rating.FALSE,
        published_by=publication.editor,
        published_at=publication.published_at,
    )
    claim.refresh_from_db()
    return claim
