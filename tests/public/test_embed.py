"""The embed card and oEmbed (SECURITY-CASES #43, #44).

Only /factchecks/{id}/embed/ may be framed (by FACTCHECK_EMBED_FRAME_ANCESTORS,
any site by default); every other HTML page keeps frame-ancestors 'none' and
X-Frame-Options DENY. oEmbed answers for our own public fact-check URLs only;
another host, a draft, a path trick: the same 404, telling nothing.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ClaimFactory, UserFactory
from tests.public.conftest import UNPUBLISHED, body_of, publish

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def frame_ancestors(response) -> str:
    return re.search(r"frame-ancestors ([^;]*)", response["Content-Security-Policy"])[1]


@pytest.mark.parametrize("who", ["published", "corrected", "retracted"])
def test_embed_card_shows_the_verdict(visitor, record, who):
    claim = getattr(record, who)
    response = visitor.get(f"/factchecks/{claim.pk}/embed/")
    assert response.status_code == 200
    content = body_of(response)
    assert claim.statement in content
    assert f'<link rel="canonical" href="http://testserver/factchecks/{claim.pk}/">' in content
    assert '<meta name="robots" content="noindex">' in content
    assert "<script" not in content
    assert "<form" not in content
    assert 'target="_blank" rel="noopener"' in content
    if who == "retracted":
        assert "We withdrew this fact-check: <bdi>The source was withdrawn.</bdi>" in content
    if who == "corrected":
        assert "corrected" in content


@pytest.mark.parametrize("who", ["draft", "in_review"])
def test_embed_of_unpublished_is_a_404_like_a_missing_id(visitor, record, who):
    response = visitor.get(f"/factchecks/{getattr(record, who).pk}/embed/")
    missing = visitor.get("/factchecks/99999999/embed/")
    assert response.status_code == missing.status_code == 404
    assert UNPUBLISHED not in body_of(response)
    assert frame_ancestors(response) == "'none'"


def test_only_the_embed_may_be_framed(client, record):
    embed = client.get(f"/factchecks/{record.published.pk}/embed/")
    assert frame_ancestors(embed) == "*"
    assert "X-Frame-Options" not in embed
    assert "nonce-" in embed["Content-Security-Policy"]  # the rest of the policy holds
    assert "object-src 'none'" in embed["Content-Security-Policy"]
    for path in [
        "/factchecks/",
        f"/factchecks/{record.published.pk}/",
        "/about/methodology/",
        "/factchecks/corrections/",
        "/login/",
        "/admin/login/",
        "/no-such-page/",
    ]:
        response = client.get(path)
        assert frame_ancestors(response) == "'none'", path
        assert response["X-Frame-Options"] == "DENY", path


def test_embed_origins_come_from_the_setting(client, record, settings):
    settings.FACTCHECK_EMBED_FRAME_ANCESTORS = ["https://news.example.org", "https://*.example.com"]
    embed = client.get(f"/factchecks/{record.published.pk}/embed/")
    assert frame_ancestors(embed) == "https://news.example.org https://*.example.com"
    assert frame_ancestors(client.get("/factchecks/")) == "'none'"


@pytest.mark.slow
@pytest.mark.parametrize("value", ["https://a.example; script-src *", "javascript:", "*.example"])
def test_a_bad_frame_ancestors_setting_stops_the_server(value):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "FACTCHECK_EMBED_FRAME_ANCESTORS": value},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "FACTCHECK_EMBED_FRAME_ANCESTORS" in result.stderr


def test_embed_query_count(client, record, django_assert_max_num_queries):
    # the claim with its article, its sources, its publications
    with django_assert_max_num_queries(3):
        client.get(f"/factchecks/{record.published.pk}/embed/")


# --- oEmbed ---------------------------------------------------------------------------------


def oembed(client, **params):
    return client.get("/oembed", params)


def test_oembed_answers_for_a_published_fact_check(visitor, record):
    claim = record.published
    response = oembed(visitor, url=f"http://testserver/factchecks/{claim.pk}/", format="json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    embed_url = f"http://testserver/factchecks/{claim.pk}/embed/"
    assert response.json() == {
        "version": "1.0",
        "type": "rich",
        "title": "Five officers died in the riot.",
        "provider_name": "factcheck",
        "provider_url": "http://testserver/factchecks/",
        "cache_age": 3600,
        "html": (
            f'<iframe src="{embed_url}" width="560" height="360" '
            'title="Fact-check: Five officers died in the riot." loading="lazy"></iframe>'
        ),
        "width": 560,
        "height": 360,
    }


def test_oembed_takes_the_embed_url_too_and_respects_the_maximum_size(client, record):
    url = f"http://testserver/factchecks/{record.retracted.pk}/embed/"
    body = oembed(client, url=url, maxwidth="400", maxheight="1000").json()
    assert (body["width"], body["height"]) == (400, 360)
    assert 'width="400"' in body["html"]


def test_oembed_html_is_escaped(client, db):
    claim = publish(ClaimFactory(statement='"><script>alert(1)</script>'),
                    UserFactory(role="editor"))  # fmt: skip
    body = oembed(client, url=f"http://testserver/factchecks/{claim.pk}/").json()
    assert "<script>" not in body["html"]
    assert "&lt;script&gt;" in body["html"]


def not_found_body(client):
    return oembed(client, url="http://testserver/factchecks/99999999/").content


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example/factchecks/{published}/",
        "https://testserver.evil.example/factchecks/{published}/",
        "http://testserver@evil.example/factchecks/{published}/",
        "http://user@testserver/factchecks/{published}/",
        "//evil.example/factchecks/{published}/",
        "/factchecks/{published}/",
        "javascript:alert(1)//testserver/factchecks/{published}/",
        "file:///factchecks/{published}/",
        "http://testserver/factchecks/{draft}/",
        "http://testserver/factchecks/{in_review}/",
        "http://testserver/factchecks/{draft}/embed/",
        "http://testserver/factchecks/{published}/../{draft}/",
        "http://testserver/factchecks/{published}/../../admin/",
        "http://testserver/factchecks/%2e%2e/{published}/",
        "http://testserver/factchecks/{published}%2F..%2F{draft}/",
        "http://testserver/factchecks/{published}/?next=/admin/",
        "http://testserver/factchecks/{published}",
        "http://testserver/factchecks/0{published}/",
        "http://testserver/admin/",
        "http://testserver/articles/1/",
        "http://testserver/api/v1/claims/{draft}/",
        "http://[::1/factchecks/{published}/",
        "http://testserver/factchecks/99999999999999999999999/",
    ],
)
def test_oembed_refuses_anything_but_our_public_pages_with_one_404(client, record, url):
    url = url.format(
        published=record.published.pk, draft=record.draft.pk, in_review=record.in_review.pk
    )
    response = oembed(client, url=url)
    assert response.status_code == 404
    assert response.content == not_found_body(client)  # a draft looks like a missing id
    assert UNPUBLISHED not in body_of(response)


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"url": "http://testserver/factchecks/1/", "format": "xml"}, 501, "format"),
        ({"format": "json"}, 400, "url"),
        ({"url": "http://testserver/factchecks/1/", "maxwidth": "-5"}, 400, "maxwidth"),
        ({"url": "http://testserver/factchecks/1/", "maxheight": "tall"}, 400, "maxheight"),
        ({"url": "http://testserver/factchecks/1/", "maxwidth": "0"}, 400, "maxwidth"),
    ],
)
def test_oembed_bad_parameters(client, record, params, status, field):
    response = oembed(client, **params)
    assert response.status_code == status
    assert field in json.loads(response.content)


def test_oembed_query_count(client, record, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        oembed(client, url=f"http://testserver/factchecks/{record.published.pk}/")
