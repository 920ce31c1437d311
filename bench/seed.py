"""Seed a large corpus fast: N claims over N/10 articles, in set-based SQL (PostgreSQL).

Importable, so other benchmarks (search, exports) reuse the same corpus:

    from bench.seed import seed_corpus
    seed_corpus(total_claims=1_000_000, claims_per_article=10)   # Django set up first

Each statement inserts a whole table's rows (INSERT ... SELECT generate_series),
so a million claims take a minute or two rather than hours of ORM saves. The
data has the shape of a real desk's: ~2,000-character articles made of varied
sentences, ten 40-character claims per article whose quotes really are the
text at their offsets (the CHECK constraints hold), a mix of drafts, claims in
review and published claims (each with its publication), a source on every
second claim and a verdict on every second one. Trigram and other GIN indexes
are dropped while inserting and rebuilt after (much faster than updating them
row by row). History rows are not written: this data only has to be read.

Seeding is additive: calling it again with a larger total adds articles after
the existing ones, so one database can grow from 10,000 to 1,000,000 claims.
"""

from django.db import connection

SENTENCES = (
    "Five officers died in the riot near the capitol, the district report says.",
    "The mayor claimed that twelve bridges collapsed last year across the region.",
    "Unemployment fell to its lowest level in fifty years, according to the minister.",
    "A spokesperson said the vaccine was tested on more than forty thousand people.",
    "Crime in the city doubled since the new police chief took office in March.",
    "The senator argued that wind farms kill millions of birds every single year.",
    "Imports of steel rose by a third after the tariff was cut, the chamber noted.",
    "The company promised to plant one billion trees before the end of the decade.",
    "Officials insisted the reservoir holds enough water for another three summers.",
    "Teachers in the province earn less than the national average, the union said.",
    "The council voted to close four libraries to save two million in the budget.",
    "Hospital waiting lists are the shortest they have been since records began.",
    "The candidate said inflation was caused entirely by the central bank's policy.",
    "Nearly half of the river's fish species have disappeared, scientists warned.",
    "The airport handled a record ninety million passengers in the past year.",
    "Rents in the capital rose by forty percent in two years, the agency reported.",
)
CLAIMANTS = ("the mayor", "a senator", "the minister", "a spokesperson", "the union", "")
SENTENCES_PER_ARTICLE = 26  # about 2,000 characters
CLAIM_LENGTH = 40
CLAIM_STRIDE = 150  # claims every 150 characters: 10 fit in an article's 2,000


def ensure_users() -> dict[str, int]:
    """The bench's reviewer and editor (created once), by role."""
    from django.contrib.auth import get_user_model

    from accounts.roles import assign_role

    ids = {}
    for role in ("reviewer", "editor"):
        user, created = get_user_model().objects.get_or_create(username=f"bench-{role}")
        if created:
            assign_role(user, role)
        ids[role] = user.pk
    return ids


def seed_corpus(*, total_claims: int, claims_per_article: int = 10) -> dict[str, int]:
    """Grow the corpus to `total_claims` claims; returns the counts now stored."""
    if connection.vendor != "postgresql":
        raise SystemExit("bench/seed.py needs PostgreSQL (set DATABASE_URL)")
    users = ensure_users()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), coalesce(max(id), 0) FROM articles_article")
        have_articles, last_id = cursor.fetchone()
        want_articles = total_claims // claims_per_article
        if want_articles > have_articles:
            with _gin_indexes_rebuilt(cursor):
                _insert(cursor, last_id, want_articles - have_articles, claims_per_article, users)
            cursor.execute("ANALYZE")
        return _counts(cursor)


