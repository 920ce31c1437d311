"""API tokens: stored as digests, revocable, dated, optionally expiring (issue 8, point 8).

The client contract is unchanged: POST /api/v1/auth/token/ answers {"token": KEY},
clients send `Authorization: Token KEY`, create_user prints the key alone on its
last line (tests/api/test_auth.py).
"""

import hashlib
import importlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import tokens
from accounts.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "correct horse battery staple"


def client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def status_with(key: str) -> int:
    return client_with(key).get("/api/v1/reviewers/").status_code


def sign_in(api_client) -> str:
    response = api_client.post(TOKEN_URL, {"username": "rita", "password": PASSWORD})
    assert response.status_code == 200
    return response.json()["token"]


def test_the_database_holds_a_digest_and_a_prefix_never_the_key(api_client, reviewer):
    key = sign_in(api_client)

    row = ApiToken.objects.get(user=reviewer)
    assert row.digest == hashlib.sha256(key.encode()).hexdigest()
    assert row.prefix == key[:8]
    assert len(key) == 40
    stored = [str(value) for value in ApiToken.objects.values_list(flat=False).get()]
    assert not any(key in value for value in stored)
    assert status_with(key) == 200


def test_each_sign_in_issues_a_new_key_and_each_works(api_client, reviewer):
    first, second = sign_in(api_client), sign_in(api_client)

    assert first != second
    assert (status_with(first), status_with(second)) == (200, 200)


def test_the_token_endpoint_ignores_an_authorization_header_on_post(reviewer):
    client = client_with("not-a-real-token")
    response = client.post(TOKEN_URL, {"username": "rita", "password": PASSWORD}, format="json")

    assert response.status_code == 200


def test_delete_revokes_the_token_it_is_sent_with_and_only_that(api_client, reviewer):
    kept, revoked = sign_in(api_client), sign_in(api_client)

    response = client_with(revoked).delete(TOKEN_URL)

    assert response.status_code == 204
    assert status_with(revoked) == 401
    assert status_with(kept) == 200
    assert client_with(revoked).delete(TOKEN_URL).status_code == 401


def test_delete_without_a_token_is_401_and_revokes_nothing(api_client, reviewer):
    key = sign_in(api_client)
    session = APIClient()
    session.force_login(reviewer)

    assert api_client.delete(TOKEN_URL).status_code == 401
    response = session.delete(TOKEN_URL)  # a session has no token to revoke
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert status_with(key) == 200


@pytest.mark.parametrize("method", ["get", "put", "patch", "trace"])
def test_a_method_the_endpoint_lacks_is_405_even_without_a_token(api_client, method):
    """schemathesis (ST204) found TRACE answered 401: the DELETE rule (a token) was
    applied to every method but POST, before DRF could say the method is not allowed."""
    response = api_client.generic(method.upper(), TOKEN_URL)

    assert response.status_code == 405


def test_a_password_change_revokes_every_token_of_the_account(api_client, reviewer):
    keys = [sign_in(api_client), sign_in(api_client)]
    other = tokens.issue(UserFactory(username="omar", role="reviewer"))

    reviewer.set_password("a brand new passphrase 77")
    reviewer.save()

    assert [status_with(key) for key in keys] == [401, 401]
    assert status_with(other) == 200


def test_a_save_that_keeps_the_password_keeps_the_tokens(api_client, reviewer):
    key = sign_in(api_client)
    reviewer.first_name = "Rita"
    reviewer.save()
    Client().login(username="rita", password=PASSWORD)  # writes last_login

    assert status_with(key) == 200


def test_the_admins_password_form_revokes_the_tokens(reviewer):
    key = tokens.issue(reviewer)
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    admin = Client()
    admin.force_login(root)

    response = admin.post(
        f"/admin/auth/user/{reviewer.pk}/password/",
        {"password1": "another long passphrase 5", "password2": "another long passphrase 5"},
    )

    assert response.status_code == 302
    assert status_with(key) == 401


