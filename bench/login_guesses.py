"""Login guesses allowed per hour per account across 4 gunicorn workers (issue 8, point 1).

    .venv/bin/python bench/login_guesses.py              # PostgreSQL database factcheck_login_bench
    .venv/bin/python bench/login_guesses.py --sqlite     # a temporary SQLite file instead
    .venv/bin/python bench/login_guesses.py --cooloff-minutes 1 --windows 3   # real lifting

1. Recreates the database (DROP/CREATE on PostgreSQL, a temporary file for SQLite),
   migrates, and makes one account with a production-strength password hash.
2. Starts gunicorn on 127.0.0.1 with 4 workers x 2 threads (production settings,
   the default sign-in limits unless told otherwise), logging which worker
   process answered each request.
3. Per cool-off window: 8 client threads send wrong passwords for that account at
   once, a fresh connection each, until each has sent its share. The password
   checks the server made are the failures it recorded in the database (tries
   refused while locked out are not recorded, nor checked). With --windows > 1 it
   waits for the Retry-After the server announced, then guesses again.
4. Prints the checks per window and, from the cool-off, per hour. Before the
   shared count each worker counted alone: 4 workers allowed 4 times the limit.

Loopback only; every loop is bounded by its guess count, every wait by the cool-off.
"""

import argparse
import secrets
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    Gunicorn,
    recreate_postgres_database,
    server_env,
    setup_django,
    temporary_static_root,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_login_bench"
USERNAME = "bench-editor"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--sqlite", action="store_true", help="use a temporary SQLite file")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--guesses", type=int, default=200, help="sent per cool-off window")
    parser.add_argument("--cooloff-minutes", type=int, default=None, help="default: the app's")
    parser.add_argument("--windows", type=int, default=1, help="cool-off windows to measure")
    return parser.parse_args()


def guess(base: str, n: int) -> tuple[int, str | None]:
    body = {"username": USERNAME, "password": f"wrong guess {n}"}
    response = requests.post(f"{base}/api/v1/auth/token/", json=body, timeout=120)
    return response.status_code, response.headers.get("Retry-After")


def checks_since(started) -> int:
    """Password checks that failed since `started`: the failures recorded in the database."""
    from axes.models import AccessAttempt
    from django.db.models import Sum

    rows = AccessAttempt.objects.filter(username=USERNAME, attempt_time__gte=started)
    return rows.aggregate(total=Sum("failures_since_start"))["total"] or 0


def main() -> int:
    args = parse_args()
    extra = {"FACTCHECK_THROTTLE_ANON": "10000000/min"}
    if args.cooloff_minutes:
        extra["FACTCHECK_LOGIN_COOLOFF_MINUTES"] = str(args.cooloff_minutes)
    with temporary_static_root() as static_root, tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/bench.sqlite3" if args.sqlite else args.database_url
        if not args.sqlite:
            recreate_postgres_database(url)
        env = server_env(url, static_root, **extra)
        setup_django(env)
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.db import connections
        from django.utils import timezone

        get_user_model().objects.create_user(USERNAME, password=secrets.token_urlsafe())
        limit = settings.FACTCHECK_LOGIN_FAILURES_PER_ACCOUNT
        cooloff = settings.FACTCHECK_LOGIN_COOLOFF_MINUTES
        connections.close_all()
        access_log = Path(scratch) / "access.log"
        server = Gunicorn(env, workers=args.workers, threads=2)
        server.command += ["--access-logfile", str(access_log), "--access-logformat", "%(p)s"]
        print(
            f"gunicorn: {args.workers} workers x 2 threads; {args.clients} client threads; "
            f"{args.guesses} wrong passwords per window; limit {limit} per account and "
            f"address, cool-off {cooloff} min; database {url.split('@')[-1]}"
        )
        per_window: list[int] = []
        with server:
            for window in range(args.windows):
                started = timezone.now()
                began = time.monotonic()
                with ThreadPoolExecutor(max_workers=args.clients) as pool:
                    answers = list(pool.map(lambda n: guess(server.url, n), range(args.guesses)))
                statuses = Counter(status for status, _ in answers)
                checked = checks_since(started)
                per_window.append(checked)
                print(
                    f"window {window + 1}: {checked} password checks "
                    f"(answers {dict(sorted(statuses.items()))}, {time.monotonic() - began:.1f} s)"
                )
                if window + 1 < args.windows:
                    wait = max(int(retry) for status, retry in answers if status == 429 and retry)
                    print(f"  waiting {wait} s, the Retry-After announced")
                    time.sleep(wait + 1)
        pids = set(access_log.read_text().split()) if access_log.exists() else set()
    per_hour = max(per_window) * 60 / cooloff
    print(f"answered by {len(pids)} worker processes")
    print(
        f"login guesses allowed per hour per account across {args.workers} workers: "
        f"{per_hour:.0f} (at most {max(per_window)} per {cooloff}-minute cool-off; "
        f"configured {limit}, i.e. {limit * 60 / cooloff:.0f} an hour)"
    )
    return 0 if max(per_window) <= limit else 1


if __name__ == "__main__":
    sys.exit(main())
