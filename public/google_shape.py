"""Our published fact-checks in the shape of Google Fact Check Tools' `claims:search`.

Pure functions from loaded claims to plain dicts, so tools written for
`GET https://factchecktools.googleapis.com/v1alpha1/claims:search` read our
answers unchanged. Field by field (docs/google-factcheck-api.md has the table):

    claims[].text                      the claim as published (statement, else the quote)
    claims[].claimant                  Claim.claimant, else the article's publisher
    claims[].claimDate                 the article's publication date (when the claim was made)
    claimReview[].publisher.name       FACTCHECK_ORGANIZATION_NAME
    claimReview[].publisher.site       host of the review URL without "www." (as Google)
    claimReview[].url                  the public fact-check page
    claimReview[].title                "Fact-check: <claim>", the page's title
    claimReview[].reviewDate           first publication of the verdict
    claimReview[].textualRating        the current rating's label ("Mostly false")
    claimReview[].languageCode         the site's language, primary subtag ("en")

As in Google's JSON (proto3), a field without a value is left out rather than
sent empty: no `claimant` when nobody is named, no `claimDate` when the
article's date is unknown, no `nextPageToken` on the last page, and `{}` when
nothing matches.
"""

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from annotations.exports import xsd_datetime
from annotations.models import Claim
from annotations.ratings import label


def site_of(url: str) -> str:
    """ "factcheck.example.org" for https://www.factcheck.example.org/...: Google's `site`."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def primary_language(tag: str) -> str:
    """ "en" for "en-us" or "en_US": reviews are compared by language, not region (as Google)."""
    return tag.replace("_", "-").split("-")[0].lower()


def google_claim(
    claim: Claim, *, page_url: str, publisher: str, language: str, first_published: datetime
) -> dict[str, Any]:
    """One entry of `claims`: the claim and our one review of it.

    `claim.article` must be loaded; `first_published` is the first publication's date.
    """
    text = claim.statement or claim.quote
    entry: dict[str, Any] = {"text": text}
    claimant = claim.claimant or claim.article.publisher
    if claimant:
        entry["claimant"] = claimant
    if claim.article.published_at:
        entry["claimDate"] = xsd_datetime(claim.article.published_at)
    review = {
        "publisher": {"name": publisher, "site": site_of(page_url)},
        "url": page_url,
        "title": _("Fact-check: %(claim)s") % {"claim": text},
        "reviewDate": xsd_datetime(first_published),
        "textualRating": label(claim.rating),
        "languageCode": primary_language(language),
    }
    entry["claimReview"] = [review]
    return entry


def search_response(claims: list[dict[str, Any]], next_page_token: str = "") -> dict[str, Any]:
    """The whole body: `claims` and `nextPageToken` only when they have a value."""
    body: dict[str, Any] = {}
    if claims:
        body["claims"] = claims
    if next_page_token:
        body["nextPageToken"] = next_page_token
    return body


def google_error(code: int, status: str, message: str, violations: dict[str, str]) -> dict:
    """Google's error body (google.rpc.Status with a BadRequest detail naming each field)."""
    error: dict[str, Any] = {"code": code, "message": message, "status": status}
    if violations:
        error["details"] = [
            {
                "@type": "type.googleapis.com/google.rpc.BadRequest",
                "fieldViolations": [
                    {"field": field, "description": description}
                    for field, description in violations.items()
                ],
            }
        ]
    return {"error": error}
