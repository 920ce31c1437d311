"""gunicorn's configuration for factcheck: `gunicorn factcheck.wsgi` reads it from here.

Every value can be overridden on the command line or through the variables
below; README.md ("Production") explains the choices.

Threaded workers (gthread). Each worker process answers `threads` requests at
once, and its main loop tells the arbiter it is alive once a second whatever
its request threads are doing. So `timeout` only replaces a worker that is
truly stuck (a hung process), never one that is busy streaming: a healthy
export of a million claims takes longer than 30 s and must not be cut, which
is exactly what the synchronous worker class did (the arbiter killed it
mid-stream and the client saw a 200 with part of the file).

Restarts. `max_requests` (with jitter, so workers do not restart together)
bounds slow memory growth; a restarting worker stops accepting, then waits up
to `graceful_timeout` for the requests it is answering. That wait is longer
than an export takes, so a planned restart or a deploy never cuts one either.
A response cut anyway (a crash, `kill -9`) is chunked: the client sees the
stream end without its final chunk and can tell the file is incomplete.

Connections. settings.py keeps each thread's PostgreSQL connection open for
DATABASE_CONN_MAX_AGE seconds (600 by default when DEBUG is off), checked
before reuse; DATABASE_POOL=1 shares a psycopg pool between a worker's threads
instead. Either way there are at most workers x threads connections: keep that
under PostgreSQL's max_connections (100 by default).
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"{name} must be a whole number of 1 or more, not {raw!r}")
    return int(raw)


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
# gunicorn's own rule of thumb: 2 x cores + 1 processes (WEB_CONCURRENCY is the
# conventional override, as on Heroku-like hosts).
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 4)
# Liveness of the worker process (see above), not a cap on request time.
timeout = _int("GUNICORN_TIMEOUT", 30)
# Longer than the largest export takes (a million claims: well under a minute).
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 120)
keepalive = 5
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 500)
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Proxies forward the client's scheme (settings.SECURE_PROXY_SSL_HEADER); the
# proxy runs on this host unless told otherwise.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# gunicorn's runtime control socket defaults to one path per user ($HOME/.gunicorn):
# several instances on one host (tests, benchmarks, staging beside production)
# would take it from each other. Nothing here uses it.
control_socket_disable = True
