"""Canonical links, Open Graph and Twitter cards, oEmbed discovery, sitemap.xml, robots.txt."""

import re
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest

from tests.public.conftest import UNPUBLISHED, body_of

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def meta(content: str, key: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', content)
    assert found, key
    return found[1]


def test_fact_check_page_has_share_meta(client, record):
    claim = record.corrected
    content = body_of(client.get(f"/factchecks/{claim.pk}/"))
    url = f"http://testserver/factchecks/{claim.pk}/"
    assert f'<link rel="canonical" href="{url}">' in content
    assert meta(content, "og:type") == "article"
    assert meta(content, "og:title") == "Unemployment doubled last year."
    assert meta(content, "og:url") == url
    assert meta(content, "og:site_name") == "factcheck"
    assert meta(content, "og:description") == "Our verdict: Half true. It rose by half."
    assert meta(content, "twitter:card") == "summary"
    assert meta(content, "twitter:title") == "Unemployment doubled last year."
    published = claim.publications.order_by("published_at").first().published_at
    assert meta(content, "article:published_time") == published.isoformat()


def test_retracted_page_says_so_in_its_share_text_and_keeps_its_canonical(client, record):
    claim = record.retracted
    content = body_of(client.get(f"/factchecks/{claim.pk}/"))
    assert meta(content, "og:description").startswith("Retracted fact-check. Our verdict: True.")
    assert f'<link rel="canonical" href="http://testserver/factchecks/{claim.pk}/">' in content


def test_fact_check_page_advertises_its_oembed(client, record):
    content = body_of(client.get(f"/factchecks/{record.published.pk}/"))
    href = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"',
                     content)[1]  # fmt: skip
    href = href.replace("&amp;", "&")
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "testserver", "/oembed")
    query = parse_qs(parts.query)
    assert query == {
        "url": [f"http://testserver/factchecks/{record.published.pk}/"],
        "format": ["json"],
    }
    assert client.get(href).status_code == 200


def test_share_text_is_escaped(client, db):
    from tests.factories import ClaimFactory, UserFactory
    from tests.public.conftest import publish

    claim = publish(ClaimFactory(statement='"><script>alert(1)</script>'), UserFactory(
        role="editor"), rationale='"><img src=x onerror=alert(1)>')  # fmt: skip
    content = body_of(client.get(f"/factchecks/{claim.pk}/"))
    head = content.split("</head>")[0]
    assert "<script>alert(1)" not in head
    assert "<img" not in head


def sitemap_locations(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    tree = ElementTree.fromstring(body_of(response))  # noqa: S314 - our own output
    return [loc.text for loc in tree.iterfind(".//s:loc", SITEMAP_NS)]


def test_sitemap_index_and_sections_list_public_pages_only(visitor, record):
    assert sitemap_locations(visitor, "/sitemap.xml") == [
        "http://testserver/sitemap-factchecks.xml",
        "http://testserver/sitemap-pages.xml",
    ]
    factchecks = sitemap_locations(visitor, "/sitemap-factchecks.xml")
    public = sorted(claim.pk for claim in (record.published, record.corrected, record.retracted))
    assert factchecks == [f"http://testserver/factchecks/{pk}/" for pk in public]
    pages = sitemap_locations(visitor, "/sitemap-pages.xml")
    assert "http://testserver/factchecks/" in pages
    assert "http://testserver/about/methodology/" in pages
    assert UNPUBLISHED not in body_of(visitor.get("/sitemap-factchecks.xml"))


def test_sitemap_lastmod_is_the_latest_change(client, record):
    content = body_of(client.get("/sitemap-factchecks.xml"))
    correction = record.corrected.publications.get(kind="correction").published_at
    assert f"<loc>http://testserver/factchecks/{record.corrected.pk}/</loc><lastmod>" \
           f"{correction.date().isoformat()}</lastmod>" in content  # fmt: skip


def test_sitemap_query_count(client, record, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the count for paging, the page of fact-checks
        client.get("/sitemap-factchecks.xml")


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_off_the_desk(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = body_of(response).splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ("/admin/", "/articles/", "/claims/", "/api/"):
        assert f"Disallow: {path}" in lines
    assert "Allow: /factchecks/" in lines
