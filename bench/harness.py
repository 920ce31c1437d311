"""What the server benchmarks share: a database, a gunicorn on loopback, a timed load.

Not a benchmark itself. bench/api_load.py and bench/faults.py import it. Every
server it starts listens on 127.0.0.1 only and is stopped when its `with`
block ends; every load loop is bounded by a deadline.
"""

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from socket import socket
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
ARTICLE_TEXT = (
    "Meanwhile the public safety that Parler talks about does not change the five officers "
    "that died, one who committed suicide nor the 56 officers who were injured. "
)


def free_port() -> int:
    with closing(socket()) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def server_env(database_url: str, static_root: str, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off) on plain HTTP, with throttles out of the way."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "FACTCHECK_HTTPS": "0",
        "ALLOWED_HOSTS": f"{HOST},testserver",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": static_root,
        # The per-user throttle (1,200/min) would turn a load test into a 429 test.
        "FACTCHECK_THROTTLE_USER": "10000000/min",
        "FACTCHECK_THROTTLE_ANON": "10000000/min",
        "LOG_LEVEL": "CRITICAL",
        **extra,
    }


def recreate_postgres_database(url: str) -> None:
    """DROP and CREATE the database named in a postgres:// URL (its server must be up)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(env: dict[str, str]) -> None:
    """Configure Django in this process with the server's settings, migrate, collect static."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def make_user(username: str, role: str = "reviewer") -> tuple[object, str]:
    """A user with a role and an API token; returns (user, token key)."""
    from django.contrib.auth import get_user_model

    from accounts import tokens
    from accounts.roles import assign_role

    user = get_user_model().objects.create_user(username=username, password=None)
    assign_role(user, role)
    return user, tokens.issue(user)


def session_cookie_for(user) -> str:
    """A signed-in session for the reviewer pages, made without a login request."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


class Gunicorn:
    """gunicorn on 127.0.0.1:<free port>, stopped (and its workers with it) on exit."""

    def __init__(
        self, env: dict[str, str], *, workers: int = 2, threads: int = 4, port: int | None = None
    ) -> None:
        self.env = env
        self.port = port or free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.command = [
            str(BIN / "gunicorn"),
            "factcheck.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
        ]
        self.process: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log", delete=False)  # noqa: SIM115

    def __enter__(self) -> "Gunicorn":
        self.process = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn, fixed arguments
            self.command, cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log
        )
        self.wait_ready()
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.log.close()
        if exc_type is None:
            Path(self.log.name).unlink()
        else:
            print(f"gunicorn's log: {self.log.name}", file=sys.stderr)

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log.name}")
            try:
                if requests.get(f"{self.url}/api/v1/ratings/", timeout=2).status_code == 200:
                    return
            except requests.RequestException:  # not listening yet, or slow to boot under load
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s; see {self.log.name}")

    def worker_pids(self) -> list[int]:
        """The master's children, read from /proc (no psutil needed)."""
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def worker_rss_mib(self) -> list[float]:
        return [rss_mib(pid) for pid in self.worker_pids()]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


@dataclass
class LoadResult:
    name: str
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def row(self) -> str:
        ordered = sorted(self.latencies_ms)
        codes = " ".join(f"{code}:{n}" for code, n in sorted(self.statuses.items()))
        return (
            f"{self.name:<44} {self.rate:>8.0f} {percentile(ordered, 0.50):>7.1f} "
            f"{percentile(ordered, 0.95):>7.1f} {percentile(ordered, 0.99):>7.1f}  {codes}"
        )


TABLE_HEADER = f"{'endpoint':<44} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}  statuses"


def run_load(
    name: str,
    send: Callable[[requests.Session, int], requests.Response],
    *,
    seconds: float,
    clients: int,
    headers: dict[str, str],
) -> LoadResult:
    """`clients` threads call send(session, n) back to back until `seconds` have passed.

    n counts calls across all threads, so writers can make each request distinct.
    A request that fails below HTTP (reset, refused) is counted as status 0.
    """
    result = LoadResult(name, seconds)
    lock = threading.Lock()
    counter = iter(range(10**9))
    deadline = time.monotonic() + seconds

    def client() -> None:
        with requests.Session() as session:
            session.headers.update(headers)
            while time.monotonic() < deadline:
                with lock:
                    n = next(counter)
                started = time.perf_counter()
                try:
                    code = send(session, n).status_code
                except requests.RequestException:
                    code = 0
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    result.latencies_ms.append(elapsed)
                    result.statuses[code] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    result.seconds = time.monotonic() - began
    return result


@contextmanager
def temporary_static_root():
    with tempfile.TemporaryDirectory(prefix="factcheck-static-") as folder:
        yield folder
