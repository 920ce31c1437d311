"""A database outage answers 503 with Retry-After, never 500 (SECURITY-CASES #29).

The outage is simulated on this thread's connection: opening a connection and
opening a cursor both raise the driver's own error, as they do while
PostgreSQL restarts ("connection refused", AdminShutdown). Django wraps those
into django.db.OperationalError / InterfaceError exactly as in production.
bench/faults.py restarts a real cluster under load for the end-to-end figure.
"""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from accounts import tokens
from factcheck import resilience
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

RETRY_AFTER = str(resilience.RETRY_AFTER_SECONDS)
API_BODY = {"detail": resilience.DETAIL, "code": "database_unavailable"}


def _driver_error(name: str = "OperationalError", message: str = "connection refused"):
    """A function raising the database driver's own error, as a dead server makes it."""
    error_class = getattr(connection.Database, name)

    def fail(*args, **kwargs):
        raise error_class(message)

    return fail


@contextmanager
def database_down(fail=None):
    """Every new connection and every cursor on this thread fails until the block ends."""
    fail = fail or _driver_error()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connection, "get_new_connection", fail)
        patch.setattr(connection, "create_cursor", fail)
        yield


def _assert_api_503(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == RETRY_AFTER
    assert response["Content-Type"] == "application/json"
    assert response.json() == API_BODY


def _assert_html_503(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == RETRY_AFTER
    assert response["Content-Type"].startswith("text/html")
    assert b"Back in a moment" in response.content
    assert "nonce-" in response["Content-Security-Policy"]  # still a normal, hardened response


@pytest.mark.parametrize(
    ("error", "message"),
    [
        ("OperationalError", "connection refused"),
        ("OperationalError", "terminating connection due to administrator command"),
        ("InterfaceError", "connection already closed"),
    ],
)
def test_api_list_during_outage_is_503_json_then_recovers(error, message):
    claim = ClaimFactory()
    client = APIClient()
    client.force_authenticate(claim.created_by)

    with database_down(_driver_error(error, message)):
        down = client.get("/api/v1/claims/")
    after = client.get("/api/v1/claims/")

    _assert_api_503(down)
    assert after.status_code == 200
    assert after.json()["count"] == 1


def test_api_write_with_token_during_outage_is_503_and_stores_nothing():
    user = UserFactory(role="reviewer")
    key = tokens.issue(user)
    article = ArticleFactory()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    with database_down():  # token authentication itself is the first query to fail
        down = client.post("/api/v1/claims/", {"article": article.pk, "start": 0, "end": 5})
    after = client.post("/api/v1/claims/", {"article": article.pk, "start": 0, "end": 5})

    _assert_api_503(down)
    assert after.status_code == 201


def test_psycopg_admin_shutdown_is_503():
    if connection.vendor != "postgresql":
        pytest.skip("AdminShutdown is psycopg's error for a PostgreSQL restart")
    from psycopg.errors import AdminShutdown

    def shut_down(*args, **kwargs):
        raise AdminShutdown("terminating connection due to administrator command")

    with database_down(shut_down):
        response = APIClient().get("/api/v1/articles/")

    _assert_api_503(response)


def test_html_page_during_outage_is_503_page_then_recovers():
    user = UserFactory(role="reviewer")
    client = Client()
    client.force_login(user)

    with database_down():  # the session lookup for request.user fails first
        down = client.get("/articles/")
    after = client.get("/articles/")

    _assert_html_503(down)
    assert after.status_code == 200


def test_admin_during_outage_is_503_page():
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)

    with database_down():
        down = client.get("/admin/annotations/claim/")
    after = client.get("/admin/annotations/claim/")

    _assert_html_503(down)
    assert after.status_code == 200


def test_outage_inside_other_middleware_is_503_not_500(settings):
    # SessionMiddleware saves the session after the view: its error never reaches
    # process_exception, so it goes through handler500 (resilience.server_error).
    settings.SESSION_SAVE_EVERY_REQUEST = True
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role="reviewer"))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.contrib.sessions.backends.db.SessionStore.save", _wrapped_failure)
        response = client.get("/login/")

    _assert_html_503(response)


def _wrapped_failure(*args, **kwargs):
    with connection.wrap_database_errors:  # as Django's cursor wrapper would raise it
        _driver_error(message="server closed the connection unexpectedly")()


def test_not_found_page_needing_the_database_is_503_not_500():
    # The 404 page asks who is signed in (base.html); during an outage that fails too.
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role="reviewer"))

    with database_down():
        response = client.get("/no-such-page/")

    _assert_html_503(response)


def test_api_detection_by_accept_header_outside_api():
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role="reviewer"))

    with database_down():
        response = client.get("/articles/", HTTP_ACCEPT="application/json")

    _assert_api_503(response)


def test_other_server_errors_stay_500(rf):
    try:
        raise RuntimeError("a bug, not an outage")
    except RuntimeError:
        response = resilience.server_error(rf.get("/"))

    assert response.status_code == 500
    assert not response.has_header("Retry-After")


def test_unavailable_page_renders_without_the_database(rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = resilience.unavailable_response(rf.get("/articles/"), OSError("down"))

    assert response.status_code == 503


@pytest.mark.django_db(transaction=True)
def test_broken_connection_is_closed_so_the_next_request_reconnects():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("Django never closes an in-memory SQLite database: closing would drop it")
    claim = ClaimFactory()
    client = APIClient()
    client.force_authenticate(claim.created_by)
    assert client.get("/api/v1/claims/").status_code == 200
    connection.ensure_connection()
    broken = connection.connection

    with database_down(_driver_error(message="server closed the connection unexpectedly")):
        down = client.get("/api/v1/claims/")
    closed = connection.connection is None
    after = client.get("/api/v1/claims/")

    _assert_api_503(down)
    assert closed, "the broken connection was kept for the next request"
    assert after.status_code == 200
    assert connection.connection is not broken
