"""A throwaway PostgreSQL cluster for fault experiments, never the shared one on 5432.

`with ThrowawayCluster() as cluster:` creates Debian cluster 15/faults on port
5433 (trust auth, loopback only), starts it, and on exit stops and drops it,
whatever happened inside. bench/faults.py restarts *this* cluster under load.
"""

import subprocess
import time
from pathlib import Path

import psycopg

VERSION = "15"
NAME = "faults"
PORT = 5433
HBA = """# Throwaway benchmark cluster: loopback only, no passwords.
local all all trust
host all all 127.0.0.1/32 trust
host all all ::1/128 trust
"""
SETTINGS = "listen_addresses = '127.0.0.1'\nmax_connections = 60\n"


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603


class ThrowawayCluster:
    def __init__(self, version: str = VERSION, name: str = NAME, port: int = PORT) -> None:
        if port == 5432:
            raise ValueError("5432 is the shared cluster; fault experiments need their own")
        self.version, self.name, self.port = version, name, port
        self.conf = Path(f"/etc/postgresql/{version}/{name}")
        self.bin = Path(f"/usr/lib/postgresql/{version}/bin")

    def __enter__(self) -> "ThrowawayCluster":
        self.drop()  # a cluster left behind by an interrupted run
        _run(
            "pg_createcluster",
            self.version,
            self.name,
            "--port",
            str(self.port),
            "--start-conf",
            "manual",
        )
        (self.conf / "pg_hba.conf").write_text(HBA)
        (self.conf / "conf.d" / "bench.conf").write_text(SETTINGS)
        self.ctl("start")
        return self

    def __exit__(self, *exc_info) -> None:
        self.drop()

    def ctl(self, action: str) -> float:
        """pg_ctlcluster start/stop/restart (fast mode: sessions are terminated); seconds taken."""
        started = time.monotonic()
        _run("pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, action)
        if action != "stop":
            self.wait_ready()
        return time.monotonic() - started

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = subprocess.run(  # noqa: S603
                [str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"],
                check=False,
            )
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError(f"cluster {self.version}/{self.name} not ready after {timeout} s")

    def drop(self) -> None:
        if (self.conf / "postgresql.conf").exists():
            _run("pg_dropcluster", "--stop", self.version, self.name)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, database: str) -> str:
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{database}"')
        return self.url(database)

    def tool(self, name: str) -> str:
        """Path of this version's pg_dump / pg_restore."""
        return str(self.bin / name)
