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

Then the claims and articles lists' `?q=` through the API (Django's test client,
as the desk editor): the first page (full, so with its COUNT) and page 5, for the
first `--list-queries` queries, and EXPLAIN of a claims page and its COUNT: the
lists rank the same capped candidate set (search/filtering.py). `--lists-only`
skips the search endpoint.
"""

import argparse
import json
import logging
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
    parser.add_argument("--list-queries", type=int, default=100, help="for the lists' ?q=")
    parser.add_argument("--skip-seed", action="store_true", help="measure the corpus as it is")
    parser.add_argument(
        "--lists-only", action="store_true", help="only the lists' ?q= (not /api/v1/search/)"
    )
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


def list_pages(editor, asked: list[str]) -> tuple[dict, list[str], str]:
    """The claims and articles lists' ranked ?q= through the API, as the desk editor.

    Also the article list page (HTML, as the editor) and the public index.

    Per list: the first page (50 rows; full, so with its COUNT) and page 5 (still
    inside the 500 ranked candidates), p50/p95/max over `asked`, plus the largest
    `count` seen (at most 500: the cap). Also returns the SQL of one claims page
    and its COUNT, for EXPLAIN, and that page's query. A page past the end is a 404
    (a query of stop words only, such as "in the", matches nothing).
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    client, anonymous = APIClient(), APIClient()
    client.force_authenticate(editor)
    desk_pages, public_pages = Client(), Client()
    desk_pages.force_login(editor)
    out = {}
    runs = [
        (name, label, client, path, extra)
        for name, path in (("claims", "/api/v1/claims/"), ("articles", "/api/v1/articles/"))
        for label, extra in (("first_page", {}), ("page_5", {"page": 5}))
    ]
    # A visitor sees published claims only: the candidates are found among those.
    runs.append(("claims", "first_page_anonymous", anonymous, "/api/v1/claims/", {}))
    # The HTML pages: the desk's article list and the public fact-check index.
    runs.append(("articles", "ui_page", desk_pages, "/articles/", {}))
    runs.append(("public_index", "ui_page", public_pages, "/factchecks/", {}))
    for name, label, caller, path, extra in runs:
        spent, counts = [], []
        for query in asked:
            started = time.perf_counter()
            response = caller.get(path, {"q": query, **extra}, HTTP_HOST="localhost")
            spent.append((time.perf_counter() - started) * 1000)
            if response.status_code not in (200, 404):  # 404: fewer than 5 pages
                raise SystemExit(f"{path}?q={query}: {response.status_code}")
            if response.status_code == 200 and "json" in response["Content-Type"]:
                counts.append(response.json()["count"])
        out[f"{name}_{label}"] = _percentiles(spent)
        if counts:
            out[f"{name}_{label}"]["max_count"] = max(counts)
    # EXPLAIN a query that fills the cap (most do: the seed's sentences repeat).
    for query in asked:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/claims/", {"q": query}, HTTP_HOST="localhost")
        if response.json()["count"] >= 500:
            break
    statements = [q["sql"] for q in captured.captured_queries if "search_vector" in q["sql"]]
    return out, statements, query


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
    from search import selectors

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
    report = {"articles": 0, "claims": 0, "claimreviews": args.reviews,
              "seed_seconds": round(seeded_in, 1), "queries": len(asked),
              "words_per_query": "2-6"}  # fmt: skip
    search_sql: list[str] = []
    if not args.lists_only:
        report.update(search_endpoint(editor, asked))
        with CaptureQueriesContext(connection) as captured:
            selectors.search(asked[0], user=editor)
        report["statements_per_search"] = len(captured.captured_queries)
        search_sql = [query["sql"] for query in captured.captured_queries]
    listed = asked[: args.list_queries]
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404s past the end
    list_pages(editor, listed[:5])  # warm the cache as a running server's would be
    report["list_q_ms"], list_sql, explained = list_pages(editor, listed)
    report["list_queries"] = len(listed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM articles_article")
        report["articles"] = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM annotations_claim")
        report["claims"] = cursor.fetchone()[0]
    report["load_average"] = os.getloadavg()
    print(json.dumps(report, indent=2))
    if search_sql:
        print(f"\nEXPLAIN /api/v1/search/ for {asked[0]!r}:")
        for plan in explain(search_sql):
            print(plan, end="\n\n")
    print(f"\nEXPLAIN /api/v1/claims/?q= (the page, then its COUNT) for {explained!r}:")
    for plan in explain(list_sql):
        print(plan, end="\n\n")
    return 0


def search_endpoint(editor, asked: list[str]) -> dict:
    """/api/v1/search/'s selector: every kind as the desk and the public, and per kind."""
    from search import engine, kinds, selectors

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
    return {
        "desk_all_kinds_ms": _percentiles(timings),
        "public_kinds_ms": _percentiles(public),
        "per_kind_ms": per_kind,
        "mean_hits": round(statistics.mean(hits), 1),
    }


if __name__ == "__main__":
    raise SystemExit(main())
