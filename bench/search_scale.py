"""Search at scale: seed 100,000 articles and 1,000,000 claims, time 2-6 word queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fc_search_bench \\
        .venv/bin/python bench/search_scale.py --claims 1000000 --queries 300

PostgreSQL only. Migrates the database, grows it to `--claims` claims with
bench/seed.py (set-based INSERT ... SELECT; additive, so a second run reuses the
corpus) plus `--reviews` imported ClaimReviews, then sends `--queries` queries of
2 to 6 consecutive words cut from randomly chosen claims' quotes through
search.selectors.search as a desk editor would (every kind: fact-checks,
ClaimReviews, desk claims, articles; 20 hits), and prints p50/p95/max latency,
the load average beside them, and EXPLAIN (ANALYZE, BUFFERS) of one query's
statements so the GIN indexes can be seen in use. Seeded text comes from 16
sentences, so every query matches tens of thousands of rows: a worst case for
ranking, which is why the engine ranks a capped candidate set (CANDIDATE_CAP).
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--reviews", type=int, default=10_000, help="imported ClaimReviews")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--list-queries", type=int, default=20, help="for the lists' ?q=")
    parser.add_argument("--skip-seed", action="store_true", help="measure the corpus as it is")
    return parser.parse_args()


def seed_reviews(total: int) -> None:
    from django.db import connection

    from bench.seed import SENTENCES, _quoted

    sentences = "ARRAY[" + ",".join(_quoted(s) for s in SENTENCES) + "]"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM claimreviews_claimreview")
        have = cursor.fetchone()[0]
        if have >= total:
            return
        # Constants of bench/seed.py only; the counts are parameters.
        cursor.execute(
            "INSERT INTO claimreviews_claimreview (url, claim_reviewed, name, claimant,"  # noqa: S608
            " appearance_urls, publisher_name, publisher_url, textual_rating, rating, language,"
            " raw, imported_at, updated_at, date_published)"
            " SELECT 'https://checker.example/review/' || n,"
            f" ({sentences})[1 + n %% {len(SENTENCES)}], 'Review ' || n, 'a politician', '[]',"
            " 'Checker ' || (n %% 20), 'https://checker.example/', 'False', 'false', 'en', '{}',"
            " now(), now(), current_date FROM generate_series(%s, %s) AS n",
            [have + 1, total],
        )
        cursor.execute("ANALYZE claimreviews_claimreview")


def queries(count: int, rng: random.Random) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM annotations_claim")
        top = cursor.fetchone()[0]
        ids = [rng.randint(1, top) for _ in range(count * 2)]
        cursor.execute("SELECT quote FROM annotations_claim WHERE id = ANY(%s)", [ids])
        quotes = [quote for (quote,) in cursor.fetchall()]
    out = []
    for quote in quotes[:count]:
        # Whole words only: the quotes are 40-character cuts, so drop the cut edges.
        words = quote.split()[1:-1] or quote.split()
        size = rng.randint(2, 6)
        start = rng.randint(0, max(0, len(words) - size))
        out.append(" ".join(words[start : start + size]))
    return out


def list_pages(editor, asked: list[str]) -> dict:
    """First page (50 rows, with its COUNT) of the claims and articles lists' ranked ?q=."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(editor)
    out = {}
    for name, path in (("claims", "/api/v1/claims/"), ("articles", "/api/v1/articles/")):
        spent = []
        for query in asked:
            started = time.perf_counter()
            response = client.get(path, {"q": query}, HTTP_HOST="localhost")
            spent.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{path}?q={query}: {response.status_code}")
        out[name] = _percentiles(spent)
    return out


def explain(sql_statements: list[str]) -> list[str]:
    from django.db import connection

    plans = []
    with connection.cursor() as cursor:
        for sql in sql_statements:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def _percentiles(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {
        "p50": round(statistics.median(ordered), 1),
        "p95": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
        "max": round(ordered[-1], 1),
    }


def main() -> int:
    args = parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.seed import ensure_users, seed_corpus
    from search import engine, kinds, selectors

    if connection.vendor != "postgresql":
        raise SystemExit("bench/search_scale.py needs PostgreSQL (set DATABASE_URL)")
    call_command("migrate", verbosity=0)
    seeded_in = 0.0
    if not args.skip_seed:
        started = time.perf_counter()
        seed_corpus(total_claims=args.claims)
        seed_reviews(args.reviews)
        seeded_in = time.perf_counter() - started
    editor = get_user_model().objects.get(pk=ensure_users()["editor"])
    rng = random.Random(args.seed)
    asked = queries(args.queries, rng)
    for query in asked[:10]:  # warm the cache as a running server's would be
        selectors.search(query, user=editor)
    timings, hits = [], []
    for query in asked:
        started = time.perf_counter()
        found = selectors.search(query, user=editor)
        timings.append((time.perf_counter() - started) * 1000)
        hits.append(len(found))
    # What an anonymous visitor searches: published fact-checks and imported reviews.
    public = []
    for query in asked:
        started = time.perf_counter()
        selectors.search(query, user=None)
        public.append((time.perf_counter() - started) * 1000)
    per_kind = {}
    for kind in kinds.ALL_KINDS:
        spent = []
        for query in asked:
            started = time.perf_counter()
            engine.search_kind(kinds.KINDS[kind], query, any_word=False, limit=20)
            spent.append((time.perf_counter() - started) * 1000)
        per_kind[kind] = _percentiles(spent)
    lists = list_pages(editor, asked[: args.list_queries])
    with CaptureQueriesContext(connection) as captured:
        selectors.search(asked[0], user=editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_article")
        articles = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM annotations_claim")
        claims = cursor.fetchone()[0]
    report = {
        "articles": articles,
        "claims": claims,
        "claimreviews": args.reviews,
        "seed_seconds": round(seeded_in, 1),
        "queries": len(asked),
        "words_per_query": "2-6",
        "desk_all_kinds_ms": _percentiles(timings),
        "public_kinds_ms": _percentiles(public),
        "per_kind_ms": per_kind,
        "list_q_first_page_ms": lists,
        "mean_hits": round(statistics.mean(hits), 1),
        "statements_per_search": len(captured.captured_queries),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(report, indent=2))
    print(f"\nEXPLAIN for {asked[0]!r}:")
    for plan in explain([query["sql"] for query in captured.captured_queries]):
        print(plan, end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
