"""The text-search extension point: how a `?q=` filter finds and ranks rows.

Lower apps (articles, annotations) and their peers (public) filter lists by a
free-text query. The search app owns the indexes that make that fast and ranked
(stored tsvectors and GIN indexes on PostgreSQL, FTS5 on SQLite); lower apps
must not import it (layering, tests/articles/test_reader_extensions.py). So the
search app registers a backend here from its AppConfig.ready(), and callers ask
`ranked(queryset, query, fallback=...)`.

A backend is `(queryset, query) -> queryset | None`: the rows matching `query`
with an alias `search_rank` (higher is better; not selected, so aggregates over
the result are unaffected), or None when it cannot search that model (the
caller's fallback then runs). Without the search app installed every call takes
the fallback, each caller's own plain filter (e.g. case-insensitive substrings).
"""

from collections.abc import Callable

from django.db.models import F, QuerySet

Backend = Callable[[QuerySet, str], QuerySet | None]
Fallback = Callable[[QuerySet, str], QuerySet]
RANK = "search_rank"

_backends: list[Backend] = []


def register(backend: Backend) -> None:
    if backend not in _backends:
        _backends.append(backend)


def unregister(backend: Backend) -> None:
    """For tests that check the fallback."""
    if backend in _backends:
        _backends.remove(backend)


def matching(queryset: QuerySet, query: str, *, fallback: Fallback) -> QuerySet:
    """`queryset` narrowed to the rows matching `query` (a ranking backend adds `search_rank`)."""
    for backend in reversed(_backends):
        result = backend(queryset, query)
        if result is not None:
            return result
    return fallback(queryset, query)


def by_relevance(queryset: QuerySet, *then: str) -> QuerySet:
    """Best match first when `queryset` came from a ranking backend, then by `then`."""
    if RANK in queryset.query.annotations:
        return queryset.order_by(F(RANK).desc(), *then)
    return queryset.order_by(*then) if then else queryset


def ranked(queryset: QuerySet, query: str, *, fallback: Fallback) -> QuerySet:
    """matching(), best first, ties in the queryset's own order (its model's by default)."""
    own_order = queryset.query.order_by or queryset.model._meta.ordering
    return by_relevance(matching(queryset, query, fallback=fallback), *own_order)
