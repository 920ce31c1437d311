"""W3C Web Annotation endpoints: content type, visibility, paging and query budget."""

from datetime import UTC

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from annotations import services
from tests.exports.conftest import published_claim
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    PublicationFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

ANNO_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


def z(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def published_batch(n: int, *, article) -> list:
    """n published claims with a source, a publication and a desk verdict each (factories: fast)."""
    claims = ClaimFactory.create_batch(
        n, article=article, status="published", rating="false", published_at=timezone.now()
    )
    for claim in claims:
        SourceFactory(claim=claim)
        PublicationFactory(claim=claim)
        VerdictFactory(claim=claim)
    return claims


def test_claim_annotation_whole_body_for_anonymous(api_client, editor):
    article = ArticleFactory(url="https://news.example/story", language="de")
    claim = published_claim(editor=editor, article=article, rating="mostly-false", start=10)
    VerdictFactory(claim=claim, rationale="A desk note the public must not see.")
    claim.refresh_from_db()
    source = claim.sources.get()
    publication = claim.publications.get()

    response = api_client.get(f"/api/v1/claims/{claim.pk}/annotation/")

    assert response.status_code == 200
    assert response["Content-Type"] == ANNO_TYPE
    # Public readers see the organisation as creator, never desk members' names.
    organization = {"id": "http://testserver/", "type": "Organization", "name": "factcheck"}
    assert response.json() == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"http://testserver/api/v1/claims/{claim.pk}/annotation/",
        "type": "Annotation",
        "motivation": "assessing",
        "creator": organization,
        "created": z(claim.created_at),
        "modified": z(max(claim.updated_at, source.updated_at, publication.published_at)),
        "generator": {"id": "http://testserver/", "type": "Software", "name": "factcheck"},
        "body": [
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": "Mostly false: Official records say otherwise.",
                "format": "text/plain",
                "language": "de",
                "creator": organization,
                "created": z(publication.published_at),
            },
            {"type": "SpecificResource", "purpose": "linking", "source": source.url},
        ],
        "target": {
            "type": "SpecificResource",
            "source": "https://news.example/story",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": claim.quote,
                    "prefix": claim.prefix,
                    "suffix": claim.suffix,
                },
                {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
            ],
        },
    }


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (ANNO_TYPE, ANNO_TYPE),
        ("application/ld+json", ANNO_TYPE),
        ("*/*", ANNO_TYPE),
        ("application/json", "application/json"),
    ],
)
def test_annotation_content_negotiation(api_client, editor, accept, content_type):
    claim = published_claim(editor=editor)

    response = api_client.get(f"/api/v1/claims/{claim.pk}/annotation/", HTTP_ACCEPT=accept)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.json()["type"] == "Annotation"


