"""Issue 8, point 3: a published fact-check's article changes only through an editor.

Once an article has a published (or retracted) claim, its url, title, publisher
and byline, like its text, are refused (409) to anyone but an editor, on every
write path (API PATCH, admin); re-importing its URL never rewrites them. An
editor's change is published as a correction of each published claim, so it is
dated on the corrections log, the fact-check page and in ClaimReview.
"""

import pytest
from django.contrib.auth.models import Permission

from annotations.models import Publication
from articles.importing import ArticleData
from articles.models import Article
from articles.services import import_or_revise, normalize_text
from history.models import HistoryEntry
from tests.factories import ArticleFactory
from tests.workflow.helpers import claim_in, stored_state

pytestmark = pytest.mark.django_db

PHISHING = "https://evil.example/login"


@pytest.fixture
def article(reviewer):
    """Rita's article, with a published fact-check."""
    article = ArticleFactory(created_by=reviewer, url="https://news.example/story",
                             title="Police report", publisher="News", byline="Ann")  # fmt: skip
    claim_in("published", article=article, created_by=reviewer)
    return Article.objects.get(pk=article.pk)


@pytest.mark.parametrize(
    "change",
    [{"url": PHISHING}, {"title": "Click here"}, {"publisher": "Evil"}, {"byline": "Mallory"}],
)
def test_the_reviewer_who_added_it_cannot_rewrite_it(as_reviewer, article, change):
    before = stored_state()

    response = as_reviewer.patch(f"/api/v1/articles/{article.pk}/", change, format="json")

    assert response.status_code == 409, response.content
    assert response.json()["code"] == "published_article_editor_only"
    assert list(change) == [key for key in response.json() if key in change]
    assert stored_state() == before


def test_a_retracted_fact_check_guards_its_article_too(as_reviewer, reviewer):
    article = ArticleFactory(created_by=reviewer)
    claim_in("retracted", article=article, created_by=reviewer)

    response = as_reviewer.patch(f"/api/v1/articles/{article.pk}/", {"url": PHISHING})

    assert response.status_code == 409


def test_unpublished_articles_stay_the_reviewers_to_edit(as_reviewer, reviewer):
    article = ArticleFactory(created_by=reviewer)
    claim_in("in_review", article=article, created_by=reviewer)

    response = as_reviewer.patch(f"/api/v1/articles/{article.pk}/", {"title": "Better title"})

    assert response.status_code == 200
    assert not Publication.objects.filter(kind="correction").exists()


def test_an_editors_change_is_published_as_a_correction(as_editor, anon, editor, article):
    claim = article.claims.get()
    response = as_editor.patch(
        f"/api/v1/articles/{article.pk}/",
        {"title": "Police report, updated", "url": "https://news.example/story-2"},
        format="json", HTTP_X_CHANGE_REASON="The outlet moved the story.",
    )  # fmt: skip

    assert response.status_code == 200, response.content
    correction = Publication.objects.get(claim=claim, kind="correction")
    assert correction.editor == editor
    assert correction.rating == Publication.objects.get(claim=claim, kind="publication").rating
    assert "title “Police report” → “Police report, updated”" in correction.note
    assert "https://news.example/story-2" in correction.note
    assert correction.note.endswith("The outlet moved the story.")
    # Public: the corrections log, the claim's corrections and its ClaimReview.
    log = anon.get("/factchecks/corrections/").content.decode()
    assert "Police report, updated" in log
    assert "Corrected, rating unchanged:" in log
    body = anon.get(f"/api/v1/claims/{claim.pk}/").json()
    assert [c["note"] for c in body["corrections"]] == [correction.note]
    review = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["itemReviewed"]["appearance"]["url"] == "https://news.example/story-2"
    assert HistoryEntry.objects.filter(object_type="article", action="update").exists()


def test_an_editors_change_of_other_fields_is_no_correction(as_editor, article):
    response = as_editor.patch(f"/api/v1/articles/{article.pk}/", {"language": "de"})

    assert response.status_code == 200
    assert not Publication.objects.filter(kind="correction").exists()


def test_reimporting_its_url_never_rewrites_the_details(reviewer, article):
    Article.objects.filter(pk=article.pk).update(text=normalize_text(article.text))
    data = ArticleData(title="Click here", text=normalize_text(article.text), url=article.url,
                       publisher="Evil", byline="Mallory")  # fmt: skip

    result = import_or_revise(data, actor=reviewer)

    assert result.status == "unchanged"
    article.refresh_from_db()
    assert (article.title, article.publisher, article.byline) == ("Police report", "News", "Ann")


@pytest.fixture
def rita_admin(client, reviewer):
    reviewer.is_staff = True
    reviewer.save()
    reviewer.user_permissions.add(*Permission.objects.filter(codename="change_article"))
    client.force_login(reviewer)
    return client


def test_admin_shows_the_guarded_fields_read_only_to_a_reviewer(rita_admin, article):
    url = f"/admin/articles/article/{article.pk}/change/"
    page = rita_admin.get(url)
    assert page.status_code == 200
    form_fields = set(page.context["adminform"].form.fields)
    assert not form_fields & {"url", "title", "publisher", "byline", "text"}

    rita_admin.post(url, {"url": PHISHING, "title": "Click here", "language": "en"})

    article.refresh_from_db()
    assert (article.url, article.title) == ("https://news.example/story", "Police report")
