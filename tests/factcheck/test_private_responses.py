"""Responses to requests with credentials are never stored by shared caches (issue 8 point 14)."""

import pytest
from rest_framework.test import APIClient

from accounts import tokens

pytestmark = pytest.mark.django_db


def _vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/articles/", "/api/v1/reviewers/"])
def test_token_responses_are_private(editor, path):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {tokens.issue(editor)}")

    response = client.get(path)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "authorization" in _vary(response)


def test_a_refused_token_is_private_too(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)

    response = api_client.get("/api/v1/claims/")

    assert response.status_code == 401
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/claims/", "/articles/"])
def test_session_responses_are_private(client, reviewer, path):
    client.force_login(reviewer)

    response = client.get(path)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/articles/", "/factchecks/"])
def test_anonymous_responses_keep_their_caching(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")


def test_anonymous_api_responses_vary_on_authorization(api_client):
    response = api_client.get("/api/v1/claims/")

    assert "authorization" in _vary(response)
