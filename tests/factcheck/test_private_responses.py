"""Responses to requests with credentials are never stored by shared caches (issue 8 point 14)."""

import pytest
from django.conf import settings
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


def _shareable_view(*, cookie: bool = False, status: int = 200):
    from django.http import HttpResponse
    from django.utils.cache import patch_vary_headers

    from factcheck.caching import shared_cache

    @shared_cache
    def view(request):
        response = HttpResponse("a public page", status=status)
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        if cookie:
            response.set_cookie("surprise", "1")
        return response

    return view


def test_a_shareable_answer_to_an_anonymous_get_is_public(rf):
    from factcheck.middleware import PrivateResponsesMiddleware

    response = PrivateResponsesMiddleware(_shareable_view())(rf.get("/factchecks/"))

    assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"
    assert _vary(response) == {"accept-language"}


def test_a_shareable_answer_that_sets_a_cookie_is_never_public(rf):
    from factcheck.middleware import PrivateResponsesMiddleware

    response = PrivateResponsesMiddleware(_shareable_view(cookie=True))(rf.get("/factchecks/"))

    assert response["Cache-Control"] == "private"
    assert "cookie" in _vary(response)


@pytest.mark.parametrize("status", [301, 404, 500])
def test_only_a_200_is_shared(rf, status):
    from factcheck.middleware import PrivateResponsesMiddleware

    response = PrivateResponsesMiddleware(_shareable_view(status=status))(rf.get("/factchecks/"))

    assert "public" not in response.get("Cache-Control", "")


def test_a_shareable_answer_with_credentials_stays_private(rf):
    from factcheck.middleware import PrivateResponsesMiddleware

    request = rf.get("/factchecks/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    response = PrivateResponsesMiddleware(_shareable_view())(request)

    assert response["Cache-Control"] == "private, no-store"
    assert "cookie" in _vary(response)
