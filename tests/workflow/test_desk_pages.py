"""The permissions table through the reviewer UI: who may open which page.

Desk pages show drafts and reviews in progress, so they need the table's ALL
scope for the cell they show (PUBLISHED is not enough); everyone else is sent
to the login page (anonymous) or refused (an account without a role). The
public fact-check page shows the public record only, to everyone.
"""

import pytest
from django.test import Client

from accounts.roles import ADMIN, EDITOR, REVIEWER
from annotations.permissions import ALL, ANONYMOUS, PERMISSIONS
from tests.factories import ArticleFactory, UserFactory
from tests.workflow.helpers import PUBLIC_SITE_PAGES, claim_in, ui_url_names

pytestmark = pytest.mark.django_db

ROLELESS = "roleless"
COLUMN = {ANONYMOUS: ANONYMOUS, ROLELESS: ANONYMOUS, REVIEWER: REVIEWER, EDITOR: EDITOR,
          ADMIN: ADMIN}  # fmt: skip

# URL name -> (path, with {article} for an article's id; the table cell the page shows)
DESK_PAGES = {
    "articles:list": ("/articles/", ("article", "read")),
    "articles:reader": ("/articles/{article}/", ("article", "read")),
    "articles:import": ("/articles/new/", ("article", "create")),
    "articles:revisions": ("/articles/{article}/revisions/", ("article", "read")),
    "claims:queue": ("/claims/", ("claim", "read")),
    "fetching:url_import": ("/imports/url/", ("article", "create")),
    # Imported ClaimReviews are public through the API; their page is part of the desk.
    "claimreviews:list": ("/claimreviews/", ("claim", "read")),
    # The header's search box: the desk's search page (the API serves the public).
    "search:results": ("/search/?q=pelicans", ("claim", "read")),
}
PUBLIC_PAGES = {"factchecks:detail"}
NOT_CHECKED = {
    "articles:home": "redirects to articles:list",
    "login": "the sign-in form itself",
    "logout": "POST only; ends the session",
    "claimreviews:upload": "POST only; editors (tests/claimreviews/test_pages.py)",
}


def _browser(role: str) -> Client:
    browser = Client()
    if role != ANONYMOUS:
        browser.force_login(UserFactory(role=None if role == ROLELESS else role))
    return browser


def test_every_ui_page_has_an_access_rule():
    assert set(DESK_PAGES) | PUBLIC_PAGES | PUBLIC_SITE_PAGES | set(NOT_CHECKED) == ui_url_names()


@pytest.mark.parametrize("role", list(COLUMN))
@pytest.mark.parametrize("page", sorted(DESK_PAGES))
def test_desk_page_access_follows_the_table(page, role):
    path, (kind, action) = DESK_PAGES[page]
    path = path.format(article=ArticleFactory().pk)
    granted = PERMISSIONS[kind][action][COLUMN[role]] == ALL

    response = _browser(role).get(path)

    if granted:
        assert response.status_code == 200
    elif role == ANONYMOUS:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", list(COLUMN))
@pytest.mark.parametrize(
    ("status", "expected"),
    [("published", 200), ("retracted", 200), ("in_review", 404), ("draft", 404)],
)
def test_public_page_shows_the_public_record_to_everyone(role, status, expected):
    claim = claim_in(status)

    response = _browser(role).get(f"/factchecks/{claim.pk}/")

    assert response.status_code == expected
