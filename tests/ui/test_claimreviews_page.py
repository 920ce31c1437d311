"""The "Checked elsewhere" page in Chromium: search by keyboard, filters, upload, axe, screenshot.

The screenshot is saved into docs/screenshots/ when FACTCHECK_SCREENSHOTS_DIR is set
(bench/screenshots.py does), else into a temporary folder.
"""

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from claimreviews.labels import normalise
from claimreviews.models import ClaimReview, RatingLabel
from claimreviews.seed_labels import SEED_LABELS
from tests.claimreviews.helpers import jsonl, review
from tests.ui.conftest import requires_chromium
from tests.ui.test_public_pages import assert_accessible

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

RECORDS = [
    review(1, claimReviewed="The new wind farm will power every home in the county.",
           name="No, the wind farm will not power every home", datePublished="2025-11-04",
           author={"name": "Full Fact", "url": "https://fullfact.org"},
           reviewRating={"alternateName": "Missing context"}),
    review(2, claimReviewed="Las vacunas contra la COVID-19 contienen grafeno.",
           name="Las vacunas no contienen grafeno", datePublished="2025-10-21", inLanguage="es",
           author={"name": "Maldita", "url": "https://maldita.es"},
           reviewRating={"alternateName": "Falso"}),
    review(3, claimReviewed="Unemployment fell by 5,000 last quarter.",
           name="Unemployment figures", datePublished="2025-09-30",
           author={"name": "PolitiFact", "url": "https://www.politifact.com"},
           reviewRating={"alternateName": "Mostly True"}),
    review(4, claimReviewed="The minister said hospitals had no waiting lists in 2019.",
           name="Hospital waiting lists", datePublished="2025-08-12",
           author={"name": "Snopes", "url": "https://www.snopes.com"},
           reviewRating={"alternateName": "Research In Progress"}),
]  # fmt: skip


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("FACTCHECK_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def imported(tmp_path):
    # A browser test's database is flushed after each test, which also empties the
    # label table its data migration seeded: seed it again, as migrate would.
    RatingLabel.objects.bulk_create(
        [RatingLabel(label=label, key=normalise(label), rating=r) for label, r in SEED_LABELS],
        ignore_conflicts=True,
    )
    path = tmp_path / "reviews.jsonl"
    path.write_text(jsonl(*RECORDS), encoding="utf-8")
    call_command("import_claimreviews", str(path), stdout=io.StringIO())


def test_a_reviewer_searches_with_the_keyboard(page, sign_in, reviewer, imported, shots):
    sign_in(reviewer)
    page.goto("/articles/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Checked elsewhere"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checked elsewhere")
    expect(page.get_by_role("status").first).to_have_text("4 ClaimReviews")
    expect(page.locator(".claimreview").first).to_contain_text("Full Fact")
    expect(page.locator(".claimreview").first).to_contain_text("Missing context")
    expect(page.locator(".claimreview").first).to_contain_text("Misleading")
    assert_accessible(page, "claimreviews page")
    page.screenshot(path=shots / "claimreviews.png", full_page=True)

    search = page.get_by_role("searchbox", name="Search", exact=True)
    search.focus()
    page.keyboard.type("grafeno")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_have_text("1 ClaimReview")
    expect(page.locator(".claimreview")).to_contain_text("Las vacunas contra la COVID-19")
    expect(page.locator(".claimreview .badge")).to_have_text("On our scale: False")

    page.get_by_role("link", name="Clear").click()
    page.get_by_label("Our rating").select_option("unmapped")
    page.get_by_role("search", name="Search imported ClaimReviews").get_by_role(
        "button", name="Search"
    ).click()
    expect(page.locator(".claimreview")).to_have_count(1)
    expect(page.locator(".claimreview")).to_contain_text("Research In Progress")
    expect(page.locator(".claimreview")).to_contain_text("Not mapped")
    review_link = page.locator(".claimreview a[href='https://checker.example/reviews/4/']")
    expect(review_link).to_have_attribute("target", "_blank")
    expect(page.get_by_role("heading", name="Import ClaimReviews")).to_have_count(0)


def test_an_editor_uploads_a_file(page, sign_in, editor, tmp_path, shots):
    feed = tmp_path / "feed.jsonld"
    feed.write_text(json.dumps({"@type": "DataFeed", "dataFeedElement": RECORDS[:2]}, indent=2))
    sign_in(editor)
    page.goto("/claimreviews/")
    expect(page.get_by_text("No ClaimReviews imported yet.")).to_be_visible()

    page.get_by_label("ClaimReview file").set_input_files(str(feed))
    page.get_by_role("button", name="Import", exact=True).click()

    report = page.locator(".import-report")
    expect(report).to_contain_text("2 created, 0 updated, 0 unchanged")
    expect(page.get_by_role("status").nth(1)).to_have_text("2 ClaimReviews")
    assert ClaimReview.objects.count() == 2
    assert_accessible(page, "claimreviews page after an upload")
    page.screenshot(path=shots / "claimreviews-upload.png", full_page=True)
