"""Suggestions in the reader, in Chromium against the live server.

The toggle is a real button with aria-pressed; worthy sentences get dashed,
labelled marks that show their reasons on hover and on keyboard focus; the side
list is sorted by score; choosing a suggestion selects the sentence and opens
"Add claim" with it; once claimed, the sentence is no longer suggested.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from annotations.models import Claim
from articles.services import create_article
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import open_reader
from tests.ui.scenes import DEMO_PHRASE, demo_article

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

DEMO_SENTENCE_START = "Meanwhile that “public safety” that Parler talks about"


def suggestion_marks(page):
    return page.locator("[data-reader-text] mark.suggestion[role=button]")


def turn_on(page):
    toggle = page.get_by_role("button", name="Suggestions")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-suggestions-list] li").first).to_be_visible()
    return toggle


def test_toggle_marks_worthy_sentences_and_lists_them_by_score(page, sign_in, reviewer):
    article = demo_article()
    sign_in(reviewer)
    open_reader(page, article)
    expect(suggestion_marks(page)).to_have_count(0)
    expect(page.locator("[data-suggestions-panel]")).to_be_hidden()

    toggle = turn_on(page)

    marks = suggestion_marks(page)
    assert marks.count() >= 5
    # The side list, highest score first, with the demo sentence in its top five.
    scores = [
        float(text.split()[-1]) for text in page.locator(".suggestion-score").all_text_contents()
    ]
    assert scores == sorted(scores, reverse=True)
    assert all(score >= 0.5 for score in scores)
    top_five = page.locator(".suggestion-quote").all_text_contents()[:5]
    assert any(DEMO_PHRASE in quote for quote in top_five)
    # The text is unchanged by the marks (the label is CSS content, not text).
    assert page.locator("[data-reader-text]").text_content() == article.text

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(suggestion_marks(page)).to_have_count(0)
    assert page.locator("[data-reader-text]").text_content() == article.text


def test_reasons_show_on_hover_and_keyboard_focus(page, sign_in, reviewer):
    article = demo_article()
    sign_in(reviewer)
    open_reader(page, article)
    turn_on(page)
    mark = suggestion_marks(page).filter(has_text=DEMO_PHRASE)
    tip = page.get_by_role("tooltip")

    mark.hover()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Worth checking")
    expect(tip).to_contain_text("a number: five officers")

    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()
    mark.focus()
    expect(tip).to_be_visible()
    expect(mark).to_have_attribute("aria-describedby", "suggestion-tip")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()


def test_choosing_a_suggestion_adds_it_as_a_claim(page, sign_in, reviewer):
    article = demo_article()
    sign_in(reviewer)
    open_reader(page, article)
    turn_on(page)
    item = page.locator(".suggestion-item").filter(has_text=DEMO_SENTENCE_START)
    before = page.locator(".suggestion-item").count()

    item.click()

    dialog = page.get_by_role("dialog", name="Add claim")
    expect(dialog).to_be_visible()
    start = article.text.index(DEMO_SENTENCE_START)
    end = article.text.index("2021.", start) + len("2021.")
    sentence = article.text[start:end]
    expect(dialog.locator("[data-claim-quote]")).to_have_text(sentence)
    dialog.get_by_label("Statement").fill("Five police officers died as a result of the riot.")
    dialog.get_by_role("button", name="Save claim").click()
    expect(dialog).to_be_hidden()

    claim = Claim.objects.get()
    assert (claim.start, claim.end, claim.quote) == (start, end, sentence)
    # Claimed now: no longer suggested, in the list or in the text.
    expect(page.locator(".suggestion-item")).to_have_count(before - 1)
    expect(page.locator(".suggestion-item").filter(has_text=DEMO_SENTENCE_START)).to_have_count(0)
    expect(suggestion_marks(page).filter(has_text=DEMO_PHRASE)).to_have_count(0)


def test_keyboard_chooses_a_suggestion_in_the_text(page, sign_in, reviewer):
    article = create_article(
        title="Keyboard",
        text="I think it is fine. The senator voted against the bill 14 times in 2019.",
    )
    sign_in(reviewer)
    open_reader(page, article)
    turn_on(page)
    mark = suggestion_marks(page)
    expect(mark).to_have_count(1)
    mark.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Add claim")
    expect(dialog.locator("[data-claim-quote]")).to_have_text(
        "The senator voted against the bill 14 times in 2019."
    )
    dialog.get_by_role("button", name="Cancel").click()
    expect(mark).to_be_focused()  # focus returns where the choice was made


def test_unsupported_language_says_so(page, sign_in, reviewer):
    article = create_article(
        title="Deutsch", text="Der Senator stimmte 2019 vierzehnmal dagegen.", language="de"
    )
    sign_in(reviewer)
    open_reader(page, article)
    page.get_by_role("button", name="Suggestions").click()
    expect(page.locator("[data-suggestions-status]")).to_contain_text("not available")
    expect(suggestion_marks(page)).to_have_count(0)


def test_screenshot(page, sign_in, reviewer, tmp_path):
    """docs/screenshots/suggestions.png when FACTCHECK_SCREENSHOTS_DIR is set."""
    folder = Path(os.environ.get("FACTCHECK_SCREENSHOTS_DIR") or tmp_path)
    article = demo_article()
    sign_in(reviewer)
    open_reader(page, article)
    turn_on(page)
    mark = suggestion_marks(page).filter(has_text=DEMO_PHRASE)
    mark.scroll_into_view_if_needed()
    page.evaluate("() => window.scrollBy(0, 160)")
    mark.hover()
    expect(page.get_by_role("tooltip")).to_be_visible()
    page.screenshot(path=folder / "suggestions.png")
