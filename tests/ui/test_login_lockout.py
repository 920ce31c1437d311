"""In a browser: ten wrong passwords at /login/ end in the 429 page, which says when to retry."""

import re

import pytest
from playwright.sync_api import expect

from tests.ui.conftest import requires_chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture
def expected_console_errors() -> list[str]:
    return [r"status of 429"]  # the locked-out page itself is answered with 429


def _submit(page, username: str, password: str) -> None:
    """Sign in and wait for the answer page: asserting before it loads read the old page."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("sign in", re.I)).click()


def test_the_tenth_wrong_password_shows_when_to_retry(page, reviewer):
    page.goto("/login/")
    for n in range(9):
        _submit(page, "rita", f"wrong-{n}")
        expect(page.get_by_role("heading", name=re.compile("sign in", re.I))).to_be_visible()
        expect(page.get_by_role("alert")).to_contain_text(re.compile("correct username", re.I))

    _submit(page, "rita", "wrong-9")

    page.get_by_role("heading", name="Too many sign-in attempts").wait_for()
    alert = page.get_by_role("alert")
    assert re.search(r"Try again in 15 minutes \(at \d\d:\d\d UTC\)", alert.inner_text())
    page.get_by_role("link", name="Back to sign in").click()
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_label("Username").fill("rita")
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    page.get_by_role("heading", name="Too many sign-in attempts").wait_for()
