"""Claim-matching figures: MAP@5, MRR, recall@5 and latency, BM25 baselines against the ranker.

    .venv/bin/python bench/matching.py                 # held-out figures (pure, in memory)
    .venv/bin/python bench/matching.py --train         # refit matching/weights.json on TUNE
    .venv/bin/python bench/matching.py --split tune    # figures on the tune posts
    DATABASE_URL=postgres://... .venv/bin/python bench/matching.py --end-to-end
        # import the fixture with `import_claimreviews` into that database, then send the
        # held-out posts to POST /api/v1/match/ through Django's test client

Fixture: bench/data/matching (10,000 ClaimReviews, posts with their right url;
see its README). Only TUNE posts fit the weights; figures are on HELD-OUT.
The pure mode retrieves candidates as the API does, but from an in-memory index:
BM25 top RETRIEVE plus the nearest vectors, then ranks them.
"""

import os

# As factcheck/settings.py does for the app: one BLAS thread, set before numpy loads.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching import bm25, encoder, ranker, training  # noqa: E402
from matching.normalize import terms  # noqa: E402

DATA = ROOT / "bench/data/matching"
RETRIEVE = 50
NEAREST = 20


def load():
    with gzip.open(DATA / "claimreviews.jsonl.gz", "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    posts = [json.loads(line) for line in (DATA / "posts.jsonl").open(encoding="utf-8")]
    return records, posts


def naive_terms(text: str) -> list[str]:
    """The plain baseline: lower-case split on non-letters, no cleaning, no stemming."""
    import re

    return re.findall(r"\w+", text.lower())


def baselines(records, posts) -> dict[str, list[list[str]]]:
    """Top-5 url lists per post for each BM25 variant."""
    urls = [r["url"] for r in records]
    variants = {
        "bm25 raw claim": (lambda r: naive_terms(r["claimReviewed"]), naive_terms, 1.2, 0.75),
        "bm25 raw claim+name": (lambda r: naive_terms(_doc(r)), naive_terms, 1.2, 0.75),
        "bm25 normalised claim": (lambda r: terms(r["claimReviewed"]), terms, 1.2, 0.75),
        "bm25 normalised claim+name": (lambda r: terms(_doc(r)), terms, 1.2, 0.75),
        "bm25 normalised claim+name k1=0.9 b=0.4": (lambda r: terms(_doc(r)), terms, 0.9, 0.4),
        "bm25 normalised claim+name k1=1.5 b=1.0": (lambda r: terms(_doc(r)), terms, 1.5, 1.0),
    }
    out = {}
    for label, (doc_terms, query_terms, k1, b) in variants.items():
        index = bm25.Index([doc_terms(r) for r in records], k1=k1, b=b)
        out[label] = [[urls[i] for i, _ in index.search(query_terms(p["text"]), 5)] for p in posts]
    return out


def _doc(record) -> str:
    return ranker.document_text(record["claimReviewed"], record.get("name", ""))


class Retriever:
    """What the database does for the API, in memory: BM25 top-k plus nearest vectors."""

    def __init__(self, records):
        self.records = records
        self.candidates = [
            ranker.Candidate(key=r["url"], claim=r["claimReviewed"], name=r.get("name", ""))
            for r in records
        ]
        vectors = encoder.embed_many(
            [ranker.document_text(c.claim, c.name) for c in self.candidates]
        )
        for c, vector in zip(self.candidates, vectors, strict=True):
            c.vector = vector
            c.ensure()
        self.index = bm25.Index([c.terms for c in self.candidates])
        self.matrix = np.stack([c.vector for c in self.candidates])

    def candidates_for(self, text: str) -> list[ranker.Candidate]:
        found = [i for i, _ in self.index.search(terms(text), RETRIEVE)]
        if NEAREST:
            sims = self.matrix @ ranker.query_vector(text)
            found += [int(i) for i in np.argsort(-sims)[:NEAREST]]
        return [self.candidates[i] for i in dict.fromkeys(found)]


def train(retriever: Retriever, posts) -> None:
    rows, labels = [], []
    for post in posts:
        if post["split"] != "tune":
            continue
        found = retriever.candidates_for(post["text"])
        for candidate, row in zip(
            found, ranker.signals(post["text"], found, retriever.index.stats), strict=True
        ):
            rows.append(row)
            labels.append(int(candidate.key == post["url"]))
    model = training.fit(rows, labels)
    document = {
        "about": "Logistic regression over matching.ranker.FEATURES; "
        "refit with bench/matching.py --train.",
        "trained_on": "bench/data/matching posts.jsonl, split=tune",
        "rows": len(rows),
        "positives": sum(labels),
        "l2_penalty": training.L2_PENALTY,
        **model,
    }
    ranker.WEIGHTS_FILE.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    ranker.weights.cache_clear()
    print(
        f"wrote {ranker.WEIGHTS_FILE.relative_to(ROOT)} from {len(rows)} rows ({sum(labels)} right)"
    )


def evaluate(
    name: str, rankings: list[list[str]], posts, latencies: list[float] | None = None
) -> None:
    ap = [training.average_precision_at(r, p["url"]) for r, p in zip(rankings, posts, strict=True)]
    rr = [training.reciprocal_rank(r, p["url"]) for r, p in zip(rankings, posts, strict=True)]
    recall = [p["url"] in r[:5] for r, p in zip(rankings, posts, strict=True)]
    line = (
        f"{name:44s} MAP@5 {statistics.fmean(ap):.3f}  MRR {statistics.fmean(rr):.3f}"
        f"  recall@5 {statistics.fmean(recall):.3f}"
    )
    if latencies:
        q = statistics.quantiles(latencies, n=20)
        line += f"  p50 {statistics.median(latencies):.1f} ms  p95 {q[18]:.1f} ms"
    print(line)


def run_ranker(retriever: Retriever, posts):
    rankings, latencies, results = [], [], []
    for post in posts:
        start = time.perf_counter()
        ranked = ranker.rank(
            post["text"], retriever.candidates_for(post["text"]), retriever.index.stats, limit=5
        )
        latencies.append((time.perf_counter() - start) * 1000)
        rankings.append([r.candidate.key for r in ranked])
        results.append(ranked)
    return rankings, latencies, results


def thresholds_report(results, posts) -> None:
    """How the fixed thresholds behave: precision of `same`, share of posts with one."""
    same = [
        (r[0].candidate.key == p["url"])
        for r, p in zip(results, posts, strict=True)
        if r and r[0].match == "same"
    ]
    shown = sum(1 for r in results if r)
    print(
        f"  `same` on {len(same)}/{len(posts)} posts, right on {sum(same)} "
        f"(precision {sum(same) / len(same) if same else 0:.3f}); "
        f"some result above the floor on {shown}/{len(posts)}"
    )


def end_to_end(posts, vectors: bool = True) -> None:
    """Import with the real command into DATABASE_URL, then query the real endpoint."""
    if not os.environ.get("DATABASE_URL"):
        sys.exit("--end-to-end needs DATABASE_URL (a PostgreSQL database you may fill)")
    # Production-like settings (DEBUG off: no query log); a throwaway key for this run.
    os.environ.setdefault("SECRET_KEY", "bench-matching-" + os.urandom(16).hex())
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    # The bench measures matching, not the anonymous rate limit.
    os.environ.setdefault("FACTCHECK_THROTTLE_MATCH", "100000/min")
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="factcheck.settings")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "import_claimreviews", str(DATA / "claimreviews.jsonl.gz")],
        cwd=ROOT,
        env=env,
        check=True,
    )
    print(f"import: {time.perf_counter() - start:.1f} s")
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    if vectors:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "match_vectors"], cwd=ROOT, env=env, check=True
        )
        print(f"manage.py match_vectors: {time.perf_counter() - start:.1f} s")
    else:
        print("no manage.py match_vectors: vectors only as matching computes them")
    client = Client()
    held = [p for p in posts if p["split"] == "heldout"]
    client.post("/api/v1/match/", {"text": "warm up"}, content_type="application/json", secure=True)
    rankings, latencies = [], []
    for post in held:
        start = time.perf_counter()
        response = client.post(
            "/api/v1/match/",
            {"text": post["text"], "limit": 5},
            content_type="application/json",
            secure=True,
        )
        latencies.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            sys.exit(f"POST /api/v1/match/ answered {response.status_code}: {response.content!r}")
        rankings.append([hit["url"] for hit in response.json()["results"]])
    evaluate("POST /api/v1/match/ (end to end)", rankings, held, latencies)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", action="store_true")
    parser.add_argument("--split", default="heldout", choices=["tune", "heldout"])
    parser.add_argument("--end-to-end", action="store_true")
    parser.add_argument(
        "--no-vectors",
        action="store_true",
        help="end to end without manage.py match_vectors after the import",
    )
    args = parser.parse_args()
    records, posts = load()
    print(
        f"load average {os.getloadavg()[0]:.2f}; {len(records)} fact-checks, "
        f"{sum(p['split'] == args.split for p in posts)} {args.split} posts"
    )
    if args.end_to_end:
        end_to_end(posts, vectors=not args.no_vectors)
        return
    start = time.perf_counter()
    retriever = Retriever(records)
    print(f"index and vectors for {len(records)} fact-checks: {time.perf_counter() - start:.1f} s")
    if args.train:
        train(retriever, posts)
    chosen = [p for p in posts if p["split"] == args.split]
    for label, rankings in baselines(records, chosen).items():
        evaluate(label, rankings, chosen)
    rankings, latencies, results = run_ranker(retriever, chosen)
    evaluate("ranker (bm25 + MiniLM, calibrated)", rankings, chosen, latencies)
    thresholds_report(results, chosen)
    urls = [c.key for c in retriever.candidates]
    cosine_only = [
        [urls[i] for i in np.argsort(-(retriever.matrix @ ranker.query_vector(p["text"])))[:5]]
        for p in chosen
    ]
    evaluate("MiniLM cosine only, whole collection", cosine_only, chosen)


if __name__ == "__main__":
    main()
