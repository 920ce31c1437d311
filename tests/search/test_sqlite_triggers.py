"""SQLite: a migration that rebuilds an indexed table must not leave it unindexed.

SQLite cannot alter a CHECK or a column in place, so Django rebuilds the table, and
dropping the old one drops the FTS5 triggers on it. After every `migrate` the search
app recreates what is missing (search.apps), so claims stay searchable.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search.documents import CLAIM

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers"),
]


def _claim_triggers() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [CLAIM.table],
        )
        return {row[0] for row in cursor.fetchall()}


def test_migrate_restores_the_triggers_a_table_rebuild_dropped():
    assert len(_claim_triggers()) == 3
    executor = MigrationExecutor(connection)
    executor.migrate([("annotations", "0005_claim_search_trigram_indexes")])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # rebuilds annotations_claim
    dropped = len(_claim_triggers()) < 3

    call_command("migrate", verbosity=0)

    assert dropped  # what this test guards against still happens without the repair
    assert len(_claim_triggers()) == 3
