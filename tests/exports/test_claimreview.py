"""schema.org ClaimReview: the pure builder's whole output, then the endpoint's HTTP contract."""

from datetime import UTC

import pytest

from annotations import services
from annotations.exports.claimreview import (
    NotPublished,
    Organization,
    claimreview_for,
    review_rating,
)
from tests.exports.conftest import in_memory_claim, publish_in_memory, published_claim
from tests.factories import ArticleFactory, ClaimFactory

ORG = Organization(name="Example Checks", url="https://checks.example/")
PAGE = "https://fc.example/factchecks/5/"


def test_published_claim_is_a_full_claimreview():
    claim = in_memory_claim()
    claim.claimant = "Mayor Jane Doe"
    claim.statement = "Twelve bridges collapsed in 2023."
    publish_in_memory(claim, rating="false", rationale="The ministry counted two.", day=2)
    publish_in_memory(claim, rating="mostly-false", rationale="Three, in fact.", day=9)

    review = claimreview_for(claim, page_url=PAGE, organization=ORG)

    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://fc.example/factchecks/5/",
        "claimReviewed": "Twelve bridges collapsed in 2023.",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Mayor Jane Doe"},
            "appearance": {
                "@type": "NewsArticle",
                "url": "https://news.example/bridges",
                "headline": "Bridges",
                "datePublished": "2024-04-30T08:00:00Z",
                "publisher": {"@type": "Organization", "name": "Daily Example"},
            },
        },
        "author": {
            "@type": "Organization",
            "name": "Example Checks",
            "url": "https://checks.example/",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 2,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Mostly false",
        },
        "datePublished": "2024-05-02T12:00:00Z",
        "dateModified": "2024-05-09T12:00:00Z",
    }


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        ("true", {"ratingValue": 5, "alternateName": "True"}),
        ("half-true", {"ratingValue": 3, "alternateName": "Half true"}),
        ("false", {"ratingValue": 1, "alternateName": "False"}),
        ("misleading", {"alternateName": "Misleading"}),
        ("unverifiable", {"alternateName": "Unverifiable"}),
    ],
)
def test_review_rating_omits_value_only_for_ungraded_ratings(rating, expected):
    assert review_rating(rating) == {
        "@type": "Rating",
        "bestRating": 5,
        "worstRating": 1,
        **expected,
    }


@pytest.mark.parametrize(
    ("claimant", "publisher", "author"),
    [
        ("", "Daily Example", {"@type": "Organization", "name": "Daily Example"}),
        ("daily example", "Daily Example", {"@type": "Organization", "name": "daily example"}),
        ("Jane Doe", "Daily Example", {"@type": "Person", "name": "Jane Doe"}),
        ("", "", None),
    ],
)
def test_claim_author_falls_back_to_the_publisher(claimant, publisher, author):
    claim = in_memory_claim()
    claim.claimant, claim.article.publisher = claimant, publisher
    publish_in_memory(claim, rating="false", rationale="No.", day=2)

    item = claimreview_for(claim, page_url=PAGE, organization=ORG)["itemReviewed"]

    assert item.get("author") == author


def test_quote_is_reviewed_when_there_is_no_statement_and_optional_fields_drop_out():
    claim = in_memory_claim(article_url="")
    claim.article.published_at = None
    publish_in_memory(claim, rating="misleading", rationale="No.", day=2)

    review = claimreview_for(claim, page_url=PAGE, organization=Organization(name="Checks"))

    assert review["claimReviewed"] == "12 bridges collapsed last year"
    assert review["author"] == {"@type": "Organization", "name": "Checks"}
    assert review["itemReviewed"]["appearance"] == {
        "@type": "NewsArticle",
        "headline": "Bridges",
        "publisher": {"@type": "Organization", "name": "Daily Example"},
    }
    assert "ratingValue" not in review["reviewRating"]


def test_builder_refuses_unpublished_claims():
    with pytest.raises(NotPublished):
        claimreview_for(in_memory_claim(), page_url=PAGE, organization=ORG)


# --- endpoint -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_endpoint_serves_json_ld_of_a_published_claim_to_anyone(api_client, editor, settings):
    settings.FACTCHECK_ORGANIZATION_NAME = "Example Checks"
    settings.FACTCHECK_ORGANIZATION_URL = "https://checks.example/"
    article = ArticleFactory(url="https://news.example/a", publisher="Daily Example")
    claim = published_claim(editor=editor, article=article, claimant="Jane Doe", rating="half-true")

    response = api_client.get(f"/api/v1/claims/{claim.pk}/claimreview/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    published = claim.published_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert response.json() == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"http://testserver/factchecks/{claim.pk}/",
        "claimReviewed": claim.quote,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Jane Doe"},
            "appearance": {
                "@type": "NewsArticle",
                "url": "https://news.example/a",
                "headline": article.title,
                "publisher": {"@type": "Organization", "name": "Daily Example"},
            },
        },
        "author": {
            "@type": "Organization",
            "name": "Example Checks",
            "url": "https://checks.example/",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 3,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Half true",
        },
        "datePublished": published,
        "dateModified": published,
    }


@pytest.mark.django_db
def test_unpublished_claim_is_404_with_a_clear_message_for_the_desk(desk_client):
    claim = ClaimFactory()

    response = desk_client.get(f"/api/v1/claims/{claim.pk}/claimreview/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": f"Claim {claim.pk} is not published yet; ClaimReview exists only for "
        "published claims.",
        "code": "not_published",
    }


@pytest.mark.django_db
def test_anonymous_cannot_tell_a_draft_from_a_missing_claim(api_client):
    claim = ClaimFactory()

    draft = api_client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    missing = api_client.get(f"/api/v1/claims/{claim.pk + 1000}/claimreview/")

    assert draft.status_code == missing.status_code == 404
    assert draft.json() == {"detail": f"No claim {claim.pk}.", "code": "not_found"}
    assert missing.json()["code"] == "not_found"


@pytest.mark.django_db
@pytest.mark.parametrize("client_fixture", ["api_client", "desk_client"])
def test_claimreview_query_count(request, editor, django_assert_max_num_queries, client_fixture):
    client = request.getfixturevalue(client_fixture)
    claim = published_claim(editor=editor)

    # [reviewer only: the user's role groups], the claim joined to article and users,
    # then the selector's prefetches: sources, verdicts, publications, assignments.
    with django_assert_max_num_queries(6):
        response = client.get(f"/api/v1/claims/{claim.pk}/claimreview/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_retracted_claim_has_no_claimreview(api_client, desk_client, editor):
    claim = published_claim(editor=editor)
    services.retract_claim(claim=claim, editor=editor, note="Wrong article.")

    desk = desk_client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    anonymous = api_client.get(f"/api/v1/claims/{claim.pk}/claimreview/")

    # Retracted claims stay public (shown as retracted), so both learn why.
    detail = f"Claim {claim.pk} was retracted; ClaimReview exists only for published claims."
    expected = {"detail": detail, "code": "retracted"}
    assert desk.status_code == anonymous.status_code == 404
    assert desk.json() == anonymous.json() == expected
