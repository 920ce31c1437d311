"""Living articles in the browser: URL import, the orphans panel, re-attaching, revisions, archives.

Screenshots go to docs/screenshots/ when FACTCHECK_SCREENSHOTS_DIR is set (bench/screenshots.py).
"""

import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from annotations import services
from annotations.models import Claim, SourceArchive
from articles.models import Article
from articles.services import change_article
from fetching.models import Job
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from tests.fetching.servers import Site, running, send
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import drag_select, open_reader

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

TEXT = (
    "The city council approved a budget of 12 million dollars on Tuesday, the mayor said.\n\n"
    "Critics said that spending on roads fell by half compared with last year.\n\n"
    "The vote was seven to two."
)
NEW_TEXT = (
    "The city council approved a budget of 14.5 million dollars on Tuesday, the mayor said.\n\n"
    "Critics were not available for comment. Road spending was cut sharply, the budget shows.\n\n"
    "The vote was seven to two."
)
PAGE = (
    "<!doctype html><html lang='en'><head><title>Council approves budget</title>"
    "<meta name='author' content='Jo Reporter'></head><body><article><h1>Council approves "
    "budget</h1><p>The city council approved a budget of 12 million dollars on Tuesday, the "
    "mayor said.</p><p>Photo credit: J. Doe</p><p>Critics said that spending on roads fell by "
    "half compared with last year.</p></article></body></html>"
)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("FACTCHECK_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _claim(article, quote, author) -> Claim:
    return services.create_claim(article=article, author=author, quote=quote)


def test_import_from_a_url_in_the_browser(
    page, sign_in, reviewer, settings, shots, expected_console_errors
):
    settings.FACTCHECK_FETCH_ALLOW_LOOPBACK = True
    expected_console_errors.append(r"status of 400 .*/imports/url/")  # the refused URL
    sign_in(reviewer)
    with running(Site()) as site:
        site.route("/story", lambda r: send(r, 200, PAGE.encode(), "text/html; charset=utf-8"))
        page.goto("/articles/new/")
        page.get_by_label("Import from a web address").fill("http://169.254.169.254/latest/")
        page.get_by_role("button", name="Fetch article").click()
        expect(page.get_by_role("alert")).to_contain_text("link-local")
        assert not Job.objects.exists()

        page.get_by_label("Import from a web address").fill(site.url("/story"))
        page.get_by_role("button", name="Fetch article").click()

        job = Job.objects.get()
        row = page.locator(f"#job-{job.pk}")
        expect(row.locator("[data-job-label]")).to_have_text("Done")
        expect(row.get_by_role("link", name="Council approves budget")).to_be_visible()
        page.screenshot(path=shots / "url-import.png", full_page=True)
        row.get_by_role("link", name="Council approves budget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Council approves budget")
    article = Article.objects.get()
    assert "Photo credit" not in article.text
    assert article.byline == "Jo Reporter"


def test_job_status_updates_while_the_page_is_open(page, sign_in, reviewer):
    job = Job.objects.create(kind="url_import", url="https://news.test/a", requested_by=reviewer,
                             max_attempts=4)  # fmt: skip
    sign_in(reviewer)
    page.goto(f"/imports/url/?job={job.pk}")
    row = page.locator(f"#job-{job.pk}")
    expect(row.locator("[data-job-label]")).to_have_text("Queued")

    article = ArticleFactory(title="Fetched later")
    Job.objects.filter(pk=job.pk).update(status="done", article=article, attempts=1,
                                         result={"outcome": "imported"})  # fmt: skip

    expect(row.locator("[data-job-label]")).to_have_text("Done")
    expect(row.get_by_role("link", name="Fetched later")).to_be_visible()
    expect(page.locator("[data-job-announcer]")).to_have_text("Imported: Fetched later")


def test_orphans_panel_and_reattaching_by_selection(page, sign_in, reviewer, shots):
    article = ArticleFactory(text=TEXT, created_by=reviewer, title="Council approves budget")
    fuzzy = _claim(article, "a budget of 12 million dollars", reviewer)
    orphan = _claim(article, "spending on roads fell by half", reviewer)
    kept = _claim(article, "The vote was seven to two", reviewer)
    change = change_article(article=article, changes={"text": NEW_TEXT}, actor=reviewer)
    assert [r.outcome for r in change.anchoring] == ["fuzzy", "orphaned", "moved"]
    sign_in(reviewer)

    open_reader(page, article)
    panel = page.get_by_role("region", name="Orphaned claims")
    expect(panel).to_be_visible()
    expect(panel.locator("li")).to_have_count(2)
    # An orphan is never drawn into the text; the others are.
    expect(page.locator(f'mark[data-claim-id="{orphan.pk}"]')).to_have_count(0)
    expect(page.locator(f'mark[data-claim-id="{kept.pk}"]').first).to_be_visible()
    expect(page.locator(f'mark[data-claim-id="{fuzzy.pk}"]').first).to_be_visible()
    page.screenshot(path=shots / "reader-orphans.png", full_page=True)

    panel.locator(f'li[data-claim-id="{orphan.pk}"]').get_by_role(
        "button", name="Re-attach"
    ).click()
    expect(panel.get_by_role("status")).to_contain_text("Select the text")
    drag_select(page, "Road spending was cut sharply")
    page.get_by_role("button", name="Attach here").click()

    expect(page.locator(f'mark[data-claim-id="{orphan.pk}"]').first).to_be_visible()
    expect(panel.locator("li")).to_have_count(1)
    orphan.refresh_from_db()
    assert (orphan.quote, orphan.anchor_state, orphan.revision) == (
        "Road spending was cut sharply", "anchored", 2)  # fmt: skip

    panel.locator(f'li[data-claim-id="{fuzzy.pk}"]').get_by_role("button", name="Confirm").click()
    expect(panel).to_be_hidden()
    fuzzy.refresh_from_db()
    assert (fuzzy.anchor_state, fuzzy.quote) == ("anchored", "a budget of 14.5 million dollars")


def test_escape_cancels_reattaching(page, sign_in, reviewer):
    article = ArticleFactory(text=TEXT, created_by=reviewer)
    _claim(article, "spending on roads fell by half", reviewer)
    change_article(article=article, changes={"text": NEW_TEXT}, actor=reviewer)
    sign_in(reviewer)
    open_reader(page, article)
    panel = page.get_by_role("region", name="Orphaned claims")
    panel.get_by_role("button", name="Re-attach").click()
    page.keyboard.press("Escape")
    expect(panel.get_by_role("status")).to_have_text("Re-attaching cancelled.")
    expect(panel.get_by_role("button", name="Re-attach")).to_have_attribute("aria-pressed", "false")


def test_revision_history_and_diff(page, sign_in, reviewer, shots):
    article = ArticleFactory(text=TEXT, created_by=reviewer, title="Council approves budget")
    change_article(article=article, changes={"text": NEW_TEXT}, actor=reviewer,
                   reason="The outlet corrected the figures.")  # fmt: skip
    sign_in(reviewer)
    open_reader(page, article)
    revisions = page.get_by_role("region", name="Revisions")
    expect(revisions.locator("li")).to_have_count(2)
    revisions.get_by_role("link", name="Compare revisions").click()

    diff = page.locator("[data-diff]")
    expect(diff.locator("del").first).to_contain_text("12")
    expect(diff.locator("ins").first).to_contain_text("14.5")
    expect(page.get_by_text("The outlet corrected the figures.")).to_be_visible()
    page.screenshot(path=shots / "revisions-diff.png", full_page=True)


def test_archived_source_on_the_card_and_the_public_page(page, sign_in, reviewer, editor, shots):
    article = ArticleFactory(text=TEXT, created_by=reviewer, url="https://news.test/budget",
                             title="Council approves budget")  # fmt: skip
    claim = _claim(article, "a budget of 12 million dollars", reviewer)
    source = SourceFactory(claim=claim, url="https://city.test/budget.pdf", title="City budget")
    SourceArchive.objects.create(
        source=source, url=source.url, status="done", final_url=source.url, http_status=200,
        title="City budget 2026", text="The adopted budget totals 12.0 million dollars. " * 20,
        sha256="3f" * 32, fetched_at=timezone.now(), attempts=1,
    )  # fmt: skip
    services.submit_claim(claim=claim, actor=reviewer)
    services.publish_claim(claim=claim, editor=editor, rating="true",
                           rationale="The adopted budget says so.")  # fmt: skip
    change_article(article=article, changes={"text": NEW_TEXT}, actor=editor)
    sign_in(reviewer)

    open_reader(page, article, f"#claim-{claim.pk}")
    card = page.locator("[data-claim-card]")
    expect(card.locator('[data-archive="done"]')).to_contain_text("Archived on")
    card.get_by_text("Archived text").click()
    expect(card.locator("pre")).to_contain_text("The adopted budget totals")
    page.screenshot(path=shots / "card-archive.png", full_page=True)

    page.goto(f"/factchecks/{claim.pk}/")
    expect(page.locator("[data-article-changed]")).to_contain_text("changed at this passage")
    expect(page.locator("mark.claim")).to_have_text("a budget of 12 million dollars")
    expect(page.locator("[data-archive]")).to_contain_text("3f" * 32)
    assert "The adopted budget totals 12.0 million dollars. " * 5 not in page.content()
    page.screenshot(path=shots / "factcheck-changed.png", full_page=True)


def test_editors_queue_lists_published_claims_whose_article_changed(
    page, sign_in, reviewer, editor
):
    article = ArticleFactory(text=TEXT, created_by=reviewer)
    claim = _claim(article, "The vote was seven to two", reviewer)
    SourceFactory(claim=claim)
    services.submit_claim(claim=claim, actor=reviewer)
    services.publish_claim(claim=claim, editor=editor, rating="true", rationale="Minutes.")
    change_article(article=article, changes={"text": "Update. " + TEXT}, actor=editor)
    orphan = ClaimFactory(article=article, created_by=reviewer, anchor_state="orphaned",
                          start=0, end=4, quote=TEXT[:4])  # fmt: skip

    sign_in(editor)
    page.goto("/claims/")
    expect(page.locator('[data-reason="article-changed"]')).to_have_count(1)
    expect(page.locator('[data-reason="orphaned"]')).to_have_count(1)
    assert orphan.pk
