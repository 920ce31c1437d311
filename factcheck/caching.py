"""Which responses a shared cache (a CDN, a newsroom's reverse proxy) may store.

Two rules, applied by factcheck.middleware.PrivateResponsesMiddleware:

- A request with credentials (an `Authorization` header or a session cookie)
  gets `Cache-Control: private, no-store`, whatever it asked for: desk data
  never sits in a shared cache.
- A public page a view marks with `@shared_cache` (the index, a fact-check
  page, its embed, the IFCN pages, the corrections log) is, when answered 200
  to an anonymous GET, `public, max-age=0, s-maxage=FACTCHECK_PUBLIC_CACHE_SECONDS` (300 s
  by default: a correction reaches every reader within five minutes) and does
  not vary on Cookie. That is true to what the page depends on: without a
  session cookie nobody is signed in, and a reader's language comes from the
  address (`?lang=`) and Accept-Language, never from a cookie
  (factcheck.i18n). Django's session middleware still says `Vary: Cookie`
  because the template asked who is signed in; with no session cookie the
  answer is always "nobody", so the header only splits the cache by unrelated
  cookies (a newsroom's analytics). A request that carries a session cookie
  gets its own private answer from us; a cache that hands it the stored
  public copy instead shows the same public page without the desk's menu.

A marked response that sets a cookie anyway is never shared (`private`): a
cookie meant for one reader must not be handed to the next.
"""

from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

PRIVATE = "private, no-store"


def has_session_cookie(request: HttpRequest) -> bool:
    """True when the browser sends a session cookie (it may be signed in)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def has_credentials(request: HttpRequest) -> bool:
    """A token or a session cookie: decided from the request alone, without a query."""
    return "Authorization" in request.headers or has_session_cookie(request)


def shared_cache(view):
    """Mark a public view's answers as the same for every anonymous reader."""

    @wraps(view)
    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.shared_cache = True
        return response

    return marked


def share_if_public(request: HttpRequest, response: HttpResponse) -> None:
    """Make a marked answer to an anonymous GET storable by shared caches.

    Only 200s: an error or a redirect is not worth keeping, and a 404 for a
    fact-check about to be published must not outlive its publication.
    """
    seconds = settings.FACTCHECK_PUBLIC_CACHE_SECONDS
    if not getattr(response, "shared_cache", False) or request.method not in ("GET", "HEAD"):
        return
    if response.cookies:
        patch_cache_control(response, private=True)
        return
    if response.status_code != 200 or seconds == 0:
        return
    # Shared caches keep it for `seconds`; a browser asks again each time (max-age=0),
    # so a reader who reloads after a correction never sees their own stale copy.
    patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    _drop_vary_on_cookie(response)


def _drop_vary_on_cookie(response: HttpResponse) -> None:
    kept = [
        part.strip()
        for part in response.get("Vary", "").split(",")
        if part.strip() and part.strip().lower() != "cookie"
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]
