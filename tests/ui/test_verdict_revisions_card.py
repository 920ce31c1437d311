"""Issue 8, point 6 in Chromium: the card says, before the reviewer saves, that a
verdict stays on the record once the others' are visible, and editors see each
change beside the verdict."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from annotations import services
from annotations.models import Verdict
from articles.services import create_article
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import open_reader

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

TEXT = "The minister said 12 bridges collapsed last year. Engineers counted two."


@pytest.fixture
def claim(other_reviewer):
    article = create_article(title="Bridges", text=TEXT)
    claim = services.create_claim(article=article, author=other_reviewer, quote="12 bridges")
    services.record_verdict(claim=claim, reviewer=other_reviewer, rating="false",
                            rationale="Engineers counted two.")  # fmt: skip
    return claim


def _shots() -> Path | None:
    folder = os.environ.get("FACTCHECK_SCREENSHOTS_DIR")
    return Path(folder) if folder else None


def test_the_note_comes_before_saving_and_editors_see_the_revision(
    page, page_as, sign_in, reviewer, editor, claim
):
    sign_in(reviewer)
    open_reader(page, claim.article, f"#claim-{claim.pk}")
    card = page.locator("[data-claim-card]")
    save = card.get_by_role("button", name="Save verdict")
    # Before the first save: the note is visible and describes the button.
    note = card.locator("[data-verdict-note]")
    expect(note).to_have_attribute("data-kind", "new")
    expect(note).to_be_visible()
    expect(note).to_contain_text("you can no longer delete it")
    expect(save).to_have_accessible_description(
        "Once you save, the other reviewers' verdicts become visible to you. From then on every "
        "change you make is kept as a revision that editors see beside your verdict, agreement "
        "counts your first rating, and you can no longer delete it."
    )

    card.get_by_label("Rating").select_option("true")
    card.get_by_label("Rationale").fill("Looks right.")
    save.click()
    expect(card).to_contain_text("Engineers counted two.")  # Omar's, now visible

    # Editing now: the card says the change is kept, before it is saved.
    expect(note).to_have_attribute("data-kind", "seen")
    expect(note).to_contain_text("Other reviewers' verdicts are visible to you")
    update = card.get_by_role("button", name="Update verdict")
    expect(update).to_have_accessible_description(
        "Other reviewers' verdicts are visible to you: this change is kept as a revision that "
        "editors see beside your verdict, and agreement keeps counting your first rating. Your "
        "verdict can no longer be deleted."
    )
    card.get_by_label("Rating").select_option("false")
    card.get_by_label("Rationale").fill("On reflection, two.")
    update.click()
    expect(card).to_contain_text("Your verdict was updated.")
    assert Verdict.objects.get(reviewer=reviewer).revisions[0]["rating"] == "true"

    editor_page = page_as(editor)
    open_reader(editor_page, claim.article, f"#claim-{claim.pk}")
    editor_card = editor_page.locator("[data-claim-card]")
    revisions = editor_card.locator(".verdict-revisions")
    expect(revisions).to_have_count(1)
    expect(revisions.locator("summary")).to_contain_text("Changed once; first rating True")
    expect(revisions.locator("summary")).to_contain_text("after seeing others' verdicts")
    revisions.locator("summary").click()
    expect(revisions).to_contain_text("Looks right.")
    expect(revisions).to_contain_text("(others' verdicts were visible)")
    expect(editor_card.locator(".tag-agreement")).to_have_attribute("data-agreement", "conflict")
    # The editor sees every verdict already: the note before their first save says so.
    expect(editor_card.locator("[data-verdict-note]")).to_have_attribute("data-kind", "new-seen")
    expect(editor_card.locator("[data-verdict-note]")).to_contain_text(
        "Other reviewers' verdicts are visible to you. Once you save"
    )
    if shots := _shots():
        editor_card.screenshot(path=shots / "verdict-revisions.png")
        page.screenshot(path=shots / "verdict-note.png")
