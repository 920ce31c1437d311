"""Okapi BM25 over term lists, with corpus statistics kept apart. Pure: no ORM.

`Stats` (document count, average length, document frequencies) is all BM25 needs
to know about the collection; the ranker scores a capped candidate set with it,
wherever the candidates came from (an in-memory index here and in the bench, the
database's full-text index in the API).
"""

import math
from collections import Counter
from dataclasses import dataclass, field

K1 = 1.2
B = 0.75


@dataclass
class Stats:
    documents: int = 0
    total_length: int = 0
    df: Counter = field(default_factory=Counter)

    def add(self, terms: list[str]) -> None:
        self.documents += 1
        self.total_length += len(terms)
        self.df.update(set(terms))

    @property
    def average_length(self) -> float:
        return self.total_length / self.documents if self.documents else 1.0

    def idf(self, term: str) -> float:
        """BM25+ style non-negative IDF (a term in most documents weighs ~0, never < 0)."""
        df = self.df.get(term, 0)
        return math.log(1 + (self.documents - df + 0.5) / (df + 0.5))


def score(
    query: list[str], document: list[str], stats: Stats, k1: float = K1, b: float = B
) -> float:
    counts = Counter(document)
    norm = k1 * (1 - b + b * len(document) / stats.average_length)
    total = 0.0
    for term in set(query):
        tf = counts.get(term)
        if tf:
            total += stats.idf(term) * tf * (k1 + 1) / (tf + norm)
    return total


class Index:
    """In-memory inverted index: the bench's baselines and retrieval on a small corpus."""

    def __init__(self, documents: list[list[str]], k1: float = K1, b: float = B):
        self.k1, self.b = k1, b
        self.stats = Stats()
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.lengths = []
        for doc_id, terms in enumerate(documents):
            self.stats.add(terms)
            self.lengths.append(len(terms))
            for term, tf in Counter(terms).items():
                self.postings.setdefault(term, []).append((doc_id, tf))

    def search(self, query: list[str], limit: int) -> list[tuple[int, float]]:
        scores: dict[int, float] = {}
        avg = self.stats.average_length
        for term in set(query):
            postings = self.postings.get(term)
            if not postings:
                continue
            idf = self.stats.idf(term)
            for doc_id, tf in postings:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[doc_id] / avg)
                scores[doc_id] = scores.get(doc_id, 0.0) + idf * tf * (self.k1 + 1) / (tf + norm)
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
