"""The API throttles count per process without Redis, and across processes with REDIS_URL.

Each "worker" is a separate Python process that sends its requests through Django's
test client, so only the cache can carry the count from one to the next. The tests
marked `shared_counters` need a real Redis server; CI starts one and runs them with
REDIS_URL=redis://127.0.0.1:6379/15. Without REDIS_URL they are skipped.
"""

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RATE = 5
PROCESSES = 4
REQUESTS_EACH = 3

# One "worker": N anonymous requests from one client address, their statuses on stdout.
WORKER = """
import sys
import django
django.setup()
from django.test import Client
client = Client(REMOTE_ADDR=sys.argv[2])
print(" ".join(str(client.get("/api/v1/ratings/").status_code) for _ in range(int(sys.argv[1]))))
"""


def statuses_from_separate_processes(**env: str) -> list[int]:
    # A fresh address per run: counts left by an earlier run (Redis keeps them a minute)
    # cannot leak in, and nothing needs flushing on a server others may use.
    address = f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"
    statuses: list[int] = []
    for _ in range(PROCESSES):  # one after the other: sharing is tested, not a race
        done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
            [sys.executable, "-c", WORKER, str(REQUESTS_EACH), address],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "factcheck.settings",
                "FACTCHECK_THROTTLE_ANON": f"{RATE}/min",
                **env,
            },
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        statuses += [int(code) for code in done.stdout.split()]
    return statuses


@pytest.mark.slow
def test_without_redis_each_process_counts_alone():
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    statuses = statuses_from_separate_processes(**env, REDIS_URL="")

    assert statuses.count(200) == PROCESSES * REQUESTS_EACH  # 4 x 3, past the rate of 5


@pytest.mark.shared_counters
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis server: set REDIS_URL")
def test_with_redis_the_processes_share_one_count():
    statuses = statuses_from_separate_processes(REDIS_URL=os.environ["REDIS_URL"])

    assert statuses == [200] * RATE + [429] * (PROCESSES * REQUESTS_EACH - RATE)


@pytest.mark.shared_counters
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis server: set REDIS_URL")
def test_redis_url_selects_djangos_redis_cache(settings):
    # The settings module reads REDIS_URL at start; this run was started with it.
    from django.core.cache import cache

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    cache.set("factcheck-shared-counters-probe", 1, timeout=5)
    assert cache.get("factcheck-shared-counters-probe") == 1
