"""The full-text index of articles and claims (search.documents says what and why).

PostgreSQL: the pg_trgm and unaccent extensions, the `factcheck_search` text-search
configuration (the site language's stemmer behind unaccent; English unless
LANGUAGE_CODE names another language PostgreSQL has a stemmer for, read when this
migration runs), then a stored generated `search_vector` column and its GIN index
on articles_article and annotations_claim. SQLite: FTS5 tables and triggers.
"""

from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

from search.documents import sqlite_has_fts5, ARTICLE, CLAIM, CONFIG, add_document_sql, drop_document_sql

STEMMERS = {
    "da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish",
    "fr": "french", "hu": "hungarian", "it": "italian", "nl": "dutch", "no": "norwegian",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish", "tr": "turkish",
}  # fmt: skip


def create_config(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    language = STEMMERS.get(settings.LANGUAGE_CODE.split("-")[0].lower(), "english")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [CONFIG])
        if cursor.fetchone():
            return
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = {language})")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word"
        f" WITH unaccent, {language}_stem"
    )


def drop_config(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


def add_documents(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    fts5 = vendor == "sqlite" and sqlite_has_fts5(schema_editor.connection)
    for document in (ARTICLE, CLAIM):
        for statement in add_document_sql(document, vendor, fts5=fts5):
            schema_editor.execute(statement)


def drop_documents(apps, schema_editor):
    for document in (ARTICLE, CLAIM):
        for statement in drop_document_sql(document, schema_editor.connection.vendor):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_article_search_trigram_indexes"),
        ("annotations", "0005_claim_search_trigram_indexes"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(create_config, drop_config, elidable=False),
        migrations.RunPython(add_documents, drop_documents, elidable=False),
    ]
