"""Latency at scale: lists, search and exports with 10,000, 100,000 and 1,000,000 claims.

Run (PostgreSQL on 127.0.0.1:5432; loopback only; bounded in requests and time):

    .venv/bin/python bench/scale.py                               # 10k, 100k and 1M claims
    .venv/bin/python bench/scale.py --sizes 10000,100000 --requests 20
    .venv/bin/python bench/scale.py --database-prefix fc_i9_scale --keep

For each size it uses the database <prefix>_<size> (created, migrated and seeded
by bench/seed.py on first use: claims over size/10 articles; kept with --keep so
the next run reuses it), serves it with gunicorn exactly as production does
(gunicorn.conf.py, DEBUG=0, persistent connections), and sends each request
`--requests` times from one keep-alive client with a reviewer's token, printing
p50/p95 in ms:

- the claim list's first page, its last page (?page=N, an OFFSET: grows with N),
  and a page as deep through keyset pagination (?cursor=, flat);
- the article list's first and last pages; one article's claims;
- ?q= on claims and on articles (a rare term: the trigram indexes' case);
- the CSV and JSONL exports of every claim: seconds, MB, rows, and the largest
  worker's resident memory sampled while it streams.
"""

import argparse
import base64
import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    ROOT,
    free_port,
    percentile,
    rss_mib,
    server_env,
    temporary_static_root,
)

PG = "postgres://postgres@127.0.0.1:5432/"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--requests", type=int, default=20, help="per endpoint and size")
    parser.add_argument("--database-prefix", default="factcheck_scale")
    parser.add_argument("--keep", action="store_true", help="keep the seeded databases")
    parser.add_argument("--no-exports", action="store_true")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args()


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def seed(env: dict, claims: int) -> dict:
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "bench/seed.py", "--claims", str(claims)],
        cwd=ROOT, env={**env, "DEBUG": "1"}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


class Server:
    """gunicorn with the repository's gunicorn.conf.py (production defaults)."""

    def __init__(self, env: dict) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                    "GUNICORN_ACCESS_LOG": "/dev/null"}  # fmt: skip

    def __enter__(self) -> "Server":
        self.process = subprocess.Popen(  # noqa: S603 - our venv's gunicorn
            [str(Path(sys.executable).parent / "gunicorn"), "factcheck.wsgi"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.url}/api/v1/ratings/", timeout=10)
                return self
            except requests.RequestException:  # not listening yet, or slow to boot under load
                time.sleep(0.3)
        self.__exit__(None, None, None)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc_info) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def workers(self) -> list[int]:
        pid = self.process.pid
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def cursor_at(claim_id: int) -> str:
    """DRF's cursor for "after this id" (what a client gets in `next` after walking there)."""
    return base64.b64encode(urlencode({"p": str(claim_id)}).encode()).decode()


def timed(session: requests.Session, url: str, n: int) -> tuple[float, float, int]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = session.get(url, timeout=120)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    ordered = sorted(times)
    return percentile(ordered, 0.5), percentile(ordered, 0.95), len(response.content)


def endpoints(session: requests.Session, base: str) -> dict[str, str]:
    claims = session.get(f"{base}/api/v1/claims/?page_size=1", timeout=120).json()
    articles = session.get(f"{base}/api/v1/articles/?page_size=1", timeout=120).json()
    article_id = articles["results"][0]["id"]
    last_claim = claims["count"]
    return {
        "claims, page 1": "/api/v1/claims/",
        "claims, last page (?page=N)": f"/api/v1/claims/?page={-(-last_claim // 50)}",
        "claims, as deep by ?cursor=": f"/api/v1/claims/?cursor={cursor_at(last_claim - 50)}",
        "articles, page 1": "/api/v1/articles/",
        "articles, last page": f"/api/v1/articles/?page={-(-articles['count'] // 50)}",
        "one article's claims": f"/api/v1/articles/{article_id}/claims/",
        "claims ?q= (rare)": "/api/v1/claims/?q=claim%20" + str(article_id // 2) + "-3",
        "articles ?q= (rare)": f"/api/v1/articles/?q=report%20number%20{article_id // 2}",
    }


def export(server: Server, session: requests.Session, fmt: str) -> dict:
    peak = {"rss": 0.0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in server.workers():
                with contextlib.suppress(FileNotFoundError):  # a worker restarting
                    peak["rss"] = max(peak["rss"], rss_mib(pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    size = lines = 0
    with session.get(f"{server.url}/api/v1/claims/export.{fmt}", stream=True, timeout=600) as r:
        r.raise_for_status()
        for chunk in r.iter_content(chunk_size=1 << 20):
            size += len(chunk)
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    rows = lines - 1 if fmt == "csv" else lines
    return {"seconds": seconds, "mb": size / 1e6, "rows": rows, "peak_rss_mib": peak["rss"]}


def measure(size: int, args, static_root: str) -> dict:
    url = f"{PG}{args.database_prefix}_{size}"
    ensure_database(url)
    env = server_env(url, static_root)
    seeded = seed(env, size)
    print(f"-- {seeded['counts']['claim']:,} claims, {seeded['counts']['article']:,} articles")
    result = {"counts": seeded["counts"], "latency": {}, "exports": {}}
    with Server(env) as server, requests.Session() as session:
        session.headers["Authorization"] = f"Token {seeded['tokens']['reviewer']}"
        for name, path in endpoints(session, server.url).items():
            timed(session, server.url + path, 2)  # warm the worker and the cache
            p50, p95, nbytes = timed(session, server.url + path, args.requests)
            result["latency"][name] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}
            print(f"{name:<34} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   {nbytes:>8} B")
        if not args.no_exports:
            for fmt in ("csv", "jsonl"):
                figures = export(server, session, fmt)
                result["exports"][fmt] = figures
                print(
                    f"export .{fmt:<5} {figures['seconds']:6.1f} s  {figures['mb']:7.1f} MB  "
                    f"{figures['rows']:>9,} rows  peak worker RSS {figures['peak_rss_mib']:.0f} MiB"
                )
    if not args.keep:
        drop_database(url)
    return result


def main() -> int:
    args = parse_args()
    load = os.getloadavg()
    print(
        f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} cores"
    )
    results = {}
    with temporary_static_root() as static_root:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT,
            env={**os.environ, "DEBUG": "1", "STATIC_ROOT": static_root}, check=True,
        )  # fmt: skip
        for size in (int(s) for s in args.sizes.split(",")):
            results[size] = measure(size, args, static_root)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
