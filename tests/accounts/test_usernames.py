"""Usernames: NFKC, no control or bidi characters, no case variants or look-alikes
(issue 8 point 10, SECURITY-CASES #38)."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from accounts.usernames import character_problem, clash_problem, normalize, skeleton
from tests.factories import UserFactory

CYRILLIC_A = "\u0430"


def _create(name: str) -> str:
    out = StringIO()
    call_command("create_user", name, "--role", "reviewer", stdout=out, stderr=StringIO())
    return out.getvalue().strip().splitlines()[-1]


# --- pure rules ---------------------------------------------------------------------------


def test_nfkc_turns_fullwidth_into_ascii():
    assert normalize(" \uff41\uff4c\uff49\uff43\uff45 ") == "alice"


@pytest.mark.parametrize(
    "name",
    [
        "ali\u202ece",  # right-to-left override
        "\u2067alice",  # right-to-left isolate
        "al\u200bice",  # zero-width space
        "alice\u200f",  # right-to-left mark
        "ali\x07ce",  # control
    ],
)
def test_invisible_and_direction_characters_are_refused(name):
    problem = character_problem(normalize(name))

    assert problem is not None
    assert problem.code == "invisible_characters"


@pytest.mark.parametrize("name", ["<b>x</b>", "</script><script>alert(1)", "a b", 'a"b'])
def test_html_and_spaces_are_refused(name):
    assert character_problem(normalize(name)) is not None


@pytest.mark.parametrize("name", ["alice", "omar.k", "nadia+desk", "Сергей", "يوسف", "李雷"])
def test_ordinary_names_in_any_script_pass(name):
    assert character_problem(normalize(name)) is None
    assert clash_problem(name, ["edna", "bob"]) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("ALICE", "duplicate_username"),
        ("Alice", "duplicate_username"),
        (f"{CYRILLIC_A}lice", "confusable_username"),
        ("a1ice", "confusable_username"),
        ("aIice", "confusable_username"),
    ],
)
def test_case_variants_and_look_alikes_of_an_existing_name_are_refused(name, code):
    problem = clash_problem(name, ["alice"])

    assert problem is not None
    assert problem.code == code
    assert "alice" in problem.messages[0]


def test_skeleton_joins_look_alike_letters_only():
    assert skeleton(f"{CYRILLIC_A}lice") == skeleton("alice")
    assert skeleton("alice") != skeleton("alive")


# --- create_user ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["ALICE", f"{CYRILLIC_A}lice", "ali\u202ece", "<b>alice</b>", "\u2066bob\u2069"],
)
def test_create_user_refuses_bad_names(name):
    UserFactory(username="alice")

    with pytest.raises(CommandError, match="Username refused"):
        _create(name)

    assert list(get_user_model().objects.values_list("username", flat=True)) == ["alice"]


@pytest.mark.django_db
def test_create_user_stores_the_nfkc_form_and_updates_the_same_account():
    _create("\uff4e\uff41\uff44\uff49\uff41")  # fullwidth "nadia"
    _create("nadia")  # the same account: an update, not a refusal

    assert list(get_user_model().objects.values_list("username", flat=True)) == ["nadia"]


@pytest.mark.django_db
def test_create_user_still_prints_the_token_last():
    token = _create("yusuf")

    assert len(token) == 40


# --- the admin and the database -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["ALICE", f"{CYRILLIC_A}lice", "ali\u202ece"])
def test_admin_add_form_refuses_bad_names(client, name):
    UserFactory(username="alice")
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    response = client.post(
        "/admin/auth/user/add/",
        {"username": name, "password1": "a long passphrase 42", "password2": "a long passphrase 42",
         "usable_password": "true"},
    )  # fmt: skip

    assert response.status_code == 200  # the form again, with the error
    assert get_user_model().objects.count() == 2


@pytest.mark.django_db
def test_admin_change_form_keeps_an_unchanged_name_valid(client):
    from django.contrib.auth.forms import UserChangeForm

    user = UserFactory(username="alice")
    UserFactory(username="bob")
    form = UserChangeForm(
        instance=user,
        data={"username": "alice", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00"},
    )
    form.is_valid()

    assert "username" not in form.errors


@pytest.mark.django_db
def test_database_refuses_a_case_variant():
    UserFactory(username="alice")

    with pytest.raises(IntegrityError), transaction.atomic():
        get_user_model().objects.create(username="ALICE")


@pytest.mark.django_db
def test_the_case_index_exists():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "auth_user")

    assert "accounts_username_lower_unique" in indexes


@pytest.mark.django_db(transaction=True)
def test_migrating_with_case_duplicates_skips_the_index_and_names_them(capsys):
    from django.db.migrations.executor import MigrationExecutor

    before, index = (
        [("accounts", "0001_role_groups")],
        [("accounts", "0002_username_unique_ignoring_case")],
    )
    MigrationExecutor(connection).migrate(before)
    User = get_user_model()
    User.objects.create(username="bob")
    twin = User.objects.create(username="BOB")  # the old create_user let this in
    try:
        MigrationExecutor(connection).migrate(index)  # must not fail

        assert "'bob'/'BOB'" in capsys.readouterr().out
        with connection.cursor() as cursor:
            assert "accounts_username_lower_unique" not in connection.introspection.get_constraints(
                cursor, "auth_user"
            )
    finally:
        # Rename, then migrate again as the docstring tells operators: the index is back.
        # (A rename, not a delete: rolled back to 0001, the token table is gone, and a
        # delete would cascade to it.) Then every app is migrated forward again, so the
        # tests after this one find the whole schema.
        get_user_model().objects.filter(pk=twin.pk).update(username="bob-renamed")
        MigrationExecutor(connection).migrate(before)
        MigrationExecutor(connection).migrate(index)
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    with connection.cursor() as cursor:
        assert "accounts_username_lower_unique" in connection.introspection.get_constraints(
            cursor, "auth_user"
        )
