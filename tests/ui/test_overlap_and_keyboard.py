"""Overlapping claims stay reachable; the whole flow works from the keyboard alone."""

import pytest
from playwright.sync_api import expect

from annotations import services
from annotations.models import Claim
from articles.services import create_article
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import open_reader

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Meanwhile the public safety that Parler talks about does not change the five officers "
    "that died, one who committed suicide nor the 56 officers who were injured."
)


def claim(article, user, quote, **fields) -> Claim:
    return services.create_claim(article=article, author=user, quote=quote, **fields)


def focused_claim_id(page) -> str | None:
    return page.evaluate("() => document.activeElement.dataset.claimId ?? null")


def test_overlapping_and_nested_claims_each_stay_clickable(page, sign_in, reviewer):
    article = create_article(title="Overlaps", text=TEXT)
    outer = claim(article, reviewer, "five officers that died", statement="Outer")
    crossing = claim(
        article, reviewer, "that died, one who committed suicide", statement="Crossing"
    )
    nested = claim(article, reviewer, "officers", prefix="the five ", statement="Nested")
    sign_in(reviewer)
    open_reader(page, article)

    root = page.locator("[data-reader-text]")
    assert root.text_content() == TEXT  # drawing marks never changes the text
    # One focusable mark per claim, in reading order; the crossing claim is split in two.
    buttons = root.locator("mark[role=button]")
    expect(buttons).to_have_count(3)
    assert [buttons.nth(i).get_attribute("data-claim-id") for i in range(3)] == [
        str(outer.pk),
        str(nested.pk),
        str(crossing.pk),
    ]
    crossing_text = "".join(
        root.locator(f'mark[data-claim-id="{crossing.pk}"]').evaluate_all(
            "marks => marks.filter(m => !m.parentElement.closest("
            f"'mark[data-claim-id=\"{crossing.pk}\"]')).map(m => m.textContent)"
        )
    )
    assert crossing_text == crossing.quote

    # "that died" is covered by the outer and the crossing claim: clicking it offers both.
    card = page.locator("[data-claim-card]")
    root.locator(f'mark[data-claim-id="{crossing.pk}"]').first.click()
    expect(card.locator(".quote")).to_have_text(crossing.quote)
    others = card.get_by_role("navigation", name="Other claims covering this text")
    expect(others).to_contain_text("five officers that died")
    others.get_by_role("button").click()
    expect(card.locator(".quote")).to_have_text(outer.quote)

    # The nested claim is reachable on its own too, and the outer one is offered with it.
    root.locator(f'mark[data-claim-id="{nested.pk}"]').click()
    expect(card.locator(".quote")).to_have_text("officers")
    expect(others).to_contain_text("five officers that died")

    # The side list scrolls to and focuses a claim's highlight.
    claim_list = page.locator("[data-claim-list]")
    claim_list.get_by_role("button", name="“that died, one who committed suicide”").click()
    assert focused_claim_id(page) == str(crossing.pk)


def test_keyboard_only_flow(page, sign_in, reviewer):
    article = create_article(title="Keyboard", text="The council said 40 new homes were built.")
    sign_in(reviewer)
    open_reader(page, article)

    # Tab to the article, move the caret, select with Shift+Arrow, press Enter.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('[data-reader-text]')"):
            break
    expect(page.locator("[data-reader-text]")).to_be_focused()
    for _ in range(len("The council said ")):
        page.keyboard.press("ArrowRight")
    for _ in range(len("40 new homes")):
        page.keyboard.press("Shift+ArrowRight")
    expect(page.get_by_role("button", name="Add claim")).to_be_visible()
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name="Add claim")
    expect(dialog.locator("[data-claim-quote]")).to_have_text("40 new homes")
    expect(dialog.get_by_label("Statement")).to_be_focused()
    page.keyboard.type("Forty homes were built.")
    page.keyboard.press("Tab")
    page.keyboard.type("The council")
    page.keyboard.press("Tab")
    expect(dialog.get_by_label("Rating")).to_be_focused()
    page.keyboard.press("F")  # type-ahead in the select: "False"
    page.keyboard.press("Tab")
    page.keyboard.type("The housing register lists 12.")
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent === 'Save claim'"):
            break
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()

    claim_ = Claim.objects.get()
    assert claim_.quote == "40 new homes"
    assert claim_.verdicts.get().rating == "false"
    mark = page.locator(f"#claim-{claim_.pk}")
    expect(mark).to_be_focused()

    # Enter opens the card and moves focus into it; Escape closes it and returns focus.
    page.keyboard.press("Enter")
    card = page.locator("[data-claim-card]")
    expect(card.get_by_role("heading", name="Claim", exact=True)).to_be_focused()
    expect(card).to_contain_text("The housing register lists 12.")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(mark).to_be_focused()

    # Escape in the dialog cancels it and gives focus back to the article.
    page.keyboard.press("Shift+Tab")
    expect(page.locator("[data-reader-text]")).to_be_focused()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator("[data-reader-text]")).to_be_focused()
    assert Claim.objects.count() == 1
