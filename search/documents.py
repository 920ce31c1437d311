"""What the search index holds for each kind of record, and the SQL that keeps it current.

One `Document` per table. The index lives beside the rows, not in a table of its
own that services would have to update: a second write on every claim create
and article upload would break their statement budgets (tests/api/test_write_budget.py).

- PostgreSQL: a stored generated `search_vector tsvector` column on the table
  (weighted: A the main text, B who said it or the headline, C/D the rest) with a
  GIN index. The database recomputes it inside the row's own INSERT or UPDATE,
  so it is always current and costs no statement. The text-search configuration
  `factcheck_search` is the site language's stemmer behind `unaccent`
  ("café" = "cafe"), created by migration 0001.
- SQLite: an external-content FTS5 table (`porter unicode61 remove_diacritics 2`)
  kept current by triggers, again inside the row's own statement.

The search app's migrations apply this SQL to the lower apps' tables (articles and
annotations never import search). Because a generated column depends on the
columns it reads, PostgreSQL refuses to change their type while it exists: such
a migration must drop `search_vector` first and let `add_document_sql` put it back.
"""

from dataclasses import dataclass

CONFIG = "factcheck_search"
# Article text beyond this many characters is not indexed: a tsvector has a 1 MB
# limit, and an upload must never fail because its text is long.
ARTICLE_INDEXED_CHARS = 100_000
# An article's heading, indexed on its own (migration 0003) so claims can be found by it.
ARTICLE_HEADING = "title || ' ' || publisher"


@dataclass(frozen=True)
class Document:
    table: str
    # (weight, SQL expression over the row's columns) for the PostgreSQL vector.
    weighted: tuple[tuple[str, str], ...]
    # FTS5 column names, each a column of `table`.
    fts_columns: tuple[str, ...]

    @property
    def fts_table(self) -> str:
        return f"search_{self.table}_fts"

    @property
    def gin_index(self) -> str:
        return f"{self.table}_search_gin"


ARTICLE = Document(
    table="articles_article",
    weighted=(
        ("A", "title"),
        ("C", "publisher || ' ' || byline"),
        ("D", f"left(text, {ARTICLE_INDEXED_CHARS})"),
    ),
    fts_columns=("title", "publisher", "text"),
)
CLAIM = Document(
    table="annotations_claim",
    weighted=(("A", "quote || ' ' || statement"), ("B", "claimant")),
    fts_columns=("quote", "statement", "claimant"),
)
CLAIMREVIEW = Document(
    table="claimreviews_claimreview",
    weighted=(("A", "claim_reviewed"), ("B", "name"), ("C", "claimant || ' ' || publisher_name")),
    fts_columns=("claim_reviewed", "name", "claimant", "publisher_name"),
)


def sqlite_has_fts5(connection) -> bool:
    """Was this SQLite built with FTS5? (Debian's and python.org's are; some are not.)"""
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
        return bool(cursor.fetchone()[0])


def add_document_sql(document: Document, vendor: str, *, fts5: bool = True) -> list[str]:
    """Statements that add `document`'s index to its table (and fill it from the rows).

    SQLite without FTS5 (`fts5=False`) gets none: search falls back to substrings.
    """
    if vendor == "postgresql":
        vector = " || ".join(
            f"setweight(to_tsvector('{CONFIG}'::regconfig, coalesce({expression}, '')), '{weight}')"
            for weight, expression in document.weighted
        )
        return [
            f"ALTER TABLE {document.table} ADD COLUMN IF NOT EXISTS search_vector tsvector"
            f" GENERATED ALWAYS AS ({vector}) STORED",
            # Finds the rows matching a tsquery without reading the table (`@@`).
            f"CREATE INDEX IF NOT EXISTS {document.gin_index}"
            f" ON {document.table} USING gin (search_vector)",
        ]
    if vendor == "sqlite" and fts5:
        fts, table = document.fts_table, document.table
        columns = ", ".join(document.fts_columns)
        new = ", ".join(f"new.{column}" for column in document.fts_columns)
        old = ", ".join(f"old.{column}" for column in document.fts_columns)
        delete = f"INSERT INTO {fts}({fts}, rowid, {columns}) VALUES('delete', old.id, {old});"
        insert = f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.id, {new});"  # noqa: S608
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({columns}, content='{table}',"
            " content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {columns} ON {table}"
            f" BEGIN {delete} {insert} END",
            f"INSERT INTO {fts}({fts}) VALUES('rebuild')",
        ]
    return []


def drop_document_sql(document: Document, vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [f"ALTER TABLE {document.table} DROP COLUMN IF EXISTS search_vector"]
    if vendor == "sqlite":
        fts = document.fts_table
        return [f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("ai", "ad", "au")] + [
            f"DROP TABLE IF EXISTS {fts}"
        ]
    return []


def rebuild_sqlite_indexes(connection, *, only_broken: bool = False) -> None:
    """Make every FTS5 index whole again from its table (SQLite only; no-op elsewhere).

    Recreates a missing index table or trigger first: SQLite cannot alter a column or
    a CHECK in place, so Django's migrations rebuild such a table (new table, copy,
    drop, rename), and dropping the old table drops the triggers that kept its index
    current. Then rebuilds the index from its rows (one pass over the table).
    `only_broken`: leave alone the indexes whose three triggers are all there (what
    search.apps runs after every `migrate`); tests whose database was flushed rebuild all.
    """
    if connection.vendor != "sqlite" or not sqlite_has_fts5(connection):
        return
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for document in (ARTICLE, CLAIM, CLAIMREVIEW):
            if document.table not in tables:
                continue
            if only_broken:
                cursor.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN"
                    " (%s, %s, %s)",
                    [f"{document.fts_table}_{suffix}" for suffix in ("ai", "ad", "au")],
                )
                if cursor.fetchone()[0] == 3:
                    continue
            for statement in add_document_sql(document, "sqlite"):
                cursor.execute(statement)
