"""IFCN pages: starting text from the data migration, Markdown sanitised, the scale and the log.

SECURITY-CASES #42: Markdown with `javascript:` links, raw HTML and `<img onerror>`
renders inert (nh3), with links only http, https, mailto or relative.
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from annotations.ratings import scale
from history.models import HistoryEntry
from public import services
from public.markdown import ALLOWED_TAGS, render_markdown, sanitize_html
from public.models import Page
from tests.factories import UserFactory
from tests.public.conftest import UNPUBLISHED, body_of

pytestmark = pytest.mark.django_db


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    """Every real element and its attributes, as a browser's parser would see them."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


PAGES = {
    "/about/methodology/": "Methodology",
    "/about/ratings/": "Rating definitions",
    "/about/corrections-policy/": "Corrections policy",
    "/about/organisation/": "Funding and organisation",
    "/factchecks/corrections/": "Corrections log",
}
FOOTER_LINKS = ["/factchecks/", *PAGES]


@pytest.mark.parametrize(("path", "title"), PAGES.items())
def test_pages_answer_right_after_migrate_with_their_starting_text(visitor, path, title):
    response = visitor.get(path)
    assert response.status_code == 200
    content = body_of(response)
    assert f'<h1 id="page-title"><bdi>{title}</bdi></h1>' in content
    page = Page.objects.get(slug=path.strip("/").split("/")[-1])
    assert len(page.body) > 100  # real starting text, not an empty shell
    assert f'<link rel="canonical" href="http://testserver{path}">' in content


def test_starting_text_links_between_the_pages(client):
    content = body_of(client.get("/about/methodology/"))
    assert '<a href="/about/ratings/" rel="noopener noreferrer">rating scale</a>' in content
    assert '<a href="/factchecks/corrections/" rel="noopener noreferrer">' in content


@pytest.mark.parametrize(
    "path",
    [*PAGES, "/factchecks/", "/no-such-page/"],
)
def test_every_public_page_links_the_ifcn_pages_in_its_footer(client, path):
    content = body_of(client.get(path))
    footer = content.split('<footer class="site-footer">')[1].split("</footer>")[0]
    for link in FOOTER_LINKS:
        assert f'<a href="{link}">' in footer
    assert '<a href="/factchecks/feed/atom/">' in footer


def test_fact_check_page_carries_the_footer(client, record):
    content = body_of(client.get(f"/factchecks/{record.published.pk}/"))
    assert '<footer class="site-footer">' in content
    assert '<a href="/about/corrections-policy/">' in content


def test_rating_definitions_come_from_the_one_scale(client):
    content = body_of(client.get("/about/ratings/"))
    for rating in scale():
        assert f'id="rating-{rating.value}"' in content
        assert f'data-rating="{rating.value}">{rating.label}</span>' in content
        assert rating.description in content
    assert "ratingValue 5" in content


def test_corrections_log_lists_every_correction_and_retraction(visitor, record):
    response = visitor.get("/factchecks/corrections/")
    content = body_of(response)
    rows = response.context["rows"]
    assert [(row.kind, row.claim_id) for row in rows] == [
        ("retraction", record.retracted.pk),
        ("correction", record.corrected.pk),
    ]
    correction = rows[1]
    assert correction.previous_rating == "false"
    assert f'<time datetime="{correction.published_at.isoformat()}">' in content
    assert "We misread the table." in content
    assert "The source was withdrawn." in content
    assert 'data-rating="false"><span class="visually-hidden">from </span>False</span>' in content
    assert UNPUBLISHED not in content


def test_corrections_log_query_count_does_not_grow(client, record, django_assert_max_num_queries):
    # count, the page of changes (claim joined, previous rating as a subquery), the page text
    with django_assert_max_num_queries(3):
        assert client.get("/factchecks/corrections/").status_code == 200


@pytest.mark.parametrize(
    "markdown",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](\x08javascript:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<svg onload=alert(1)>",
        '<a href="javascript:alert(1)">raw link</a>',
        '<iframe src="https://evil.example"></iframe>',
        "![x](javascript:alert(1))",
        '[x](https://ok.example "t" onmouseover="alert(1)")',
        "<style>body{display:none}</style>",
        "<!-- <script>alert(1)</script> -->",
    ],
)
def test_markdown_payloads_render_inert(markdown):
    tags = elements(str(render_markdown(markdown)))
    assert {tag for tag, _ in tags} <= ALLOWED_TAGS
    for _, attrs in tags:
        assert not [name for name in attrs if name.startswith("on") or name == "style"]
        href = attrs.get("href")
        if href is not None:
            assert re.match(r"^(https?:|mailto:|/|#)", href) or ":" not in href, href


