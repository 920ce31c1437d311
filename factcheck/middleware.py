"""Content-Security-Policy for every response.

Each request gets a fresh nonce; templates put it on the few <script> tags that
load our static ES modules (`{{ csp_nonce }}`). No inline script or style is
allowed, so injected markup cannot run even if escaping were ever missed.

No page may be framed (`frame-ancestors 'none'`), except a response a view
marks with `response.csp_frame_ancestors = [sources]`: the public embed does,
for the origins FACTCHECK_EMBED_FRAME_ANCESTORS names (public.embed).
"""

import secrets

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from factcheck.caching import PRIVATE, has_credentials, share_if_public


def build_csp(nonce: str, frame_ancestors: str = "'none'") -> str:
    """The policy string; kept in one function so tests and docs agree on it."""
    directives = [
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        f"frame-ancestors {frame_ancestors}",
        "form-action 'self'",
    ]
    return "; ".join(directives)


class ContentSecurityPolicyMiddleware:
    """Attach a nonce to the request and an enforced CSP header to the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        ancestors = getattr(response, "csp_frame_ancestors", None)
        policy = build_csp(request.csp_nonce, " ".join(ancestors) if ancestors else "'none'")
        response.setdefault("Content-Security-Policy", policy)
        return response


def csp_nonce(request: HttpRequest) -> dict[str, str]:
    """Template context processor exposing the request's nonce."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}


class PrivateResponsesMiddleware:
    """Who may store a response: `private, no-store` with credentials, `public` for readers.

    Issue 8 point 14: desk-only data (drafts, verdicts, usernames) must never sit
    in a shared cache. A request carries credentials when it sends an
    `Authorization` header (API tokens) or a session cookie (the reviewer UI,
    and API calls made from it); its response is then private whatever it holds,
    decided from the request alone, so this costs no query. API responses also
    say `Vary: Authorization`, so a cache never serves an anonymous answer to a
    token holder. Public pages marked `@shared_cache` become storable by shared
    caches when answered to an anonymous GET (factcheck.caching says when and why).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            patch_vary_headers(response, ["Authorization"])
        if getattr(response, "same_for_everyone", False):
            # Set by a view whose answer depends on its address alone (the versioned
            # JavaScript catalog): credentials or not, it stays cacheable.
            return response
        if has_credentials(request):
            response["Cache-Control"] = PRIVATE
        else:
            share_if_public(request, response)
        return response
