"""The app served by gunicorn in another process, on the test database.

For the few tests that need real worker processes (the lockout shared between
workers, an export cut short by a dying worker). gunicorn opens its own
connections, so the test database must be one another process can open:
PostgreSQL, with the test using `transactional_db` so its rows are committed.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from socket import socket

import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with closing(socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_until_serving(base: str) -> None:
    deadline = time.monotonic() + 120  # a loaded CI machine boots workers slowly
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/api/v1/ratings/", timeout=10).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or still booting
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within 120 s")


@contextmanager
def gunicorn(env: dict[str, str], *arguments: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """gunicorn with the repository's gunicorn.conf.py and `env` on top of production-like
    settings; yields the process and its base URL, and stops it afterwards."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "0",
        "SECRET_KEY": "test-only-secret-key-not-for-production-0123456789abcdef",
        "FACTCHECK_HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        **env,
    }
    process = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn, fixed arguments
        [str(GUNICORN), "factcheck.wsgi", *arguments], cwd=ROOT, env=environment,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base)
        yield process, base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
