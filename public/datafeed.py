"""`/factchecks/feed.jsonld`: every published ClaimReview as one schema.org DataFeed.

The shape fact-check aggregators read (Google's and Data Commons' ClaimReview
feeds): a DataFeed whose `dataFeedElement` holds one DataFeedItem per
fact-check, each with its dates and the ClaimReview as `item`, exactly as
`/api/v1/claims/{id}/claimreview/` and the page's own JSON-LD give it.
Retracted fact-checks are left out, as from the page's structured data: a
withdrawn verdict must not be shown by search engines; the feed's
`dateModified` moves when one is retracted, so readers know to re-fetch.

The body is streamed: claims are read in chunks (each chunk: one query for the
claims with their articles, one for their publications), so memory stays flat
however many fact-checks there are.
"""

import json
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Max, Prefetch
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django.views.decorators.http import require_safe

from annotations.exports import xsd_datetime
from annotations.exports.claimreview import (
    SCHEMA_CONTEXT,
    claimreview_for,
    organization_from_settings,
)
from annotations.models import PUBLIC_STATUSES, Claim, Publication

CHUNK = 500
CONTENT_TYPE = "application/ld+json; charset=utf-8"


def published_claims():
    return (
        Claim.objects.filter(status=Claim.Status.PUBLISHED)
        .select_related("article")
        .prefetch_related(
            Prefetch("publications", queryset=Publication.objects.order_by("published_at", "id"))
        )
        .order_by("pk")
    )


def last_change():
    """When the feed's content last changed: the newest publication, correction or retraction."""
    found = Publication.objects.filter(claim__status__in=PUBLIC_STATUSES).aggregate(
        latest=Max("published_at")
    )
    return found["latest"]


@require_safe
def datafeed(request: HttpRequest) -> StreamingHttpResponse:
    header = {
        "@context": SCHEMA_CONTEXT,
        "@type": "DataFeed",
        "name": settings.FACTCHECK_ORGANIZATION_NAME,
        "url": request.build_absolute_uri(reverse("public:datafeed")),
        "dateModified": xsd_datetime(last_change() or timezone.now()),
    }
    origin = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(_stream(header, origin), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="factchecks.jsonld"'
    return response


def _stream(header: dict, origin: str) -> Iterator[str]:
    """The header's JSON with `dataFeedElement` spliced in as a streamed array.

    `origin` is scheme://host of the request, for the fact-checks' page URLs.
    """
    opening = json.dumps(header, ensure_ascii=False)[:-1]
    yield opening + ', "dataFeedElement": ['
    organization = organization_from_settings()
    with override(settings.LANGUAGE_CODE):
        for n, claim in enumerate(published_claims().iterator(chunk_size=CHUNK)):
            page_url = origin + reverse("factchecks:detail", args=[claim.pk])
            review = claimreview_for(claim, page_url=page_url, organization=organization)
            yield ("," if n else "") + "\n" + json.dumps(_item(review), ensure_ascii=False)
    yield "\n]}\n"


def _item(review: dict) -> dict:
    item = {key: value for key, value in review.items() if key != "@context"}
    return {
        "@type": "DataFeedItem",
        "dateCreated": review["datePublished"],
        "dateModified": review["dateModified"],
        "item": [item],
    }
