"""A database outage answers 503 with Retry-After, never 500 (SECURITY-CASES #29).

While PostgreSQL restarts or refuses connections, every query raises Django's
OperationalError or InterfaceError (psycopg's AdminShutdown, "connection
refused", "server closed the connection unexpectedly"...). Those say nothing
about the request, so the client is told to come back shortly instead of being
shown a server error. Three places catch them, because Django reports errors
from three places:

- views, including DRF authentication and template rendering: the middleware's
  `process_exception` (HTML) and factcheck.exceptions (API, via this module);
- other middleware (a session saved in SessionMiddleware) and error pages that
  themselves needed the database (a 404 page asking who is signed in):
  Django turns those into handler500 calls, so `server_error` is handler500.

The 503 page is rendered from a plain context: no request, so no context
processor looks up the user or the session while the database is away.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

try:  # raw psycopg errors escape Django's wrapper only outside a cursor (e.g. the pool)
    import psycopg
except ImportError:  # pragma: no cover - SQLite-only installs
    _DRIVER_ERRORS: tuple[type[BaseException], ...] = ()
else:
    _DRIVER_ERRORS = (psycopg.OperationalError, psycopg.InterfaceError)

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
CODE = "database_unavailable"
DETAIL = "The database is unavailable for a moment. Please retry shortly."
_DATABASE_DOWN = (OperationalError, InterfaceError, *_DRIVER_ERRORS)


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True for errors that mean "the database cannot answer now", not "bad request"."""
    return isinstance(exc, _DATABASE_DOWN)


def discard_broken_connections() -> None:
    """Close connections so the next request opens a fresh one.

    A connection that saw the server go away stays broken even after the server
    is back; closing it costs one reconnect. Connections inside an atomic block
    are left to the block's owner (tests wrap each test in one).
    """
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue
        try:
            connection.close()
        except Exception:  # closing a dead socket may itself fail; it is gone either way
            logger.debug("closing a broken connection failed", exc_info=True)


def unavailable_headers() -> dict[str, str]:
    return {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


def unavailable_body() -> dict[str, str]:
    return {"detail": DETAIL, "code": CODE}


def wants_json(request: HttpRequest) -> bool:
    if request.path.startswith("/api/"):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """The 503 for `request`: JSON for the API, the 503 page for browsers."""
    logger.error("database unavailable on %s %s: %s", request.method, request.path, exc)
    discard_broken_connections()
    if wants_json(request):
        response = JsonResponse(unavailable_body(), status=503)
    else:
        # No request and no user in the context: nothing here may touch the database.
        html = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(html, status=503)
    for name, value in unavailable_headers().items():
        response[name] = value
    return response


class DatabaseUnavailableMiddleware:
    """Turn an outage raised by a view (or its template) into a 503.

    Listed near the top of MIDDLEWARE so its response passes back through the
    session, CSRF and CSP middleware like any other response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if is_database_unavailable(exception):
            return unavailable_response(request, exception)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a 503 when the error was an outage, else Django's 500 page."""
    exc = sys.exc_info()[1]
    if is_database_unavailable(exc):
        return unavailable_response(request, exc)
    return defaults.server_error(request)
