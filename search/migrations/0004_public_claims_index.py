"""A GIN index over published and retracted claims only: the public's search.

Anonymous searches (and the fact-check kind for everyone) ask only for public
claims. With the whole table's index PostgreSQL intersected it with the status
index (a bitmap of every public claim, 21 ms at 1,000,000 claims, bench/search_scale.py);
this partial index holds only the public rows (a fifth of the bench corpus) and
answers alone. Drafts
never enter it, so a new claim's insert does not touch it.
"""

from django.db import migrations

INDEX = "annotations_claim_public_search_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON annotations_claim USING gin (search_vector)"
            " WHERE status IN ('published', 'retracted')"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_article_heading_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
