"""`?cursor=` walks a list in id order: no row twice, none skipped, while rows are added."""

import pytest

from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def _walk(client, url: str, *, between_pages=None) -> list[dict]:
    rows, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.json()
        body = response.json()
        assert "count" not in body  # keyset pages never count the table
        rows += body["results"]
        url = body["next"]
        pages += 1
        if between_pages and url:
            between_pages(pages)
    return rows


def test_walks_every_claim_once_while_claims_are_added(as_reviewer):
    article = ArticleFactory(text="x" * 400)
    existing = [ClaimFactory(article=article, start=i, end=i + 3).pk for i in range(10)]
    added = []

    def add_two(page: int) -> None:
        added.extend(
            ClaimFactory(article=article, start=100 + 10 * page + i, end=104 + 10 * page + i).pk
            for i in range(2)
        )

    rows = _walk(as_reviewer, "/api/v1/claims/?cursor=&page_size=3", between_pages=add_two)

    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)), "a row came twice"
    assert ids == sorted(ids)
    assert set(existing) <= set(ids), "a row that existed throughout was skipped"
    # Rows added behind the cursor come later in the walk, so they are seen too.
    assert set(ids) == set(existing) | set(added)


def test_walks_an_articles_claims_and_the_article_list(as_reviewer):
    article = ArticleFactory(text="y" * 100)
    claims = [ClaimFactory(article=article, start=i, end=i + 2).pk for i in range(5)]
    ArticleFactory.create_batch(4)

    rows = _walk(as_reviewer, f"/api/v1/articles/{article.pk}/claims/?cursor=&page_size=2")
    assert [row["id"] for row in rows] == claims

    articles = _walk(as_reviewer, "/api/v1/articles/?cursor=&page_size=2")
    assert len(articles) == 5
    assert [row["id"] for row in articles] == sorted(row["id"] for row in articles)


def test_filters_apply_to_keyset_pages(as_reviewer):
    article = ArticleFactory(text="z" * 100)
    mine = [ClaimFactory(article=article, start=i, end=i + 2).pk for i in range(3)]
    ClaimFactory.create_batch(3)

    rows = _walk(as_reviewer, f"/api/v1/claims/?cursor=&page_size=2&article={article.pk}")

    assert [row["id"] for row in rows] == mine


def test_numbered_pages_keep_their_exact_count(as_reviewer):
    ClaimFactory.create_batch(3)

    body = as_reviewer.get("/api/v1/claims/?page_size=2").json()

    assert body["count"] == 3
    assert len(body["results"]) == 2


def test_a_forged_cursor_is_a_404_not_a_500(as_reviewer):
    response = as_reviewer.get("/api/v1/claims/?cursor=not-a-cursor")

    assert response.status_code == 404
    assert response.json()["detail"] == "Invalid cursor"


@pytest.mark.parametrize("clash", ["page=2", "ordering=title"])
def test_cursor_cannot_be_combined_with_page_or_ordering(as_reviewer, clash):
    response = as_reviewer.get(f"/api/v1/articles/?cursor=&{clash}")

    assert response.status_code == 400
    assert clash.split("=")[0] in response.json()
