"""The INSERT Django's save() sends for a new row, its SQL text compiled once per shape.

insert_with_history writes a row and its history row in one statement, built from
the INSERTs Django's compiler writes. Compiling an InsertQuery costs about as much
Python time as the rest of a claim create's service (issue 9), yet its text only
depends on the model, which columns are written and which of them take an SQL
expression (RawSQL) instead of a parameter; that text is also what the prepared
statement is keyed on, so it must stay byte-identical from one call to the next.
The first insert of each shape is compiled by Django and its text kept; later ones
compute only the parameters, with the compiler's own steps: each field's
pre_save(add=True) (auto_now values are fresh every time), then get_db_prep_save, or
a RawSQL's own params.

Anything else (other expressions, fields with a custom placeholder such as
geometries, models with parents) is compiled by Django every time, as before.
"""

from typing import Any

from django.db import connections, models
from django.db.models.expressions import RawSQL
from django.db.models.sql import InsertQuery

# (model, using, returning, auto pk, shape) -> (sql, returning fields, returning params)
_COMPILED: dict[tuple, tuple[str, tuple, tuple]] = {}


def insert_sql(instance: models.Model, using: str, *, returning: bool):
    """The INSERT Django's save() would send for the new `instance`: (sql, params, returned
    fields)."""
    meta = instance._meta
    fields = _written_fields(meta, instance.pk is None)
    values = [field.pre_save(instance, add=True) for field in fields]
    shape = _shape(fields, values)
    if shape is None or meta.parents:
        return _compile(instance, fields, using, returning)[:3]
    key = (type(instance), using, returning, instance.pk is None, shape)
    compiled = _COMPILED.get(key)
    if compiled is None:
        sql, params, returned, returning_params = _compile(instance, fields, using, returning)
        _COMPILED[key] = (sql, returned, returning_params)
        return sql, params, returned
    sql, returned, returning_params = compiled
    return sql, (*_params(fields, values, connections[using]), *returning_params), returned


def _written_fields(meta, auto_pk: bool) -> list[models.Field]:
    # The columns save() writes: not generated ones, nor the pk the database assigns.
    return [
        field
        for field in meta.local_concrete_fields
        if not field.generated and not (field is meta.auto_field and auto_pk)
    ]


def _shape(fields: list[models.Field], values: list[Any]) -> tuple | None:
    """Per column, the RawSQL text it takes, or None for a parameter; None if uncacheable."""
    shape = []
    for field, value in zip(fields, values, strict=True):
        if getattr(field, "get_placeholder", None) is not None:
            return None
        if type(value) is RawSQL:
            shape.append(value.sql)
        elif hasattr(value, "resolve_expression"):
            return None
        else:
            shape.append(None)
    return tuple(shape)


def _params(fields: list[models.Field], values: list[Any], connection) -> list[Any]:
    params = []
    for field, value in zip(fields, values, strict=True):
        if type(value) is RawSQL:
            params.extend(value.params)
        else:
            params.append(field.get_db_prep_save(value, connection=connection))
    return params


def _compile(instance: models.Model, fields: list[models.Field], using: str, returning: bool):
    """Django's compiler: (sql, params, returned fields, returning params)."""
    query = InsertQuery(type(instance))
    query.insert_values(fields, [instance])
    compiler = query.get_compiler(using=using)
    compiler.returning_fields = instance._meta.db_returning_fields if returning else None
    [(sql, params)] = compiler.as_sql()
    return sql, tuple(params), compiler.returning_fields or (), tuple(compiler.returning_params)
