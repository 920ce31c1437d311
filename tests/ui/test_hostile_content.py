"""Hostile imports and payloads in every field stay inert in the browser (SECURITY-CASES 9, 11)."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from annotations import services
from articles.models import Article
from tests.factories import UserFactory
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import open_reader

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

XSS = "</script><script>alert(1)</script>"
HOSTILE_HTML = """<!doctype html><html lang="en"><head><title>Flood report</title>
<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">
<script>alert('head')</script></head><body><article><h1>Flood report</h1>
<p>The river rose 3 metres overnight, officials said, and 40 homes were evacuated before dawn.
<img src="https://evil.example/pixel.gif" onerror="alert('img')"></p>
<svg onload="alert('svg')"><circle r="4"></circle></svg>
<iframe src="https://evil.example/frame"></iframe>
<p>Residents were told to <a href="javascript:alert('link')">click here</a> for updates, and the
council said repairs to the embankment would take several weeks to complete.</p>
<object data="https://evil.example/x.swf"></object></article></body></html>"""


@pytest.fixture
def traps(page, live_server):
    """Every dialog the page opens and every request that leaves the test server."""
    seen = {"dialogs": [], "external": []}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    ours = urlsplit(live_server.url).netloc
    page.on(
        "request",
        lambda request: (
            seen["external"].append(request.url)
            if urlsplit(request.url).netloc not in (ours, "")
            else None
        ),
    )
    return seen


def test_imported_hostile_html_is_plain_text_in_the_reader(page, sign_in, reviewer, traps):
    sign_in(reviewer)
    page.goto("/articles/new/")
    page.get_by_label("Paste an article").fill(HOSTILE_HTML)
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".outcome")).to_contain_text("Imported")
    page.locator(".outcome a").click()
    page.locator("[data-reader][data-state=ready]").wait_for()

    article = Article.objects.get()
    assert "40 homes" in article.text
    assert page.locator("[data-reader-text]").text_content() == article.text
    assert page.locator("[data-reader-text] *:not(mark)").count() == 0  # no element but marks
    assert traps == {"dialogs": [], "external": []}


def test_payloads_in_every_field_render_as_text(page, sign_in, traps):
    villain = UserFactory(username=XSS[:150], role="editor")
    article = Article.objects.create(title=XSS, text=f"Before {XSS} after.", content_hash="x")
    claim = services.create_claim(
        article=article, author=villain, quote=XSS, statement=XSS, claimant=XSS
    )
    services.add_source(
        claim=claim, added_by=villain, url="https://example.org/?q=%3Cscript%3E",
        title=XSS, publisher=XSS, excerpt=XSS,
    )  # fmt: skip
    services.record_verdict(claim=claim, reviewer=villain, rating="false", rationale=XSS)
    sign_in(villain)
    open_reader(page, article, f"#claim-{claim.pk}")
    card = page.locator("[data-claim-card]")
    expect(card.locator(".quote")).to_have_text(XSS)
    expect(card.locator(".rationale")).to_have_text(XSS)
    expect(card.locator(".source-head a")).to_have_text(XSS)
    expect(page.locator("[data-reader-text] mark[role=button]")).to_have_text(XSS)
    expect(page.locator(".account-name")).to_have_text(XSS[:150])
    assert page.locator("script:not([src]):not([type])").count() == 0  # nothing injected ran
    assert traps == {"dialogs": [], "external": []}
