"""Every user-supplied string is its own direction isolate on output (issue 8 point 12).

Bidi controls stay in stored text (Arabic and Hebrew need them), so each field
below holds a RIGHT-TO-LEFT OVERRIDE with no closing PDF. The test renders the
reader, queue, article list, revisions, public index, fact-check page, embed,
corrections log and feeds, and checks each occurrence: in element content it
must sit in a `<bdi>` or `dir` element holding nothing but that one value; in
`<title>`, attributes and plain-text feed titles it must sit between U+2068 and
U+2069 (FSI...PDI), the same isolation in characters.
"""

import lxml.etree
import lxml.html
import pytest
from django.test import Client

from annotations import services
from factcheck.bidi import FSI, PDI
from fetching.models import Job
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory
from tests.public.conftest import publish

RLO = "\u202e"
TEXT = f"Mayor {RLO}said the bridge fell. Other sentences follow here."


def spoof(field: str) -> str:
    return f"{field} {RLO}gnp.exe"


@pytest.fixture
def spoofed(db):
    editor = UserFactory(username="edna", role="editor")
    article = ArticleFactory(
        title=spoof("title"), publisher=spoof("publisher"), byline=spoof("byline"), text=TEXT
    )
    claim = ClaimFactory(
        article=article, start=0, end=5, statement=spoof("statement"), claimant=spoof("claimant")
    )
    SourceFactory(
        claim=claim, title=spoof("source-title"), publisher=spoof("source-publisher"),
        excerpt=spoof("excerpt"),
    )  # fmt: skip
    publish(claim, editor, rationale=spoof("rationale"))
    in_review = ClaimFactory(
        article=article, start=6, end=10, statement=spoof("statement"), claimant=spoof("claimant")
    )
    services.submit_claim(claim=in_review, actor=editor)  # so the review queue lists it
    Job.objects.create(
        kind="url_import", url="https://news.example/a", requested_by=editor, status="done",
        article=article,
    )  # fmt: skip
    services.correct_claim(
        claim=claim, editor=editor, rating="mostly-false", rationale=spoof("rationale2"),
        note=spoof("note"),
    )  # fmt: skip
    return editor, claim


def _values(claim) -> set[str]:
    names = ["title", "publisher", "byline", "statement", "claimant", "source-title",
             "source-publisher", "excerpt", "rationale", "rationale2", "note"]  # fmt: skip
    return {spoof(name) for name in names} | {TEXT, claim.quote}


# Form controls draw their value as a replaced box of its own, isolated from the text
# around it; `value` and `href` are data, not text read in a sentence.
_DATA_ATTRIBUTES = {"value", "href"}
_CONTROLS = {"option", "textarea"}


def _isolating(element) -> bool:
    return element.tag == "bdi" or element.get("dir") is not None


def check_html(html: str, values: set[str], where: str) -> int:
    """Each RLO in content is inside an isolate holding one whole value; the number checked."""
    root = lxml.html.document_fromstring(html)
    checked = 0
    for node in root.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            continue
        if node.tag in _CONTROLS:
            checked += RLO in (node.text or "")
            continue
        for name, value in node.attrib.items():
            if RLO in value and name not in _DATA_ATTRIBUTES:
                assert FSI in value, f"{where}: <{node.tag} {name}> {value!r}"
                assert PDI in value, f"{where}: <{node.tag} {name}> {value!r}"
                checked += 1
        if node.tag == "title":
            if RLO in (node.text or ""):
                assert FSI in node.text, f"{where}: <title> {node.text!r}"
                assert PDI in node.text, f"{where}: <title> {node.text!r}"
                checked += 1
            continue
        for text, holder in ((node.text, node), (node.tail, node.getparent())):
            if not text or RLO not in text or holder is None:
                continue
            isolate = next((e for e in holder.iterancestors() if _isolating(e)), None)
            isolate = holder if _isolating(holder) else isolate
            assert isolate is not None, f"{where}: {text!r} in <{holder.tag}> is not isolated"
            content = isolate.text_content().strip()
            one_value = any(
                content in value or value.startswith(content.rstrip("…")) for value in values
            )
            assert one_value, f"{where}: <{isolate.tag}> holds more than one value: {content!r}"
            checked += 1
    return checked


@pytest.mark.parametrize(
    "path",
    [
        "/factchecks/",
        "/factchecks/{claim}/",
        "/factchecks/{claim}/embed/",
        "/factchecks/corrections/",
        "/factchecks/?claimant={claimant}",
    ],
)
def test_public_pages_isolate_user_text(spoofed, path):
    _, claim = spoofed
    url = path.format(claim=claim.pk, claimant=claim.claimant)

    response = Client().get(url)

    assert response.status_code == 200
    assert check_html(response.content.decode(), _values(claim), url) > 0


@pytest.mark.parametrize(
    "path",
    [
        "/articles/",
        "/articles/{article}/",
        "/articles/{article}/revisions/",
        "/claims/",
        "/imports/url/",
    ],
)
def test_desk_pages_isolate_user_text(spoofed, path):
    editor, claim = spoofed
    client = Client()
    client.force_login(editor)
    url = path.format(article=claim.article_id)

    response = client.get(url)

    assert response.status_code == 200
    assert check_html(response.content.decode(), _values(claim), url) > 0


@pytest.mark.parametrize("kind", ["atom", "rss"])
@pytest.mark.usefixtures("spoofed")
def test_feeds_isolate_titles_and_summaries(kind):
    response = Client().get(f"/factchecks/feed/{kind}/")

    root = lxml.etree.fromstring(response.content)
    titles = [e.text for e in root.iter() if e.tag.endswith("title") and e.text and RLO in e.text]
    summaries = [
        e.text for e in root.iter()
        if e.tag.endswith(("summary", "description")) and e.text and RLO in e.text
    ]  # fmt: skip
    assert titles
    assert all(FSI in t and PDI in t for t in titles)
    assert summaries
    for html in summaries:
        assert html.startswith('<div dir="auto">')
        assert html.endswith("</div>")


def test_card_scripts_isolate_user_text():
    # The reader's cards are built in JavaScript: each user field goes through bdi()
    # or into an element with dir="auto" (dom.js). A cheap guard against a new field
    # being added as bare text; the Playwright reader tests exercise the rendering.
    from pathlib import Path

    source = Path("annotations/static/annotations/claim-card.js").read_text(encoding="utf-8")

    for needle in ["bdi(verdict.reviewer)", "bdi(source.added_by)", "bdi(source.publisher)",
                   "userText(claim.statement)", "userText(claim.claimant)"]:  # fmt: skip
        assert needle in source
