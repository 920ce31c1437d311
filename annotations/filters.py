"""Query-string filters for the claim list; names outside this set are ignored."""

import django_filters
from django.db.models import Q, QuerySet

from annotations.models import Claim, ClaimStatus
from annotations.ratings import Rating


class ClaimFilter(django_filters.FilterSet):
    article = django_filters.NumberFilter(field_name="article_id", label="Article id.")
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices)
    rating = django_filters.ChoiceFilter(choices=Rating.choices, label="Published rating.")
    created_by = django_filters.CharFilter(
        field_name="created_by__username", label="Username of the reviewer who marked it."
    )
    q = django_filters.CharFilter(
        method="search", label="Case-insensitive search in quote, statement and claimant."
    )

    class Meta:
        model = Claim
        fields = ["article", "status", "rating", "created_by", "q"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(quote__icontains=value) | Q(statement__icontains=value) | Q(claimant__icontains=value)
        )
