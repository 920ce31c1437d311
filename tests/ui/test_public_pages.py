"""The public side in Chromium: accessibility (axe-core), framing, search, screenshots.

axe-core runs through axe-playwright-python (which ships axe-core; nothing is
downloaded) on the public index, a fact-check page, the embed, the reader and
the queue: no serious or critical violation may remain. The framing test puts
the embed and an ordinary page in iframes on another site's page (served by
Playwright's router, no network): only the embed shows.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from annotations import services
from tests.ui.conftest import requires_chromium
from tests.ui.helpers import open_reader
from tests.ui.scenes import build_scene, source

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

# Another origin than the live server (localhost:port); its page comes from the router.
PARTNER = "http://127.0.0.1:9"
BLOCKING = ("serious", "critical")


@pytest.fixture
def scene(reviewer, other_reviewer, editor):
    scene = build_scene(reviewer=reviewer, other_reviewer=other_reviewer, editor=editor)
    services.correct_claim(
        claim=scene.published, editor=editor, rating="false",
        rationale="None of the officers died of injuries sustained that day.",
        note="The medical examiner's rulings came out after we published.",
    )  # fmt: skip
    return scene


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("FACTCHECK_SCREENSHOTS_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def assert_accessible(page, what: str) -> None:
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    details = "\n".join(
        f"{v['impact']}: {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html']})"
        for v in blocking
    )
    assert not blocking, f"{what}: axe found\n{details}"


def test_public_pages_have_no_serious_accessibility_violations(page, scene):
    claim = scene.published
    for path, what in [
        ("/factchecks/", "index"),
        ("/factchecks/?q=officers&rating=false", "filtered index"),
        (f"/factchecks/{claim.pk}/", "fact-check page"),
        (f"/factchecks/{claim.pk}/embed/", "embed"),
        ("/about/ratings/", "rating definitions"),
        ("/factchecks/corrections/", "corrections log"),
    ]:
        page.goto(path)
        assert_accessible(page, what)


def test_desk_pages_have_no_serious_accessibility_violations(page, sign_in, scene, reviewer):
    sign_in(reviewer)
    open_reader(page, scene.article)
    assert_accessible(page, "reader")
    page.locator(f"#claim-{scene.published.pk}").click()
    expect(page.locator("[data-claim-card]")).to_be_visible()
    assert_accessible(page, "reader with a claim card open")
    page.goto("/claims/")
    assert_accessible(page, "queue")


def test_search_from_the_index_with_the_keyboard(page, scene):
    page.goto("/factchecks/")
    expect(page.locator(".factcheck-item")).to_have_count(1)
    search = page.get_by_role("searchbox", name="Search fact-checks")
    search.fill("no such words")
    search.press("Enter")
    expect(page.get_by_role("status")).to_have_text("0 fact-checks")
    expect(page.locator(".empty")).to_have_text("No fact-check matches these filters.")
    page.get_by_role("link", name="Clear").click()
    page.get_by_role("link", name="False").click()  # the rating facet
    expect(page).to_have_url(f"{page.url.split('?')[0]}?rating=false")
    expect(page.locator(".factcheck-item")).to_have_count(1)


def serve_partner_page(page, html: str) -> None:
    """Another site's page, answered by Playwright's router (no network), that frames ours.

    Chromium's Local Network Access checks stop a public site from framing a server
    on localhost unless the user allows it; the test grants that, as a reader would.
    """
    page.context.grant_permissions(["local-network-access"])
    page.route(f"{PARTNER}/**", lambda route: route.fulfill(body=html, content_type="text/html"))


@pytest.fixture
def expected_console_errors() -> list[str]:
    # The browser reports each frame it refuses to show; that refusal is what we test.
    return [r"Refused to (frame|display)", r"frame-ancestors"]


def test_only_the_embed_shows_inside_another_sites_page(page, live_server, scene):
    claim = scene.published
    host_page = f"""<!doctype html><title>Partner</title>
        <iframe id="embed" src="{live_server.url}/factchecks/{claim.pk}/embed/"></iframe>
        <iframe id="page" src="{live_server.url}/factchecks/{claim.pk}/"></iframe>"""
    serve_partner_page(page, host_page)
    page.goto(f"{PARTNER}/story")
    embed = page.frame_locator("#embed")
    expect(embed.locator(".embed-claim")).to_have_text(claim.statement)
    expect(embed.locator(".badge-large")).to_have_text("False")
    page.wait_for_timeout(300)
    framed_page = page.frame(url=f"{live_server.url}/factchecks/{claim.pk}/")
    blocked = framed_page is None or framed_page.locator("h1").count() == 0
    assert blocked, "the fact-check page must not render inside another site"


def publish_more(scene, reviewer, editor) -> None:
    """Two more public fact-checks for the index: one published, one retracted."""
    for claim, rating, rationale in (
        (scene.reviewed, "mostly-true", "Police reported more than 50 injured officers."),
        (scene.disputed, "half-true", "Estimates of the crowd inside range from 800 to 1,200."),
    ):
        source(claim, reviewer, n=claim.pk)
        services.submit_claim(claim=claim, actor=reviewer)
        services.publish_claim(claim=claim, editor=editor, rating=rating, rationale=rationale)
    note = "The crowd estimate we relied on was withdrawn by its author."
    services.retract_claim(claim=scene.disputed, editor=editor, note=note)


def test_screenshots_of_the_index_and_the_embed(page, live_server, scene, shots, reviewer, editor):
    publish_more(scene, reviewer, editor)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/factchecks/")
    page.screenshot(path=shots / "public-index.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/factchecks/")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=shots / "public-index-phone.png")

    page.set_viewport_size({"width": 1280, "height": 900})
    host_page = f"""<!doctype html><html lang="en"><title>Partner newsroom</title>
        <body style="font: 18px/1.5 Georgia, serif; max-width: 640px; margin: 2rem auto">
        <h1>City council story</h1><p>The councillor repeated a claim we checked:</p>
        <iframe src="{live_server.url}/factchecks/{scene.published.pk}/embed/" width="560"
          height="360" style="border:0" title="Fact-check"></iframe>
        <p>The story continues below.</p></body></html>"""
    serve_partner_page(page, host_page)
    page.goto(f"{PARTNER}/story")
    expect(page.frame_locator("iframe").locator(".embed-claim")).to_be_visible()
    page.screenshot(path=shots / "public-embed.png")
