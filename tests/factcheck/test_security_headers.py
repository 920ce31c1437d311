"""Every response carries the Content-Security-Policy and the hardening headers."""

import pytest

from factcheck.middleware import build_csp

pytestmark = pytest.mark.django_db


def test_csp_forbids_inline_script_plugins_base_and_framing():
    policy = build_csp("abc")
    assert "script-src 'self' 'nonce-abc'" in policy
    assert "'unsafe-inline'" not in policy
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy


@pytest.mark.parametrize("path", ["/admin/login/", "/no-such-page/?q=<script>alert(1)</script>"])
def test_html_responses_carry_csp_and_nosniff(client, path):
    response = client.get(path)
    assert "nonce-" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert b"<script>alert(1)</script>" not in response.content


def test_each_request_gets_a_fresh_nonce(client):
    first = client.get("/admin/login/")["Content-Security-Policy"]
    second = client.get("/admin/login/")["Content-Security-Policy"]
    assert first != second


def test_bad_host_header_is_refused(client):
    response = client.get("/admin/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_api_docs_page_has_no_inline_script_or_style(client):
    """Swagger UI must work under our CSP: every script and style comes from a file."""
    page = client.get("/api/v1/docs/").content.decode()
    assert "<style" not in page
    assert "<script>" not in page
    assert "css/api-docs.css" in page


def test_redoc_is_not_served(client):
    # Redoc's page needs inline script and an outside font host; Swagger UI is the docs page.
    assert client.get("/api/v1/redoc/").status_code == 404
