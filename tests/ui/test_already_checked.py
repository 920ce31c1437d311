"""The claim card's "Already checked?" section, in Chromium against the live server.

A desk claim's card lists the published fact-check and the imported ClaimReview of
the same claim, with rating, publisher and link; "Same claim" stores a confirmed
link (shown again on reload and on the fact-check's own card, never a verdict),
"Not the same" a dismissed one.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from annotations.models import Claim
from matching import encoder
from matching.models import MatchLink
from tests.search.conftest import make_claim, make_review
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import open_reader

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def scene():
    encoder.embed("load the model now, not inside the first request's time limit")
    for text in (
        "Rents in the capital rose by forty percent in two years, the agency reported.",
        "The airport handled a record ninety million passengers in the past year.",
    ):
        make_claim(text, status="published")
    published = make_claim(
        "Mexico paid for the border wall, the president said.", status="published"
    )
    review = make_review("Mexico paid for the border wall", rating="false",
                         textual_rating="Pants on Fire", publisher_name="Other Checker",
                         date_published="2019-01-15")  # fmt: skip
    draft = make_claim("Mexico paid for the whole border wall, the senator said on Monday.")
    return draft, published, review


def section(page):
    return page.locator("[data-claim-card] [data-already-checked]")


def test_confirm_and_dismiss_matches_on_the_card(page, sign_in, reviewer):
    draft, published, review = scene()
    sign_in(reviewer)
    open_reader(page, draft.article, f"#claim-{draft.pk}")
    part = section(page)
    expect(part.get_by_role("heading", name="Already checked?")).to_be_visible()
    imported = part.locator(f"li[data-match-kind=claimreview][data-match-id='{review.pk}']")
    ours = part.locator(f"li[data-match-kind=factcheck][data-match-id='{published.pk}']")
    expect(imported).to_contain_text("Other Checker")
    expect(imported).to_contain_text("2019-01-15")
    expect(imported.get_by_role("link")).to_have_attribute(
        "href", "https://checker.example/review/1"
    )
    expect(ours).to_be_visible()

    imported.get_by_role("button", name="Same claim").click()
    expect(imported).to_contain_text("Confirmed: same claim")
    expect(imported.get_by_role("button", name="Same claim")).to_have_attribute(
        "aria-pressed", "true"
    )
    ours.get_by_role("button", name="Not the same").click()
    expect(ours).to_contain_text("Dismissed")
    links = {(link.kind, link.status) for link in MatchLink.objects.all()}
    assert links == {("claimreview", "confirmed"), ("factcheck", "dismissed")}
    draft.refresh_from_db()
    assert draft.status == Claim.Status.DRAFT
    assert draft.rating == ""  # a match never makes a verdict

    page.reload()
    page.locator("[data-reader][data-state=ready]").wait_for()
    imported = section(page).locator(
        f"li[data-match-kind=claimreview][data-match-id='{review.pk}']"
    )
    expect(imported).to_contain_text("Confirmed: same claim")


def test_screenshot(page, sign_in, reviewer, tmp_path):
    """docs/screenshots/already-checked.png when FACTCHECK_SCREENSHOTS_DIR is set."""
    folder = Path(os.environ.get("FACTCHECK_SCREENSHOTS_DIR") or tmp_path)
    draft, _, review = scene()
    sign_in(reviewer)
    open_reader(page, draft.article, f"#claim-{draft.pk}")
    part = section(page)
    imported = part.locator(f"li[data-match-kind=claimreview][data-match-id='{review.pk}']")
    imported.get_by_role("button", name="Same claim").click()
    expect(imported).to_contain_text("Confirmed")
    part.scroll_into_view_if_needed()
    page.screenshot(path=folder / "already-checked.png")
