"""The hot queries are prepared once per PostgreSQL connection (issue 9).

Django binds parameters on the client, so the server plans every statement anew:
most of the token lookup's time. factcheck's backend prepares the compiled hot
queries and the create-with-history insert; everything else keeps Django's cursor.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts import tokens
from factcheck.compiled import prepared_cursor
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are factcheck's PostgreSQL backend")


def _prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def _token_client(role="reviewer"):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {tokens.issue(UserFactory(role=role))}")
    return client


def test_token_lookup_claim_list_and_insert_are_prepared(postgres):
    client = _token_client()
    article = ArticleFactory(text="Five officers died in the riot, the report says.")

    created = client.post("/api/v1/claims/", {"article": article.pk, "start": 0, "end": 18})
    assert created.status_code == 201
    assert client.get(f"/api/v1/articles/{article.pk}/claims/").status_code == 200

    prepared = _prepared()
    assert any('FROM "accounts_apitoken"' in sql for sql in prepared)
    assert any('INSERT INTO "annotations_claim"' in sql and "history" in sql for sql in prepared)
    assert any('FROM "annotations_claim"' in sql and "LIMIT $" in sql for sql in prepared)
    # Django's own queries stay client-bound, never prepared.
    assert not any("django_session" in sql for sql in prepared)


def test_a_prepared_statement_is_reused_not_prepared_again(postgres):
    client = _token_client()
    client.get("/api/v1/ratings/")
    before = _prepared()
    for _ in range(3):
        assert client.get("/api/v1/ratings/").status_code == 200
    assert _prepared() == before


def test_query_logs_show_the_prepared_sql_with_its_values(postgres):
    with CaptureQueriesContext(connection) as queries, prepared_cursor("default") as cursor:
        cursor.execute("SELECT %s::int + %s::int, %s::text", [2, 3, "it's"])
        assert cursor.fetchone() == (5, "it's")
    assert queries.captured_queries[-1]["sql"] == "SELECT 2::int + 3::int, 'it''s'::text"


def test_database_errors_are_djangos_own(postgres):
    from django.db import DataError

    with pytest.raises(DataError), prepared_cursor("default") as cursor:
        cursor.execute("SELECT %s::int", ["not a number"])


def test_switched_off_nothing_is_prepared(postgres, settings):
    options = connection.settings_dict["OPTIONS"]
    previous = options.get("prepared_statements")
    options["prepared_statements"] = False
    try:
        with prepared_cursor("default") as cursor:
            cursor.execute("SELECT %s::int AS switched_off", [1])
        assert not any("switched_off" in sql for sql in _prepared())
    finally:
        options["prepared_statements"] = previous