def test_create_user_with_a_new_password_revokes_the_earlier_tokens(reviewer):
    from tests.api.test_auth import _create_user

    earlier = tokens.issue(reviewer)
    printed = _create_user("rita", "--role", "reviewer", "--password", "a long passphrase 42")

    assert status_with(earlier) == 401
    assert status_with(printed) == 200


def test_tokens_do_not_expire_by_default(reviewer):
    key = tokens.issue(reviewer)

    assert ApiToken.objects.get().expires is None
    ApiToken.objects.update(created=timezone.now() - timedelta(days=3650))
    assert status_with(key) == 200


def test_a_token_past_its_expiry_is_refused(reviewer, settings):
    settings.FACTCHECK_TOKEN_TTL_DAYS = 30
    key = tokens.issue(reviewer)
    expires = ApiToken.objects.get().expires
    assert timedelta(days=29, hours=23) < expires - timezone.now() <= timedelta(days=30)
    assert status_with(key) == 200

    ApiToken.objects.update(expires=timezone.now() - timedelta(seconds=1))

    response = client_with(key).get("/api/v1/reviewers/")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_last_used_is_written_at_most_once_a_minute(reviewer):
    key = tokens.issue(reviewer)
    assert ApiToken.objects.get().last_used is None

    with CaptureQueriesContext(connection) as first:
        status_with(key)
    used = ApiToken.objects.get().last_used
    assert used is not None
    assert sum("UPDATE" in q["sql"] and "apitoken" in q["sql"] for q in first) == 1

    with CaptureQueriesContext(connection) as again:
        status_with(key)
    assert ApiToken.objects.get().last_used == used
    assert not any("apitoken" in q["sql"] and "UPDATE" in q["sql"] for q in again)

    ApiToken.objects.update(last_used=used - timedelta(seconds=61))
    status_with(key)
    assert ApiToken.objects.get().last_used > used - timedelta(seconds=1)


def test_token_user_and_roles_still_take_one_query(reviewer):
    key = tokens.issue(reviewer)
    ApiToken.objects.update(last_used=timezone.now())

    with CaptureQueriesContext(connection) as queries:
        assert status_with(key) == 200

    lookups = [q["sql"] for q in queries if "accounts_apitoken" in q["sql"]]
    assert len(lookups) == 1
    assert "auth_user_groups" in lookups[0]  # the roles, in the same statement


def test_the_admin_lists_tokens_without_their_keys(reviewer):
    key = tokens.issue(reviewer)
    token = ApiToken.objects.get()
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    admin = Client()
    admin.force_login(root)

    listing = admin.get("/admin/accounts/apitoken/")
    detail = admin.get(f"/admin/accounts/apitoken/{token.pk}/change/")

    for page in (listing, detail):
        assert page.status_code == 200
        assert key[:8].encode() in page.content
        assert key.encode() not in page.content
        assert token.digest.encode() not in page.content
    assert admin.get("/admin/accounts/apitoken/add/").status_code == 403


def test_an_admin_revokes_a_token_in_the_admin(reviewer):
    key = tokens.issue(reviewer)
    ada = UserFactory(username="ada", role="admin")
    admin = Client()
    admin.force_login(ada)

    token = ApiToken.objects.get()
    response = admin.post(f"/admin/accounts/apitoken/{token.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert status_with(key) == 401


def test_drf_keys_issued_before_keep_working_and_leave_no_clear_copy(reviewer):
    migration = importlib.import_module("accounts.migrations.0002_apitoken")
    old_key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY,"
            " created timestamp with time zone NOT NULL, user_id integer NOT NULL)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [old_key, timezone.now(), reviewer.pk],
        )

    # What the migration uses of its schema editor (a real one cannot open inside the
    # test's transaction on SQLite).
    editor = SimpleNamespace(connection=connection, execute=connection.cursor().execute)
    migration.hash_drf_tokens(apps, editor)

    assert "authtoken_token" not in connection.introspection.table_names()
    assert ApiToken.objects.get().prefix == old_key[:8]
    assert status_with(old_key) == 200
