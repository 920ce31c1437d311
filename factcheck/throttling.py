"""API throttles that keep one number per client, whatever the rate.

DRF's throttles store every request time of the last period in the cache and
read, trim and write the whole list back on every request. At the default user
rate (1,200/min) a busy client's entry holds up to 1,200 floats: about 50 us of
pickling per request in the local cache, and 10-20 KB sent to Redis and back per
request once REDIS_URL shares the counts (issue 9; 100 us and more with the
rates raised for a benchmark).

These classes apply the same rates with the generic cell rate algorithm (GCRA,
as leaky-bucket limiters in proxies do): each client has one stored time, when
its allowance is next free ("theoretical arrival time"). A request passes if
that time is less than a full period ahead of now, and moves it one interval
(period / rate) later. So a client may send `rate` requests at once, then one
per interval; a refused request changes nothing, and Retry-After says exactly
when the next one passes. Over time a client gets `rate` per period, as with
DRF; within one period the most it can send is a full burst plus the steady
pace after it (2 x rate - 1 in the worst case, against DRF's `rate`): the price
of storing one number instead of every request time. Reading and writing the one value is not atomic
(neither is DRF's list): requests racing in separate processes can each pass
on the same read, as with DRF's own classes.
"""

import math

from rest_framework import throttling


class CellRateMixin:
    """allow_request and wait for a SimpleRateThrottle subclass (see the module docstring)."""

    # Not DRF's keys: a list DRF's classes left in a shared cache (Redis, during a rolling
    # deploy) must not be read as a time, nor this float as DRF's list.
    cache_format = "throttle_gcra_%(scope)s_%(ident)s"

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        if self.num_requests == 0:  # "0/min": nothing passes (as with DRF's classes)
            self.retry_in = float(self.duration)
            return False
        interval = self.duration / self.num_requests
        stored = self.cache.get(self.key)
        free_at = max(stored if isinstance(stored, float) else now, now)
        # Passing would book the client up to free_at + interval: at most a period ahead.
        self.retry_in = free_at + interval - self.duration - now
        if self.retry_in > 1e-6:  # not float noise: 1,200 intervals of 0.05 s sum to 60.000...01
            return False
        booked = free_at + interval
        self.cache.set(self.key, booked, math.ceil(booked - now))
        return True

    def wait(self) -> float:
        return max(self.retry_in, 0.0)


class AnonRateThrottle(CellRateMixin, throttling.AnonRateThrottle):
    """Anonymous callers, by client address (settings: NUM_PROXIES)."""


class UserRateThrottle(CellRateMixin, throttling.UserRateThrottle):
    """Signed-in callers, by account; anonymous ones by client address."""


class ScopedRateThrottle(CellRateMixin, throttling.ScopedRateThrottle):
    """A view's own `throttle_scope` (e.g. check-worthiness scoring)."""

    def allow_request(self, request, view) -> bool:
        # DRF's scoped throttle learns its rate from the view first, as here.
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
