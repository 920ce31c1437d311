"""A query the hot paths run on every request, built and compiled to SQL once per process.

Building a queryset and compiling it costs Python time on every call: the token
lookup with its role EXISTS clauses took about 1 ms of a 5 ms request (issue 9,
bench/profile_requests.py), for SQL that never changes; only the token differs.
A CompiledQuery builds its queryset once, with marker values where the request's
values go, compiles it, and from then on sends that SQL with the real values;
the rows become model instances exactly as the queryset would make them (Django's
converters, select_related objects, annotations).

On PostgreSQL the SQL is also prepared once per connection (the backend's
prepared_cursor): the server then skips parsing and planning it, which was most
of the token lookup's time.

The markers must reach the SQL as parameters unchanged (a string for a text
column, an int for an integer column), and each must occur in the parameters;
that is checked when the query is compiled.
"""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators


def prepared_cursor(using: str):
    """The backend's prepared cursor where it has one (factcheck.db_backends.postgresql)."""
    connection = connections[using]
    prepared = getattr(connection, "prepared_cursor", None)
    return prepared() if prepared else connection.cursor()


class _Compiled:
    def __init__(self, queryset: QuerySet, markers: tuple[Any, ...], using: str) -> None:
        compiler = queryset.query.get_compiler(using=using)
        self.sql, params = compiler.as_sql()
        positions = [[i for i, p in enumerate(params) if p == marker] for marker in markers]
        if not all(positions):
            raise ValueError("every marker must be one of the compiled query's parameters")
        self.params = list(params)
        self.positions = positions
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, using)
        self.annotations = dict(compiler.annotation_col_map)
        self.converters = compiler.get_converters([column[0] for column in select])
        self.compiler = compiler
        self.sliced = queryset.query.is_sliced

    def _params(self, values: tuple[Any, ...]) -> list[Any]:
        params = self.params.copy()
        for value, positions in zip(values, self.positions, strict=True):
            for position in positions:
                params[position] = value
        return params

    def _instance(self, row, using: str) -> Model:
        obj = self.model.from_db(using, self.init_list, row[self.start : self.end])
        for populator in self.populators:
            populator.populate(row, obj)
        for name, position in self.annotations.items():
            setattr(obj, name, row[position])
        return obj

    def first(self, values: tuple[Any, ...], using: str) -> Model | None:
        with prepared_cursor(using) as cursor:
            cursor.execute(self.sql, self._params(values))
            row = cursor.fetchone()
        if row is None:
            return None
        if self.converters:
            row = next(iter(self.compiler.apply_converters([list(row)], self.converters)))
        return self._instance(row, using)

    def rows(self, values: tuple[Any, ...], limit: int, offset: int, using: str) -> list[Model]:
        if self.sliced:
            raise ValueError("rows() pages with limit and offset: leave the queryset unsliced")
        # LIMIT/OFFSET as parameters (Django writes a slice's bounds into the SQL text),
        # so one compiled statement serves every page size and page.
        with prepared_cursor(using) as cursor:
            cursor.execute(f"{self.sql} LIMIT %s OFFSET %s", [*self._params(values), limit, offset])
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        return [self._instance(row, using) for row in rows]


class CompiledQuery:
    """`build(*markers)` returns the queryset; `first(*values)` runs it with `values`."""

    def __init__(self, build: Callable[..., QuerySet], *markers: Any) -> None:
        self._build = build
        self._markers = markers
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _get(self, using: str) -> _Compiled:
        compiled = self._compiled.get(using)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(using)
                if compiled is None:
                    queryset = self._build(*self._markers)
                    compiled = _Compiled(queryset, self._markers, using)
                    self._compiled[using] = compiled
        return compiled

    def first(self, *values: Any, using: str = "default") -> Model | None:
        """The first row as a model instance, or None."""
        return self._get(using).first(values, using)

    def rows(self, *values: Any, limit: int, offset: int = 0, using: str = "default") -> list:
        """Rows `offset` to `offset + limit` in the queryset's order, as model instances.

        No prefetching: the caller runs prefetch_related_objects on the list if it needs it.
        """
        return self._get(using).rows(values, limit, offset, using)
