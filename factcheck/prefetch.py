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


# (model, relation name) -> its evaluated empty queryset, shared by every instance.
_EMPTY: dict[tuple[type, str], models.QuerySet] = {}


def _empty(instance: models.Model, name: str) -> models.QuerySet:
    """An evaluated `none()` queryset of the relation's model, made once per relation.

    Building `instance.<name>.all()` for each new row (a related manager, a filter on
    the row's key) was about 20 us per relation (issue 9). An empty relation needs
    nothing bound to its row: its queryset yields [] and counts 0, and a filter or
    other chained query on it stays empty without a query, as it would find nothing.
    Shared between threads, it is only read: its result cache is already set.
    """
    key = (type(instance), name)
    empty = _EMPTY.get(key)
    if empty is None:
        # Reverse relations are looked up under their related_name, which the callers
        # pass (sources, verdicts, ...).
        related = instance._meta.get_field(name).related_model
        empty = related._default_manager.none()
        empty._result_cache = []
        empty._prefetch_done = True
        _EMPTY[key] = empty
    return empty
