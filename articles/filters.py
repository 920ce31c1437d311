"""Query-string filters for the article list; only the names below are honoured.

Anything else in the query string is ignored, and `ordering` takes only the
allowlisted values (an unknown one is a 400), so `?ordering=created_by__password`
can never sort, and thereby leak, by a field we did not choose to expose.
"""

import django_filters
from django import forms
from django.db.models import Exists, Q, QuerySet

from annotations.filters import DeskOnlyParameters
from articles.models import Article
from articles.selectors import claims_on_article
from factcheck import text_search


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorts by the chosen keys, then by id, so rows tying on the key never repeat across pages."""

    def filter(self, qs: QuerySet, value) -> QuerySet:
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "-id") if value else qs


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0); anything else is a 400 rather than silently "no filter"."""

    # NullBooleanField's select widget maps unknown values to None before validation.
    widget = forms.TextInput

    def to_python(self, value):
        result = super().to_python(value)
        if result is None and value not in self.empty_values:
            raise forms.ValidationError("Must be true or false.", code="invalid")
        return result


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class ArticleFilter(DeskOnlyParameters, django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label="Search title, publisher and text, best match first (unless `ordering` is given): "
        'every word (stemmed), "a phrase", `or`, `-word`; or the title as a substring.',
    )
    publisher = django_filters.CharFilter(
        field_name="publisher", lookup_expr="iexact", label="Exact publisher name (any case)."
    )
    has_claims = StrictBooleanFilter(
        method="filter_has_claims", label="true: only articles with claims; false: only without."
    )
    ordering = StableOrderingFilter(
        fields=(
            ("title", "title"),
            ("published_at", "published_at"),
            ("created_at", "created_at"),
            ("claim_count", "claim_count"),
        ),
        label="Sort by title, published_at, created_at or claim_count; prefix - to reverse.",
    )

    class Meta:
        model = Article
        fields = ["q", "publisher", "has_claims"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Ranked through the search app's index when it is installed (factcheck.text_search).
        return text_search.ranked(queryset, value, fallback=_substring_search)

    def filter_has_claims(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        # EXISTS stops at the first claim this user may see; filtering on the counted
        # claim_count would count every article's claims first.
        claims = Exists(claims_on_article(self.request.user))
        return queryset.filter(claims if value else ~claims)


def _substring_search(queryset: QuerySet, value: str) -> QuerySet:
    """The plain filter, without the search app: the text in the title or the text."""
    return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))
