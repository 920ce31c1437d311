"""The lists' `?q=` ranks a capped candidate set, so a page costs the same at any size.

The cap (search.engine.CANDIDATE_CAP, 500) is lowered here so a few rows exceed it.
What must hold: the cap applies after every other filter and after visibility (so
it never hides a row those filters keep, nor lets one in that they drop), `count`
never exceeds it, `cursor` is refused with `q`, and the query budget is unchanged.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.selectors import article_list, publishers
from factcheck import pagination, text_search
from factcheck.pagination import SEARCH_CAP
from search import engine
from search.filtering import ranked_text_search
from tests.factories import ArticleFactory, UserFactory
from tests.public.conftest import publish
from tests.search.conftest import make_claim, make_review

pytestmark = pytest.mark.django_db

CAP = 3


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(engine, "CANDIDATE_CAP", CAP)


def page(response) -> dict:
    assert response.status_code == 200, response.content
    return response.json()


def test_the_documented_cap_is_the_search_endpoints():
    assert SEARCH_CAP == engine.CANDIDATE_CAP == 500


def test_claims_q_ranks_at_most_the_cap_and_counts_at_most_it(api_client, editor, small_cap):
    matching = [make_claim(f"Reservoir {n} is nearly empty, officials said.") for n in range(5)]
    make_claim("The airport handled a record ninety million passengers.")
    api_client.force_authenticate(editor)

    body = page(api_client.get("/api/v1/claims/", {"q": "reservoir empty"}))
    assert body["count"] == CAP
    found = [row["id"] for row in body["results"]]
    assert len(found) == CAP
    assert set(found) <= {claim.pk for claim in matching}
    # A second page of the capped set is past its end.
    assert api_client.get("/api/v1/claims/", {"q": "reservoir", "page": 2}).status_code == 404


def test_the_cap_applies_after_the_other_filters(api_client, editor, small_cap):
    for n in range(5):
        make_claim(f"Reservoir {n} is nearly empty, officials said.")
    wanted = [make_claim(f"Reservoir {n} ran dry in May.", status="published") for n in range(2)]
    api_client.force_authenticate(editor)

    for filters in ({"status": "published"}, {"article": wanted[1].article_id}):
        body = page(api_client.get("/api/v1/claims/", {"q": "reservoir", **filters}))
        expected = {c.pk for c in wanted if filters.get("article", c.article_id) == c.article_id}
        assert {row["id"] for row in body["results"]} == expected


def test_the_cap_applies_after_visibility(api_client, small_cap):
    # More drafts match than the cap holds; an anonymous visitor still finds the
    # published claim, and never a draft, in the results or the count.
    for n in range(5):
        make_claim(f"Reservoir {n} is nearly empty, officials said.")
    published = make_claim("The reservoir is nearly empty, the minister said.", status="published")

    body = page(api_client.get("/api/v1/claims/", {"q": "reservoir empty"}))
    assert [row["id"] for row in body["results"]] == [published.pk]
    assert body["count"] == 1


def test_articles_q_applies_after_publisher_and_has_claims(api_client, editor, small_cap):
    for n in range(5):
        ArticleFactory(title=f"Reservoir report {n}", publisher="Daily")
    weekly = ArticleFactory(title="Reservoir report, weekly", publisher="Weekly")
    api_client.force_authenticate(editor)

    body = page(api_client.get("/api/v1/articles/", {"q": "reservoir", "publisher": "weekly"}))
    assert [row["id"] for row in body["results"]] == [weekly.pk]
    body = page(api_client.get("/api/v1/articles/", {"q": "reservoir"}))
    assert body["count"] == CAP
    # `ordering` sorts the capped matches.
    titles = [row["title"] for row in page(
        api_client.get("/api/v1/articles/", {"q": "reservoir", "ordering": "title"})
    )["results"]]  # fmt: skip
    assert titles == sorted(titles)
    assert len(titles) == CAP


def test_the_article_list_page_filters_by_publisher_before_the_cap(small_cap):
    for n in range(5):
        ArticleFactory(title=f"Reservoir report {n}", publisher="Daily")
    weekly = ArticleFactory(title="Reservoir report, weekly", publisher="Weekly")

    assert [a.pk for a in article_list(query="reservoir", publisher="Weekly")] == [weekly.pk]
    assert len(article_list(query="reservoir")) == CAP


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/articles/"])
def test_cursor_is_refused_with_q_naming_both(api_client, editor, path):
    api_client.force_authenticate(editor)
    response = api_client.get(path, {"q": "reservoir", "cursor": ""})

    assert response.status_code == 400
    message = response.json()["q"][0]
    assert "`cursor`" in message
    assert str(SEARCH_CAP) in message
    # An empty q is no text query: keyset pages still work.
    assert api_client.get(path, {"q": "", "cursor": ""}).status_code == 200


def test_cursor_works_with_an_unranked_q(api_client, editor):
    # ClaimReviews' q is a substring filter, not capped; so is every q without the
    # search app: keyset pages walk all its matches.
    for n in range(3):
        make_review(f"Reservoir {n} is nearly empty.", n)
    api_client.force_authenticate(editor)
    response = api_client.get("/api/v1/claimreviews/", {"q": "reservoir", "cursor": ""})
    assert len(page(response)["results"]) == 3
    make_claim("Reservoir levels fell to a record low.")
    text_search.unregister(ranked_text_search)
    try:
        response = api_client.get("/api/v1/claims/", {"q": "reservoir", "cursor": ""})
    finally:
        text_search.register(ranked_text_search)
    assert len(page(response)["results"]) == 1


def test_the_candidate_query_is_capped_and_names_its_own_table(api_client, editor):
    make_claim("Reservoir levels fell to a record low, officials said.")
    api_client.force_authenticate(editor)
    with CaptureQueriesContext(connection) as captured:
        page(api_client.get("/api/v1/claims/", {"q": "reservoir"}))

    sql = next(q["sql"] for q in captured.captured_queries if "LIMIT 500" in q["sql"])
    inner = sql[sql.index('SELECT U0."id"') : sql.index("LIMIT 500")]
    # The match refers to the subquery's alias, never to the outer row (a correlated
    # subquery would match whatever the outer row matches).
    assert "U0.id" in inner or "U0.search_vector" in inner
    assert "annotations_claim." not in inner
    assert '"annotations_claim".' not in inner


@pytest.mark.parametrize(
    ("path", "budget"),
    [("/api/v1/claims/", 6), ("/api/v1/articles/", 2)],
)
def test_q_keeps_the_lists_query_budget(api_client, django_assert_max_num_queries, path, budget):
    reviewer = UserFactory(role="reviewer")
    for n in range(60):
        make_claim(f"Reservoir {n} is nearly empty, officials said.")
    api_client.force_authenticate(reviewer)
    # The first search of a process asks once whether SQLite has the FTS5 table.
    api_client.get(path, {"q": "reservoir"})

    # As without q (tests/api/test_query_budget.py), plus the COUNT of a full page,
    # which reads the capped candidates only.
    with django_assert_max_num_queries(budget + 1):
        body = page(api_client.get(path, {"q": "reservoir"}))
    assert body["count"] == 60
    assert len(body["results"]) == 50


def test_the_schema_documents_the_capped_count(api_client):
    schema = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    paged = schema["components"]["schemas"]["PaginatedClaimList"]
    assert f"at most {SEARCH_CAP}" in paged["properties"]["count"]["description"]
    parameters = schema["paths"]["/api/v1/claims/"]["get"]["parameters"]
    cursor = next(p for p in parameters if p["name"] == "cursor")
    assert "`q`" in cursor["description"]


def test_the_article_list_page_says_when_the_search_was_capped(
    client, editor, small_cap, monkeypatch
):
    monkeypatch.setattr(pagination, "SEARCH_CAP", CAP)
    for n in range(5):
        ArticleFactory(title=f"Reservoir report {n}")
    client.force_login(editor)

    capped = client.get("/articles/", {"q": "reservoir"}).content.decode()
    assert f"{CAP}+ articles" in capped
    assert f"The best of the first {CAP} matches" in capped
    one = client.get("/articles/", {"q": "reservoir report 1"}).content.decode()
    assert "+ article" not in one
    assert "The best of the first" not in one


def test_the_public_index_filters_before_the_cap(client, small_cap):
    editor = UserFactory(role="editor")
    for n in range(5):
        publish(make_claim(f"Reservoir {n} is nearly empty, officials said."), editor)
    wanted = publish(make_claim("The reservoir ran dry in May."), editor, rating="mostly-false")

    response = client.get("/factchecks/", {"q": "reservoir", "rating": "mostly-false"})
    assert [row.pk for row in response.context["rows"]] == [wanted.pk]
    # The rating facet counts the matches without the rating condition: six, capped.
    assert sum(facet.count for facet in response.context["facets"]["rating"]) == CAP


def test_the_public_index_says_when_capped(client, editor, monkeypatch):
    monkeypatch.setattr(engine, "CANDIDATE_CAP", 2)
    monkeypatch.setattr(pagination, "SEARCH_CAP", 2)
    for n in range(3):
        publish(make_claim(f"Reservoir {n} is nearly empty, officials said."), editor)

    note = "The best of the first 2 matches"
    assert note in client.get("/factchecks/", {"q": "reservoir"}).content.decode()
    assert note not in client.get("/factchecks/", {"q": "reservoir 1"}).content.decode()


def test_the_article_list_pages_publisher_names_each_once_in_order():
    # The page's other query (a skip scan over the publisher index, not SELECT DISTINCT).
    for name in ("Weekly", "Daily", "", "Weekly", "Agence", "daily"):
        ArticleFactory(publisher=name)
    # In the database's own collation order, as SELECT DISTINCT ... ORDER BY gave them.
    distinct = Article.objects.exclude(publisher="").order_by("publisher").values_list("publisher")
    assert publishers() == [name for (name,) in distinct.distinct()]
    assert sorted(publishers()) == sorted({"Weekly", "Daily", "Agence", "daily"})
