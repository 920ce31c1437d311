"""Find the stored fact-checks a text is about: database candidates, then the ranker.

1. `search.selectors.candidates()` finds up to CANDIDATE_CAP records sharing words
   with the text, through the full-text index (PostgreSQL GIN / SQLite FTS5), among
   the kinds the user may see;
2. their vectors come from MatchVector (one query; missing ones computed and stored);
3. matching.ranker scores them on the calibrated 0-1 scale with collection-wide
   IDF (matching.corpus) and keeps the best `limit` above the floor.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from matching import corpus, ranker, retrieval, services
from search import selectors as search_selectors

CANDIDATE_CAP = 60
# Added to the full-text candidates: the records whose vectors are nearest the
# post's, which finds paraphrases sharing no rare word with their fact-check.
NEAREST = 20
PUBLIC_KINDS = ("factcheck", "claimreview")


@dataclass
class Match:
    hit: search_selectors.Hit
    score: float
    match: str
    reasons: list[str]

    @property
    def kind(self) -> str:
        return self.hit.kind


def find_matches(text: str, *, user=None, limit: int = 5, language: str = "",
                 kinds: tuple[str, ...] = PUBLIC_KINDS, exclude: tuple[str, int] | None = None,
                 ) -> list[Match]:  # fmt: skip
    user = user if user is not None else AnonymousUser()
    stats = corpus.stats()  # first: it also loads the vectors `nearest` searches
    hits = retrieval.candidates(text, kinds, CANDIDATE_CAP, language=language, user=user)
    query = ranker.query_vector(text)
    seen = {(h.kind, h.id) for h in hits}
    near = [key for key in corpus.nearest(query, NEAREST, kinds) if key not in seen]
    hits += retrieval.by_ids(near, kinds, language=language, user=user)
    hits = [h for h in hits if (h.kind, h.id) != exclude]
    candidates = [_candidate(hit) for hit in hits]
    services.attach_vectors(candidates)
    by_key = {(h.kind, h.id): h for h in hits}
    # Desk claims are ranked apart from fact-checks: the ranker's signals are partly
    # relative to the best candidate, and a twin claim on the desk must not push the
    # fact-checks of the same claim under the floor (both questions matter to a desk).
    groups = [[c for c in candidates if c.key[0] != "claim"],
              [c for c in candidates if c.key[0] == "claim"]]  # fmt: skip
    ranked = [
        r
        for group in groups
        if group
        for r in ranker.rank(text, group, stats, limit=limit, query=query)
    ]
    ranked.sort(key=lambda r: (-r.score, r.candidate.key))
    return [Match(by_key[r.candidate.key], r.score, r.match, r.reasons) for r in ranked[:limit]]


def _candidate(hit: search_selectors.Hit) -> ranker.Candidate:
    if hit.kind == "claimreview":
        claim, name = hit.title, hit.details.get("name", "")
        values = {"id": hit.id, "claim_reviewed": claim, "name": name}
    else:
        # `text` is the claim's quote and restatement, as matching.corpus counts them.
        claim, name = hit.text, ""
        values = {"id": hit.id, "quote": claim, "statement": ""}
    return ranker.Candidate(key=(hit.kind, hit.id), claim=claim, name=name,
                            retracted=bool(hit.details.get("retracted")),
                            terms=corpus.terms_of(hit.kind, values))  # fmt: skip
