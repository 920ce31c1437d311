"""The reader in Chromium: highlight a claim, add a verdict and a source, see it stored."""

import pytest
from playwright.sync_api import expect

from annotations.models import Claim
from articles.models import Article
from articles.services import create_article
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import drag_select, open_reader, select_with_dom_range, selected_text
from tests.ui.scenes import DEMO_PHRASE, demo_article

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def article_marks(page):
    return page.locator("[data-reader-text] mark[data-claim-id]")


def fill_claim_dialog(page, *, statement, rating="", rationale="", url="", excerpt=""):
    dialog = page.get_by_role("dialog", name="Add claim")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Statement").fill(statement)
    dialog.get_by_label("Claimant").fill("Parler critic")
    if rating:
        dialog.get_by_label("Rating").select_option(rating)
        dialog.get_by_label("Rationale").fill(rationale)
    if url:
        dialog.get_by_label("Source URL").fill(url)
        dialog.get_by_label("Source title").fill("Capitol Police statement")
        dialog.get_by_label("Excerpt").fill(excerpt)
        dialog.get_by_label("Stance").select_option("refutes")
    dialog.get_by_role("button", name="Save claim").click()
    expect(dialog).to_be_hidden()


def api_claims(page, article: Article) -> list[dict]:
    response = page.request.get(f"/api/v1/articles/{article.pk}/claims/")
    assert response.ok, response.text()
    return response.json()["results"]


def test_reviewer_highlights_a_claim_with_verdict_and_source(page, sign_in, reviewer):
    article = demo_article()
    sign_in(reviewer)
    open_reader(page, article)
    expect(page.get_by_text("No claims yet.")).to_be_visible()

    drag_select(page, DEMO_PHRASE)
    assert selected_text(page) == DEMO_PHRASE
    page.get_by_role("button", name="Add claim").click()
    fill_claim_dialog(
        page,
        statement="Five police officers died as a result of the riot.",
        rating="mostly-false",
        rationale="One officer died of injuries; the other deaths came later.",
        url="https://example.org/capitol-police",
        excerpt="Officer Sicknick died the next day.",
    )

    mark = article_marks(page)
    expect(mark).to_have_count(1)
    expect(mark).to_have_text(DEMO_PHRASE)
    expect(mark).to_be_focused()
    expect(mark).to_have_attribute("data-rating", "mostly-false")
    [claim] = api_claims(page, article)
    assert claim["quote"] == DEMO_PHRASE
    assert article.text[claim["start"] : claim["end"]] == DEMO_PHRASE
    assert [v["rating"] for v in claim["verdicts"]] == ["mostly-false"]
    assert [s["url"] for s in claim["sources"]] == ["https://example.org/capitol-police"]

    page.reload()
    expect(article_marks(page)).to_have_text([DEMO_PHRASE])
    # The highlight opens its card, which shows what was saved.
    article_marks(page).click()
    card = page.locator("[data-claim-card]")
    expect(card.get_by_role("heading", name="Claim", exact=True)).to_be_focused()
    expect(card).to_contain_text("Five police officers died as a result of the riot.")
    expect(card).to_contain_text("One officer died of injuries")
    expect(card.get_by_role("link", name="Capitol Police statement")).to_be_visible()
    expect(card).to_contain_text("Officer Sicknick died the next day.")


UNICODE_TEXT = (
    "Café owners 👩\u200d👩\u200d👧 cheered; Zoë\u2019s 🎉 party went on.\n"
    "The mayor, who e\u0301tait sure, said 12 bridges 🌉 collapsed in 2023 🙂 alone.\n"
    "Officials disputed the count."
)


def test_offsets_are_exact_after_emoji_combining_marks_and_newlines(page, sign_in, reviewer):
    article = create_article(title="Bridges 🌉", text=UNICODE_TEXT)
    sign_in(reviewer)
    open_reader(page, article)
    assert page.locator("[data-reader-text]").text_content() == UNICODE_TEXT

    phrases = ["12 bridges 🌉 collapsed in 2023 🙂", "e\u0301tait sure, said"]
    for phrase in phrases:
        select_with_dom_range(page, phrase)
        page.get_by_role("button", name="Add claim").click()
        fill_claim_dialog(page, statement=f"Claim about {phrase}")
        expect(article_marks(page).filter(has_text=phrase).first).to_be_visible()

    claims = {claim["quote"]: claim for claim in api_claims(page, article)}
    assert set(claims) == set(phrases)
    for phrase in phrases:
        start = UNICODE_TEXT.index(phrase)  # Python: code points, the server's unit
        assert (claims[phrase]["start"], claims[phrase]["end"]) == (start, start + len(phrase))
    page.reload()
    expect(article_marks(page)).to_have_text(sorted(phrases, key=UNICODE_TEXT.index))
    assert page.locator("[data-reader-text]").text_content() == UNICODE_TEXT


def test_a_selection_across_a_line_break_is_stored_exactly(page, sign_in, reviewer):
    article = create_article(title="Lines", text=UNICODE_TEXT)
    sign_in(reviewer)
    open_reader(page, article)
    phrase = "alone.\nOfficials"
    select_with_dom_range(page, phrase)
    page.get_by_role("button", name="Add claim").click()
    fill_claim_dialog(page, statement="Crosses a line")
    expect(article_marks(page)).to_have_count(1)
    assert Claim.objects.get().quote == phrase


@pytest.fixture
def expected_console_errors():
    # The refused POST is logged by Chromium as a failed resource load.
    return [r"status of 400"]


def test_server_refusal_is_shown_in_the_dialog(page, sign_in, reviewer, expected_console_errors):
    article = create_article(title="Refusal", text="Short text with a claim in it.")
    sign_in(reviewer)
    open_reader(page, article)
    select_with_dom_range(page, "a claim")
    page.get_by_role("button", name="Add claim").click()
    # Simulate a page whose text is stale: the quote the browser sends no longer
    # matches the stored text, and the server, the judge, refuses it.
    Article.objects.filter(pk=article.pk).update(text="Short text with a CLAIM in it.")
    dialog = page.get_by_role("dialog", name="Add claim")
    dialog.get_by_role("button", name="Save claim").click()
    alert = dialog.get_by_role("alert")
    expect(alert).to_contain_text("Does not match the text")
    expect(dialog).to_be_visible()
    assert not Claim.objects.exists()
