"""Screenshots of the reader, the claim card and its history, the queue and public pages.

Always taken (so the pages are exercised at 1280 px and on a phone-sized
window); saved into docs/screenshots/ only when FACTCHECK_SCREENSHOTS_DIR is
set, which `bench/screenshots.py` does. Otherwise they go to a temporary folder.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from annotations import services
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import open_reader, select_with_dom_range
from tests.ui.scenes import build_scene

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("FACTCHECK_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_screenshots(page, sign_in, reviewer, other_reviewer, editor, shots):
    scene = build_scene(reviewer=reviewer, other_reviewer=other_reviewer, editor=editor)
    services.submit_claim(claim=scene.disputed, actor=other_reviewer)
    for claim in (scene.disputed, scene.unrated):
        services.assign_reviewers(claim=claim, editor=editor, usernames=["rita", "omar"])
    sign_in(editor)

    # The reader with its claims, the list and the legend; then with a claim's card open.
    open_reader(page, scene.article)
    show_claims = f"""() => {{
        document.getElementById("claim-{scene.published.pk}").scrollIntoView({{ block: "center" }});
        window.scrollBy(0, 120);
    }}"""
    page.evaluate(show_claims)
    assert no_horizontal_scroll(page)
    page.screenshot(path=shots / "reader.png")
    page.locator(f"#claim-{scene.published.pk}").click()
    expect(page.locator("[data-claim-card]")).to_contain_text("Published as Mostly false")
    page.evaluate("() => document.activeElement.blur()")
    page.evaluate(show_claims)
    page.screenshot(path=shots / "reader-card.png")

    page.locator("[data-claim-card]").get_by_role("button", name="Close claim").click()
    select_with_dom_range(page, "more than 60 legal cases were thrown out")
    page.get_by_role("button", name="Add claim").click()
    dialog = page.get_by_role("dialog", name="Add claim")
    dialog.get_by_label("Statement").fill("More than 60 election lawsuits were dismissed.")
    dialog.get_by_label("Claimant").fill("Article author")
    dialog.get_by_label("Rating").select_option("true")
    page.screenshot(path=shots / "add-claim.png")
    dialog.get_by_role("button", name="Cancel").click()

    sign_in(reviewer)  # a reviewer's queue: their assigned claims first
    page.goto("/claims/")
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    expect(page.locator(".queue-item").first).to_contain_text("Assigned to you")
    page.screenshot(path=shots / "queue.png", full_page=True)

    page.context.clear_cookies()  # the public page as a visitor sees it
    public = f"/factchecks/{scene.published.pk}/"
    page.goto(public)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.screenshot(path=shots / "factcheck.png", full_page=True)

    services.correct_claim(
        claim=scene.published,
        editor=editor,
        rating="false",
        rationale=(
            "No officer died of injuries from the riot: the medical examiner found that "
            "Officer Sicknick died of natural causes; four officers died by suicide later."
        ),
        note="The medical examiner ruled that Officer Sicknick died of natural causes.",
    )
    page.goto(public)
    expect(page.get_by_role("heading", name="Corrections")).to_be_visible()
    page.screenshot(path=shots / "factcheck-corrected.png", full_page=True)

    # The corrected claim's card with its history open.
    sign_in(editor)
    open_reader(page, scene.article, f"#claim-{scene.published.pk}")
    card = page.locator("[data-claim-card]")
    card.get_by_role("button", name="Show history").click()
    expect(card.locator(".history-entry[data-action=correct]")).to_be_visible()
    card.locator(".card-history").evaluate("(section) => section.scrollIntoView({ block: 'end' })")
    page.evaluate("() => document.activeElement.blur()")
    page.screenshot(path=shots / "history.png")

    page.set_viewport_size({"width": 390, "height": 844})
    assert no_horizontal_scroll(page)
    open_reader(page, scene.article)
    assert no_horizontal_scroll(page)
    page.locator(f"#claim-{scene.reviewed.pk}").click()
    expect(page.locator("[data-claim-card]")).to_be_in_viewport()
    expect(page.locator(f"#claim-{scene.reviewed.pk}")).to_be_in_viewport()
    page.evaluate("() => document.activeElement.blur()")
    page.screenshot(path=shots / "reader-narrow.png")
