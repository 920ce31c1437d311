"""Trigram indexes that let `?q=` (a case-insensitive substring search) use an index.

PostgreSQL only: Django's icontains is `UPPER(column) LIKE UPPER('%term%')`, which
a GIN index of the upper-cased column's trigrams (pg_trgm) answers without reading
every row; at 1,000,000 claims a scan took seconds (issue 9). SQLite keeps its
table scan (it is the single-user development database). The search app builds
full-text search on top; these keep the plain `?q=` filters fast and unchanged.
"""

from django.db import migrations

COLUMNS = ("quote", "statement", "claimant")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS annotations_claim_{column}_trgm "
            f'ON annotations_claim USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS annotations_claim_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("annotations", "0004_source_archive")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
