"""The claim card's workflow in Chromium: buttons by permission, retract, reopen, 409s."""

import pytest
from playwright.sync_api import expect

from annotations import services
from annotations.card_permissions import ACTION_PERMISSIONS, actions_by_status
from annotations.models import Claim
from annotations.permissions import allowed
from articles.services import create_article
from tests.factories import UserFactory
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import json_ld, open_reader

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

TEXT = "The minister said 12 bridges collapsed last year. Engineers counted two."
QUOTE = "12 bridges collapsed last year"


def claim_in(status: str, *, author, editor) -> Claim:
    article = create_article(title="Bridges", text=TEXT, publisher="Daily Example")
    claim = services.create_claim(article=article, author=author, quote=QUOTE,
                                  statement="Twelve bridges collapsed last year.")  # fmt: skip
    services.add_source(claim=claim, added_by=author, url="https://example.org/bridges")
    if status == "draft":
        return claim
    claim = services.submit_claim(claim=claim, actor=author)
    if status == "in_review":
        return claim
    return services.publish_claim(claim=claim, editor=editor, rating="false", rationale="Two.")


def card_of(page):
    return page.locator("[data-claim-card]")


# Renders the card's workflow section for made-up claims with the modules and the
# permission data the reader page really loaded, and lists each one's data-action controls.
_RENDER_ACTIONS = """
async (claims) => {
  const { createPermissions } = await import("/static/annotations/permissions.js");
  const { ClaimWorkflow } = await import("/static/annotations/claim-workflow.js");
  const data = JSON.parse(document.getElementById("reader-data").textContent);
  const workflow = new ClaimWorkflow({
    permissions: createPermissions(data.user.username, data.permissions),
    statusLabel: (status) => status,
    onChanged: () => {},
  });
  return claims.map((claim) => [...workflow.render(claim).querySelectorAll("[data-action]")]
    .map((control) => control.dataset.action));
}
"""


@pytest.mark.parametrize("role", ["reviewer", "editor", "admin"])
def test_card_offers_exactly_the_moves_the_permission_table_allows(page, sign_in, role):
    user = UserFactory(username=f"the-{role}", role=role)
    someone_else = UserFactory(username="someone-else", role="reviewer")
    article = create_article(title="Empty", text=TEXT)
    sign_in(user)
    open_reader(page, article)

    cases = [(status, owner) for status in Claim.Status.values for owner in (user, someone_else)]
    fake_claims = [
        {"id": n, "status": status, "created_by": owner.username, "verdicts": [], "sources": [],
         "publications": [], "assigned_to": [], "rating": None}
        for n, (status, owner) in enumerate(cases, start=1)
    ]  # fmt: skip
    rendered = page.evaluate(_RENDER_ACTIONS, fake_claims)

    for (status, owner), actions in zip(cases, rendered, strict=True):
        claim = Claim(status=status, created_by_id=owner.pk)
        expected = [
            action
            for action in actions_by_status()[status]
            if allowed(user, "claim", ACTION_PERMISSIONS[action], claim)
        ]
        assert sorted(actions) == sorted(expected), (role, status, owner.username)


