"""/api/v1/articles/: create from text or HTML, list with filters, read, PATCH, DELETE."""

import pytest

from annotations.models import Claim
from articles.models import Article
from tests.api.helpers import iso, published_claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/"
TEXT = "The mayor said crime fell by half. Police records show a 3% drop."


def _detail(article: Article) -> str:
    return f"{URL}{article.pk}/"


def test_creates_article_from_text(as_reviewer, reviewer):
    response = as_reviewer.post(
        URL,
        {
            "title": "Crime figures",
            "text": TEXT,
            "url": "https://news.example/crime",
            "publisher": "Example News",
            "byline": "A. Writer",
            "published_at": "2021-01-21T10:00:00+01:00",
            "language": "en",
        },
    )

    assert response.status_code == 201, response.json()
    article = Article.objects.get()
    assert response.json() == {
        "id": article.pk,
        "url": "https://news.example/crime",
        "title": "Crime figures",
        "publisher": "Example News",
        "byline": "A. Writer",
        "published_at": "2021-01-21T09:00:00Z",
        "language": "en",
        "text": TEXT,
        "claim_count": 0,
        "revision": 1,
        "revised_at": None,
        "created_by": "rita",
        "created_at": iso(article.created_at),
        "updated_at": iso(article.updated_at),
    }
    assert response["ETag"] == f'"article-{article.pk}-v1"'
    assert article.created_by == reviewer


def test_creates_article_from_html_storing_only_sanitized_text(as_reviewer):
    html = (
        "<html><head><title>Crime figures</title><base href='http://evil.example/'>"
        "<meta http-equiv='refresh' content='0;url=http://evil.example'></head><body><article>"
        "<h1>Crime figures</h1><p>The mayor said crime fell by half.</p>"
        "<script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)></svg>"
        "<iframe src='http://evil.example'></iframe>"
        "<p>Police records show a 3% drop, <a href='javascript:alert(4)'>says the chief</a>.</p>"
        "</article></body></html>"
    )

    response = as_reviewer.post(URL, {"html": html, "publisher": "Example News"})

    assert response.status_code == 201, response.json()
    article = Article.objects.get()
    assert article.title == "Crime figures"
    assert article.publisher == "Example News"
    assert "The mayor said crime fell by half." in article.text
    assert "says the chief" in article.text
    for trace in ("<", "alert", "javascript", "evil"):
        assert trace not in article.text
    assert "html" not in response.json()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "T", "text": TEXT, "html": "<p>x</p>"}, "text"),
        ({"title": "T"}, "text"),
        ({"text": TEXT}, "title"),
        ({"title": "T", "text": "bad\x00text"}, "text"),
        ({"title": "T", "html": "<p>bad\x00html</p>"}, "html"),
        ({"title": "T", "html": "<script>only code</script>"}, "html"),
        ({"title": "T", "text": "   "}, "text"),
        ({"title": "T", "text": TEXT, "url": "javascript:alert(1)"}, "url"),
        ({"title": "T", "text": TEXT, "url": "ftp://files.example/a"}, "url"),
        ({"title": "T", "text": TEXT, "published_at": "yesterday"}, "published_at"),
        ({"title": "x" * 501, "text": TEXT}, "title"),
        ({"title": "T", "text": TEXT, "language": "<script>"}, "language"),
        ({"title": "T", "text": TEXT, "id": 5}, "id"),
        ({"title": "T", "text": TEXT, "created_by": "edna"}, "created_by"),
        ({"title": "T", "text": TEXT, "created_at": "2020-01-01T00:00:00Z"}, "created_at"),
        ({"title": "T", "text": TEXT, "claim_count": 3}, "claim_count"),
        ({"title": "T", "text": TEXT, "version": 9}, "version"),
    ],
)
def test_rejects_bad_article_input(as_reviewer, body, field):
    response = as_reviewer.post(URL, body)

    assert response.status_code == 400
    assert field in response.json()
    assert Article.objects.count() == 0


def test_rejects_duplicate_article_naming_the_existing_one(as_reviewer):
    existing = ArticleFactory(url="https://news.example/crime")

    response = as_reviewer.post(
        URL, {"title": "Other title", "text": TEXT, "url": "https://news.example/crime"}
    )

    assert response.status_code == 409
    assert response.json()["existing_id"] == existing.pk
    assert "url" in response.json()
    assert Article.objects.count() == 1


def test_create_needs_reviewer_role(anon, as_reviewer, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    as_reviewer.force_authenticate(nobody)

    assert anon.post(URL, {"title": "T", "text": TEXT}).status_code == 401
    assert as_reviewer.post(URL, {"title": "T", "text": TEXT}).status_code == 403
    assert Article.objects.count() == 0


def test_list_omits_text_and_counts_claims(as_reviewer):
    article = ArticleFactory(title="Crime figures")
    ClaimFactory.create_batch(2, article=article)

    response = as_reviewer.get(URL)

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": article.pk,
                "url": "",
                "title": "Crime figures",
                "publisher": "Example News",
                "byline": "",
                "published_at": None,
                "language": "en",
                "claim_count": 2,
                "revision": 1,
                "revised_at": None,
                "created_by": None,
                "created_at": iso(article.created_at),
                "updated_at": iso(article.updated_at),
            }
        ],
    }


def test_anonymous_sees_only_articles_with_published_claims(anon):
    public = published_claim().article
    ClaimFactory(article=public)  # a draft on the same article is not counted
    ClaimFactory()  # an article with drafts only stays hidden

    body = anon.get(URL).json()

    assert [(row["id"], row["claim_count"]) for row in body["results"]] == [(public.pk, 1)]


def test_anonymous_gets_404_for_article_without_published_claims(anon):
    draft = ClaimFactory()

    assert anon.get(_detail(draft.article)).status_code == 404


