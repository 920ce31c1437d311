"""Filling Django's prefetch cache by hand, for rows whose relations are known already.

A row the request has just inserted has no sources, verdicts or publications:
prefetching them would cost a query each to learn that (issue 9: 38% of a
claim create's time). Serializers read relations through `.all()`, which
returns what is in the prefetch cache without a query.
"""

from django.db import models


def mark_relations_empty(instance: models.Model, *names: str) -> models.Model:
    """Record that `instance` has no related rows under each reverse relation in `names`.

    The same cache Django's prefetch_related fills: `instance.<name>.all()` then
    answers [] without a query. Only for rows created in this request, which
    nothing else could have linked to yet.
    """
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for name in names:
        queryset = getattr(instance, name).all()
        queryset._result_cache = []
        queryset._prefetch_done = True
        cache[getattr(instance.__class__, name).rel.get_accessor_name()] = queryset
    return instance
