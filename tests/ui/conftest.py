"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live_server.

Browser tests never download a browser: they use /usr/bin/chromium and are
skipped, with the reason shown, when it is missing. Every page records console
errors and uncaught exceptions, and a test fails if any occurred that it did
not declare as expected (a CSP violation shows up here too).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"browser tests need Debian's Chromium at {CHROMIUM}"
)


@pytest.fixture(autouse=True)
def _clear_cache():
    # API throttles count in the locmem cache; a test must not inherit another's count.
    cache.clear()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def expected_console_errors() -> list[str]:
    """Regular expressions for console errors a test provokes on purpose (e.g. a 400)."""
    return []


def _new_page(browser, live_server):
    """A page in a fresh context (its own cookies), recording console errors."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(8000)
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"console error: {message.text} ({message.location})")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    _track_requests(page)
    return context, page, problems


def _track_requests(page) -> None:
    """Count the page's requests still in flight, for _settle()."""
    in_flight = page.in_flight = set()
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))


def _settle(page, timeout_ms: int = 5000) -> None:
    """Wait (briefly) until no request of the page is still being answered.

    The live server answers in its own threads. Closing the browser while one of
    them is still inside a view leaves that view's statement open when the test's
    teardown flushes the database; on SQLite's shared in-memory database the
    flush then fails with "database table is locked" and the next test of the
    worker finds the previous test's rows.
    """
    waited = 0
    while getattr(page, "in_flight", None) and waited < timeout_ms and not page.is_closed():
        page.wait_for_timeout(25)
        waited += 25


def _fail_on_unexpected(problems: list[str], expected: list[str]) -> None:
    unexpected = [
        problem
        for problem in problems
        if not any(re.search(pattern, problem) for pattern in expected)
    ]
    if unexpected:
        pytest.fail("The browser reported errors:\n" + "\n".join(unexpected))


@pytest.fixture
def page(browser, live_server, expected_console_errors):
    context, page, problems = _new_page(browser, live_server)
    yield page
    _settle(page)
    context.close()
    _fail_on_unexpected(problems, expected_console_errors)


@pytest.fixture
def page_as(browser, live_server, expected_console_errors):
    """page_as(user): a page in its own browser context, signed in as `user` (None: a visitor).

    For stories with several people at once (two reviewers and an editor);
    console errors are checked as for `page`.
    """
    opened = []

    def page_as(user):
        context, page, problems = _new_page(browser, live_server)
        if user is not None:
            _add_session(context, live_server, user)
        opened.append((context, problems))
        return page

    yield page_as
    for context, _ in opened:
        for open_page in context.pages:
            _settle(open_page)
        context.close()
    for _, problems in opened:
        _fail_on_unexpected(problems, expected_console_errors)


def _add_session(context, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.value, "url": live_server.url}]
    )


@pytest.fixture
def sign_in(page, live_server):
    """sign_in(user): give the browser a session for `user` without the login form."""

    def sign_in(user) -> None:
        _add_session(page.context, live_server, user)

    return sign_in
