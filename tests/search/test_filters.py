"""The claims and articles lists' `?q=` and the public index rank through the search index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck import text_search
from search.filtering import ranked_text_search
from tests.factories import ArticleFactory
from tests.search.conftest import make_claim

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_claims_q_ranks_quote_matches_above_claimant_matches(api_client, editor, filler):
    by_claimant = make_claim("Imports of steel rose by a third.", claimant="Fish Species Trust")
    in_quote = make_claim("Nearly half of the river's fish species have disappeared.")
    api_client.force_authenticate(editor)
    assert ids(api_client.get("/api/v1/claims/", {"q": "fish species"})) == [
        in_quote.pk, by_claimant.pk,
    ]  # fmt: skip


def test_claims_q_keeps_finding_word_fragments_and_stems(api_client, editor, filler):
    claim = make_claim("The vaccines were tested on forty thousand people.")
    api_client.force_authenticate(editor)
    assert ids(api_client.get("/api/v1/claims/", {"q": "vacc"})) == [claim.pk]
    assert ids(api_client.get("/api/v1/claims/", {"q": "vaccine testing"})) == [claim.pk]


def test_claims_q_finds_a_claim_by_its_article_title(api_client, editor, filler):
    claim = make_claim("Taxes rose.", title="Budget deficit explained")
    api_client.force_authenticate(editor)
    assert ids(api_client.get("/api/v1/claims/", {"q": "budget deficit"})) == [claim.pk]


def test_articles_q_ranks_title_above_text_and_searches_the_text(api_client, editor):
    in_text = ArticleFactory(title="Weekly roundup", text="Later: the reservoir is nearly empty.")
    in_title = ArticleFactory(title="Reservoir nearly empty", text="Officials spoke today.")
    ArticleFactory(title="Other news", text="Nothing to see here.")
    ArticleFactory(title="More news", text="Still nothing to see.")
    api_client.force_authenticate(editor)
    assert ids(api_client.get("/api/v1/articles/", {"q": "reservoir empty"})) == [
        in_title.pk, in_text.pk,
    ]  # fmt: skip
    # An explicit ordering wins over relevance.
    ordered = ids(api_client.get("/api/v1/articles/", {"q": "reservoir", "ordering": "title"}))
    assert ordered == [in_title.pk, in_text.pk]


def test_without_the_search_app_the_plain_substring_filter_runs(api_client, editor, filler):
    claim = make_claim("Wind farms kill millions of birds.")
    api_client.force_authenticate(editor)
    text_search.unregister(ranked_text_search)
    try:
        assert ids(api_client.get("/api/v1/claims/", {"q": "farms kill"})) == [claim.pk]
        assert ids(api_client.get("/api/v1/claims/", {"q": "farm kills"})) == []
    finally:
        text_search.register(ranked_text_search)
    assert ids(api_client.get("/api/v1/claims/", {"q": "farm kills"})) == [claim.pk]


def test_q_adds_no_query_to_the_claims_list(api_client, editor, filler):
    for n in range(5):
        make_claim(f"Unemployment fell to a record low, survey {n} says.")
    api_client.force_authenticate(editor)
    api_client.get("/api/v1/claims/")  # warm the role cache

    def count(params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert len(ids(api_client.get("/api/v1/claims/", params))) == 5
        return len(captured)

    assert count({"q": "unemployment record"}) == count({"status": "draft"})


def test_public_index_ranks_through_the_index(client, filler):
    in_claim = make_claim("The budget deficit tripled.", status="published")
    in_title = make_claim("Taxes rose.", status="published", title="Budget deficit explained")
    rows = client.get("/factchecks/", {"q": "budget deficit"}).context["rows"]
    assert [row.pk for row in rows] == [in_claim.pk, in_title.pk]


def test_article_list_page_ranks_its_search(client, reviewer):
    in_text = ArticleFactory(title="Weekly roundup", text="Later: the reservoir is nearly empty.")
    in_title = ArticleFactory(title="Reservoir nearly empty", text="Officials spoke today.")
    ArticleFactory(title="Other news", text="Nothing to see here.")
    client.force_login(reviewer)
    page = client.get("/articles/", {"q": "reservoir empty"}).context["page"]
    assert [article.pk for article in page] == [in_title.pk, in_text.pk]
