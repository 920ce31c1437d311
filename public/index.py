"""The public index's search and filters: the form, what each filter means, and the facets.

Facets are counted "disjunctively", as shops and library catalogues do: the
counts of one facet apply every other filter but its own, so choosing a
rating still shows how many fact-checks the other ratings would give. Counts
run over public fact-checks only (see selectors), never over drafts.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from annotations.models import Claim
from annotations.ratings import Rating, label
from public import search

FACET_SIZE = 12
_SCALE_ORDER = list(Rating.values)


class IndexFilterForm(forms.Form):
    """GET parameters of /factchecks/. A bad value is a 400 with the field's message."""

    q = forms.CharField(label=_("Search fact-checks"), required=False, max_length=200)
    rating = forms.ChoiceField(
        label=_("Rating"), required=False, choices=[("", _("Any rating")), *Rating.choices]
    )
    claimant = forms.CharField(label=_("Claimant"), required=False, max_length=300)
    publisher = forms.CharField(label=_("Article publisher"), required=False, max_length=200)
    date_from = forms.DateField(
        label=_("Published from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Published until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_q(self) -> str:
        return search.clean_query(self.cleaned_data["q"])

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Must not be before the start date."))
        return data

    def conditions(self) -> dict[str, Q]:
        """{facet name: condition} for the filters given; call after is_valid()."""
        data = self.cleaned_data
        date_from, date_to = data["date_from"], data["date_to"]
        found = {
            "rating": Q(rating=data["rating"]) if data["rating"] else None,
            "claimant": Q(claimant__iexact=data["claimant"]) if data["claimant"] else None,
            "publisher": (
                Q(article__publisher__iexact=data["publisher"]) if data["publisher"] else None
            ),
            "date_from": Q(first_published_at__date__gte=date_from) if date_from else None,
            "date_to": Q(first_published_at__date__lte=date_to) if date_to else None,
        }
        return {name: condition for name, condition in found.items() if condition is not None}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


def apply(claims: QuerySet[Claim], conditions: dict[str, Q], *, leave_out: str = ""):
    for name, condition in conditions.items():
        if name != leave_out:
            claims = claims.filter(condition)
    return claims


def facets(
    claims: QuerySet[Claim], conditions: dict[str, Q], matching=lambda rows: rows
) -> dict[str, list[FacetValue]]:
    """Counts per rating, claimant and article publisher: one GROUP BY query each.

    `matching` narrows rows to the text query's matches, applied after the other
    conditions: a text search keeps at most 500 matches (search/filtering.py), so
    it must choose them among the rows the conditions leave.
    """
    return {
        "rating": sorted(
            (
                FacetValue(row["rating"], label(row["rating"]), row["n"])
                for row in _counts(claims, conditions, matching, "rating", "rating")
            ),
            key=lambda facet: _SCALE_ORDER.index(facet.value),
        ),
        "claimant": [
            FacetValue(row["claimant"], row["claimant"], row["n"])
            for row in _counts(claims, conditions, matching, "claimant", "claimant")[:FACET_SIZE]
        ],
        "publisher": [
            FacetValue(row["article__publisher"], row["article__publisher"], row["n"])
            for row in _counts(claims, conditions, matching, "publisher", "article__publisher")[
                :FACET_SIZE
            ]
        ],
    }


def _counts(claims: QuerySet[Claim], conditions: dict[str, Q], matching, facet: str, field: str):
    rows = matching(apply(claims, conditions, leave_out=facet)).exclude(**{field: ""})
    return rows.order_by().values(field).annotate(n=Count("pk")).order_by("-n", field)
