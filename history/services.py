"""Recording changes. Every write service calls `record_change` in its transaction,
or creates a row and its history in one statement with `insert_with_history`."""

import functools
from typing import Any

from django.db import IntegrityError, NotSupportedError, connections, models, router, transaction
from django.db.models import signals
from django.db.models.expressions import RawSQL

from factcheck.compiled import prepared_cursor
from history.insert_sql import insert_sql
from history.models import HistoryEntry

# Stands for the primary key of the row insert_with_history inserts.
NEW_ROW = object()
_NEW_ROW_CTE = "factcheck_new_row"
_GUARD_CTE = "factcheck_guard"

Changes = dict[str, list[Any]]


def snapshot(instance: models.Model, fields: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """Current values of `fields`, foreign keys by id, for a later `diff`."""
    return {name: getattr(instance, _attname(instance, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> Changes:
    """{"field": [old, new]} for the fields whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def created(instance: models.Model, fields: tuple[str, ...] | list[str]) -> Changes:
    """A create, as changes from nothing to the stored values."""
    return {name: [None, value] for name, value in snapshot(instance, fields).items()}


def record_change(
    *,
    actor,
    action: str,
    instance: models.Model,
    changes: Changes | None = None,
    reason: str = "",
    claim_id: int | None = None,
    article_id: int | None = None,
) -> HistoryEntry:
    """Store one history row; the caller's transaction makes it atomic with the change."""
    entry = _entry(actor, action, instance, changes, reason, claim_id, article_id)
    entry.save(force_insert=True)
    return entry


def insert_with_history(
    instance: models.Model,
    *,
    actor,
    action: str,
    changes: Changes | None = None,
    reason: str = "",
    claim_id: int | object | None = None,
    article_id: int | object | None = None,
    while_unchanged: tuple[str, dict[str, Any]] | None = None,
) -> None:
    """Insert the new `instance` and its history row, atomically; NEW_ROW as `claim_id` or
    `article_id` stands for the new row's primary key.

    On PostgreSQL that is one statement, `WITH new AS (INSERT ... RETURNING id)
    INSERT INTO history ... VALUES (..., (SELECT id FROM new), ...)`: a statement is
    atomic by itself, so an upload in autocommit mode needs no BEGIN and COMMIT, and
    the two inserts one round trip instead of four (issue 9). Both INSERTs are the
    ones Django's compiler writes for `save()` (same columns, defaults, pre_save
    values such as auto_now_add, same conversions), and save()'s signals are sent.
    Elsewhere: save() and record_change() in a transaction.

    A unique or check constraint the row breaks raises IntegrityError with nothing
    stored; callers inside a transaction that must survive it wrap the call in a
    savepoint (transaction.atomic()), as they would around save().

    `while_unchanged=(foreign key, {field: value})` (PostgreSQL only) inserts only if
    the row that foreign key points to still holds those values, and keeps it from
    changing until the insert commits: the statement reads it `FOR SHARE` (which
    waits for a writer holding its lock, then looks at the row as that writer left
    it) and takes the foreign key's value from that read. A row that changed or
    disappeared raises RowChanged, with nothing stored. A claim is anchored this way
    to the text it was computed from without a transaction of its own.
    """
    model = type(instance)
    using = router.db_for_write(model, instance=instance)
    connection = connections[using]

    if while_unchanged and connection.vendor != "postgresql":
        raise NotSupportedError("while_unchanged needs PostgreSQL")
    if connection.vendor != "postgresql" or instance.pk is not None:
        with transaction.atomic(using=using):
            instance.save(force_insert=True, using=using)
            ids = {
                name: instance.pk if value is NEW_ROW else value
                for name, value in (("claim_id", claim_id), ("article_id", article_id))
            }
            record_change(actor=actor, action=action, instance=instance, changes=changes,
                          reason=reason, **ids)  # fmt: skip
        return

    meta = instance._meta
    new_pk = _select_from(_NEW_ROW_CTE, connection.ops.quote_name(meta.pk.column))
    ids = [new_pk if value is NEW_ROW else value for value in (claim_id, article_id)]
    history = _entry(actor, action, instance, changes, reason, *ids)
    history.object_id = new_pk

    signals.pre_save.send(sender=model, instance=instance, raw=False, using=using,
                          update_fields=None)  # fmt: skip
    instance._prepare_related_fields_for_save(operation_name="save")
    guard_sql, guard_params, guarded = "", (), None
    if while_unchanged:
        guarded = meta.get_field(while_unchanged[0])
        guard_sql, guard_params = _guard_sql(instance, guarded, while_unchanged[1], connection)
        kept = instance.__dict__[guarded.attname]
        # The insert takes the key from the guard's read: NULL (refused) if it found nothing.
        target_pk = connection.ops.quote_name(guarded.target_field.column)
        instance.__dict__[guarded.attname] = _select_from(_GUARD_CTE, target_pk)
    try:
        row_sql, row_params, returning = insert_sql(instance, using, returning=True)
    finally:
        if guarded:
            instance.__dict__[guarded.attname] = kept
    history_sql, history_params, _ = insert_sql(history, using, returning=False)
    sql = (
        f"WITH {guard_sql}{_NEW_ROW_CTE} AS ({row_sql}), history AS ({history_sql}) "  # noqa: S608
        f"SELECT * FROM {_NEW_ROW_CTE}"
    )
    # Prepared (the backend's prepared_cursor): the same text for every create of a model.
    with prepared_cursor(using) as cursor:
        try:
            cursor.execute(sql, (*guard_params, *row_params, *history_params))
        except IntegrityError as error:
            if guarded and _is_null_in(error, guarded.column):
                raise RowChanged(guarded.name) from error
            raise
        values = cursor.fetchone()
    for field, value in zip(returning, values, strict=True):
        setattr(instance, field.attname, value)
    instance._state.adding = False
    instance._state.db = using
    signals.post_save.send(sender=model, instance=instance, created=True, update_fields=None,
                           raw=False, using=using)  # fmt: skip


class RowChanged(Exception):
    """insert_with_history's while_unchanged row changed or went away; nothing was stored."""


@functools.cache
def _select_from(cte: str, column: str) -> RawSQL:
    """`(SELECT column FROM cte)`, made once: a RawSQL builds a Field each time it is made,
    and these never change (no params; the compiler copies an expression, never changes it).
    """
    # Identifiers only: a model's own quoted column and a constant; every value is a parameter.
    return RawSQL(f"(SELECT {column} FROM {cte})", ())  # noqa: S611, S608


def _guard_sql(instance, foreign_key, values: dict[str, Any], connection) -> tuple[str, tuple]:
    """`factcheck_guard AS (SELECT pk FROM target WHERE pk = %s AND ... FOR SHARE), `."""
    quote = connection.ops.quote_name
    target = foreign_key.related_model._meta
    pk = quote(foreign_key.target_field.column)
    conditions = [f"{pk} = %s"]
    params = [getattr(instance, foreign_key.attname)]
    for name, value in values.items():
        field = target.get_field(name)
        conditions.append(f"{quote(field.column)} = %s")
        params.append(field.get_db_prep_value(value, connection))
    sql = (
        f"{_GUARD_CTE} AS (SELECT {pk} FROM {quote(target.db_table)} "  # noqa: S608
        f"WHERE {' AND '.join(conditions)} FOR SHARE), "
    )
    return sql, tuple(params)


def _is_null_in(error: IntegrityError, column: str) -> bool:
    """Was `error` a NOT NULL violation on `column` (psycopg's diagnostics)?"""
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    return (
        getattr(cause, "sqlstate", None) == "23502" and getattr(diag, "column_name", None) == column
    )


def _entry(actor, action, instance, changes, reason, claim_id, article_id) -> HistoryEntry:
    return HistoryEntry(
        object_type=instance._meta.model_name,
        object_id=instance.pk,
        claim_id=claim_id,
        article_id=article_id,
        action=action,
        changes=changes or {},
        reason=reason,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _attname(instance: models.Model, name: str) -> str:
    field = instance._meta.get_field(name)
    return field.attname if field.is_relation else name
