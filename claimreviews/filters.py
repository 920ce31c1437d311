"""Query-string filters for the imported ClaimReview list (API and reviewer page)."""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from annotations.ratings import Rating
from claimreviews import selectors
from claimreviews.models import ClaimReview

_RATINGS = {value for value, _label in Rating.choices}


class ClaimReviewFilter(django_filters.FilterSet):
    publisher = django_filters.CharFilter(
        field_name="publisher_name", lookup_expr="iexact", label=_("Publisher name (any case).")
    )
    rating = django_filters.CharFilter(
        method="filter_rating",
        label=_("Our rating(s), comma-separated: e.g. `false,mostly-false`."),
    )
    mapped = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_mapped",
        label=_("true: their label maps onto our scale; false: it does not (rating is null)."),
    )
    language = django_filters.CharFilter(
        field_name="language", lookup_expr="iexact", label=_("Language tag, e.g. `es` (any case).")
    )
    q = django_filters.CharFilter(
        method="search",
        label=_("Case-insensitive search in the claim, the review's name, claimant, publisher."),
    )

    class Meta:
        model = ClaimReview
        fields = ["publisher", "rating", "mapped", "language", "q"]

    def filter_rating(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        wanted = [part.strip() for part in value.split(",") if part.strip()]
        unknown = sorted(set(wanted) - _RATINGS)
        if unknown or not wanted:
            message = _("Not a rating: %(values)s. Use %(choices)s.") % {
                "values": ", ".join(unknown) or value,
                "choices": ", ".join(value for value, _label in Rating.choices),
            }
            raise ValidationError({"rating": [message]}, code="invalid")
        return queryset.filter(rating__in=wanted)

    def filter_mapped(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(rating__isnull=value == "false")

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.matching(queryset, value)
