"""Which claim already covers a sentence: a pure rule, no ORM.

A claim covers a sentence when they overlap by at least COVER_RATIO of the
shorter of the two spans. So a claim on a phrase inside the sentence ("the five
officers that died") covers it, and so does a claim spanning this sentence and
the next; a claim that only shares a few characters with the sentence's edge
(it belongs to the neighbouring sentence) does not. Of several covering claims
the one with the largest overlap wins, then the lowest id, so the answer is
stable. Offsets are code points, end exclusive, as everywhere in the API.
"""

from collections.abc import Iterable

COVER_RATIO = 0.5

ClaimSpan = tuple[int, int, int]  # (claim id, start, end)


def covering_claim(start: int, end: int, claims: Iterable[ClaimSpan]) -> int | None:
    """The id of the claim that covers start..end best, or None."""
    best: tuple[int, int] | None = None  # (-overlap, id): the smallest wins
    for claim_id, claim_start, claim_end in claims:
        overlap = min(end, claim_end) - max(start, claim_start)
        shorter = min(end - start, claim_end - claim_start)
        if overlap <= 0 or shorter <= 0 or overlap < COVER_RATIO * shorter:
            continue
        candidate = (-overlap, claim_id)
        if best is None or candidate < best:
            best = candidate
    return best[1] if best else None


def covering_claims(spans: list[tuple[int, int]], claims: list[ClaimSpan]) -> list[int | None]:
    """covering_claim for each sentence span, in order; claims are sorted by start once
    and only those that can reach a sentence are compared with it."""
    ordered = sorted(claims, key=lambda claim: claim[1])
    result = []
    for start, end in spans:
        reaching = [claim for claim in ordered if claim[1] < end and claim[2] > start]
        result.append(covering_claim(start, end, reaching))
    return result
