"""Query-string filters for the claim list; names outside this set are ignored."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema_field

from annotations import selectors
from annotations.agreement import ADJACENT, AGREE, CONFLICT, NONE
from annotations.models import Claim, ClaimStatus
from annotations.permissions import can_see_unpublished
from annotations.ratings import Rating
from factcheck import text_search

AGREEMENT_CHOICES = [
    (NONE, "Fewer than two verdicts you may see"),
    (AGREE, "Reviewers agree"),
    (ADJACENT, "Reviewers are one step apart"),
    (CONFLICT, "Reviewers conflict"),
]


# The largest id a BigAutoField can hold; a larger number overflows SQLite's
# INTEGER (a 500) instead of simply matching nothing.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A whole-number id from 1 to MAX_ID; NumberFilter alone would take `?article=1.5`."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=MAX_ID, **kwargs)


def id_filter(field_name: str, description: str) -> IdFilter:
    # drf-spectacular documents every NumberFilter as a "number"; say what it takes.
    schema = {"type": "integer", "minimum": 1, "maximum": MAX_ID, "description": description}
    return extend_schema_field(schema)(IdFilter(field_name=field_name, label=description))


class ClaimFilter(django_filters.FilterSet):
    article = id_filter("article_id", "Article id.")
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices)
    rating = django_filters.ChoiceFilter(choices=Rating.choices, label="Published rating.")
    created_by = django_filters.CharFilter(
        field_name="created_by__username", label="Username of the reviewer who marked it."
    )
    assigned_to = django_filters.CharFilter(
        method="filter_assigned_to", label="Username of a reviewer assigned to the claim."
    )
    agreement = django_filters.ChoiceFilter(
        choices=AGREEMENT_CHOICES,
        method="filter_agreement",
        label="Agreement between the verdicts you may see (as in each claim's `agreement`).",
    )
    q = django_filters.CharFilter(
        method="search",
        label="Search quote, statement and claimant, best match first: every word (stemmed), "
        '"a phrase", `or`, `-word`; or the text as a case-insensitive substring.',
    )

    class Meta:
        model = Claim
        fields = ["article", "status", "rating", "created_by", "assigned_to", "agreement", "q"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Ranked through the search app's index when it is installed (factcheck.text_search).
        return text_search.ranked(queryset, value, fallback=_substring_search)

    def filter_assigned_to(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Assignments are desk records: for everyone else `assigned_to` is always empty.
        if not can_see_unpublished(self.request.user):
            return queryset.none()
        # One assignment per reviewer and claim (a unique constraint): the join adds no rows.
        return queryset.filter(assignments__reviewer__username=value)

    def filter_agreement(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # One query over the verdicts of the claims filtered so far, judged in Python by
        # the same function as the `agreement` field; "none" is every claim not judged
        # otherwise. The id lists are bounded by those claims, not by the whole table.
        judged = selectors.agreement_by_claim(self.request.user, queryset)
        if value == NONE:
            return queryset.exclude(pk__in=list(judged))
        return queryset.filter(pk__in=[pk for pk, found in judged.items() if found == value])


def _substring_search(queryset: QuerySet, value: str) -> QuerySet:
    """The plain filter, without the search app: the text anywhere in one of the fields."""
    return queryset.filter(
        Q(quote__icontains=value) | Q(statement__icontains=value) | Q(claimant__icontains=value)
    )
