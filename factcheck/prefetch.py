"""Filling Django's prefetch cache by hand, for rows whose relations are known already.

A row the request has just inserted has no sources, verdicts or publications:
prefetching them would cost a query each to learn that (issue 9: 38% of a
claim create's time). Serializers read relations through `.all()`, which
returns what is in the prefetch cache without a query.
"""

from django.db import models


def mark_relations_empty(instance: models.Model, *names: str, empties=None) -> models.Model:
    """Record that `instance` has no related rows under each reverse relation in `names`.

    The same cache Django's prefetch_related fills: `instance.<name>.all()` then
    answers [] without a query. For rows created in this request, which nothing
    else could have linked to yet, or rows a query just found without any.
    `empties` (from empty_results) lets many instances share the empty results.
    """
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for name in names:
        cache[name] = empties[name] if empties else _empty(instance, name)
    return instance


def empty_results(instance: models.Model, *names: str) -> dict[str, models.QuerySet]:
    """One evaluated, empty queryset per relation, to share between instances (read-only)."""
    return {name: _empty(instance, name) for name in names}


def related(instance: models.Model, name: str):
    """`instance.<name>.all()`, but straight from the prefetch cache when it holds `name`.

    `.all()` on a reverse relation builds a related manager and clones a queryset on
    every call before it finds the cache: about 7 calls per claim in a list of claims,
    a sizeable part of rendering one (issue 9). Without a cached result this is
    `.all()` itself (a query).
    """
    cached = getattr(instance, "_prefetched_objects_cache", {}).get(name)
    return cached if cached is not None else getattr(instance, name).all()


def _empty(instance: models.Model, name: str) -> models.QuerySet:
    # Reverse relations with a related_name are cached under that name, which is what
    # the callers pass (sources, verdicts, ...).
    queryset = getattr(instance, name).all()
    queryset._result_cache = []
    queryset._prefetch_done = True
    return queryset
