"""JSON decoding with a nesting limit (SECURITY-CASES #34).

Python's decoder recurses once per level: a few kilobytes of `[[[[...` raise
RecursionError, which no `except ValueError` catches, so a 6 KB body was an
unauthenticated 500 with a traceback logged per request. No document this app
reads (API bodies, article imports) nests deeper than a handful of levels, so
anything past FACTCHECK_JSON_MAX_DEPTH (32 by default) is refused as malformed.

`loads` is the one decoder for client-supplied JSON: the DRF parser
(factcheck.parsers) and the article importer (articles.importing) both use it.
It is pure apart from reading that one setting.
"""

import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

DEFAULT_MAX_DEPTH = 32


class JSONTooDeep(ValueError):
    """The document nests arrays/objects deeper than the limit.

    A ValueError, so code that already turns malformed JSON into a 400 keeps doing so.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        message = gettext("JSON nested too deeply: more than %(limit)d levels of arrays or objects")
        super().__init__(message % {"limit": limit})


def max_depth() -> int:
    return getattr(settings, "FACTCHECK_JSON_MAX_DEPTH", DEFAULT_MAX_DEPTH)


def loads(raw: str | bytes, *, limit: int | None = None, **kwargs: Any) -> Any:
    """json.loads, refusing documents nested deeper than `limit` with JSONTooDeep.

    Very deep input never gets past the C decoder (RecursionError, caught here);
    moderately deep input decodes and is then measured without recursion.
    """
    limit = max_depth() if limit is None else limit
    try:
        value = json.loads(raw, **kwargs)
    except RecursionError:
        raise JSONTooDeep(limit) from None
    if nesting_depth(value, stop_after=limit) > limit:
        raise JSONTooDeep(limit)
    return value


def nesting_depth(value: Any, *, stop_after: int | None = None) -> int:
    """Levels of list/dict nesting (a scalar is 0, `[]` and `{}` are 1), iteratively.

    With `stop_after`, returns as soon as a level past it is seen (cheap refusal).
    """
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if stop_after is not None and deepest > stop_after:
            return deepest
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest
