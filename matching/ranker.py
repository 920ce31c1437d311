"""Rank candidate fact-checks for a post, on one calibrated 0-1 scale. Pure: no ORM.

Each (post, candidate) pair gets a handful of signals, lexical and semantic:

- `bm25`: Okapi BM25 of the post's terms against the candidate's claim + headline,
  divided by the post's total IDF (so a long post does not score higher for being long);
- `bm25_gap`: the same, relative to the best candidate for this post;
- `cosine`, `cosine_gap`: cosine of all-MiniLM-L6-v2 sentence vectors (matching.encoder),
  absolute and relative to the best candidate;
- `claim_cover`: the IDF share of the candidate's claim terms that the post says;
- `post_cover`: the IDF share of the post's terms the candidate says;
- `number_clash`: both name numbers and share none ("500" against "5,000").

A logistic regression over them (weights.json, fitted by `bench/matching.py
--train` on the fixture's TUNE posts only: right candidate 1, the other
retrieved candidates 0) gives P(this is the post's fact-check). That probability
is the score: the same number means the same confidence for every post, so fixed
thresholds (THRESHOLDS, documented in docs/matching.md) decide `same`/`related`.
"""

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from matching import bm25, encoder
from matching.normalize import terms, word_count, words

WEIGHTS_FILE = Path(__file__).resolve().parent / "weights.json"
FEATURES = ("bm25", "bm25_gap", "cosine", "cosine_gap", "claim_cover", "post_cover", "number_clash")
# `same`: a reviewer can act on it. `related`: worth a look. Below FLOOR: not shown.
SAME = 0.8
FLOOR = 0.02
SAME_MIN_WORDS = 8
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


@dataclass
class Candidate:
    """A stored fact-check as the ranker sees it; `key` is the caller's own handle."""

    key: object
    claim: str
    name: str = ""
    retracted: bool = False
    terms: list[str] | None = None
    vector: np.ndarray | None = None

    def ensure(self) -> None:
        if self.terms is None:
            self.terms = document_terms(self.claim, self.name)
        if self.vector is None:
            self.vector = encoder.embed(document_text(self.claim, self.name))


@dataclass
class Ranked:
    candidate: Candidate
    score: float
    match: str | None
    reasons: list[str] = field(default_factory=list)
    signals: dict[str, float] = field(default_factory=dict)


def document_text(claim: str, name: str) -> str:
    return f"{claim}. {name}".strip(". ") if name else claim


def document_terms(claim: str, name: str) -> list[str]:
    return terms(document_text(claim, name))


def query_vector(text: str) -> np.ndarray:
    """The post's vector: its cleaned words (links, handles, emoji out; numbers as digits)."""
    return encoder.embed(" ".join(words(text)))


@cache
def weights() -> tuple[float, dict[str, float]]:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return data["bias"], data["weights"]


def signals(
    text: str, candidates: list[Candidate], stats: bm25.Stats, query: np.ndarray | None = None
) -> list[dict[str, float]]:
    """The FEATURES of every candidate for `text` (the post), in candidate order.

    `query`: the post's vector, when the caller has it already.
    """
    qvec = query_vector(text) if query is None else query
    query = terms(text)
    qset = set(query)
    q_idf = sum(stats.idf(t) for t in qset) or 1.0
    q_numbers = {t for t in qset if _NUMBER.match(t)}
    rows = []
    for candidate in candidates:
        candidate.ensure()
        dset = set(candidate.terms)
        shared = qset & dset
        shared_idf = sum(stats.idf(t) for t in shared)
        d_idf = sum(stats.idf(t) for t in dset) or 1.0
        d_numbers = {t for t in dset if _NUMBER.match(t)}
        rows.append(
            {
                "bm25": bm25.score(query, candidate.terms, stats) / q_idf,
                "cosine": float(np.dot(qvec, candidate.vector)),
                "claim_cover": shared_idf / d_idf,
                "post_cover": shared_idf / q_idf,
                "number_clash": float(bool(q_numbers and d_numbers and not q_numbers & d_numbers)),
            }
        )
    best_bm25 = max((r["bm25"] for r in rows), default=0.0)
    best_cosine = max((r["cosine"] for r in rows), default=0.0)
    for row in rows:
        row["bm25_gap"] = row["bm25"] - best_bm25
        row["cosine_gap"] = row["cosine"] - best_cosine
    return rows


def probability(row: dict[str, float]) -> float:
    bias, w = weights()
    z = bias + sum(w[name] * row[name] for name in FEATURES)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def rank(
    text: str,
    candidates: list[Candidate],
    stats: bm25.Stats,
    limit: int = 5,
    query: np.ndarray | None = None,
) -> list[Ranked]:
    """Best first, at most `limit`, none under FLOOR; `match` is `same` or `related`."""
    if not candidates:
        return []
    long_enough = word_count(text) >= SAME_MIN_WORDS
    ranked = []
    for candidate, row in zip(candidates, signals(text, candidates, stats, query), strict=True):
        score = probability(row)
        if score < FLOOR:
            continue
        same = score >= SAME and long_enough and not candidate.retracted
        ranked.append(
            Ranked(
                candidate,
                round(score, 4),
                "same" if same else "related",
                _reasons(row, score, long_enough, candidate),
                row,
            )
        )
    ranked.sort(key=lambda r: (-r.score, str(r.candidate.key)))
    return ranked[:limit]


def _reasons(
    row: dict[str, float], score: float, long_enough: bool, candidate: Candidate
) -> list[str]:
    """Machine-readable codes telling a reviewer why this candidate is here."""
    reasons = []
    if row["claim_cover"] >= 0.5:
        reasons.append("shared-words")
    if row["cosine"] >= 0.6:
        reasons.append("similar-meaning")
    if row["number_clash"]:
        reasons.append("numbers-differ")
    if candidate.retracted:
        reasons.append("retracted")
    if score >= SAME and not long_enough:
        reasons.append("text-too-short-for-same")
    return reasons
