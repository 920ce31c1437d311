"""Token endpoint, token and session authentication, throttling, create_user (#21-#23)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from accounts import tokens
from accounts.models import ApiToken
from accounts.roles import is_editor, is_reviewer
from articles.models import Article
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "correct horse battery staple"
ARTICLE = {"title": "T", "text": "Some text."}


def test_token_endpoint_returns_the_users_token(api_client, reviewer):
    response = api_client.post(TOKEN_URL, {"username": "rita", "password": PASSWORD})

    assert response.status_code == 200
    assert list(response.json()) == ["token"]
    stored = ApiToken.objects.get(user=reviewer)
    assert stored.digest == tokens.digest(response.json()["token"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "rita", "password": "wrong"}, "non_field_errors"),
        ({"username": "nobody", "password": PASSWORD}, "non_field_errors"),
        ({"username": "rita"}, "password"),
        ({"password": PASSWORD}, "username"),
        ({"username": "r" * 151, "password": PASSWORD}, "username"),  # longer than any account's
        ({"username": "ri\x00ta", "password": PASSWORD}, "username"),
    ],
)
def test_token_endpoint_refuses_bad_credentials(api_client, reviewer, body, field):
    response = api_client.post(TOKEN_URL, body)

    assert response.status_code == 400
    assert field in response.json()
    assert "token" not in response.json()
    assert ApiToken.objects.count() == 0


def test_token_endpoint_locks_out_password_guessing(api_client, reviewer):
    # The full policy (shared with the sign-in pages) is tested in tests/accounts/test_lockout.py.
    statuses = [
        api_client.post(TOKEN_URL, {"username": "rita", "password": f"guess{n}"}).status_code
        for n in range(30)
    ]
    blocked = api_client.post(TOKEN_URL, {"username": "rita", "password": PASSWORD})

    assert statuses[:9] == [400] * 9  # the 10th failure locks
    assert set(statuses[9:]) == {429}
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0


def test_token_endpoint_accepts_json_only(api_client, reviewer):
    response = api_client.post(
        TOKEN_URL, {"username": "rita", "password": PASSWORD}, format="multipart"
    )

    assert response.status_code == 415


def test_writes_with_a_token_header(reviewer):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {tokens.issue(reviewer)}")

    assert client.post("/api/v1/articles/", ARTICLE).status_code == 201


@pytest.mark.parametrize(
    "credentials",
    [{}, {"HTTP_AUTHORIZATION": "Token not-a-real-token"}, {"HTTP_AUTHORIZATION": "Token"}],
)
def test_write_without_valid_credentials_is_401(api_client, reviewer, credentials):
    response = api_client.post("/api/v1/articles/", ARTICLE, **credentials)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert Article.objects.count() == 0


@pytest.mark.parametrize("param", ["token", "auth_token", "access_token", "key"])
def test_token_in_query_string_is_never_accepted(api_client, reviewer, param):
    key = tokens.issue(reviewer)

    response = api_client.post(f"/api/v1/articles/?{param}={key}", ARTICLE)

    assert response.status_code == 401
    assert Article.objects.count() == 0


def test_session_write_without_csrf_token_is_403(reviewer):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(reviewer)

    assert client.get("/api/v1/articles/").status_code == 200
    response = client.post("/api/v1/articles/", ARTICLE)

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Article.objects.count() == 0


def test_inactive_user_token_is_refused(reviewer):
    key = tokens.issue(reviewer)
    reviewer.is_active = False
    reviewer.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    assert client.post("/api/v1/articles/", ARTICLE).status_code == 401


def _create_user(*args: str) -> str:
    out = StringIO()
    call_command("create_user", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_create_user_command_creates_account_and_prints_token(django_user_model):
    printed = _create_user("nadia", "--role", "editor", "--password", "a long passphrase 42")

    user = django_user_model.objects.get(username="nadia")
    assert ApiToken.objects.get(user=user).digest == tokens.digest(printed)
    assert is_editor(user)
    assert user.check_password("a long passphrase 42")


def test_create_user_command_updates_role_and_keeps_earlier_tokens(django_user_model):
    editor = UserFactory(username="nadia", role="editor")
    earlier = tokens.issue(editor)

    printed = _create_user("nadia", "--role", "reviewer")

    user = django_user_model.objects.get(username="nadia")
    # Keys are stored as digests, so the command prints a new one; the earlier one stays.
    assert printed != earlier
    digests = set(ApiToken.objects.filter(user=user).values_list("digest", flat=True))
    assert digests == {tokens.digest(earlier), tokens.digest(printed)}
    assert (is_reviewer(user), is_editor(user)) == (True, False)
    assert user.check_password(PASSWORD)  # no --password: unchanged


def test_create_user_command_without_password_makes_token_only_account(django_user_model):
    _create_user("bot", "--role", "reviewer")

    assert not django_user_model.objects.get(username="bot").has_usable_password()


def test_create_user_command_refuses_weak_password(django_user_model):
    with pytest.raises(CommandError, match="Password refused"):
        _create_user("weak", "--role", "reviewer", "--password", "123")

    assert not django_user_model.objects.filter(username="weak").exists()


def test_admin_made_by_create_user_can_open_the_admin_and_manage_accounts(
    client, django_user_model
):
    _create_user("ada", "--role", "admin", "--password", "a long passphrase 42")

    assert client.login(username="ada", password="a long passphrase 42")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 200
