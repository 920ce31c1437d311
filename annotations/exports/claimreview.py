"""schema.org ClaimReview (https://schema.org/ClaimReview) for published claims.

The same dict serves the API endpoint and the public fact-check page's
<script type="application/ld+json">, so search engines and API clients read one
description. Only published claims have a review: a draft must never leak into
structured data, so the builder refuses them rather than trusting its callers.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from annotations.exports import xsd_datetime
from annotations.models import Claim
from annotations.ratings import BEST_RATING, WORST_RATING, numeric_value, site_label
from articles.models import Article

SCHEMA_CONTEXT = "https://schema.org"


class NotPublished(ValueError):
    """Raised for a claim that has no published verdict, hence no ClaimReview."""


@dataclass(frozen=True)
class Organization:
    """The fact-checking organisation named as the review's author."""

    name: str
    url: str = ""

    def as_jsonld(self) -> dict[str, Any]:
        return _organization(self.name, self.url)


def organization_from_settings() -> Organization:
    """The organisation configured by FACTCHECK_ORGANIZATION_NAME / _URL."""
    return Organization(
        name=settings.FACTCHECK_ORGANIZATION_NAME, url=settings.FACTCHECK_ORGANIZATION_URL
    )


def claimreview_for(claim: Claim, *, page_url: str, organization: Organization) -> dict[str, Any]:
    """The ClaimReview of a published claim; raises NotPublished for any other.

    `page_url` is the absolute URL of the public fact-check page. Dates come from
    the prefetched publications: first one published, latest one modified.
    """
    if claim.status != Claim.Status.PUBLISHED:
        raise NotPublished(f"Claim {claim.pk} is not published.")
    publications = sorted(claim.publications.all(), key=lambda p: (p.published_at, p.pk))
    dates = [p.published_at for p in publications] or [claim.published_at]
    # The quote as published: the claim's own may since have followed a changed article.
    published_quote = next((p.quote for p in reversed(publications) if p.quote), claim.quote)
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": page_url,
        "claimReviewed": claim.statement or published_quote,
        "itemReviewed": _item_reviewed(claim),
        "author": organization.as_jsonld(),
        "reviewRating": review_rating(claim.rating),
        "datePublished": xsd_datetime(dates[0]),
        "dateModified": xsd_datetime(dates[-1]),
    }


def review_rating(rating: str) -> dict[str, Any]:
    """schema.org Rating; ungraded ratings (misleading, unverifiable) carry only a name.

    A number for "misleading" would place it on the true..false line, which it
    is not on; `alternateName` states it without inventing a value. The name is
    in the site's language whatever the page's reader chose.
    """
    review = {"@type": "Rating"}
    value = numeric_value(rating)
    if value is not None:
        review["ratingValue"] = value
    review.update(
        bestRating=BEST_RATING, worstRating=WORST_RATING, alternateName=site_label(rating)
    )
    return review


def _item_reviewed(claim: Claim) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    author = _claim_author(claim.claimant, claim.article.publisher)
    if author:
        item["author"] = author
    item["appearance"] = _appearance(claim.article)
    return item


def _claim_author(claimant: str, publisher: str) -> dict[str, Any] | None:
    """Who made the claim: the claimant, else the outlet that printed it.

    The model stores the claimant as free text, so a claimant spelled like the
    article's publisher is taken to be that Organization and anyone else a Person.
    """
    if not claimant:
        return _organization(publisher) if publisher else None
    if claimant.casefold() == publisher.casefold():
        return _organization(claimant)
    return {"@type": "Person", "name": claimant}


def _appearance(article: Article) -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "NewsArticle"}
    if article.url:
        appearance["url"] = article.url
    appearance["headline"] = article.title
    if article.published_at:
        appearance["datePublished"] = xsd_datetime(article.published_at)
    if article.publisher:
        appearance["publisher"] = _organization(article.publisher)
    return appearance


def _organization(name: str, url: str = "") -> dict[str, Any]:
    organization = {"@type": "Organization", "name": name}
    if url:
        organization["url"] = url
    return organization
