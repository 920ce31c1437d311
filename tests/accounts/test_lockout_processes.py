"""Four gunicorn worker processes together allow the configured guesses, not four times them.

Before django-axes each worker counted failed sign-ins in its own memory, so N workers
allowed N times the limit. Here 4 clients guess at once against 4 workers (on the
test database: gunicorn runs in other processes, so this needs PostgreSQL), and the
database holds exactly the configured number of password checks.
"""

import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from axes.models import AccessAttempt
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.db.models import Sum

from tests.factories import UserFactory
from tests.gunicorn_process import gunicorn

WORKERS = 4
GUESSES_PER_CLIENT = 10

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="gunicorn runs in other processes and needs a database they can open (PostgreSQL)",
    ),
]


@pytest.fixture
def four_workers(transactional_db):
    """gunicorn with 4 worker processes on the test database; its access log names the pid."""
    log = tempfile.NamedTemporaryFile(prefix="access-", suffix=".log", delete=False)  # noqa: SIM115
    env = {
        "WEB_CONCURRENCY": str(WORKERS),
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESS_LOG": log.name,
        "FACTCHECK_THROTTLE_ANON": "100000/min",  # the lockout is what is measured
    }
    try:
        with gunicorn(env, "--access-logformat", "%(p)s %(s)s %(U)s") as (_, base):
            yield base, Path(log.name)
    finally:
        log.close()
        Path(log.name).unlink(missing_ok=True)


def _guess(base: str, n: int) -> int:
    # A fresh connection per guess, so the kernel hands them to any worker.
    body = {"username": "rita", "password": f"guess-{n}"}
    return requests.post(f"{base}/api/v1/auth/token/", json=body, timeout=60).status_code


def test_four_workers_allow_the_configured_guesses_in_all(four_workers, settings):
    base, access_log = four_workers
    # A production-strength hash (the workers do not know the tests' fast MD5 one).
    user = UserFactory(username="rita", role="reviewer")
    user.password = PBKDF2PasswordHasher().encode("the real password 42", "fixedsalt123")
    user.save()
    limit = settings.FACTCHECK_LOGIN_FAILURES_PER_ACCOUNT

    with ThreadPoolExecutor(max_workers=WORKERS) as clients:
        statuses = Counter(
            clients.map(lambda n: _guess(base, n), range(WORKERS * GUESSES_PER_CLIENT))
        )

    checked = AccessAttempt.objects.aggregate(total=Sum("failures_since_start"))["total"]
    assert checked == limit  # password checks across all workers: the limit, not 4 x
    assert statuses == {400: limit - 1, 429: WORKERS * GUESSES_PER_CLIENT - limit + 1}
    answered_by = {
        line.split()[0] for line in access_log.read_text().splitlines() if "/auth/token/" in line
    }
    assert len(answered_by) > 1, "every guess landed on one worker; the test proved nothing"
    right = requests.post(
        f"{base}/api/v1/auth/token/",
        json={"username": "rita", "password": "the real password 42"},
        timeout=60,
    )
    assert right.status_code == 429
    assert int(right.headers["Retry-After"]) > 800
