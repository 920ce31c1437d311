"""The bulk upsert of checked rows: COPY on PostgreSQL, bulk_create elsewhere.

`upsert(rows)` stores rows keyed by `url` (distinct within the call) and returns
(created, updated, unchanged). A row whose raw JSON and mapped rating equal the
stored ones is left untouched (its `updated_at` too).

PostgreSQL: the rows are copied (COPY, text format) into a temporary table, then
one `INSERT ... SELECT ... ON CONFLICT (url) DO UPDATE ... WHERE <changed>
RETURNING (xmax = 0)` writes them and tells new rows from updated ones; rows it
skipped are the unchanged. That is two round trips per batch whatever its size,
and no Python-side SQL building per row, which is what reaches thousands of rows
a second. Elsewhere (SQLite): one SELECT of the stored (raw, rating) of the batch's
urls, then bulk_create(update_conflicts=True) of the new and changed rows.
"""

import json

from django.db import connection

from claimreviews.models import ClaimReview

COLUMNS = [
    "url", "claim_reviewed", "name", "claimant", "claim_date", "appearance_urls",
    "publisher_name", "publisher_url", "date_published", "textual_rating", "rating_value",
    "best_rating", "worst_rating", "rating", "language", "raw",
]  # fmt: skip
_TYPES = {
    "claim_date": "date", "date_published": "date", "appearance_urls": "jsonb", "raw": "jsonb",
    "rating_value": "double precision", "best_rating": "double precision",
    "worst_rating": "double precision",
}  # fmt: skip
_UPDATED = [
    f.name for f in ClaimReview._meta.concrete_fields if f.name not in ("id", "url", "imported_at")
]


def upsert(rows: list[dict]) -> tuple[int, int, int]:
    if connection.vendor == "postgresql":
        return _copy_upsert(rows)
    return _bulk_upsert(rows)


def _copy_upsert(rows: list[dict]) -> tuple[int, int, int]:
    table = connection.ops.quote_name(ClaimReview._meta.db_table)
    columns = ", ".join(COLUMNS)
    declared = ", ".join(f"{name} {_TYPES.get(name, 'text')}" for name in COLUMNS)
    changes = ", ".join(f"{name} = EXCLUDED.{name}" for name in COLUMNS if name != "url")
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE claimreview_batch ({declared}) ON COMMIT DROP")
        with cursor.cursor.copy(f"COPY claimreview_batch ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([_copy_value(row, name) for name in COLUMNS])
        cursor.execute(
            f"INSERT INTO {table} ({columns}, imported_at, updated_at) "  # noqa: S608 (names are ours)
            f"SELECT {columns}, clock_timestamp(), clock_timestamp() FROM claimreview_batch "
            f"ON CONFLICT (url) DO UPDATE SET {changes}, updated_at = EXCLUDED.updated_at "
            f"WHERE ({table}.raw, {table}.rating) IS DISTINCT FROM (EXCLUDED.raw, EXCLUDED.rating) "
            "RETURNING (xmax = 0)"
        )
        written = [inserted for (inserted,) in cursor.fetchall()]
        cursor.execute("DROP TABLE claimreview_batch")
    created = sum(written)
    return created, len(written) - created, len(rows) - len(written)


def _copy_value(row: dict, name: str):
    if name == "raw":
        return row["raw_json"]  # serialized once, by records.to_row
    if name == "appearance_urls":
        return json.dumps(row[name], ensure_ascii=False)
    return row[name]


def _bulk_upsert(rows: list[dict]) -> tuple[int, int, int]:
    stored = {
        url: (raw, rating)
        for url, raw, rating in ClaimReview.objects.filter(
            url__in=[row["url"] for row in rows]
        ).values_list("url", "raw", "rating")
    }
    writes, created, unchanged = [], 0, 0
    for row in rows:
        before = stored.get(row["url"])
        if before is not None and before == (row["raw"], row["rating"]):
            unchanged += 1
            continue
        created += before is None
        writes.append(ClaimReview(**{k: v for k, v in row.items() if k != "raw_json"}))
    ClaimReview.objects.bulk_create(
        writes, update_conflicts=True, unique_fields=["url"], update_fields=_UPDATED
    )
    return created, len(writes) - created, unchanged
