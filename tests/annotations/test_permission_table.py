"""The permission table's shape, and the README's copy of it."""

from pathlib import Path

import pytest

from accounts.roles import ADMIN, EDITOR, REVIEWER
from annotations.permissions import (
    ALL,
    ANONYMOUS,
    NONE,
    PERMISSIONS,
    allowed,
    as_markdown,
    role_of,
)
from tests.factories import ClaimFactory, UserFactory

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_shows_the_table_from_the_code():
    assert as_markdown() in README.read_text(encoding="utf-8")


def test_every_cell_names_every_role():
    for kind, actions in PERMISSIONS.items():
        for action, scopes in actions.items():
            assert set(scopes) == {ANONYMOUS, REVIEWER, EDITOR, ADMIN}, (kind, action)


def test_anonymous_never_writes():
    for kind, actions in PERMISSIONS.items():
        for action, scopes in actions.items():
            if action != "read":
                assert scopes[ANONYMOUS] == NONE, (kind, action)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [(None, ANONYMOUS), ("reviewer", REVIEWER), ("editor", EDITOR), ("admin", ADMIN)],
)
def test_role_of_takes_the_highest_role(role, expected):
    assert role_of(UserFactory(role=role)) == expected


@pytest.mark.django_db
def test_own_scope_compares_the_owner():
    author = UserFactory(role="reviewer")
    claim = ClaimFactory(created_by=author)
    assert allowed(author, "claim", "edit", claim)
    assert not allowed(UserFactory(role="reviewer"), "claim", "edit", claim)
    assert allowed(UserFactory(role="editor"), "claim", "edit", claim)
    assert PERMISSIONS["claim"]["edit"][EDITOR] == ALL
