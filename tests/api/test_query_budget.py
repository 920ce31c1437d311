"""Every list and detail costs the same few queries for 1 row or 50 (STYLE.md rule 7).

Clients are force-authenticated, so no token lookup is counted and the role
groups cost a query; a real token request reads the token, its user and the
roles in one query instead (accounts.authentication), so the counts hold for it
too. The hot writes' budget is in test_write_budget.py.
"""

import pytest

from tests.api.helpers import published_claim
from tests.factories import (
    ArticleFactory,
    AssignmentFactory,
    ClaimFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

ROWS = [1, 50]


def _claims_with_everything(count: int, article=None):
    article = article or ArticleFactory()
    claims = ClaimFactory.create_batch(count, article=article)
    for claim in claims:
        SourceFactory(claim=claim)
        VerdictFactory(claim=claim)
        AssignmentFactory(claim=claim)
    return article, claims


@pytest.mark.parametrize("rows", ROWS)
def test_article_list(as_reviewer, django_assert_max_num_queries, rows):
    for article in ArticleFactory.create_batch(rows):
        ClaimFactory(article=article)

    # 1 the user's role groups, 2 the page with claim_count and created_by joined
    # (a page shorter than page_size is the last one: its count needs no COUNT)
    with django_assert_max_num_queries(2):
        response = as_reviewer.get("/api/v1/articles/?page_size=200")

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", ROWS)
def test_article_list_anonymous(anon, django_assert_max_num_queries, rows):
    for _ in range(rows):
        published_claim()

    # 1 the page (EXISTS for a published claim, count of published claims)
    with django_assert_max_num_queries(1):
        response = anon.get("/api/v1/articles/?page_size=200")

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", ROWS)
def test_claim_list(as_reviewer, django_assert_max_num_queries, rows):
    _claims_with_everything(rows)

    # 1 role groups, 2 claims joined to creator and publisher, 3 which parts the claims
    # have, 4 sources + adder, 5 verdicts + reviewer, 6 assignments + reviewer
    # (no publication: not prefetched; a short page: no COUNT)
    with django_assert_max_num_queries(6):
        response = as_reviewer.get("/api/v1/claims/?page_size=200")

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", ROWS)
def test_claim_list_anonymous(anon, django_assert_max_num_queries, rows):
    for _ in range(rows):
        AssignmentFactory(claim=published_claim())

    # 1 claims, 2 which parts they have, 3 sources, 4 publications, 5 assignments
    # (prefetched by the shared selector, rendered as []); no verdict: not prefetched
    with django_assert_max_num_queries(5):
        response = anon.get("/api/v1/claims/?page_size=200")

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", ROWS)
def test_article_claim_list(as_reviewer, django_assert_max_num_queries, rows):
    article, _ = _claims_with_everything(rows)

    # 1 role groups, 2 claims with which parts each has (having rows, the article needs
    # no lookup), 3 sources, 4 verdicts, 5 assignments
    with django_assert_max_num_queries(5):
        response = as_reviewer.get(f"/api/v1/articles/{article.pk}/claims/?page_size=200")

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", ROWS)
def test_source_list(as_reviewer, django_assert_max_num_queries, rows):
    claim = ClaimFactory()
    SourceFactory.create_batch(rows, claim=claim)

    # 1 role groups, 2 the claim (visibility), 3 sources joined to adder
    with django_assert_max_num_queries(3):
        response = as_reviewer.get(f"/api/v1/claims/{claim.pk}/sources/?page_size=200")

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", ROWS)
def test_verdict_list(as_editor, django_assert_max_num_queries, rows):
    claim = ClaimFactory()
    VerdictFactory.create_batch(rows, claim=claim)

    # An editor: blind review would hide a reviewer the others' verdicts on a draft.
    # 1 role groups, 2 the claim (visibility), 3 verdicts joined to reviewer
    with django_assert_max_num_queries(3):
        response = as_editor.get(f"/api/v1/claims/{claim.pk}/verdicts/?page_size=200")

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", ROWS)
def test_claim_detail(as_reviewer, django_assert_max_num_queries, rows):
    _, claims = _claims_with_everything(1)
    SourceFactory.create_batch(rows - 1, claim=claims[0])

    # 1 role groups, 2 claim with which parts it has, 3 sources, 4 verdicts, 5 assignments
    with django_assert_max_num_queries(5):
        response = as_reviewer.get(f"/api/v1/claims/{claims[0].pk}/")

    assert len(response.json()["sources"]) == rows


def test_details_and_ratings(as_reviewer, django_assert_max_num_queries):
    source = SourceFactory()
    verdict = VerdictFactory(claim=source.claim)

    # 1 role groups, 2 the article with claim_count
    with django_assert_max_num_queries(2):
        as_reviewer.get(f"/api/v1/articles/{source.claim.article_id}/")
    # the role groups are cached on the user now: 1 the source joined to adder
    with django_assert_max_num_queries(1):
        as_reviewer.get(f"/api/v1/sources/{source.pk}/")
    with django_assert_max_num_queries(1):
        as_reviewer.get(f"/api/v1/verdicts/{verdict.pk}/")
    with django_assert_max_num_queries(0):
        as_reviewer.get("/api/v1/ratings/")


@pytest.mark.parametrize("rows", [1, 40])
def test_new_claims_cost_no_prefetch(as_reviewer, django_assert_max_num_queries, rows):
    article = ArticleFactory(text="n" * 400)
    for k in range(rows):
        ClaimFactory(article=article, start=k * 5, end=k * 5 + 3)

    # 1 role groups, 2 claims with which parts they have (none: nothing else to read)
    with django_assert_max_num_queries(2):
        response = as_reviewer.get(f"/api/v1/articles/{article.pk}/claims/?page_size=200")

    assert len(response.json()["results"]) == rows


def test_full_pages_still_count_exactly(as_reviewer, django_assert_max_num_queries):
    article = ArticleFactory(text="c" * 100)
    for k in range(5):
        ClaimFactory(article=article, start=k * 5, end=k * 5 + 3)

    # 1 role groups, 2 claims with their parts' flags, 3 COUNT (the page is full)
    with django_assert_max_num_queries(3):
        body = as_reviewer.get(f"/api/v1/articles/{article.pk}/claims/?page_size=2").json()

    assert body["count"] == 5
    assert body["next"] is not None
