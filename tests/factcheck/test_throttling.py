"""The API throttles keep one number per client (factcheck/throttling.py), same rates.

A rate of N per period lets N requests through at once, then one per period / N;
a refused request changes nothing and its Retry-After is when the next one passes.
"""

import pickle

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient, APIRequestFactory

from factcheck import throttling
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    cache.clear()
    yield clock
    cache.clear()


def _throttle(rate: str, clock: Clock) -> throttling.UserRateThrottle:
    throttle = throttling.UserRateThrottle()
    throttle.rate = rate
    throttle.num_requests, throttle.duration = throttle.parse_rate(rate)
    throttle.timer = clock
    return throttle


def _allowed(rate: str, clock: Clock, user) -> tuple[bool, float]:
    request = APIRequestFactory().get("/api/v1/ratings/")
    request.user = user
    throttle = _throttle(rate, clock)
    return throttle.allow_request(request, None), throttle.wait()


def test_a_burst_of_the_rate_passes_then_one_per_interval(clock):
    user = UserFactory()
    assert [_allowed("5/min", clock, user)[0] for _ in range(7)] == [True] * 5 + [False] * 2

    refused, retry = _allowed("5/min", clock, user)
    assert not refused
    assert retry == pytest.approx(12.0)  # one minute / 5
    clock.now += 11.9
    assert not _allowed("5/min", clock, user)[0]
    clock.now += 0.2
    assert _allowed("5/min", clock, user)[0]
    assert not _allowed("5/min", clock, user)[0]


def test_after_a_quiet_period_the_whole_rate_is_free_again(clock):
    user = UserFactory()
    for _ in range(5):
        _allowed("5/min", clock, user)
    clock.now += 60
    assert [_allowed("5/min", clock, user)[0] for _ in range(6)] == [True] * 5 + [False]


def test_refused_requests_do_not_push_the_next_one_back(clock):
    user = UserFactory()
    for _ in range(5):
        _allowed("5/min", clock, user)
    for _ in range(100):  # hammering while refused
        assert not _allowed("5/min", clock, user)[0]
    clock.now += 12.01
    assert _allowed("5/min", clock, user)[0]


def test_each_client_has_one_small_value_whatever_the_rate(clock):
    user = UserFactory()
    for _ in range(1200):
        assert _allowed("1200/min", clock, user)[0]
    assert not _allowed("1200/min", clock, user)[0]

    stored = cache.get(f"throttle_gcra_user_{user.pk}")
    assert isinstance(stored, float), repr(stored)
    assert len(pickle.dumps(stored)) < 32  # DRF kept a list of 1,200 floats: about 11 KB


def test_clients_are_counted_apart(clock):
    one, two = UserFactory(), UserFactory()
    for _ in range(2):
        _allowed("2/min", clock, one)
    assert not _allowed("2/min", clock, one)[0]
    assert _allowed("2/min", clock, two)[0]


def test_the_api_answers_429_with_retry_after(settings):
    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]},
    }
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**SimpleRateThrottle.THROTTLE_RATES, "anon": "3/min"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
        client = APIClient(REMOTE_ADDR="198.51.100.7")
        statuses = [client.get("/api/v1/ratings/").status_code for _ in range(4)]
        refused = client.get("/api/v1/ratings/")
    cache.clear()

    assert statuses == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 20
    assert "detail" in refused.json()


def test_a_list_left_by_drfs_own_throttle_is_not_read(clock):
    user = UserFactory()
    cache.set(f"throttle_user_{user.pk}", [clock.now] * 10, 60)  # DRF's key and value
    cache.set(f"throttle_gcra_user_{user.pk}", [clock.now] * 10, 60)  # a stray non-float
    assert _allowed("5/min", clock, user)[0]


def test_a_rate_of_zero_refuses_everything(clock):
    allowed, retry = _allowed("0/min", clock, UserFactory())
    assert not allowed
    assert retry == 60
