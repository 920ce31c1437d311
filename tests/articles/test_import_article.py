"""services.import_article: an idempotent upsert keyed by URL or by title and text."""

import pytest
from django.core.exceptions import ValidationError

from articles.importing import ArticleData
from articles.models import Article
from articles.services import content_hash, import_article
from tests.factories import ArticleFactory


@pytest.mark.django_db
def test_creates_then_finds_the_same_article(reviewer):
    data = ArticleData(title=" Title ", text="Body.\r\n\r\nMore.", publisher="Example")

    article, created = import_article(data, created_by=reviewer)
    again, created_again = import_article(data)

    assert (created, created_again) == (True, False)
    assert again.pk == article.pk
    assert (article.title, article.text) == ("Title", "Body.\n\nMore.")
    assert article.content_hash == content_hash("Title", "Body.\n\nMore.")
    assert article.created_by == reviewer
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_same_url_counts_as_the_same_article_even_with_other_text():
    existing = ArticleFactory(url="https://example.org/a")

    article, created = import_article(
        ArticleData(title="Edited", text="New text.", url="https://example.org/a")
    )

    assert (article.pk, created) == (existing.pk, False)
    existing.refresh_from_db()
    assert existing.title != "Edited"


@pytest.mark.django_db
def test_invalid_data_stores_nothing():
    with pytest.raises(ValidationError) as caught:
        import_article(ArticleData(title="T", text="Body", url="https://x", language="x" * 40))

    assert set(caught.value.message_dict) == {"url", "language"}
    assert not Article.objects.exists()
