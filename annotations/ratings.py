"""The rating scale: the one vocabulary used by models, API, UI and exports.

Five graded ratings map to schema.org `ratingValue` 5 (true) .. 1 (false).
`misleading` and `unverifiable` are not points on that line, so they carry no
number; ClaimReview then states them through `alternateName` only.
"""

from dataclasses import dataclass

from django.db import models


class Rating(models.TextChoices):
    TRUE = "true", "True"
    MOSTLY_TRUE = "mostly-true", "Mostly true"
    HALF_TRUE = "half-true", "Half true"
    MOSTLY_FALSE = "mostly-false", "Mostly false"
    FALSE = "false", "False"
    MISLEADING = "misleading", "Misleading"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


BEST_RATING = 5
WORST_RATING = 1

_NUMERIC_VALUES: dict[str, int] = {
    Rating.TRUE: 5,
    Rating.MOSTLY_TRUE: 4,
    Rating.HALF_TRUE: 3,
    Rating.MOSTLY_FALSE: 2,
    Rating.FALSE: 1,
}

_DESCRIPTIONS: dict[str, str] = {
    Rating.TRUE: "The statement is accurate and nothing significant is missing.",
    Rating.MOSTLY_TRUE: "Accurate, but needs clarification or additional information.",
    Rating.HALF_TRUE: (
        "Partially accurate; leaves out important details or takes things out of context."
    ),
    Rating.MOSTLY_FALSE: (
        "Contains an element of truth but ignores facts that would give a different impression."
    ),
    Rating.FALSE: "The statement is not accurate.",
    Rating.MISLEADING: "Facts are used in a way that leads to a false conclusion.",
    Rating.UNVERIFIABLE: "The available evidence can neither prove nor disprove it.",
}


@dataclass(frozen=True)
class RatingInfo:
    """Everything a client needs to show or export one rating."""

    value: str
    label: str
    numeric_value: int | None
    description: str


def numeric_value(rating: str) -> int | None:
    """schema.org ratingValue for a rating, or None for the ungraded ones."""
    return _NUMERIC_VALUES.get(rating)


def label(rating: str) -> str:
    """Human label, e.g. "Mostly false"."""
    return Rating(rating).label


def scale() -> list[RatingInfo]:
    """The whole scale in display order, best to worst, then the ungraded ones."""
    return [
        RatingInfo(
            value=choice.value,
            label=choice.label,
            numeric_value=numeric_value(choice.value),
            description=_DESCRIPTIONS[choice.value],
        )
        for choice in Rating
    ]


def rating_distance(first: str, second: str) -> int | None:
    """Steps between two graded ratings; None when either is ungraded."""
    a, b = numeric_value(first), numeric_value(second)
    if a is None or b is None:
        return None
    return abs(a - b)
