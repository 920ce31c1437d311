"""Editors publish from the reader; every page sends the CSP and logs no browser error."""

import pytest
from playwright.sync_api import expect

from annotations import services
from annotations.models import Claim, Verdict
from articles.services import create_article
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import json_ld, open_reader
from tests.ui.scenes import build_scene

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

TEXT = "The minister said 12 bridges collapsed last year. Engineers counted two."


def test_editor_submits_publishes_and_opens_the_public_page(page, sign_in, reviewer, editor):
    article = create_article(title="Bridges", text=TEXT, publisher="Daily Example")
    claim = services.create_claim(
        article=article, author=reviewer, quote="12 bridges collapsed last year",
        statement="Twelve bridges collapsed last year.", claimant="The minister",
    )  # fmt: skip
    services.add_source(claim=claim, added_by=reviewer, url="https://example.org/bridges",
                        title="Engineering report", stance="refutes")  # fmt: skip
    services.record_verdict(claim=claim, reviewer=reviewer, rating="false", rationale="Two did.")
    sign_in(editor)
    open_reader(page, article, f"#claim-{claim.pk}")

    card = page.locator("[data-claim-card]")
    expect(card.locator(".quote")).to_have_text("12 bridges collapsed last year")
    card.get_by_role("button", name="Submit for review").click()
    expect(card).to_contain_text("Submitted for review.")
    expect(card.get_by_label("Published rating")).to_have_value("false")  # the reviewers' rating
    card.get_by_label("Published rationale").fill("The engineering report counts two collapses.")
    card.get_by_role("button", name="Publish", exact=True).click()
    expect(card).to_contain_text("Published as False")
    expect(page.locator(f"#claim-{claim.pk}")).to_have_attribute("data-state", "published")

    card.get_by_role("link", name="Public fact-check page").click()
    expect(page).to_have_url(f"{page.url.split('/factchecks/')[0]}/factchecks/{claim.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Twelve bridges collapsed last year.")
    expect(page.locator(".verdict-panel")).to_contain_text("The engineering report counts two")
    review = json_ld(page)
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Twelve bridges collapsed last year."
    assert review["reviewRating"]["alternateName"] == "False"
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["url"].endswith(f"/factchecks/{claim.pk}/")
    assert review["itemReviewed"]["appearance"]["headline"] == "Bridges"

    # Readable without signing in, and nothing from the desk shows.
    page.context.clear_cookies()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Two did.")
    expect(page.get_by_role("link", name="Log out")).to_have_count(0)


@pytest.fixture
def expected_console_errors():
    # The refused PATCH below is logged by Chromium as a failed resource load.
    return [r"status of 40[34]"]


def test_reviewer_cannot_edit_another_reviewers_verdict(
    page, sign_in, reviewer, other_reviewer, expected_console_errors
):
    article = create_article(title="Verdicts", text=TEXT)
    claim = services.create_claim(article=article, author=other_reviewer, quote="12 bridges")
    theirs = services.record_verdict(
        claim=claim, reviewer=other_reviewer, rating="true", rationale="Omar's reasoning."
    )
    sign_in(reviewer)
    open_reader(page, article, f"#claim-{claim.pk}")
    card = page.locator("[data-claim-card]")
    # Blind review, on drafts too: Omar's verdict shows once Rita has given hers.
    expect(card.locator(".blind-notice")).to_contain_text("Blind review.")
    expect(card).not_to_contain_text("Omar's reasoning.")
    # The UI offers only "Add your verdict", never an edit of Omar's.
    expect(card.get_by_role("heading", name="Add your verdict")).to_be_visible()
    expect(card.get_by_role("button", name="Update verdict")).to_have_count(0)
    assert card.get_by_label("Rationale").input_value() == ""

    # And the API refuses the same change made with this browser's session and CSRF token.
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    response = page.request.patch(
        f"/api/v1/verdicts/{theirs.pk}/",
        data={"rating": "false", "rationale": "Changed by Rita."},
        headers={"X-CSRFToken": token, "Referer": page.url},
    )
    assert response.status in (403, 404), response.text()
    theirs.refresh_from_db()
    assert (theirs.rating, theirs.rationale) == ("true", "Omar's reasoning.")

    # Their own verdict is editable, through If-Match.
    card.get_by_label("Rating").select_option("half-true")
    card.get_by_label("Rationale").fill("Rita's reasoning.")
    card.get_by_role("button", name="Save verdict").click()
    expect(card.get_by_role("button", name="Update verdict")).to_be_visible()
    expect(card).to_contain_text("Omar's reasoning.")
    card.get_by_label("Rationale").fill("Rita's revised reasoning.")
    card.get_by_role("button", name="Update verdict").click()
    expect(card).to_contain_text("Your verdict was updated.")
    assert Verdict.objects.get(reviewer=reviewer).rationale == "Rita's revised reasoning."


def test_login_form_and_logout(page, live_server, reviewer):
    page.goto("/articles/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/articles/")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/articles/")
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(f"{live_server.url}/login/")
    page.goto("/claims/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/claims/")


def test_every_page_sends_the_csp_and_runs_without_errors(
    page, sign_in, reviewer, other_reviewer, editor
):
    scene = build_scene(reviewer=reviewer, other_reviewer=other_reviewer, editor=editor)
    public = f"/factchecks/{scene.published.pk}/"
    response = page.goto("/login/")
    assert "nonce-" in response.headers["content-security-policy"]
    sign_in(editor)
    pages = ["/articles/", "/articles/?q=officers", "/articles/new/", "/claims/", public]
    pages.append(f"/articles/{scene.article.pk}/")
    for path in pages:
        response = page.goto(path)
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self' 'nonce-" in policy, path
        assert "unsafe-inline" not in policy, path
    # The reader's module really ran under that policy: the claims are drawn.
    page.locator("[data-reader][data-state=ready]").wait_for()
    expect(page.locator("[data-reader-text] mark[role=button]")).to_have_count(5)
    assert Claim.objects.count() == 5


def test_a_stale_verdict_edit_is_refused_and_the_latest_shown(
    page, sign_in, reviewer, expected_console_errors
):
    """Two tabs of one reviewer: the second save carries an old ETag and gets a 412."""
    expected_console_errors.append(r"status of 412")
    article = create_article(title="Tabs", text=TEXT)
    claim = services.create_claim(article=article, author=reviewer, quote="12 bridges")
    mine = services.record_verdict(claim=claim, reviewer=reviewer, rating="true", rationale="v1")
    sign_in(reviewer)
    open_reader(page, article, f"#claim-{claim.pk}")
    card = page.locator("[data-claim-card]")
    expect(card.get_by_role("button", name="Update verdict")).to_be_visible()
    page.wait_for_load_state("networkidle")  # the card has fetched the verdict's ETag

    # Meanwhile, "another tab" changes the verdict.
    services.update_verdict(
        verdict=mine, changes={"rationale": "v2 from the other tab"}, actor=reviewer
    )

    card.get_by_label("Rationale").fill("v3 from this tab")
    card.get_by_role("button", name="Update verdict").click()
    expect(card.get_by_role("alert")).to_contain_text("Someone changed this since you opened it")
    expect(card.get_by_label("Rationale")).to_have_value("v2 from the other tab")
    mine.refresh_from_db()
    assert mine.rationale == "v2 from the other tab"
