"""One login-failure policy for every way in: /login/, /admin/login/ and the API token.

django-axes does the work: its authentication backend refuses a locked-out
client before the password is checked, its signal handler records each failed
`authenticate()` in the database (so every worker process and host shares the
count), the lock lifts by itself AXES_COOLOFF_TIME after the failures that set
it, and an admin lifts it early (the "Access attempts" admin page, or
`manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS` / `axes_reset`).

Two rules (README, "Sign-in limits"): FACTCHECK_LOGIN_FAILURES_PER_ACCOUNT
failures for one (username, client address) pair, and
FACTCHECK_LOGIN_FAILURES_PER_ADDRESS from one address whatever the username.
Axes counts both (AXES_LOCKOUT_PARAMETERS names the two sets) but compares them
with a single AXES_FAILURE_LIMIT, so a second, larger per-address limit cannot
be said in its settings alone. LoginFailureHandler is the smallest piece that
says it: each set's count is measured against its own limit.

This module also gives the 429 answers (HTML for the pages, JSON for the API)
with Retry-After and the time the lock lifts.
"""

import ipaddress
import math
from datetime import datetime, timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext


def client_address(request: HttpRequest) -> str | None:
    """The client's address, trusting exactly FACTCHECK_TRUSTED_PROXIES proxies.

    With none (the default), REMOTE_ADDR: X-Forwarded-For is written by the client
    and would let it pick a fresh address per guess. Behind N proxies, each of which
    appends the address it received the request from, the client is the N-th entry
    from the right of X-Forwarded-For; anything left of it may be forged. This is
    DRF's NUM_PROXIES rule too (set from the same setting), so the login lock and
    the API throttles see the same address.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.FACTCHECK_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies == 0 or not forwarded.strip():
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    candidate = entries[-min(proxies, len(entries))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # not an address: the proxy chain is not what the setting says
        return remote


# The length of axes' username column.
_RECORDED_USERNAME_LENGTH = 255


def recorded_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username tried, cut to what axes' column holds.

    Django's AuthenticationForm does not enforce its username length, so a longer
    name reached authenticate() and failed to be recorded (a 500 on PostgreSQL). No
    account has such a name (150 at most), so cutting it loses nothing.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    return username[:_RECORDED_USERNAME_LENGTH] if isinstance(username, str) else username


def limits() -> list[int]:
    """Each lockout parameter set's own limit, in AXES_LOCKOUT_PARAMETERS order."""
    return [
        settings.FACTCHECK_LOGIN_FAILURES_PER_ACCOUNT,
        settings.FACTCHECK_LOGIN_FAILURES_PER_ADDRESS,
    ]


class LoginFailureHandler(AxesDatabaseHandler):
    """Axes' database handler, with a limit per parameter set.

    Axes locks when get_failures() >= AXES_FAILURE_LIMIT (the per-account limit).
    Returning, over the sets, the largest `count - own limit`, plus that limit,
    reaches it exactly when some set reaches its own limit.
    """

    def get_failures(self, request, credentials=None) -> int:
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        overshoot = max(count - limit for count, limit in zip(counts, limits(), strict=True))
        return settings.AXES_FAILURE_LIMIT + overshoot


class LockoutBackend(AxesStandaloneBackend):
    """Axes' backend, which checks the lock before the password is tried.

    Axes refuses an authenticate() call without a request; the web and API logins
    always pass one. Only code that checks a password outside a request (the test
    client's login(), a script) calls without, and there is no client address to
    count then, so it is let through to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


# The class id of the PostgreSQL advisory locks taken below (the key's first half).
_SIGN_IN_LOCK_CLASS = 8008


class OneSignInAtATimeMiddleware:
    """Runs the sign-in POSTs from one client address one after the other.

    Axes checks the count before the password and records the failure after it, so
    sign-ins that overlap would all pass the check before any is recorded: 16 guesses
    sent at once to 4 workers of 4 threads would all be tried, past a limit of 10.
    Here each sign-in POST runs in a transaction that first takes a lock on its
    client address (PostgreSQL: an advisory lock; SQLite: its write lock, taken at
    BEGIN), so the next one sees the failure the previous one recorded. Every
    other request passes untouched, at no cost.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._paths: frozenset[str] | None = None

    def __call__(self, request):
        if request.method != "POST" or request.path not in self.sign_in_paths():
            return self.get_response(request)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                        [_SIGN_IN_LOCK_CLASS, client_address(request) or ""],
                    )
            return self.get_response(request)

    def sign_in_paths(self) -> frozenset[str]:
        if self._paths is None:
            self._paths = frozenset(
                {reverse("login"), reverse("admin:login"), reverse("auth-token")}
            )
        return self._paths


def seconds_until_allowed(request, credentials: dict | None) -> int:
    """Seconds until the client may try again: when enough of its failures have expired.

    Each attempt row expires AXES_COOLOFF_TIME after its latest failure (axes keeps
    one row per username, address and user agent), oldest first; a set is free
    once its unexpired failures fall below its limit.
    """
    cool_off: timedelta = get_cool_off(request)
    handler = AxesProxyHandler.get_implementation()
    lifts: list[datetime] = []
    for attempts, limit in zip(
        handler.get_user_attempts(request, credentials), limits(), strict=True
    ):
        rows = attempts.order_by("attempt_time").values_list("attempt_time", "failures_since_start")
        rows = list(rows)
        remaining = sum(failures for _, failures in rows)
        lift = None
        for when, failures in rows:
            if remaining < limit:
                break
            remaining -= failures
            lift = when + cool_off
        if lift is not None:
            lifts.append(lift)
    if not lifts:  # freed between the refusal and this count
        return 1
    return max(1, math.ceil((max(lifts) - timezone.now()).total_seconds()))


def retry_when(seconds: int) -> str:
    """ "Try again in 15 minutes (at 01:23 UTC)." for a lock that lifts in `seconds`."""
    minutes = math.ceil(seconds / 60)
    at = (timezone.now() + timedelta(seconds=seconds)).strftime("%H:%M UTC")
    return ngettext(
        "Try again in %(minutes)d minute (at %(at)s).",
        "Try again in %(minutes)d minutes (at %(at)s).",
        minutes,
    ) % {"minutes": minutes, "at": at}


def api_lockout_body(seconds: int) -> dict:
    detail = gettext("Too many failed sign-in attempts.") + " " + retry_when(seconds)
    return {"detail": detail, "code": "login_locked", "retry_after": seconds}


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: 429 with Retry-After, as a page or, under /api/, as JSON."""
    credentials = credentials or getattr(request, "axes_credentials", None)
    seconds = seconds_until_allowed(request, credentials)
    if request.path.startswith("/api/"):
        response = JsonResponse(api_lockout_body(seconds), status=429)
    else:
        context = {"retry_when": retry_when(seconds)}
        response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
