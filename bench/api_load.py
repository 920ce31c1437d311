"""API throughput, latency, query counts and worker memory, with 10 and 10,000 claims.

Run (loopback only; stops by itself in about 2.5 minutes):

    .venv/bin/python bench/api_load.py                 # PostgreSQL database factcheck_bench
    .venv/bin/python bench/api_load.py --sqlite        # a fresh throwaway SQLite file
    .venv/bin/python bench/api_load.py --database-url postgres://postgres@127.0.0.1:5432/x \\
        --seconds 5 --sizes 10,1000

What it does:
1. Recreates the database (DROP/CREATE on PostgreSQL, a temporary file for
   SQLite), migrates it and collects static files into a temporary STATIC_ROOT,
   so gunicorn runs with production settings (DEBUG=0, manifest static files).
2. Starts gunicorn (2 workers x 4 threads, gthread) on 127.0.0.1:<free port>.
3. For each size, seeds claims (bulk inserts: each claim with one source and one
   verdict) on one article, then for `--seconds` per endpoint sends requests from
   `--clients` threads (requests.Session, keep-alive, token auth) and prints
   req/s and p50/p95/p99 latency. Writes go last, on a separate article.
4. Counts the SQL queries of each list request in-process (Django test client,
   CaptureQueriesContext) at every size: the count must not grow with the rows.
5. Prints the workers' resident memory (VmRSS from /proc) before and after.

The client threads share the machine's cores with gunicorn and the database,
so on a small machine the figures are a floor, not the server's ceiling.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    ARTICLE_TEXT,
    TABLE_HEADER,
    Gunicorn,
    make_user,
    recreate_postgres_database,
    run_load,
    server_env,
    setup_django,
    temporary_static_root,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_bench"
# Long enough for 10,000 distinct 20-character spans on one article.
SEED_TEXT = ARTICLE_TEXT * 80
WRITE_TEXT = ARTICLE_TEXT * 250


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--sqlite", action="store_true", help="use a throwaway SQLite file")
    parser.add_argument("--seconds", type=float, default=10.0, help="per endpoint and size")
    parser.add_argument("--clients", type=int, default=8, help="client threads")
    parser.add_argument("--sizes", default="10,10000", help="claims seeded, ascending")
    return parser.parse_args()


def seed_claims(article, reviewer, upto: int) -> None:
    """Bulk-insert claims (start = 0, 1, 2...) up to `upto`, each with a source and a verdict.

    Bulk inserts skip the services' history rows: this data only has to be read.
    """
    from annotations import anchoring
    from annotations.models import Claim, Source, Verdict

    have = Claim.objects.filter(article=article).count()
    claims = []
    for start in range(have, upto):
        end = start + 20
        prefix, suffix = anchoring.context_around(article.text, start, end)
        claims.append(
            Claim(
                article=article,
                start=start,
                end=end,
                quote=article.text[start:end],
                prefix=prefix,
                suffix=suffix,
                statement=f"Claim {start}",
                created_by=reviewer,
            )
        )
    created = Claim.objects.bulk_create(claims, batch_size=1000)
    Source.objects.bulk_create(
        [
            Source(
                claim=c, url=f"https://example.org/r/{c.start}", title="Report", added_by=reviewer
            )
            for c in created
        ],
        batch_size=1000,
    )
    Verdict.objects.bulk_create(
        [
            Verdict(claim=c, reviewer=reviewer, rating="false", rationale="Counted.")
            for c in created
        ],
        batch_size=1000,
    )


def list_urls(article_id: int) -> dict[str, str]:
    return {
        "GET /api/v1/claims/": "/api/v1/claims/",
        "GET /api/v1/articles/{id}/claims/": f"/api/v1/articles/{article_id}/claims/",
        "GET /api/v1/articles/{id}/annotations/": f"/api/v1/articles/{article_id}/annotations/",
    }


def count_queries(token: str, article_id: int) -> dict[str, int]:
    """Queries per list request, counted in this process with Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    counts = {}
    for name, url in list_urls(article_id).items():
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        counts[name] = len(queries) if status == 200 else -status
    return counts


def measure(server: Gunicorn, token: str, article, write_article, claim_id, seconds, clients):
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    base = server.url
    endpoints = {name: f"{base}{url}" for name, url in list_urls(article.pk).items()}
    endpoints["GET /api/v1/claims/{id}/"] = f"{base}/api/v1/claims/{claim_id}/"
    results = []
    for name, url in endpoints.items():
        results.append(
            run_load(
                name,
                lambda s, n, url=url: s.get(url, timeout=30),
                seconds=seconds,
                clients=clients,
                headers=headers,
            )
        )

    def create(session, n):
        # A distinct 12-character span per request: start n, 5,000+ spans to spare.
        body = {"article": write_article.pk, "start": n, "end": n + 12}
        return session.post(f"{base}/api/v1/claims/", json=body, timeout=30)

    results.append(
        run_load("POST /api/v1/claims/", create, seconds=seconds, clients=clients, headers=headers)
    )
    return results


def main() -> int:
    args = parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with temporary_static_root() as static_root, tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/bench.sqlite3" if args.sqlite else args.database_url
        if not args.sqlite:
            recreate_postgres_database(url)
        env = server_env(url, static_root)
        started = time.monotonic()
        setup_django(env)
        from articles.models import Article

        reviewer, token = make_user("bench-reviewer")
        article = Article.objects.create(title="Seeded", text=SEED_TEXT, content_hash="seed")
        print(f"database: {url.split('@')[-1]}  (setup {time.monotonic() - started:.1f} s)")
        print(
            f"gunicorn: 2 workers x 4 threads; {args.clients} client threads; "
            f"{args.seconds:.0f} s per endpoint\n"
        )
        query_counts: dict[int, dict[str, int]] = {}
        with Gunicorn(env) as server:
            rss_before = server.worker_rss_mib()
            for size in sizes:
                seed_claims(article, reviewer, size)
                query_counts[size] = count_queries(token, article.pk)
                write_article = Article.objects.create(
                    title=f"Writes {size}", text=WRITE_TEXT, content_hash=f"writes-{size}"
                )
                claim_id = article.claims.order_by("pk").values_list("pk", flat=True).last()
                print(f"-- {size:,} claims seeded")
                print(TABLE_HEADER)
                for result in measure(
                    server, token, article, write_article, claim_id, args.seconds, args.clients
                ):
                    print(result.row())
                print()
            rss_after = server.worker_rss_mib()
    print_queries(query_counts)
    print(
        "worker RSS (MiB): before "
        + ", ".join(f"{m:.1f}" for m in rss_before)
        + "; after "
        + ", ".join(f"{m:.1f}" for m in rss_after)
    )
    return 0


def print_queries(query_counts: dict[int, dict[str, int]]) -> None:
    sizes = list(query_counts)
    print("SQL queries per list request (in-process, token auth):")
    print(f"{'endpoint':<44}" + "".join(f"{f'{s:,} rows':>13}" for s in sizes))
    for name in query_counts[sizes[0]]:
        print(f"{name:<44}" + "".join(f"{query_counts[s][name]:>13}" for s in sizes))
    print()


if __name__ == "__main__":
    sys.exit(main())