def test_editor_retracts_after_confirming_with_a_note(page, sign_in, reviewer, editor):
    claim = claim_in("published", author=reviewer, editor=editor)
    sign_in(editor)
    open_reader(page, claim.article, f"#claim-{claim.pk}")
    card = card_of(page)
    retract = card.get_by_role("button", name="Retract", exact=True)
    expect(retract).to_have_attribute("aria-expanded", "false")
    retract.click()
    expect(retract).to_have_attribute("aria-expanded", "true")
    note = card.get_by_label("Retraction note")
    expect(note).to_be_focused()

    # The confirm step refuses an empty note; nothing changes.
    card.get_by_role("button", name="Confirm retraction").click()
    expect(card.get_by_role("alert")).to_contain_text("Say why the fact-check is retracted.")
    claim.refresh_from_db()
    assert claim.status == "published"

    note.fill("The engineering report was withdrawn.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the keyboard reaches and presses "Confirm retraction"
    expect(card.get_by_role("heading", name="Retracted", exact=True)).to_be_visible()
    expect(card).to_contain_text("Retracted. The public page now says so.")
    expect(card).to_contain_text("The engineering report was withdrawn.")
    mark = page.locator(f"#claim-{claim.pk}")
    expect(mark).to_have_attribute("data-state", "retracted")
    expect(mark).to_have_attribute("data-badge", "Retracted")
    expect(page.locator("[data-claim-list] button")).to_contain_text("Retracted fact-check")
    expect(card.get_by_role("button", name="Retract", exact=True)).to_have_count(0)

    # History opens with the keyboard and names the retraction and its reason.
    card.get_by_role("button", name="Show history").focus()
    page.keyboard.press("Enter")
    retracted = card.locator(".history-entry[data-action=retract]")
    expect(retracted).to_contain_text("edna · Retracted")
    expect(retracted).to_contain_text("Status: Published → Retracted")
    expect(retracted).to_contain_text("Reason: The engineering report was withdrawn.")

    page.context.clear_cookies()
    page.goto(f"/factchecks/{claim.pk}/")
    banner = page.get_by_role("note")
    expect(banner).to_contain_text("Retracted")
    expect(banner).to_contain_text("The engineering report was withdrawn.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Twelve bridges collapsed last year.")
    expect(page.locator('script[type="application/ld+json"]')).to_have_count(0)


def test_author_cannot_send_a_claim_back_to_draft(page, sign_in, reviewer, editor):
    """Back in draft the author could read the others' verdicts: editors only (blind review)."""
    claim = claim_in("in_review", author=reviewer, editor=editor)
    sign_in(reviewer)
    open_reader(page, claim.article, f"#claim-{claim.pk}")
    card = card_of(page)
    expect(card.get_by_role("heading", name="Verdicts (0)")).to_be_visible()
    expect(card.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    expect(card.get_by_role("button", name="Assign reviewers")).to_have_count(0)
    expect(card.get_by_role("button", name="Send back to draft")).to_have_count(0)


def test_editor_sends_a_claim_back_to_draft(page, sign_in, reviewer, editor):
    claim = claim_in("in_review", author=reviewer, editor=editor)
    sign_in(editor)
    open_reader(page, claim.article, f"#claim-{claim.pk}")
    card = card_of(page)
    card.get_by_role("button", name="Send back to draft").click()
    expect(card).to_contain_text("Sent back to draft.")
    expect(card.get_by_role("button", name="Submit for review")).to_be_visible()
    claim.refresh_from_db()
    assert claim.status == "draft"


@pytest.fixture
def expected_console_errors():
    return [r"status of 409"]  # Chromium logs the refused POST as a failed resource load


def test_a_move_someone_else_made_first_is_refused_with_the_current_status(
    page, sign_in, reviewer, editor, expected_console_errors
):
    claim = claim_in("in_review", author=reviewer, editor=editor)
    sign_in(editor)
    open_reader(page, claim.article, f"#claim-{claim.pk}")
    card = card_of(page)
    card.get_by_label("Published rating").select_option("half-true")
    card.get_by_label("Published rationale").fill("Some did.")

    # Meanwhile another editor publishes it.
    services.publish_claim(claim=claim, editor=editor, rating="false", rationale="Two did.")

    card.get_by_role("button", name="Publish", exact=True).click()
    alert = card.get_by_role("alert")
    expect(alert).to_contain_text("Cannot publish a claim whose status is published")
    expect(alert).to_be_focused()
    # The card now shows the claim as it is: published, with the other editor's rating.
    expect(card.get_by_role("heading", name="Published", exact=True)).to_be_visible()
    expect(card).to_contain_text("Published as False")
    claim.refresh_from_db()
    assert claim.rating == "false"

    page.goto(f"/factchecks/{claim.pk}/")
    assert json_ld(page)["reviewRating"]["alternateName"] == "False"
