"""The permission table through the reviewer UI's pages, for every role (no browser).

Roles come from annotations.permissions.PERMISSIONS, plus a signed-in account
without a role (which gets the anonymous column). What the claim card shows
for each role and claim owner is checked in Chromium by
test_workflow_card.py and, cell by cell, by test_permissions_js.py.
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from annotations import services
from annotations.card_permissions import reader_permissions
from annotations.permissions import ALL, ANONYMOUS, PERMISSIONS, role_of
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLE_LESS = "signed in, no role"
ROLES = [*PERMISSIONS["claim"]["read"], ROLE_LESS]  # anonymous, reviewer, editor, admin
DESK_PAGES = ["/articles/", "/articles/{article}/", "/claims/", "/articles/new/"]
READER_DATA = re.compile(r'<script id="reader-data" type="application/json">(.*?)</script>', re.S)


def account(role: str):
    if role == ANONYMOUS:
        return None
    if role == ROLE_LESS:
        return get_user_model().objects.create_user("guest", password="x")
    return UserFactory(username=f"the-{role}", role=role)


@pytest.fixture
def as_role(client, request):
    user = account(request.param)
    if user is not None:
        client.force_login(user)
    return client, user or AnonymousUser()


def expected_desk_status(user) -> int:
    """The desk is for whoever may read unpublished claims; others log in or are refused."""
    if PERMISSIONS["claim"]["read"][role_of(user)] == ALL:
        return 200
    return 302 if not user.is_authenticated else 403


@pytest.mark.parametrize("as_role", ROLES, indirect=True)
@pytest.mark.parametrize("path", DESK_PAGES)
def test_desk_pages_follow_the_table(as_role, path):
    client, user = as_role
    article = ArticleFactory()
    response = client.get(path.format(article=article.pk))
    assert response.status_code == expected_desk_status(user)
    if response.status_code == 302:
        assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize("as_role", ROLES, indirect=True)
def test_public_pages_show_published_claims_only(as_role, editor):
    client, _ = as_role
    draft = ClaimFactory()
    published = ClaimFactory()
    SourceFactory(claim=published)
    services.submit_claim(claim=published, actor=editor)
    services.publish_claim(claim=published, editor=editor, rating="false", rationale="No.")
    assert client.get(f"/factchecks/{published.pk}/").status_code == 200
    assert client.get(f"/factchecks/{draft.pk}/").status_code == 404


@pytest.mark.parametrize("as_role", [r for r in ROLES if r not in (ANONYMOUS, ROLE_LESS)],
                         indirect=True)  # fmt: skip
def test_reader_sends_the_roles_cells_of_the_table(as_role):
    client, user = as_role
    article = ArticleFactory()
    content = client.get(f"/articles/{article.pk}/").content.decode()
    data = json.loads(READER_DATA.search(content).group(1))["permissions"]
    role = role_of(user)
    assert data["role"] == role
    assert data["scopes"] == {
        kind: {action: scopes[role] for action, scopes in actions.items()}
        for kind, actions in PERMISSIONS.items()
    }
    assert data == json.loads(json.dumps(reader_permissions(user)))
