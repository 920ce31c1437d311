"""GET /api/v1/factchecks/search/: Google Fact Check Tools' claims:search, field for field.

The documented shape (v1alpha1): {"claims": [{"text", "claimant", "claimDate",
"claimReview": [{"publisher": {"name", "site"}, "url", "title", "reviewDate",
"textualRating", "languageCode"}]}], "nextPageToken"}, empty fields left out.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from annotations.models import Claim, Publication
from public.api import make_page_token
from tests.factories import ClaimFactory, UserFactory
from tests.public.conftest import UNPUBLISHED, article, publish

pytestmark = pytest.mark.django_db
SEARCH = "/api/v1/factchecks/search/"
CLAIM_FIELDS = {"text", "claimant", "claimDate", "claimReview"}
REVIEW_FIELDS = {"publisher", "url", "title", "reviewDate", "textualRating", "languageCode"}


@pytest.fixture(params=["anonymous", "reviewer"])
def api(request, db) -> APIClient:
    client = APIClient()
    if request.param == "reviewer":
        client.force_authenticate(UserFactory(role="reviewer"))
    return client


def z(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_one_claim_in_googles_shape(api, record):
    response = api.get(SEARCH, {"query": "riot"})
    assert response.status_code == 200
    first = record.published.publications.get(kind=Publication.Kind.PUBLICATION).published_at
    assert response.json() == {
        "claims": [
            {
                "text": "Five officers died in the riot.",
                "claimant": "A senator",
                "claimDate": "2024-03-01T12:00:00Z",
                "claimReview": [
                    {
                        "publisher": {"name": "factcheck", "site": "testserver"},
                        "url": f"http://testserver/factchecks/{record.published.pk}/",
                        "title": "Fact-check: Five officers died in the riot.",
                        "reviewDate": z(first),
                        "textualRating": "Mostly false",
                        "languageCode": "en",
                    }
                ],
            }
        ]
    }


def test_published_only_newest_review_first_with_only_documented_fields(api, record):
    body = api.get(SEARCH, {"reviewPublisherSiteFilter": "testserver"}).json()
    assert set(body) == {"claims"}  # no nextPageToken on the last page
    assert [claim["text"] for claim in body["claims"]] == [
        "Unemployment doubled last year.",  # corrected: the current rating
        "Five officers died in the riot.",
    ]  # the retracted one is withdrawn, as from ClaimReview; drafts never appear
    for claim in body["claims"]:
        assert set(claim) <= CLAIM_FIELDS
        for review in claim["claimReview"]:
            assert set(review) == REVIEW_FIELDS
            assert set(review["publisher"]) == {"name", "site"}
    assert body["claims"][0]["claimReview"][0]["textualRating"] == "Half true"
    assert UNPUBLISHED not in str(body)


def test_no_match_is_an_empty_object_as_google_answers(api, record):
    assert api.get(SEARCH, {"query": "zebra"}).json() == {}
    assert api.get(SEARCH, {"query": UNPUBLISHED}).json() == {}


def test_claimant_falls_back_to_the_publisher_and_unknown_fields_are_left_out(api, db):
    claim = ClaimFactory(article=article(publisher="", published_at=None), claimant="",
                         statement="Nobody said this.")  # fmt: skip
    publish(claim, UserFactory(role="editor"))
    [entry] = api.get(SEARCH, {"query": "nobody"}).json()["claims"]
    assert set(entry) == {"text", "claimReview"}
    other = ClaimFactory(article=article(publisher="Metro Times"), claimant="",
                         statement="The outlet said this.")  # fmt: skip
    publish(other, UserFactory(role="editor"))
    [entry] = api.get(SEARCH, {"query": "outlet"}).json()["claims"]
    assert entry["claimant"] == "Metro Times"


def test_page_tokens_walk_every_result_once(api, db):
    editor = UserFactory(role="editor")
    for n in range(7):
        publish(ClaimFactory(statement=f"Budget claim {n}."), editor)
    seen, token, pages = [], "", 0
    while True:
        params = {"query": "budget", "pageSize": 3, **({"pageToken": token} if token else {})}
        body = api.get(SEARCH, params).json()
        seen += [claim["text"] for claim in body["claims"]]
        pages += 1
        token = body.get("nextPageToken", "")
        if not token:
            break
    assert pages == 3
    assert sorted(seen) == sorted(f"Budget claim {n}." for n in range(7))


def test_offset_without_token_and_default_page_size(api, db):
    editor = UserFactory(role="editor")
    for n in range(12):
        publish(ClaimFactory(statement=f"Tax claim {n}."), editor)
    body = api.get(SEARCH, {"query": "tax"}).json()
    assert len(body["claims"]) == 10
    assert "nextPageToken" in body
    assert len(api.get(SEARCH, {"query": "tax", "offset": 10}).json()["claims"]) == 2
    assert len(api.get(SEARCH, {"query": "tax", "pageSize": 5000}).json()["claims"]) == 12


def test_a_token_is_bound_to_its_search(api, record):
    token = make_page_token(1, {"query": "riot", "pageSize": 1})
    ok = api.get(SEARCH, {"query": "riot", "pageSize": 1, "pageToken": token})
    assert ok.status_code == 200
    for params in (
        {"query": "unemployment", "pageSize": 1, "pageToken": token},  # another search
        {"query": "riot", "pageSize": 1, "pageToken": token[:-2] + "xx"},  # tampered
        {"query": "riot", "pageToken": "garbage"},
    ):
        response = api.get(SEARCH, params)
        assert response.status_code == 400
        assert invalid_fields(response) == ["pageToken"]


def invalid_fields(response) -> list[str]:
    error = response.json()["error"]
    assert (error["code"], error["status"]) == (400, "INVALID_ARGUMENT")
    [detail] = error["details"]
    assert detail["@type"] == "type.googleapis.com/google.rpc.BadRequest"
    return [violation["field"] for violation in detail["fieldViolations"]]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "query"),
        ({"languageCode": "en"}, "query"),
        ({"query": "   "}, "query"),
        ({"query": "x" * 501}, "query"),
        ({"query": "a", "pageSize": "-1"}, "pageSize"),
        ({"query": "a", "pageSize": "ten"}, "pageSize"),
        ({"query": "a", "offset": "-3"}, "offset"),
        ({"query": "a", "offset": "10001"}, "offset"),
        ({"query": "a", "maxAgeDays": "1.5"}, "maxAgeDays"),
        ({"query": "a", "languageCode": "english please"}, "languageCode"),
        ({"query": "a\x00b"}, "query"),
    ],
)
def test_bad_parameters_are_googles_invalid_argument_naming_the_field(api, record, params, field):
    response = api.get(SEARCH, params)
    assert response.status_code == 400
    assert field in invalid_fields(response)


@pytest.mark.parametrize("query", ["a & | ! (", "the of", "🦄 émigré", "'", "-", '"five officers"'])
def test_hostile_queries_answer_200(api, record, query):
    assert api.get(SEARCH, {"query": query}).status_code == 200


def test_language_code_compares_the_language_not_the_region(api, record):
    assert len(api.get(SEARCH, {"query": "riot", "languageCode": "en-GB"}).json()["claims"])
    assert api.get(SEARCH, {"query": "riot", "languageCode": "es"}).json() == {}


def test_review_publisher_site_filter_is_this_site(api, record):
    for site in ("testserver", "www.testserver", "http://testserver/", "TESTSERVER"):
        assert len(api.get(SEARCH, {"reviewPublisherSiteFilter": site}).json()["claims"]) == 2
    assert api.get(SEARCH, {"reviewPublisherSiteFilter": "nytimes.com"}).json() == {}


def test_max_age_days_counts_the_newer_of_claim_and_review_date(api, db):
    editor = UserFactory(role="editor")
    old_article = article(published_at=timezone.now() - timedelta(days=400))
    old_claim_new_review = publish(
        ClaimFactory(article=old_article, statement="Old claim, new review."), editor
    )
    old_both = publish(ClaimFactory(statement="Old claim, old review."), editor)
    long_ago = timezone.now() - timedelta(days=300)
    Publication.objects.filter(claim=old_both).update(published_at=long_ago)
    Claim.objects.filter(pk=old_both.pk).update(published_at=long_ago)
    old_both.article.published_at = long_ago
    old_both.article.save()
    recent = api.get(SEARCH, {"query": "claim", "maxAgeDays": 30}).json()["claims"]
    assert [claim["text"] for claim in recent] == [old_claim_new_review.statement]
    assert len(api.get(SEARCH, {"query": "claim", "maxAgeDays": 365}).json()["claims"]) == 2


def test_api_speaks_the_site_language_whatever_the_client_asks(record):
    response = APIClient().get(SEARCH, {"query": "riot"}, HTTP_ACCEPT_LANGUAGE="es")
    review = response.json()["claims"][0]["claimReview"][0]
    assert (review["textualRating"], review["languageCode"]) == ("Mostly false", "en")


@pytest.mark.parametrize("n_factchecks", [1, 30])
def test_search_query_count_does_not_grow(db, django_assert_max_num_queries, n_factchecks):
    editor = UserFactory(role="editor")
    for n in range(n_factchecks):
        publish(ClaimFactory(statement=f"Claim {n}.", claimant=f"Person {n}"), editor)
    client = APIClient()
    # one query: the page of claims (+1 row) with articles and first publication joined
    with django_assert_max_num_queries(1):
        response = client.get(SEARCH, {"query": "claim", "pageSize": 20})
    assert len(response.json()["claims"]) == min(n_factchecks, 20)


def test_repeated_parameters_are_refused(record):
    response = APIClient().get(f"{SEARCH}?query=a&query=b")
    assert response.status_code == 400


def test_operation_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/factchecks/search/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert names >= {"query", "languageCode", "reviewPublisherSiteFilter", "maxAgeDays",
                     "pageSize", "pageToken", "offset"}  # fmt: skip
    assert {"200", "400"} <= set(operation["responses"])
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][ok.rsplit("/", 1)[1]]
    assert set(component["properties"]) == {"claims", "nextPageToken"}