def _insert(cursor, after_id: int, articles: int, per_article: int, users: dict) -> None:
    sentences = "ARRAY[" + ",".join(_quoted(s) for s in SENTENCES) + "]"
    # The SQL is built from this module's constants only; every value is a parameter.
    cursor.execute(
        "INSERT INTO articles_article (version, created_at, updated_at, title, url, publisher,"  # noqa: S608
        " byline, published_at, language, text, content_hash, created_by_id, revision)"
        " SELECT 1, now() - (n || ' minutes')::interval, now(), 'Report number ' || n,"
        " 'https://news.example/' || n, 'Publisher ' || (n %% 50), '', NULL, 'en',"
        f" (SELECT string_agg(({sentences})[1 + (n * 7 + i * 13) %% {len(SENTENCES)}], ' ')"
        f"  FROM generate_series(1, {SENTENCES_PER_ARTICLE}) AS i),"
        " md5('bench-' || n), %s, 1"
        " FROM generate_series(%s, %s) AS n",
        [users["reviewer"], after_id + 1, after_id + articles],
    )
    claimants = "ARRAY[" + ",".join(_quoted(c) for c in CLAIMANTS) + "]"
    # The same: constants of this module, values as parameters.
    cursor.execute(
        "INSERT INTO annotations_claim (version, created_at, updated_at, article_id, start,"  # noqa: S608
        ' "end", quote, prefix, suffix, statement, claimant, status, rating, published_by_id,'
        " published_at, created_by_id, revision, anchor_state)"
        f" SELECT 1, a.created_at, a.created_at, a.id, k * {CLAIM_STRIDE},"
        f" k * {CLAIM_STRIDE} + {CLAIM_LENGTH},"
        f" substr(a.text, k * {CLAIM_STRIDE} + 1, {CLAIM_LENGTH}),"
        f" substr(a.text, greatest(k * {CLAIM_STRIDE} - 31, 1), least(k * {CLAIM_STRIDE}, 32)),"
        f" substr(a.text, k * {CLAIM_STRIDE} + {CLAIM_LENGTH + 1}, 32),"
        " 'Checked claim ' || a.id || '-' || k,"
        f" ({claimants})[1 + (a.id + k) %% {len(CLAIMANTS)}],"
        " s.status, CASE WHEN s.status = 'published' THEN 'false' ELSE '' END,"
        " CASE WHEN s.status = 'published' THEN %s END,"
        " CASE WHEN s.status = 'published' THEN a.created_at END, %s, 1, 'anchored'"
        " FROM articles_article a CROSS JOIN generate_series(0, %s) AS k"
        " CROSS JOIN LATERAL (SELECT CASE WHEN (a.id + k) %% 10 < 7 THEN 'draft'"
        "   WHEN (a.id + k) %% 10 = 7 THEN 'in_review' ELSE 'published' END AS status) s"
        " WHERE a.id > %s",
        [users["editor"], users["reviewer"], per_article - 1, after_id],
    )
    _insert_children(cursor, after_id, users)


def _insert_children(cursor, after_id: int, users: dict) -> None:
    new_claims = "FROM annotations_claim c WHERE c.article_id > %s"
    cursor.execute(
        "INSERT INTO annotations_publication (claim_id, kind, rating, rationale, note,"
        ' editor_id, published_at, quote, start, "end", article_revision)'
        " SELECT c.id, 'publication', 'false', 'The records show otherwise.', '', %s,"
        f' c.published_at, c.quote, c.start, c."end", c.revision {new_claims}'
        " AND c.status = 'published'",
        [users["editor"], after_id],
    )
    cursor.execute(
        "INSERT INTO annotations_source (version, created_at, updated_at, claim_id, url, title,"
        " publisher, excerpt, stance, added_by_id) SELECT 1, c.created_at, c.created_at, c.id,"
        " 'https://records.example/' || c.id, 'Official records', 'Records office',"
        f" 'The figure in the records.', 'refutes', %s {new_claims} AND c.id %% 2 = 0",
        [users["reviewer"], after_id],
    )
    cursor.execute(
        "INSERT INTO annotations_verdict (version, created_at, updated_at, claim_id,"
        " reviewer_id, rating, rationale) SELECT 1, c.created_at, c.created_at, c.id, %s,"
        f" 'false', 'Contradicted by the records.' {new_claims} AND c.id %% 2 = 1",
        [users["reviewer"], after_id],
    )


class _gin_indexes_rebuilt:
    """Drop the GIN indexes of the seeded tables, and build them again on exit."""

    TABLES = ("articles_article", "annotations_claim")

    def __init__(self, cursor) -> None:
        self.cursor = cursor
        self.definitions: list[tuple[str, str]] = []

    def __enter__(self):
        self.cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
            " AND indexdef LIKE '%% USING gin %%'",
            [list(self.TABLES)],
        )
        self.definitions = self.cursor.fetchall()
        for name, _ in self.definitions:
            self.cursor.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, *exc_info) -> None:
        self.cursor.execute("SET maintenance_work_mem = '512MB'")
        for _, definition in self.definitions:
            self.cursor.execute(definition)


def _counts(cursor) -> dict[str, int]:
    counts = {}
    for table in ("articles_article", "annotations_claim", "annotations_source",
                  "annotations_verdict", "annotations_publication"):  # fmt: skip
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
        counts[table.split("_", 1)[1]] = cursor.fetchone()[0]
    return counts


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def main() -> int:
    """CLI: seed the database in DATABASE_URL, print the counts and a bench token as JSON."""
    import argparse
    import json
    import os
    import sys
    from pathlib import Path

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, required=True, help="total claims wanted")
    parser.add_argument("--per-article", type=int, default=10)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from accounts import tokens

    call_command("migrate", interactive=False, verbosity=0)
    counts = seed_corpus(total_claims=args.claims, claims_per_article=args.per_article)
    tokens = {
        role: tokens.issue(get_user_model().objects.get(pk=user_id))
        for role, user_id in ensure_users().items()
    }
    print(json.dumps({"counts": counts, "tokens": tokens}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
