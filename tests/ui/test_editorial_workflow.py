"""Issue 5's story in Chromium: two reviewers and an editor, each in their own browser.

A claim in the demo article goes from a reviewer's highlight through two
independent verdicts (blind review), a disagreement the queue shows, the
editor's publication and correction, to the public page with the dated
correction and a ClaimReview carrying the corrected rating.
"""

import pytest
from playwright.sync_api import expect

from annotations.models import Claim, Publication
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import drag_select, json_ld, open_reader
from tests.ui.scenes import DEMO_PHRASE, demo_article

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

STATEMENT = "Five police officers died because of the Capitol riot."
RITAS_REASON = "One officer died the next day; the count mixes causes."
OMARS_REASON = "Five officers did die in the months after the riot."
CORRECTION_NOTE = "The medical examiner found Officer Sicknick died of natural causes."


def card_of(page):
    return page.locator("[data-claim-card]")


def test_two_reviewers_and_an_editor_take_a_claim_to_a_corrected_fact_check(
    page_as, reviewer, other_reviewer, editor
):
    article = demo_article()
    rita, omar, edna = page_as(reviewer), page_as(other_reviewer), page_as(editor)

    # Reviewer 1 highlights the claim, adds a source and submits it for review.
    open_reader(rita, article)
    drag_select(rita, DEMO_PHRASE)
    rita.get_by_role("button", name="Add claim").click()
    dialog = rita.get_by_role("dialog", name="Add claim")
    dialog.get_by_label("Statement").fill(STATEMENT)
    dialog.get_by_label("Source URL").fill("https://www.uscp.gov/media-center/press-releases")
    dialog.get_by_label("Source title").fill("Capitol Police: line-of-duty deaths")
    dialog.get_by_role("button", name="Save claim").click()
    expect(dialog).to_be_hidden()
    claim = Claim.objects.get(quote=DEMO_PHRASE)
    reader_url = f"#claim-{claim.pk}"
    rita.locator(f"#claim-{claim.pk}").click()
    card = card_of(rita)
    expect(card.get_by_role("heading", name="Sources (1)")).to_be_visible()
    card.get_by_role("button", name="Submit for review").click()
    expect(card).to_contain_text("Submitted for review.")
    expect(card.get_by_role("heading", name="Review: In review")).to_be_visible()

    # The editor assigns both reviewers from the list of reviewers.
    open_reader(edna, article, reader_url)
    card = card_of(edna)
    card.get_by_role("button", name="Assign reviewers").click()
    card.get_by_role("checkbox", name="rita").check()
    card.get_by_role("checkbox", name="omar").check()
    card.get_by_role("button", name="Assign", exact=True).click()
    expect(card).to_contain_text("Assigned omar, rita.")
    expect(card.locator(".facts")).to_contain_text("omar, rita")

    # Reviewer 1 gives the first verdict.
    open_reader(rita, article, reader_url)
    give_verdict(card_of(rita), "mostly-false", RITAS_REASON)
    expect(card_of(rita).locator(".facts")).to_contain_text("omar, rita (you)")

    # Reviewer 2 finds it first in their queue and cannot see reviewer 1's verdict.
    omar.goto("/claims/")
    first = omar.locator(".queue-item").first
    expect(first).to_contain_text("Assigned to you")
    expect(first).to_contain_text("Blind review")
    expect(first.locator(".badge")).to_have_count(0)
    first.get_by_role("link").click()
    omar.locator("[data-reader][data-state=ready]").wait_for()
    card = card_of(omar)
    # (The verdict form's note, issue 8, is a note too: the blind-review one is meant here.)
    blind_notice = card.get_by_role("note").filter(has_text="Blind review.")
    expect(blind_notice).to_have_count(1)
    expect(card.get_by_role("heading", name="Verdicts (0)")).to_be_visible()
    expect(card).not_to_contain_text(RITAS_REASON)
    expect(card.locator(".tag-agreement")).to_have_count(0)
    give_verdict(card, "true", OMARS_REASON)
    # Now both verdicts show, and that they conflict, in words.
    expect(card.get_by_role("heading", name="Verdicts (2)")).to_be_visible()
    expect(card).to_contain_text(RITAS_REASON)
    expect(blind_notice).to_have_count(0)
    expect(card.locator(".tag-agreement")).to_have_text("Reviewers disagree")

    # The queue's "Reviewers disagree" filter finds it.
    omar.goto("/claims/")
    omar.get_by_label("Agreement").select_option(label="Reviewers disagree")
    omar.get_by_role("button", name="Filter").click()
    expect(omar.locator(".queue-item")).to_have_count(1)
    expect(omar.locator(".queue-item")).to_contain_text(DEMO_PHRASE)
    expect(omar.locator(".queue-item .tag-agreement")).to_have_text("Reviewers disagree")

    # The editor compares the verdicts, publishes, then corrects the rating.
    edna.reload()
    edna.locator("[data-reader][data-state=ready]").wait_for()
    card = card_of(edna)
    expect(card.locator(".tag-agreement")).to_have_text("Reviewers disagree")
    card.get_by_label("Published rating").select_option("mostly-false")
    card.get_by_label("Published rationale").fill("One officer died the day after the riot.")
    card.get_by_role("button", name="Publish", exact=True).click()
    expect(card).to_contain_text("Published as Mostly false")
    card.get_by_role("button", name="Correct verdict").click()
    card.get_by_label("Corrected rating").select_option("false")
    card.get_by_label("Corrected rationale").fill("No officer died of injuries from the riot.")
    card.get_by_label("Correction note").fill(CORRECTION_NOTE)
    card.get_by_role("button", name="Publish correction").click()
    expect(card).to_contain_text("Corrected to False")
    card.get_by_role("button", name="Show history").click()
    corrected = card.locator(".history-entry[data-action=correct]")
    expect(corrected).to_contain_text("edna · Corrected")
    expect(corrected).to_contain_text("Rating: Mostly false → False")
    expect(corrected).to_contain_text(f"Reason: {CORRECTION_NOTE}")
    expect(card.locator(".history-entry[data-action=assign]")).to_have_count(2)

    # Anyone can read the corrected fact-check, its dated correction and its ClaimReview.
    visitor = page_as(None)
    visitor.goto(f"/factchecks/{claim.pk}/")
    expect(visitor.locator(".verdict-panel .badge")).to_have_text("False")
    correction = visitor.locator(".correction")
    corrected_on = Publication.objects.get(claim=claim, kind="correction").published_at
    expect(correction.locator("time")).to_have_attribute("datetime", corrected_on.isoformat())
    expect(correction).to_contain_text("Mostly false")
    expect(correction).to_contain_text(CORRECTION_NOTE)
    review = json_ld(visitor)
    assert review["reviewRating"]["alternateName"] == "False"
    assert review["reviewRating"]["ratingValue"] == 1
    expect(visitor.locator("body")).not_to_contain_text(OMARS_REASON)


def give_verdict(card, rating: str, rationale: str) -> None:
    card.get_by_label("Rating", exact=True).select_option(rating)
    card.get_by_label("Rationale", exact=True).fill(rationale)
    card.get_by_role("button", name="Save verdict").click()
    expect(card).to_contain_text("Your verdict was saved.")
