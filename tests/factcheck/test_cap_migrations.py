"""Migrating a database that holds over-long rows (issue 8 point 13).

The length CHECKs arrive in migrations; rows the old code let in are cut to
their cap first (factcheck.limits.truncate_overlong), so `migrate` never fails
on them, and each cut is printed.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("annotations", "0005_claim_search_trigram_indexes")]


@pytest.mark.django_db(transaction=True)
def test_migrate_cuts_overlong_statements_and_reports_them(capsys):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    Article = old.get_model("articles", "Article")
    Claim = old.get_model("annotations", "Claim")
    user = User.objects.create(username="old")
    article = Article.objects.create(title="T", text="Some words here.", content_hash="h" * 64)
    long_claim = Claim.objects.create(
        article=article, start=0, end=4, quote="Some", statement="s" * 4_000_000,
        created_by=user,
    )  # fmt: skip
    short_claim = Claim.objects.create(
        article=article, start=5, end=10, quote="words", statement="fine", created_by=user
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from annotations.models import Claim as CurrentClaim

    assert len(CurrentClaim.objects.get(pk=long_claim.pk).statement) == 2000
    assert CurrentClaim.objects.get(pk=short_claim.pk).statement == "fine"
    assert f"annotations.claim {long_claim.pk}: statement cut from 4000000 to 2000" in (
        capsys.readouterr().out
    )
