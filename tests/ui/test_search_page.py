"""The header's search box and the results page, in Chromium against a live server."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.search.conftest import FILLER, make_claim, make_review
from tests.ui.conftest import requires_chromium
from tests.ui.test_public_pages import assert_accessible

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def records(reviewer):
    for text in FILLER:
        make_claim(text, status="published", created_by=reviewer)
    return {
        "factcheck": make_claim(
            "The senator argued that wind farms kill millions of birds every year.",
            status="published", created_by=reviewer, claimant="a senator",
        ),
        "claim": make_claim("Wind farms kill <b>birds</b>, the draft says.", created_by=reviewer),
        "review": make_review("Wind turbines kill more birds than cats do", name="Not true",
                              textual_rating="Pants on Fire", rating="false"),
    }  # fmt: skip


def test_header_search_finds_every_kind_with_marked_words(page, sign_in, reviewer, records):
    sign_in(reviewer)
    page.goto("/articles/")
    box = page.get_by_role("search", name="Search").get_by_label(
        "Search fact-checks, claims and articles"
    )
    box.fill("wind farms kill")
    box.press("Enter")

    expect(page).to_have_url("/search/?q=wind+farms+kill")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_role("status")).to_contain_text("for “wind farms kill”")
    expect(page.locator(".search-hit-factcheck")).to_contain_text("Fact-check")
    expect(page.locator(".search-hit-factcheck").get_by_role("link")).to_have_attribute(
        "href", f"/factchecks/{records['factcheck'].pk}/"
    )
    expect(page.locator(".search-hit-claim")).to_contain_text("Claim")
    # The draft's stored markup is text, never an element.
    expect(page.locator(".search-hit-claim .search-hit-snippet b")).to_have_count(0)
    expect(page.locator(".search-hit-snippet mark").first).to_be_visible()
    # The box keeps the query, and the page's own form searches again, here by kind.
    expect(page.locator("#site-search-q")).to_have_value("wind farms kill")
    page.get_by_label("Show").select_option("factcheck")
    page.get_by_role("button", name="Search", exact=True).last.click()
    expect(page.locator(".search-hit")).to_have_count(1)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/search/?q=birds")
    expect(page.locator(".search-hit-claimreview")).to_contain_text("Pants on Fire")
    assert_accessible(page, "search results")
    # Saved into docs/screenshots/ when FACTCHECK_SCREENSHOTS_DIR is set (bench/screenshots.py).
    if os.environ.get("FACTCHECK_SCREENSHOTS_DIR"):
        folder = Path(os.environ["FACTCHECK_SCREENSHOTS_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / "search.png", full_page=True)


def test_keyboard_reaches_the_search_box(page, sign_in, reviewer, records):
    sign_in(reviewer)
    page.goto("/articles/")
    box = page.locator("#site-search-q")
    for _ in range(10):
        page.keyboard.press("Tab")
        if box.evaluate("element => element === document.activeElement"):
            break
    expect(box).to_be_focused()
    page.keyboard.type("birds")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("result")


def test_visitors_are_sent_to_sign_in(page, records):
    page.goto("/search/?q=birds")
    expect(page).to_have_url("/login/?next=/search/%3Fq%3Dbirds")
