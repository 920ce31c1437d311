"""Re-anchoring claims after an article's text changed. Pure functions, no ORM.

Each claim stored its quote with up to 32 code points of context each side
(annotations.anchoring). Against the new text, the first rule that holds decides:

unchanged  The same offsets still read the same quote, and that spot is the
           claim's: the quote occurs only once, or the full stored prefix sits
           right before it or the full stored suffix right after it.
moved      The exact quote occurs once in the new text; or it occurs several
           times and exactly one occurrence has the full stored prefix right
           before it or the full stored suffix right after it.
fuzzy      The exact quote is gone, but a span right after an occurrence of the
           full prefix, or right before one of the full suffix, reads like it:
           similarity >= MIN_SIMILARITY, and no other such span scores as high.
           "five officers died" -> "five officers have died" scores 0.878.
orphaned   Anything else, including look-alike places the context cannot tell
           apart. We never guess: an orphan keeps its old offsets, which point
           into the revision where it was last found.

An empty prefix means the quote began the text, so it matches only at offset 0;
an empty suffix matches only at the end.

Similarity is the normalised InDel similarity (rapidfuzz's `fuzz.ratio` / 100):
1 - (characters inserted + deleted) / (len(a) + len(b)). MIN_SIMILARITY is 0.75:
low enough for a word inserted or changed in a sentence-long quote ("five police
officers have died" still scores 0.75), high enough that a different sentence
between the same neighbours ("the weather was fine") is never taken for it.
A fuzzy claim is flagged for a reviewer to confirm; its old quote stays in history.

Speed: `str.find` for exact matches, rapidfuzz (C++) for similarity; 500 claims
in a 100 KB text take well under a second (bench/reanchor.py prints it).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from annotations.anchoring import Anchor, anchor_span, find_occurrences

MIN_SIMILARITY = 0.75
UNCHANGED, MOVED, FUZZY, ORPHANED = "unchanged", "moved", "fuzzy", "orphaned"
# How much longer or shorter than the quote a fuzzy match may be.
_LENGTH_SLACK = 0.5


@dataclass(frozen=True)
class Outcome:
    """What became of one claim: `anchor` is its new place, None for an orphan."""

    kind: str
    anchor: Anchor | None = None
    similarity: float | None = None


def reanchor(old: Anchor, text: str, *, offsets_apply: bool = True) -> Outcome:
    """Find `old` (a claim's stored anchor) in `text`, by the rules above.

    `offsets_apply` is False for an orphan, whose offsets index an older text than
    the one just replaced: its place can only be found by quote and context.
    """
    if offsets_apply and _still_there(old, text):
        return Outcome(UNCHANGED, anchor_span(text, old.start, old.end), 1.0)
    positions = find_occurrences(text, old.quote)
    if positions:
        return _moved(old, text, positions)
    return _fuzzy(old, text)


def reanchor_all(olds: Sequence[Anchor], text: str, orphans: Sequence[bool] = ()) -> list[Outcome]:
    """reanchor() for each claim of one article; two claims never land on one span.

    When several claims would land on the same span, the one whose full prefix and
    full suffix both match there keeps it, if exactly one does; failing that, the one
    whose prefix or suffix matches, if exactly one does. The others (or all, when
    the context cannot tell them apart) are orphaned rather than guessed.
    """
    flags = list(orphans) or [False] * len(olds)
    outcomes = [
        reanchor(old, text, offsets_apply=not orphan)
        for old, orphan in zip(olds, flags, strict=True)
    ]
    by_span: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, outcome in enumerate(outcomes):
        if outcome.anchor is not None:
            by_span[(outcome.anchor.start, outcome.anchor.end)].append(index)
    for (start, end), indexes in by_span.items():
        if len(indexes) > 1:
            keep = _clash_winner([olds[i] for i in indexes], text, start, end)
            for position, index in enumerate(indexes):
                if position != keep:
                    outcomes[index] = Outcome(ORPHANED)
    return outcomes


def similarity(a: str, b: str) -> float:
    """Normalised InDel similarity in [0, 1] (see the module docstring)."""
    return fuzz.ratio(a, b) / 100.0


# --- the rules ----------------------------------------------------------------------------


def _still_there(old: Anchor, text: str) -> bool:
    if text[old.start : old.end] != old.quote:
        return False
    if _prefix_before(old, text, old.start) or _suffix_after(old, text, old.end):
        return True
    positions = find_occurrences(text, old.quote)
    return len(positions) == 1


def _moved(old: Anchor, text: str, positions: list[int]) -> Outcome:
    length = len(old.quote)
    if len(positions) > 1:
        positions = [
            pos
            for pos in positions
            if _prefix_before(old, text, pos) or _suffix_after(old, text, pos + length)
        ]
    if len(positions) != 1:
        return Outcome(ORPHANED)
    return Outcome(MOVED, anchor_span(text, positions[0], positions[0] + length), 1.0)


def _fuzzy(old: Anchor, text: str) -> Outcome:
    """The single most similar span adjacent to the full prefix or suffix, if similar enough."""
    scored: dict[tuple[int, int], float] = {}
    for start, end in _candidate_spans(old, text):
        region = text[start:end]
        if region.strip():
            scored[(start, end)] = similarity(old.quote, region)
    if not scored:
        return Outcome(ORPHANED)
    best = max(scored.values())
    winners = [span for span, score in scored.items() if score == best]
    if best < MIN_SIMILARITY or len(winners) != 1:
        return Outcome(ORPHANED)
    start, end = winners[0]
    return Outcome(FUZZY, anchor_span(text, start, end), round(best, 4))


def _candidate_spans(old: Anchor, text: str) -> list[tuple[int, int]]:
    """Spans starting right after the prefix or ending right before the suffix.

    Where both sit around a span it is taken whole; otherwise every length within
    the slack is tried and each place keeps its best-scoring length.
    """
    shortest = max(1, int(len(old.quote) * (1 - _LENGTH_SLACK)))
    longest = int(len(old.quote) * (1 + _LENGTH_SLACK)) + 1
    starts = _prefix_ends(old, text)
    ends = _suffix_starts(old, text)
    spans = [(s, e) for s in starts for e in ends if shortest <= e - s <= longest]
    for start in starts:
        spans.append(_best_length(old.quote, text, start, shortest, longest, forward=True))
    for end in ends:
        spans.append(_best_length(old.quote, text, end, shortest, longest, forward=False))
    return [span for span in spans if span is not None]


def _best_length(quote: str, text: str, fixed: int, shortest: int, longest: int, *, forward: bool):
    """The span of the best-scoring length from `fixed` (its start, or its end when backward)."""
    best, best_score = None, -1.0
    for length in range(shortest, longest + 1):
        start, end = (fixed, fixed + length) if forward else (fixed - length, fixed)
        if start < 0 or end > len(text):
            break
        score = similarity(quote, text[start:end])
        # Strictly better only: of equal scores, the length closest to the quote's wins,
        # because lengths are tried from short to long and the quote's lies in between.
        if score > best_score or (score == best_score and abs(length - len(quote)) < abs(
            (best[1] - best[0]) - len(quote))):  # fmt: skip
            best, best_score = (start, end), score
    return best


def _prefix_ends(old: Anchor, text: str) -> list[int]:
    if not old.prefix:
        return [0]
    return [pos + len(old.prefix) for pos in find_occurrences(text, old.prefix)]


def _suffix_starts(old: Anchor, text: str) -> list[int]:
    if not old.suffix:
        return [len(text)]
    return find_occurrences(text, old.suffix)


def _prefix_before(old: Anchor, text: str, start: int) -> bool:
    if not old.prefix:
        return start == 0
    return start >= len(old.prefix) and text[start - len(old.prefix) : start] == old.prefix


def _suffix_after(old: Anchor, text: str, end: int) -> bool:
    if not old.suffix:
        return end == len(text)
    return text[end : end + len(old.suffix)] == old.suffix


def _clash_winner(olds: list[Anchor], text: str, start: int, end: int) -> int | None:
    """Index of the one claim the context gives [start, end) to, or None."""
    sides = [(_prefix_before(old, text, start), _suffix_after(old, text, end)) for old in olds]
    for test in (all, any):
        matching = [index for index, pair in enumerate(sides) if test(pair)]
        if len(matching) == 1:
            return matching[0]
        if matching:
            return None
    return None
