"""Malformed requests get JSON 4xx, never a 500, and store nothing (#7, #8)."""

import json

import pytest
from django.db import DataError

from annotations import services
from annotations.models import Claim
from articles.models import Article
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_non_json_content_type_is_415(as_reviewer):
    response = as_reviewer.post(
        "/api/v1/articles/", "title=T&text=x", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 415
    assert "detail" in response.json()
    assert Article.objects.count() == 0


@pytest.mark.parametrize("raw", ['{"title": "T", "text": ', "{'title': 'T'}", "\x00", "nul\x00l"])
def test_malformed_json_is_400_json(as_reviewer, raw):
    response = as_reviewer.post("/api/v1/articles/", raw, content_type="application/json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()
    assert Article.objects.count() == 0


@pytest.mark.parametrize("raw", ["[]", '"a string"', "42", "null", '[{"title": "T"}]'])
def test_body_that_is_not_an_object_is_400(as_reviewer, raw):
    response = as_reviewer.post("/api/v1/articles/", raw, content_type="application/json")

    assert response.status_code == 400
    assert Article.objects.count() == 0


def test_body_above_the_size_limit_is_413(as_reviewer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = as_reviewer.post("/api/v1/articles/", {"title": "T", "text": "x" * 2000})

    assert response.status_code == 413
    assert "detail" in response.json()
    assert Article.objects.count() == 0


def test_ten_thousand_item_list_is_400(as_reviewer):
    article = ArticleFactory()
    body = json.dumps({"article": article.pk, "quote": ["x"] * 10_000})

    response = as_reviewer.post("/api/v1/claims/", body, content_type="application/json")

    assert response.status_code == 400
    assert "quote" in response.json()
    assert Claim.objects.count() == 0


def test_unknown_route_and_method_are_json(as_reviewer):
    assert as_reviewer.get("/api/v1/claims/999999/").json() == {
        "detail": "No Claim matches the given query."
    }
    response = as_reviewer.put("/api/v1/claims/", {})
    assert response.status_code == 405
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "query",
    ["/api/v1/articles/?q=%00", "/api/v1/articles/?publisher=a%00", "/api/v1/claims/?q=%00"],
)
def test_nul_in_a_filter_is_400_before_reaching_the_database(as_reviewer, query):
    response = as_reviewer.get(query)

    assert response.status_code == 400
    assert query.split("?")[1].split("=")[0] in response.json()


def test_nul_in_the_path_with_an_idempotency_key_is_not_a_server_error(as_reviewer):
    """The key row stores the path; PostgreSQL cannot store NUL (SECURITY-CASES #7)."""
    response = as_reviewer.post(
        "/api/v1/claims/%00/submit/", {}, format="json", HTTP_IDEMPOTENCY_KEY="nul-path"
    )
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_a_value_the_database_refuses_is_a_400_not_a_500(as_reviewer, monkeypatch):
    def refuse(**kwargs):
        raise DataError("value out of range for type integer")

    monkeypatch.setattr(services, "create_claim", refuse)
    article = ArticleFactory()
    response = as_reviewer.post(
        "/api/v1/claims/", {"article": article.pk, "start": 0, "end": 5}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_value"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/articles/", {"title": "T", "text": 0}, "text"),
        ("/api/v1/articles/", {"title": True, "text": "Body."}, "title"),
        ("/api/v1/articles/", {"title": ["T"], "text": "Body."}, "title"),
    ],
)
def test_a_number_or_boolean_where_text_is_expected_is_400(as_reviewer, path, body, field):
    # Found by schemathesis against the live server: DRF's CharField turned 0 into "0".
    response = as_reviewer.post(path, body)

    assert response.status_code == 400
    assert field in response.json()
    assert Article.objects.count() == 0


def test_a_number_as_rationale_is_400(as_reviewer):
    claim = ClaimFactory()

    response = as_reviewer.post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"rating": "false", "rationale": 0}
    )

    assert response.status_code == 400
    assert "rationale" in response.json()


@pytest.mark.parametrize(
    "path", ["/api/v1/claims/abc/", "/api/v1/articles/1e3/", "/api/v1/claims/-1/"]
)
def test_an_id_that_is_not_a_number_is_a_json_404(as_reviewer, path):
    for method in ("get", "patch", "delete"):
        response = getattr(as_reviewer, method)(path)
        assert response.status_code == 404, (method, response.status_code)
        assert response["Content-Type"] == "application/json"


def test_the_core_routes_come_first_yet_shadow_no_other_app():
    # The core API is tried first (issue 9); other apps' addresses under the same
    # collections still reach their own views, not a claim or article detail.
    from django.urls import resolve

    assert resolve("/api/v1/claims/export.csv").url_name != "claim-detail"
    assert resolve("/api/v1/claims/12/").url_name == "claim-detail"
    assert resolve("/api/v1/articles/12/").url_name == "article-detail"
    assert resolve("/api/v1/articles/12/claims/").url_name == "article-claims"
