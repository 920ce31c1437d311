"""Every reviewer-UI page sends the enforced CSP; sign-in and sign-out behave (no browser)."""

import re

import pytest
from django.conf import settings
from django.test import Client

from annotations import services
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.S)


@pytest.fixture
def published(editor):
    claim = ClaimFactory()
    SourceFactory(claim=claim)
    services.submit_claim(claim=claim, actor=editor)
    return services.publish_claim(claim=claim, editor=editor, rating="false", rationale="No.")


def assert_strict_csp(response) -> None:
    policy = response["Content-Security-Policy"]
    nonce = response.wsgi_request.csp_nonce
    assert f"script-src 'self' 'nonce-{nonce}'" in policy
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    html = response.content.decode()
    assert " style=" not in html  # style-src 'self': no inline styles either
    for attributes in SCRIPT_TAG.findall(html):
        # Executable scripts carry the nonce; data blocks (json_script, JSON-LD) need none.
        assert f'nonce="{nonce}"' in attributes or re.search(
            r'type="application/(ld\+)?json"', attributes
        ), attributes


def test_every_page_carries_the_csp(client, reviewer, published):
    pages = ["/login/", f"/factchecks/{published.pk}/", "/no-such-page/?q=<b>x</b>"]
    for path in pages:
        assert_strict_csp(client.get(path))
    client.force_login(reviewer)
    desk = ["/articles/", "/articles/new/", f"/articles/{published.article_id}/", "/claims/"]
    for path in desk:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict_csp(response)


def test_404_page_escapes_the_path(client):
    response = client.get("/articles/<script>alert(1)</script>/")
    assert response.status_code == 404
    assert b"<script>alert(1)" not in response.content


def test_login_rotates_the_session_and_logout_ends_it(reviewer):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/login/")
    token = page.context["csrf_token"]
    client.cookies[settings.SESSION_COOKIE_NAME] = "attacker-chosen-session-id"
    response = client.post(
        "/login/",
        {
            "username": "rita",
            "password": "correct horse battery staple",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert session != "attacker-chosen-session-id"
    assert client.get("/articles/").status_code == 200

    # Logout is a POST with the CSRF token; a GET does not log out.
    assert client.get("/logout/").status_code == 405
    token = client.get("/articles/").context["csrf_token"]
    assert client.post("/logout/", {"csrfmiddlewaretoken": token})["Location"] == "/login/"
    # The old cookie no longer opens anything.
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = session
    assert replay.get("/articles/")["Location"].startswith("/login/")


def test_login_without_csrf_token_is_refused(reviewer):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/login/", {"username": "rita", "password": "correct horse battery staple"}
    )
    assert response.status_code == 403
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_login_errors_do_not_reflect_markup(client):
    response = client.post("/login/", {"username": "<script>alert(1)</script>", "password": "x"})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content
