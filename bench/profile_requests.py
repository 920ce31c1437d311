"""Where a hot request's Python time goes: the app's WSGI handler called in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/profile_requests.py
    ... --profile upload --top 40            # cProfile of one path, sorted by own time
    ... --repeat 400                         # more requests per path

No server and no socket: each request goes through `factcheck.wsgi.application`
(every middleware, DRF's negotiation, authentication and throttles) with production
settings (DEBUG=0, persistent connection, throttles raised), as the peer benchmark
sends it: token auth, JSON bodies. It prints, per path, the median wall time of a
request, the part of it spent waiting for SQL (time inside the database cursor) and
the rest, which is this process's own work; that rest does not depend on what else
the machine's PostgreSQL is doing, so it is the figure to compare before and after a
change (run it twice: the machine is shared).

The database in DATABASE_URL gets one user, a token and the articles and claims the
run creates; they are deleted at the end.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH = (
    "The city council said on Tuesday that five officers died during the night, "
    "according to the police report, which the minister later disputed in a statement. "
)


def configure() -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "factcheck.settings",
            "DEBUG": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-0123456789abcdef"),
            "FACTCHECK_HTTPS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "FACTCHECK_THROTTLE_USER": "10000000/min",
            "FACTCHECK_THROTTLE_ANON": "10000000/min",
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        }
    )
    if "DATABASE_URL" not in os.environ or not os.environ["DATABASE_URL"].startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (postgres://...).")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


class RoundTrips:
    """Counts and times every wait for the database server (psycopg's Connection.wait).

    That includes what Django's cursor wrapper never sees: the connection health
    check, BEGIN and COMMIT. A wait is not quite a round trip: psycopg sends BEGIN
    and the transaction's first statement within one wait (two round trips), and
    switching autocommit off and on again is a wait with no round trip.
    """

    def __init__(self):
        self.seconds = 0.0
        self.count = 0

    def install(self) -> None:
        from psycopg import Connection

        original = Connection.wait
        timer = self

        def wait(connection, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(connection, *args, **kwargs)
            finally:
                timer.seconds += time.perf_counter() - start
                timer.count += 1

        Connection.wait = wait


def call(application, method: str, path: str, token: str, body: dict | None = None):
    """One WSGI request as a client on loopback sends it; returns (status, body bytes)."""
    payload = json.dumps(body).encode() if body is not None else b""
    path_info, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_ACCEPT": "application/json",
        "HTTP_AUTHORIZATION": f"Token {token}",
        "HTTP_USER_AGENT": "profile_requests",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(payload),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if payload:
        environ["CONTENT_TYPE"] = "application/json"
        environ["CONTENT_LENGTH"] = str(len(payload))
    status = []
    chunks = application(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        data = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return int(status[0].split()[0]), data


def _expect(status: int, expected: int, body: bytes) -> None:
    if status != expected:
        raise SystemExit(f"HTTP {status}, expected {expected}: {body[:300]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="requests per path")
    paths = ["upload", "create", "claims", "ratings", "claim_list"]
    parser.add_argument("--profile", choices=paths, default=None)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    args = parser.parse_args()
    configure()

    from django.contrib.auth import get_user_model

    from accounts.roles import assign_role
    from accounts.tokens import issue
    from annotations.models import Claim
    from articles.models import Article
    from factcheck.wsgi import application

    user, _ = get_user_model().objects.get_or_create(username="profile-bench")
    assign_role(user, "editor")
    key = issue(user)  # tokens are stored hashed: a new key per run
    text = (PARAGRAPH * 40)[:5000]
    counter = iter(range(10**9))

    def upload():
        n = next(counter)
        return call(
            application, "POST", "/api/v1/articles/", key,
            {"title": f"profile {n}", "text": f"{n} {text}", "publisher": "profile-bench"},
        )  # fmt: skip

    status, body = upload()
    _expect(status, 201, body)
    target = json.loads(body)["id"]
    spans = iter(range(0, 10**6))

    def create():
        start = next(spans) * 2 % 4900
        return call(
            application, "POST", "/api/v1/claims/", key,
            {"article": target, "start": start, "end": start + 1},
        )  # fmt: skip

    def article_with_claims(count: int) -> int:
        """A new article with `count` claims, 20 characters apart."""
        article = json.loads(upload()[1])["id"]
        for start in range(0, count * 20, 20):
            status, body = call(
                application, "POST", "/api/v1/claims/", key,
                {"article": article, "start": start, "end": start + 10},
            )  # fmt: skip
            _expect(status, 201, body)
        return article

    listed = article_with_claims(20)

    def claims():
        return call(application, "GET", f"/api/v1/articles/{listed}/claims/?page_size=200", key)

    article_with_claims(200)  # a full page of the global list

    def claim_list():
        # A full page of the global claim list (200 rows), as the harness's full listing
        # reads it.
        return call(application, "GET", "/api/v1/claims/?page_size=200&page=1", key)

    def ratings():
        # The smallest authenticated API request: what every request pays (middleware,
        # URL resolving, DRF's dispatch, the token lookup) before its own work.
        return call(application, "GET", "/api/v1/ratings/", key)

    paths = {
        "upload": (upload, 201), "create": (create, 201), "claims": (claims, 200),
        "ratings": (ratings, 200), "claim_list": (claim_list, 200),
    }  # fmt: skip
    timer = RoundTrips()
    timer.install()
    try:
        for name, (request, expected) in paths.items():
            if args.profile and name != args.profile:
                continue
            for _ in range(10):  # warm-up
                _expect(*request()[:1], expected, b"")
            walls, cpus, waits, trips = [], [], [], []
            profiler = cProfile.Profile() if args.profile else None
            for _ in range(args.repeat if name != "create" else min(args.repeat, 2400)):
                timer.seconds = 0.0
                timer.count = 0
                start, cpu = time.perf_counter(), time.thread_time()
                if profiler:
                    profiler.enable()
                status, body = request()
                if profiler:
                    profiler.disable()
                cpus.append(time.thread_time() - cpu)
                walls.append(time.perf_counter() - start)
                waits.append(timer.seconds)
                trips.append(timer.count)
                _expect(status, expected, body)
            print(
                f"{name:7} p50 ms: wall {statistics.median(walls) * 1000:6.2f}  "
                f"CPU {statistics.median(cpus) * 1000:6.2f}  "
                f"waiting for the database {statistics.median(waits) * 1000:6.2f} "
                f"({statistics.median(trips):.0f} waits)  n={len(walls)}"
            )
            if profiler:
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
                print(out.getvalue())
    finally:
        Claim.objects.filter(article__publisher="profile-bench").delete()
        Article.objects.filter(publisher="profile-bench").delete()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
