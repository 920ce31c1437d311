"""A trigram index for the article list's `?q=` on titles (case-insensitive).

PostgreSQL only, like annotations' 0005: Django's icontains is
`UPPER(column) LIKE UPPER('%term%')`, answered by a GIN index of the
upper-cased column's trigrams. Not on the text: indexing the trigrams of a
5,000-character article cost about 9 ms per upload on the shared machine (more
than the rest of the upload), and the hot writes must not slow down (issue 9).
Searching article text is the search app's full-text index's job.
"""

from django.db import migrations

COLUMNS = ("title",)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS articles_article_{column}_trgm "
            f'ON articles_article USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS articles_article_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_article_created_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