def test_unacceptable_media_type_is_406_in_plain_json(api_client, editor):
    claim = published_claim(editor=editor)

    response = api_client.get(f"/api/v1/claims/{claim.pk}/annotation/", HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"


def test_anonymous_gets_404_for_a_draft_and_the_desk_sees_its_verdicts(api_client, reviewer):
    claim = ClaimFactory()
    # The reviewer's own: blind review hides the others' until publication.
    verdict = VerdictFactory(claim=claim, reviewer=reviewer, rationale="Two bridges, not twelve.")

    anonymous = api_client.get(f"/api/v1/claims/{claim.pk}/annotation/")
    api_client.force_authenticate(reviewer)
    desk = api_client.get(f"/api/v1/claims/{claim.pk}/annotation/")

    assert anonymous.status_code == 404
    assert anonymous["Content-Type"] == "application/json"
    assert anonymous.json() == {"detail": f"No claim {claim.pk}.", "code": "not_found"}
    assert desk.status_code == 200
    assert desk.json()["motivation"] == "assessing"
    assert [(b["value"], b["creator"]["nickname"]) for b in desk.json()["body"]] == [
        ("Mostly false: Two bridges, not twelve.", verdict.reviewer.username)
    ]


def test_draft_without_verdicts_is_a_highlight(desk_client):
    claim = ClaimFactory()

    response = desk_client.get(f"/api/v1/claims/{claim.pk}/annotation/")

    assert response.json()["motivation"] == "highlighting"
    assert "body" not in response.json()


def test_published_claim_shows_only_the_published_verdict_to_everyone(
    api_client, desk_client, editor
):
    claim = published_claim(editor=editor)
    VerdictFactory(claim=claim, rationale="Desk only.")

    for client in (api_client, desk_client):
        bodies = client.get(f"/api/v1/claims/{claim.pk}/annotation/").json()["body"]
        values = [body.get("value") for body in bodies if body["purpose"] == "assessing"]
        assert values == ["False: Official records say otherwise."]


def test_missing_claim_is_404(api_client):
    response = api_client.get("/api/v1/claims/999999/annotation/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


# --- the article's collection -------------------------------------------------------------


def test_collection_counts_only_visible_claims(api_client, desk_client):
    article = ArticleFactory()
    published_batch(3, article=article)
    ClaimFactory(article=article)  # a draft

    public = api_client.get(f"/api/v1/articles/{article.pk}/annotations/")
    desk = desk_client.get(f"/api/v1/articles/{article.pk}/annotations/")

    assert public.status_code == 200
    assert public["Content-Type"] == ANNO_TYPE
    assert (public.json()["total"], len(public.json()["first"]["items"])) == (3, 3)
    assert (desk.json()["total"], len(desk.json()["first"]["items"])) == (4, 4)


def test_collection_pages_link_next_and_prev(api_client):
    article = ArticleFactory()
    claims = published_batch(5, article=article)
    base = f"http://testserver/api/v1/articles/{article.pk}/annotations/"
    ids = [f"http://testserver/api/v1/claims/{c.pk}/annotation/" for c in claims]

    collection = api_client.get(f"{base}?page_size=2").json()
    second = api_client.get(f"{base}?page=2&page_size=2").json()
    third = api_client.get(f"{base}?page=3&page_size=2").json()

    assert collection["last"] == f"{base}?page=3&page_size=2"
    assert collection["first"]["next"] == f"{base}?page=2&page_size=2"
    assert [item["id"] for item in collection["first"]["items"]] == ids[:2]
    assert (second["prev"], second["next"]) == (
        f"{base}?page=1&page_size=2",
        f"{base}?page=3&page_size=2",
    )
    assert second["startIndex"] == 2
    assert second["partOf"]["id"] == base
    assert second["partOf"]["total"] == 5
    assert [item["id"] for item in second["items"]] == ids[2:4]
    assert "next" not in third
    assert [item["id"] for item in third["items"]] == ids[4:]


def test_page_size_is_capped_at_200(api_client):
    article = ArticleFactory()
    published_batch(1, article=article)

    page = api_client.get(f"/api/v1/articles/{article.pk}/annotations/?page=1&page_size=5000")

    assert page.json()["id"].endswith("?page=1&page_size=200")


def test_page_beyond_the_last_is_404(api_client):
    article = ArticleFactory()
    published_batch(1, article=article)

    response = api_client.get(f"/api/v1/articles/{article.pk}/annotations/?page=2")

    assert response.status_code == 404
    assert response.json() == {
        "detail": "Page 2 does not exist; the last is 1.",
        "code": "page_out_of_range",
    }


@pytest.mark.parametrize(
    "query", ["page=0", "page=x", "page=-1", "page=²", "page_size=0", "page_size=2.5"]
)
def test_bad_paging_parameters_are_400_naming_the_parameter(desk_client, query):
    article = ArticleFactory()

    response = desk_client.get(f"/api/v1/articles/{article.pk}/annotations/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    name = query.split("=")[0]
    assert response.json()[name] == ["Must be a whole number of 1 or more."]
    assert response.json()["codes"] == {name: ["invalid"]}


def test_empty_article_is_an_empty_collection_and_page_one_still_exists(desk_client):
    article = ArticleFactory()

    collection = desk_client.get(f"/api/v1/articles/{article.pk}/annotations/").json()
    page = desk_client.get(f"/api/v1/articles/{article.pk}/annotations/?page=1").json()

    assert collection["total"] == 0
    assert "first" not in collection
    assert page["items"] == []


def test_missing_article_is_404(api_client):
    response = api_client.get("/api/v1/articles/999999/annotations/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No article 999999.", "code": "not_found"}


def test_article_without_published_claims_is_hidden_from_anonymous(api_client, desk_client):
    article = ArticleFactory()
    ClaimFactory(article=article)  # a draft only

    anonymous = api_client.get(f"/api/v1/articles/{article.pk}/annotations/")
    desk = desk_client.get(f"/api/v1/articles/{article.pk}/annotations/")

    assert anonymous.status_code == 404
    assert anonymous.json() == {"detail": f"No article {article.pk}.", "code": "not_found"}
    assert desk.json()["total"] == 1


@pytest.mark.parametrize("n_claims", [1, 50])
@pytest.mark.parametrize("client_fixture", ["api_client", "desk_client"])
def test_collection_query_count_does_not_grow(
    request, django_assert_max_num_queries, n_claims, client_fixture
):
    client = request.getfixturevalue(client_fixture)
    article = ArticleFactory()
    published_batch(n_claims, article=article)
    ClaimFactory(article=article)  # a draft: counted for the desk only

    # [desk only: the user's role groups], the article, the count of visible claims,
    # the page of claims joined to article and users, then the selector's prefetches:
    # sources (with added_by), verdicts (with reviewer), publications (with editor)
    # and assignments (with reviewer; unused here, but part of visible_claims).
    with django_assert_max_num_queries(8):
        response = client.get(f"/api/v1/articles/{article.pk}/annotations/?page_size=200")

    assert response.status_code == 200
    assert len(response.json()["first"]["items"]) >= n_claims


def test_blind_review_hides_other_verdicts_until_the_reviewer_gives_one(
    desk_client, reviewer, editor
):
    claim = ClaimFactory(status="in_review")
    VerdictFactory(claim=claim, rationale="Omar's view.")
    url = f"/api/v1/claims/{claim.pk}/annotation/"
    editor_client = APIClient()
    editor_client.force_authenticate(editor)

    before = desk_client.get(url).json()
    VerdictFactory(claim=claim, reviewer=reviewer, rationale="Rita's view.")
    after = desk_client.get(url).json()

    assert before["motivation"] == "highlighting"
    assert "body" not in before
    assert sorted(body["value"] for body in after["body"]) == [
        "Mostly false: Omar's view.",
        "Mostly false: Rita's view.",
    ]
    assert len(editor_client.get(url).json()["body"]) == 2


def test_retracted_claim_stays_public_with_the_retraction_and_without_the_verdict(
    api_client, editor
):
    claim = published_claim(editor=editor)
    services.retract_claim(claim=claim, editor=editor, note="We checked the wrong article.")

    annotation = api_client.get(f"/api/v1/claims/{claim.pk}/annotation/").json()

    assert annotation["motivation"] == "highlighting"
    assert [(body["purpose"], body.get("value")) for body in annotation["body"]] == [
        ("commenting", "Retracted: We checked the wrong article."),
        ("linking", None),
    ]
