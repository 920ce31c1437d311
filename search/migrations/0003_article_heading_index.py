"""A full-text index of each article's title and publisher, for searching claims by them.

The public index and the claims list have always found a fact-check by its
article's headline or outlet; search.filtering keeps that by matching a claim
when its article's heading matches (a claim's own generated column cannot read
another table). This expression index answers that without reading every
article. SQLite uses the article FTS5 table's title and publisher columns.
"""

from django.db import migrations

from search.documents import ARTICLE_HEADING, CONFIG

INDEX = "articles_article_heading_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article"
            f" USING gin (to_tsvector('{CONFIG}'::regconfig, {ARTICLE_HEADING}))"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_claimreview_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
