"""Template helpers for the public pages."""

from django import template
from django.http import QueryDict

from annotations.ratings import Rating

register = template.Library()


@register.simple_tag
def query_with(query: QueryDict, name: str, value: str = "") -> str:
    """The current query string with `name` set to `value` (or removed when empty), and no
    page number, for facet links; escaped by the template like any other value."""
    changed = query.copy()
    changed.pop("page", None)
    changed.pop(name, None)
    if value:
        changed[name] = value
    encoded = changed.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def rating_label(value: str) -> str:
    """The label of a rating value ("mostly-false" -> "Mostly false"); "" for no rating."""
    return Rating(value).label if value in Rating.values else ""