@pytest.mark.parametrize(
    "html",
    [
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" javascript:alert(1)">x</a>',
        '<a href="data:text/html,hi">x</a>',
        '<p onclick="alert(1)" style="color:red">x</p>',
        '<img src=x onerror="alert(1)"><svg onload=alert(1)></svg>',
        "<script>alert(1)</script><iframe src=//evil.example></iframe><base href=//evil>",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    ],
)
def test_the_sanitiser_alone_also_stops_raw_html(html):
    """If the Markdown layer ever let HTML through, nh3 still would not."""
    tags = elements(sanitize_html(html))
    assert {tag for tag, _ in tags} <= ALLOWED_TAGS
    for _, attrs in tags:
        assert set(attrs) <= {"href", "title", "rel"}
        assert not attrs.get("href", "").strip().lower().startswith(("javascript", "data"))


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "[site](https://example.org/a)",
            '<a href="https://example.org/a" rel="noopener noreferrer">',
        ),
        ("[mail](mailto:desk@example.org)", '<a href="mailto:desk@example.org"'),
        ("[page](/about/ratings/)", '<a href="/about/ratings/"'),
        ("[anchor](#scale)", '<a href="#scale"'),
        ("# Top", "<h2>Top</h2>"),
        ("## Section", "<h2>Section</h2>"),
        ("**bold** and *em*", "<strong>bold</strong> and <em>em</em>"),
        ("| a | b |\n|---|:-:|\n| 1 | 2 |", "<td>2</td>"),
        ("<b>raw</b>", "&lt;b&gt;raw&lt;/b&gt;"),
    ],
)
def test_markdown_keeps_what_pages_need(markdown, expected):
    html = str(render_markdown(markdown))
    assert expected in html
    assert "style=" not in html


def test_a_page_with_hostile_markdown_serves_no_script(client):
    Page.objects.filter(slug="methodology").update(
        body="<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    content = body_of(client.get("/about/methodology/"))
    prose = content.split('<div class="prose" dir="auto">')[1].split("</div>")[0]
    assert "<script" not in prose
    assert "<img" not in prose
    assert 'href="javascript' not in prose


def test_update_page_records_history_and_refuses_a_blank_title(db):
    admin = UserFactory(role="admin")
    page = Page.objects.get(slug="organisation")
    services.update_page(page=page, title="Who we are", body="We are **us**.", actor=admin)
    page.refresh_from_db()
    assert (page.title, page.body, page.updated_by) == ("Who we are", "We are **us**.", admin)
    entry = HistoryEntry.objects.get(object_type="page", object_id=page.pk)
    assert entry.changes["title"] == ["Funding and organisation", "Who we are"]
    assert entry.actor == admin
    with pytest.raises(Exception, match="Must not be empty"):
        services.update_page(page=page, title="  ", body="x", actor=admin)
    page.refresh_from_db()
    assert page.title == "Who we are"


def test_only_admins_edit_pages_in_the_admin(db):
    page = Page.objects.get(slug="methodology")
    url = f"/admin/public/page/{page.pk}/change/"
    for role, expected in (("editor", 403), ("reviewer", 403), ("admin", 200)):
        browser = Client()
        browser.force_login(UserFactory(role=role))
        assert browser.get(url).status_code == expected, role
    admin_browser = browser
    response = admin_browser.post(url, {"title": "How we work", "body": "## Steps\n\nWe check."})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "How we work"
    assert "<h2>Steps</h2>" in body_of(Client().get("/about/methodology/"))
    assert admin_browser.get("/admin/public/page/add/").status_code == 403


def test_a_lost_page_still_answers(client):
    Page.objects.filter(slug="corrections-policy").delete()
    response = client.get("/about/corrections-policy/")
    assert response.status_code == 200
    assert "Corrections policy" in body_of(response)


def test_public_pages_refuse_writes(client, record):
    for path in [*PAGES, "/factchecks/", "/factchecks/feed.jsonld", "/robots.txt", "/oembed",
                 f"/factchecks/{record.published.pk}/embed/"]:  # fmt: skip
        assert client.post(path).status_code == 405, path
