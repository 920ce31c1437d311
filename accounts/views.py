"""The sign-in page, with a cap on wrong passwords per client address (SECURITY-CASES #23)."""

import math
import time

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class LoginView(auth_views.LoginView):
    """Django's login view, refusing with 429 once an address has failed too often.

    Failures are counted per client address in fixed windows of
    FACTCHECK_LOGIN_WINDOW_SECONDS; after FACTCHECK_LOGIN_FAILURES_PER_WINDOW of
    them every sign-in from that address, right password included, gets 429
    with Retry-After until the window ends. A success does not reset the count:
    otherwise one known password would let an attacker keep guessing others.
    The counter lives in the default cache, so each process counts on its own
    with the local-memory cache (see README, "Configuration").
    """

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        retry_after = _seconds_blocked(_client_address(request))
        if retry_after:
            return _too_many_attempts(request, retry_after)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form) -> HttpResponse:
        _count_failure(_client_address(self.request))
        return super().form_invalid(form)


def _client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR, not X-Forwarded-For: a client can write any address into that
    # header and so escape the count. Behind a proxy, the proxy's address is shared.
    return request.META.get("REMOTE_ADDR") or "unknown"


def _keys(address: str) -> tuple[str, str]:
    return f"login-failures:{address}", f"login-window-ends:{address}"


def _count_failure(address: str) -> None:
    count_key, ends_key = _keys(address)
    window = settings.FACTCHECK_LOGIN_WINDOW_SECONDS
    # add() only sets a missing key, so the first failure opens the window and
    # later ones count into it; incr() is atomic within the cache backend.
    cache.add(ends_key, time.time() + window, timeout=window)
    cache.add(count_key, 0, timeout=window)
    try:
        cache.incr(count_key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(count_key, 1, timeout=window)


def _seconds_blocked(address: str) -> int:
    """Seconds until `address` may try again; 0 when it may try now."""
    count_key, ends_key = _keys(address)
    if cache.get(count_key, 0) < settings.FACTCHECK_LOGIN_FAILURES_PER_WINDOW:
        return 0
    ends = cache.get(ends_key)
    return max(1, math.ceil(ends - time.time())) if ends else 0


def _too_many_attempts(request: HttpRequest, retry_after: int) -> HttpResponse:
    minutes = math.ceil(retry_after / 60)
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
