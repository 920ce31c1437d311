"""Query strings and addresses the API must refuse or read one way (found by schemathesis, #32).

Each test pins one finding of tests/api/test_schemathesis.py, so a regression
fails here with a readable name instead of only in the fuzzer.
"""

import pytest

from tests.api.helpers import published_claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/-1/annotation/",
        "/api/v1/claims/1.5/annotation/",
        "/api/v1/sources/abc/",
        "/api/v1/verdicts/null/",
        "/api/v1/no-such-resource/",
    ],
)
def test_address_matching_no_route_is_json_404(anon, path):
    response = anon.get(path)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_address_outside_the_api_keeps_the_html_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/claims/export.csv"])
def test_repeated_parameter_is_400_naming_it(as_reviewer, path):
    response = as_reviewer.get(f"{path}?article=1&article=2&q=x")

    assert response.status_code == 400
    assert response.json() == {
        "article": ["Give this parameter once; separate several values with commas."],
        "code": "repeated_parameter",
    }


@pytest.mark.parametrize("value", ["1.5", "1e3", "0", str(2**63), "x"])
@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/claims/export.jsonl"])
def test_article_filter_takes_only_an_id(as_reviewer, path, value):
    # 2**63 used to reach SQLite as an integer too large for it: a 500.
    response = as_reviewer.get(f"{path}?article={value}")

    assert response.status_code == 400
    assert "article" in response.json()


def test_article_filter_matches_the_article(as_reviewer):
    claim = ClaimFactory()
    ClaimFactory()  # on another article

    response = as_reviewer.get(f"/api/v1/claims/?article={claim.article_id}")

    assert [row["id"] for row in response.json()["results"]] == [claim.pk]


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_has_claims_takes_only_true_or_false(as_reviewer, value):
    response = as_reviewer.get(f"/api/v1/articles/?has_claims={value}")

    assert response.status_code == 400
    assert response.json() == {"has_claims": ["Must be true or false."]}


@pytest.mark.parametrize(("value", "expected"), [("true", 1), ("false", 1), ("", 2)])
def test_has_claims_filters(as_reviewer, value, expected):
    ClaimFactory()
    ArticleFactory()

    response = as_reviewer.get(f"/api/v1/articles/?has_claims={value}")

    assert response.json()["count"] == expected


@pytest.mark.parametrize("value", ["abc", "0", "-3", "null", "2.5"])
def test_bad_page_size_is_400_not_the_default(as_reviewer, value):
    response = as_reviewer.get(f"/api/v1/claims/?page_size={value}")

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Must be a whole number of 1 or more."]}


def test_empty_page_and_page_size_mean_not_given(anon):
    published_claim()

    response = anon.get("/api/v1/claims/?page=&page_size=&status=")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_empty_page_of_annotations_is_the_collection(anon):
    article = published_claim().article
    url = f"/api/v1/articles/{article.pk}/annotations/"

    assert anon.get(f"{url}?page=&page_size=").json() == anon.get(url).json()


def test_history_ignores_the_claim_list_filters(as_editor):
    claim = published_claim()

    # The claim list's filters once applied here: a published claim "filtered" to drafts 404'd.
    response = as_editor.get(f"/api/v1/claims/{claim.pk}/history/?status=draft&article=x")

    assert response.status_code == 200


def test_article_without_url_lists_an_empty_url(as_reviewer):
    ArticleFactory(url="")

    assert as_reviewer.get("/api/v1/articles/").json()["results"][0]["url"] == ""


def test_unknown_token_on_a_public_read_is_401(anon):
    response = anon.get("/api/v1/ratings/", HTTP_AUTHORIZATION="Token not-a-real-token")

    assert response.status_code == 401
    assert "detail" in response.json()
