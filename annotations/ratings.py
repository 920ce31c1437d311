"""The rating scale: the one vocabulary used by models, API, UI and exports.

Five graded ratings map to schema.org `ratingValue` 5 (true) .. 1 (false).
`misleading` and `unverifiable` are not points on that line, so they carry no
number; ClaimReview then states them through `alternateName` only.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override


class Rating(models.TextChoices):
    # Labels follow the active language (Spanish: Verdadero ... Inverificable); the
    # API, exports and ClaimReview are answered in settings.LANGUAGE_CODE.
    TRUE = "true", _("True")
    MOSTLY_TRUE = "mostly-true", _("Mostly true")
    HALF_TRUE = "half-true", _("Half true")
    MOSTLY_FALSE = "mostly-false", _("Mostly false")
    FALSE = "false", _("False")
    MISLEADING = "misleading", _("Misleading")
    UNVERIFIABLE = "unverifiable", _("Unverifiable")


BEST_RATING = 5
WORST_RATING = 1

_NUMERIC_VALUES: dict[str, int] = {
    Rating.TRUE: 5,
    Rating.MOSTLY_TRUE: 4,
    Rating.HALF_TRUE: 3,
    Rating.MOSTLY_FALSE: 2,
    Rating.FALSE: 1,
}

_DESCRIPTIONS: dict[str, object] = {
    Rating.TRUE: _("The statement is accurate and nothing significant is missing."),
    Rating.MOSTLY_TRUE: _("Accurate, but needs clarification or additional information."),
    Rating.HALF_TRUE: _(
        "Partially accurate; leaves out important details or takes things out of context."
    ),
    Rating.MOSTLY_FALSE: _(
        "Contains an element of truth but ignores facts that would give a different impression."
    ),
    Rating.FALSE: _("The statement is not accurate."),
    Rating.MISLEADING: _("Facts are used in a way that leads to a false conclusion."),
    Rating.UNVERIFIABLE: _("The available evidence can neither prove nor disprove it."),
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
    """Human label in the active language, e.g. "Mostly false" ("Mayormente falso")."""
    return str(Rating(rating).label)


def site_label(rating: str) -> str:
    """The label in the site's language (LANGUAGE_CODE), for ClaimReview and other data."""
    with override(settings.LANGUAGE_CODE):
        return label(rating)


def scale() -> list[RatingInfo]:
    """The whole scale in display order, best to worst, then the ungraded ones.

    Labels and descriptions are in the active language at the time of the call.
    """
    return [
        RatingInfo(
            value=choice.value,
            label=str(choice.label),
            numeric_value=numeric_value(choice.value),
            description=str(_DESCRIPTIONS[choice.value]),
        )
        for choice in Rating
    ]


def rating_distance(first: str, second: str) -> int | None:
    """Steps between two graded ratings; None when either is ungraded."""
    a, b = numeric_value(first), numeric_value(second)
    if a is None or b is None:
        return None
    return abs(a - b)
