"""The PostgreSQL health check polls the socket instead of sending SELECT 1 (issue 9).

A persistent connection the server ended must still be replaced before a request
uses it (SECURITY-CASES #29), and a live one must be kept, both without a query.
"""

import time
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def second_connection():
    """A persistent connection of its own (the test's is inside a transaction)."""
    if connection.vendor != "postgresql":
        pytest.skip("the socket health check is factcheck's PostgreSQL backend")
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


@contextmanager
def _no_queries():
    """Any query sent through psycopg fails the test."""
    from psycopg import Connection, Cursor

    with (
        mock.patch.object(Connection, "execute", side_effect=AssertionError("a query")),
        mock.patch.object(Cursor, "execute", side_effect=AssertionError("a query")),
    ):
        yield


def test_the_backend_is_factchecks(second_connection):
    assert type(second_connection).__module__ == "factcheck.db_backends.postgresql.base"


def test_a_live_idle_connection_is_usable_without_a_query(second_connection):
    with _no_queries():
        assert second_connection.is_usable()
    with second_connection.cursor() as cursor:  # and it still works
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_a_connection_the_server_ended_is_not_usable(second_connection):
    pid = second_connection.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cursor.fetchone() == (True,)
    deadline = time.monotonic() + 10
    while second_connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.05)  # the server's notice and end of file take a moment to arrive

    with _no_queries():
        assert not second_connection.is_usable()


def test_django_replaces_the_ended_connection_before_the_next_request(second_connection):
    """What request_started does: the next query runs on a new connection, not a 500."""
    old = second_connection.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [old.info.backend_pid])
    deadline = time.monotonic() + 10
    while second_connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.05)
    second_connection.health_check_enabled = True
    second_connection.close_if_unusable_or_obsolete()  # a new request starts

    with second_connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert second_connection.connection is not old


def test_a_connection_inside_a_transaction_gets_the_query_check(second_connection):
    second_connection.set_autocommit(False)
    with second_connection.cursor() as cursor:
        cursor.execute("SELECT 1")  # the transaction is open now
    with mock.patch.object(
        type(second_connection).__mro__[1], "is_usable", return_value=True
    ) as query_check:
        assert second_connection.is_usable()
    query_check.assert_called_once()
    second_connection.rollback()
    second_connection.set_autocommit(True)