def _ids(client, query: str) -> list[int]:
    response = client.get(URL + query)
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_filters_by_search_publisher_and_claims(as_reviewer):
    crime = ArticleFactory(title="Crime figures", publisher="Daily")
    weather = ArticleFactory(title="Weather", publisher="Weekly")
    ClaimFactory(article=crime)

    assert _ids(as_reviewer, "?q=crime") == [crime.pk]
    assert _ids(as_reviewer, "?q=officers") == [weather.pk, crime.pk]  # in both texts
    assert _ids(as_reviewer, "?publisher=weekly") == [weather.pk]
    assert _ids(as_reviewer, "?has_claims=true") == [crime.pk]
    assert _ids(as_reviewer, "?has_claims=false") == [weather.pk]


def test_orders_by_allowlisted_fields(as_reviewer):
    zebra = ArticleFactory(title="Zebra")
    apple = ArticleFactory(title="Apple")
    ClaimFactory.create_batch(2, article=apple)

    assert _ids(as_reviewer, "?ordering=title") == [apple.pk, zebra.pk]
    assert _ids(as_reviewer, "?ordering=-title") == [zebra.pk, apple.pk]
    assert _ids(as_reviewer, "?ordering=claim_count") == [zebra.pk, apple.pk]
    assert _ids(as_reviewer, "?ordering=-created_at") == [apple.pk, zebra.pk]


@pytest.mark.parametrize(
    "ordering", ["created_by__password", "text", "-content_hash", "id;drop", ",", "title,"]
)
def test_refuses_ordering_outside_the_allowlist(as_reviewer, ordering):
    ArticleFactory()

    response = as_reviewer.get(f"{URL}?ordering={ordering}")

    assert response.status_code == 400
    assert "ordering" in response.json()
    assert "password" not in str(response.json()).replace(ordering, "")


def test_ignores_filters_outside_the_allowlist(as_reviewer, reviewer):
    article = ArticleFactory(created_by=reviewer)

    assert _ids(as_reviewer, "?created_by__password__startswith=md5") == [article.pk]
    assert _ids(as_reviewer, "?created_by__password__startswith=zzz") == [article.pk]


def test_reads_one_article_with_text_and_etag(anon):
    article = published_claim().article

    response = anon.get(_detail(article))

    assert response.status_code == 200
    assert response.json()["text"] == article.text
    assert response.json()["claim_count"] == 1
    assert response["ETag"] == f'"article-{article.pk}-v1"'


def test_owner_and_editor_may_patch_others_may_not(
    reviewer, as_reviewer, as_other, as_editor, anon
):
    article = ArticleFactory(created_by=reviewer, title="Old")

    assert anon.patch(_detail(article), {"title": "Anon"}).status_code == 401
    assert as_other.patch(_detail(article), {"title": "Other"}).status_code == 403
    article.refresh_from_db()
    assert (article.title, article.version) == ("Old", 1)

    owner = as_reviewer.patch(_detail(article), {"title": "By owner"})
    editor = as_editor.patch(_detail(article), {"title": "By editor", "byline": "B"})

    assert (owner.status_code, editor.status_code) == (200, 200)
    assert editor.json()["title"] == "By editor"
    assert editor["ETag"] == f'"article-{article.pk}-v3"'


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"url": "data:text/html,hi"}, "url"),
        ({"created_by": "edna"}, "created_by"),
        ({"claim_count": 0}, "claim_count"),
        ({"html": "<p>x</p>"}, "html"),
        ({"text": "a\x00b"}, "text"),
    ],
)
def test_rejects_bad_article_patch(as_reviewer, reviewer, body, field):
    article = ArticleFactory(created_by=reviewer, title="Old")

    response = as_reviewer.patch(_detail(article), body)

    assert response.status_code == 400
    assert field in response.json()
    article.refresh_from_db()
    assert (article.title, article.version) == ("Old", 1)


def test_changing_the_text_of_an_article_with_claims_adds_a_revision(as_editor):
    # The full rules and outcomes are in tests/articles/test_revisions.py.
    article = ClaimFactory().article

    response = as_editor.patch(_detail(article), {"text": "Something else entirely."})

    assert response.status_code == 200
    body = response.json()
    assert body["revision"] == 2
    assert [entry["outcome"] for entry in body["anchoring"]] == ["orphaned"]


def test_delete_by_owner_removes_article_and_draft_claims(as_reviewer, reviewer):
    # Their own claim; with someone else's the delete is a 409 (tests/api/test_delete_cascade.py).
    claim = ClaimFactory(article=ArticleFactory(created_by=reviewer), created_by=reviewer)

    response = as_reviewer.delete(_detail(claim.article))

    assert response.status_code == 204
    assert not Article.objects.exists()
    assert not Claim.objects.exists()


def test_delete_is_refused_for_others_and_for_published_articles(as_other, as_editor, anon):
    article = published_claim().article

    assert anon.delete(_detail(article)).status_code == 401
    assert as_other.delete(_detail(article)).status_code == 403
    response = as_editor.delete(_detail(article))

    assert response.status_code == 409
    assert response.json()["code"] == "has_published_claims"
    assert Article.objects.filter(pk=article.pk).exists()


def test_put_is_not_allowed(as_editor):
    article = ArticleFactory()

    response = as_editor.put(_detail(article), {"title": "T", "text": TEXT})

    assert response.status_code == 405
    assert Article.objects.get().title == article.title


def test_patch_that_changes_nothing_keeps_the_etag(as_editor):
    article = ArticleFactory(title="Same")
    etag = as_editor.get(_detail(article))["ETag"]

    response = as_editor.patch(_detail(article), {"title": "Same"}, HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] == etag  # another tab's If-Match stays valid
