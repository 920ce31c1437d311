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


# Filters by staff username: for anyone outside the desk they would confirm that an
# account exists (issue 8), so asking is a 400 naming the parameter, whatever the value.
DESK_ONLY_PARAMETERS = ("created_by", "assigned_to")


class DeskOnlyParameters:
    """A FilterSet mixin: DESK_ONLY_PARAMETERS from anyone outside the desk are a 400.

    Also on lists that do not filter by them (articles), so no list answers such a
    question differently for a visitor, even by ignoring it.
    """

    def is_valid(self) -> bool:
        valid = super().is_valid()
        user = getattr(self.request, "user", None)
        if user is not None and can_see_unpublished(user):
            return valid
        asked = [name for name in DESK_ONLY_PARAMETERS if name in self.data]
        for name in asked:
            message = f"Only the review desk may filter by {name}."
            # A field of this form takes the error; for one it lacks, add_error() would
            # raise, so the error is set under the parameter's name directly.
            self.form.errors[name] = self.form.error_class([message])
            self.form.cleaned_data.pop(name, None)
        return valid and not asked


class ClaimFilter(DeskOnlyParameters, django_filters.FilterSet):
    article = id_filter("article_id", "Article id.")
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices)
    rating = django_filters.ChoiceFilter(choices=Rating.choices, label="Published rating.")
    created_by = django_filters.CharFilter(
        field_name="created_by__username",
        label="Username of the reviewer who marked it (desk only: a 400 for anyone else).",
    )
    assigned_to = django_filters.CharFilter(
        method="filter_assigned_to",
        label="Username of a reviewer assigned to the claim (desk only: a 400 for anyone else).",
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
        # Assignments are desk records; anyone else was refused in is_valid().
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
