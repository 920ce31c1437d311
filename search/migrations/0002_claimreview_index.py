"""The full-text index of imported ClaimReviews, and a trigram index for typos.

Same as 0001 for the claimreviews table. The trigram index (pg_trgm, on the
upper-cased claim text, as annotations' and articles' `?q=` indexes) lets a
misspelt or very short query still find a review by similarity.
"""

from django.db import migrations

from search.documents import sqlite_has_fts5, CLAIMREVIEW, add_document_sql, drop_document_sql

TRIGRAM_INDEX = "claimreviews_claimreview_claim_reviewed_trgm"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    fts5 = vendor == "sqlite" and sqlite_has_fts5(schema_editor.connection)
    for statement in add_document_sql(CLAIMREVIEW, vendor, fts5=fts5):
        schema_editor.execute(statement)
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON {CLAIMREVIEW.table}"
            ' USING gin (UPPER("claim_reviewed") gin_trgm_ops)'
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
    for statement in drop_document_sql(CLAIMREVIEW, vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_article_and_claim_index"),
        ("claimreviews", "0001_claimreview"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
