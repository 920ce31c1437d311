"""Inter-reviewer agreement. Pure functions over ratings; no ORM.

Per claim, `claim_agreement` says whether its reviewers agree, sit on adjacent
points of the graded scale, or conflict. Across claims, `agreement_stats`
reports pairwise percent agreement and Krippendorff's alpha, which corrects
for the agreement chance alone would produce and copes with claims rated by
different numbers of reviewers (Cohen's kappa needs exactly two raters).

The ratings callers pass are each reviewer's first rating (Verdict.first_rating,
annotations.selectors): a verdict changed after its author could read the others'
is a revision, and must not turn a disagreement into agreement (issue 8).
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import permutations

from django.utils.translation import gettext_lazy as _

from annotations.ratings import numeric_value

NONE, AGREE, ADJACENT, CONFLICT = "none", "agree", "adjacent", "conflict"

# How the reviewer UI names each value (claim card, queue rows and its filter).
# Words, not only colours: the queue's _("Reviewers disagree") filter is CONFLICT.
LABELS = {
    NONE: _("Fewer than two verdicts"),
    AGREE: _("Reviewers agree"),
    ADJACENT: _("Reviewers one step apart"),
    CONFLICT: _("Reviewers disagree"),
}


def claim_agreement(ratings: Sequence[str]) -> str:
    """none (<2 verdicts), agree (all equal), adjacent (graded, <= 1 step apart), conflict."""
    if len(ratings) < 2:
        return NONE
    if len(set(ratings)) == 1:
        return AGREE
    values = [numeric_value(rating) for rating in ratings]
    if None not in values and max(values) - min(values) <= 1:
        return ADJACENT
    return CONFLICT


def nominal_distance(first: str, second: str) -> float:
    return 0.0 if first == second else 1.0


def interval_distance(first: str, second: str) -> float:
    """Squared difference of schema.org values; only defined for graded ratings."""
    return float((numeric_value(first) - numeric_value(second)) ** 2)


def krippendorff_alpha(
    units: Iterable[Sequence[str]], distance: Callable[[str, str], float] = nominal_distance
) -> float | None:
    """Krippendorff's alpha over units (claims) of ratings; units with <2 ratings are skipped.

    alpha = 1 - (n - 1) * sum(o_ck * d(c,k)) / sum(n_c * n_k * d(c,k)), with o the
    coincidence matrix. None when it is undefined: no pairable values, or every
    value identical (no disagreement is possible, so chance cannot be corrected).
    """
    coincidences: Counter = Counter()
    for ratings in units:
        if len(ratings) < 2:
            continue
        for first, second in permutations(ratings, 2):
            coincidences[(first, second)] += 1 / (len(ratings) - 1)
    totals: Counter = Counter()
    for (first, _second), weight in coincidences.items():
        totals[first] += weight
    n = sum(totals.values())
    observed = sum(w * distance(c, k) for (c, k), w in coincidences.items())
    expected = sum(totals[c] * totals[k] * distance(c, k) for c in totals for k in totals)
    if n <= 1 or expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def percent_agreement(units: Iterable[Sequence[str]]) -> float | None:
    """Share of reviewer pairs, within each claim, that gave the same rating."""
    agreeing = total = 0
    for ratings in units:
        for i, first in enumerate(ratings):
            for second in ratings[i + 1 :]:
                total += 1
                agreeing += first == second
    return agreeing / total if total else None


@dataclass
class ReviewerAgreement:
    reviewer: str
    claims: int = 0
    pairs: int = 0
    agreeing_pairs: int = 0

    @property
    def percent(self) -> float | None:
        return self.agreeing_pairs / self.pairs if self.pairs else None


@dataclass
class AgreementStats:
    claims: int
    verdicts: int
    percent_agreement: float | None
    alpha_nominal: float | None
    alpha_interval: float | None
    reviewers: list[ReviewerAgreement] = field(default_factory=list)


def agreement_stats(ratings_by_claim: Mapping[int, Mapping[str, str]]) -> AgreementStats:
    """Figures over claims with two or more verdicts.

    `ratings_by_claim` maps claim id -> {reviewer: rating}. The interval alpha
    uses only the graded ratings (misleading/unverifiable have no place on it).
    """
    units = {cid: r for cid, r in ratings_by_claim.items() if len(r) >= 2}
    values = [list(r.values()) for r in units.values()]
    graded = [[v for v in unit if numeric_value(v) is not None] for unit in values]
    return AgreementStats(
        claims=len(units),
        verdicts=sum(len(unit) for unit in values),
        percent_agreement=percent_agreement(values),
        alpha_nominal=krippendorff_alpha(values),
        alpha_interval=krippendorff_alpha(graded, interval_distance),
        reviewers=_per_reviewer(units),
    )


def _per_reviewer(units: Mapping[int, Mapping[str, str]]) -> list[ReviewerAgreement]:
    rows: dict[str, ReviewerAgreement] = {}
    for ratings in units.values():
        for reviewer, rating in ratings.items():
            row = rows.setdefault(reviewer, ReviewerAgreement(reviewer=reviewer))
            row.claims += 1
            others = [r for name, r in ratings.items() if name != reviewer]
            row.pairs += len(others)
            row.agreeing_pairs += sum(other == rating for other in others)
    return sorted(rows.values(), key=lambda row: row.reviewer)
