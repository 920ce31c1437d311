"""Atom and RSS (parsed with feedparser) and the schema.org DataFeed of ClaimReviews."""

import json

import feedparser
import pytest
from django.test import Client

from annotations import services
from annotations.exports.claimreview import claimreview_for, organization_from_settings
from annotations.factchecks import public_claims
from tests.factories import ClaimFactory, UserFactory
from tests.public.conftest import UNPUBLISHED, body_of, publish

pytestmark = pytest.mark.django_db

XSS = "</script><script>alert(1)</script>"


def parsed(client: Client, path: str):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(body_of(response))
    assert not feed.bozo, feed.bozo_exception
    return response, feed


def test_atom_feed_has_an_entry_per_publication_correction_and_retraction(visitor, record):
    response, feed = parsed(visitor, "/factchecks/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    # Newest first: the retraction, its publication, the correction, ... (setup order)
    assert titles == [
        "The bridge cost ten billion.",
        "The bridge cost ten billion.",
        "Unemployment doubled last year.",
        "Unemployment doubled last year.",
        "Five officers died in the riot.",
    ]
    summaries = [entry.summary for entry in feed.entries]
    assert summaries[0] == '<div dir="auto"><p>Retracted. The source was withdrawn.</p></div>'
    assert summaries[2].startswith('<div dir="auto"><p>Corrected: Half true. It rose by half.</p>')
    assert "We misread the table." in summaries[2]
    assert summaries[4].startswith('<div dir="auto"><p>Mostly false. Records contradict')
    link = f"http://testserver/factchecks/{record.published.pk}/"
    assert feed.entries[4].link == link
    assert feed.entries[4].id.startswith(link + "#publication-")
    assert len({entry.id for entry in feed.entries}) == 5
    assert feed.entries[4].published_parsed
    assert feed.entries[4].updated_parsed
    assert UNPUBLISHED not in body_of(response)


def test_rss_feed_carries_the_same_entries(visitor, record):
    response, feed = parsed(visitor, "/factchecks/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert len(feed.entries) == 5
    assert feed.entries[0].title == "The bridge cost ten billion."
    assert feed.feed.link == "http://testserver/factchecks/"
    assert UNPUBLISHED not in body_of(response)


@pytest.mark.parametrize("path", ["/factchecks/corrections/feed/atom/",
                                  "/factchecks/corrections/feed/rss/"])  # fmt: skip
def test_corrections_feed_carries_only_corrections_and_retractions(client, record, path):
    _, feed = parsed(client, path)
    assert [entry.title for entry in feed.entries] == [
        "The bridge cost ten billion.",
        "Unemployment doubled last year.",
    ]


def test_feed_text_is_inert(client, db):
    editor = UserFactory(role="editor")
    publish(ClaimFactory(statement=XSS, claimant=XSS), editor, rationale=XSS)
    _, feed = parsed(client, "/factchecks/feed/atom/")
    [entry] = feed.entries
    assert entry.title == XSS  # plain text, shown as text
    assert "<script" not in entry.summary  # the HTML summary holds the text escaped
    assert "&lt;script&gt;" in entry.summary


def test_fact_check_page_announces_the_feeds(client, record):
    content = body_of(client.get(f"/factchecks/{record.published.pk}/"))
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Fact-checks and corrections '
        '(Atom)" href="http://testserver/factchecks/feed/atom/">'
    ) in content
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Fact-checks and corrections '
        '(RSS)" href="http://testserver/factchecks/feed/rss/">'
    ) in content


@pytest.mark.parametrize("n_factchecks", [1, 30])
@pytest.mark.parametrize("path", ["/factchecks/feed/atom/", "/factchecks/feed/rss/",
                                  "/factchecks/corrections/feed/atom/"])  # fmt: skip
def test_feed_query_count_does_not_grow(client, db, django_assert_max_num_queries, n_factchecks,
                                        path):  # fmt: skip
    editor = UserFactory(role="editor")
    for n in range(n_factchecks):
        claim = publish(ClaimFactory(statement=f"Claim {n}."), editor)
        services.correct_claim(claim=claim, editor=editor, rating="true", rationale="R.", note="N.")
    # the latest publications with their claims and articles joined
    with django_assert_max_num_queries(1):
        response = client.get(path)
    assert response.status_code == 200


# --- the DataFeed --------------------------------------------------------------------------


def datafeed(client: Client) -> dict:
    response = client.get("/factchecks/feed.jsonld")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return json.loads(body_of(response))


def test_datafeed_holds_every_published_claimreview(visitor, record):
    data = datafeed(visitor)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "DataFeed"
    assert data["url"] == "http://testserver/factchecks/feed.jsonld"
    elements = data["dataFeedElement"]
    # Published and corrected; the retracted one is withdrawn, drafts never appear.
    urls = [element["item"][0]["url"] for element in elements]
    assert urls == [
        f"http://testserver/factchecks/{record.published.pk}/",
        f"http://testserver/factchecks/{record.corrected.pk}/",
    ]
    assert UNPUBLISHED not in json.dumps(data)


def test_datafeed_items_are_the_same_claimreviews_as_the_pages(client, record):
    elements = datafeed(client)["dataFeedElement"]
    claim = public_claims().get(pk=record.corrected.pk)
    page_url = f"http://testserver/factchecks/{claim.pk}/"
    expected = claimreview_for(claim, page_url=page_url, organization=organization_from_settings())
    expected.pop("@context")
    element = elements[1]
    assert element == {
        "@type": "DataFeedItem",
        "dateCreated": expected["datePublished"],
        "dateModified": expected["dateModified"],
        "item": [expected],
    }
    assert expected["reviewRating"]["alternateName"] == "Half true"


def test_datafeed_date_modified_follows_the_latest_change_including_a_retraction(client, record):
    retraction = record.retracted.publications.get(kind="retraction").published_at
    modified = datafeed(client)["dateModified"]
    assert modified == retraction.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_empty_datafeed_is_valid_json(client, db):
    data = datafeed(client)
    assert data["dataFeedElement"] == []
    assert data["dateModified"].endswith("Z")


@pytest.mark.parametrize("n_factchecks", [1, 30])
def test_datafeed_query_count_does_not_grow(client, db, django_assert_max_num_queries,
                                            n_factchecks):  # fmt: skip
    editor = UserFactory(role="editor")
    for n in range(n_factchecks):
        publish(ClaimFactory(statement=f"Claim {n}."), editor)
    # the latest change; then per chunk of 500: claims with articles, their publications
    with django_assert_max_num_queries(3):
        assert len(datafeed(client)["dataFeedElement"]) == n_factchecks
