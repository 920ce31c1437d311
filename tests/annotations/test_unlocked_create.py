"""Claim create on PostgreSQL: the text read without a lock, the claim stored only while
that text is current (SECURITY-CASES #45 without a transaction of its own, issue 9)."""

from unittest import mock

import pytest
from django.db import connection, transaction

from annotations.models import Claim
from annotations.services import claims as claim_services
from annotations.services.claims import create_claim
from articles.models import Article
from history.models import HistoryEntry
from history.services import RowChanged, insert_with_history
from tests.factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the guarded insert is PostgreSQL's; SQLite creates under the row lock",
    ),
]

OLD = "Five officers died in the riot, the report says."
NEW = "The report says: five officers died in the riot."


def _stale_then_fresh(article: Article, stale_text: str, stale_revision: int):
    """_current_article answering once with the text as it was before a concurrent change."""
    real = claim_services._current_article
    calls = []

    def read(article_id):
        calls.append(article_id)
        current = real(article_id)
        if len(calls) == 1:
            current.text, current.revision = stale_text, stale_revision
        return current

    return mock.patch.object(claim_services, "_current_article", side_effect=read), calls


def test_a_text_changed_after_the_read_is_anchored_again():
    author = UserFactory(role="reviewer")
    article = ArticleFactory(text=NEW, revision=2)  # the change landed after our read
    patch, calls = _stale_then_fresh(article, OLD, 1)

    with patch:
        claim = create_claim(article=article.pk, author=author, quote="officers died in the riot")

    assert len(calls) == 2  # refused at the old revision, then read again
    stored = Claim.objects.get()
    assert (stored.pk, stored.revision, stored.quote) == (claim.pk, 2, "officers died in the riot")
    assert NEW[stored.start : stored.end] == "officers died in the riot"
    assert stored.start != OLD.index("officers died in the riot")  # the new text's offsets
    assert HistoryEntry.objects.filter(object_type="claim", claim_id=claim.pk).count() == 1


def test_offsets_computed_on_an_old_text_are_never_stored_against_the_new_one():
    author = UserFactory(role="reviewer")
    article = ArticleFactory(text=NEW, revision=2)
    patch, calls = _stale_then_fresh(article, OLD, 1)

    with patch:
        claim = create_claim(article=article.pk, author=author, start=0, end=18)

    assert len(calls) == 2
    assert (claim.revision, claim.quote) == (2, NEW[0:18])
    assert Claim.objects.get().quote == NEW[0:18]


def test_a_client_that_read_the_old_revision_gets_a_409_after_the_race():
    from factcheck.errors import Conflict

    article = ArticleFactory(text=NEW, revision=2)
    patch, calls = _stale_then_fresh(article, OLD, 1)

    with patch, pytest.raises(Conflict):
        create_claim(article=article.pk, author=UserFactory(), start=0, end=4, revision=1)
    assert len(calls) == 2
    assert not Claim.objects.exists()


def test_after_repeated_races_the_create_takes_the_lock():
    author = UserFactory(role="reviewer")
    article = ArticleFactory(text=NEW, revision=2)
    stale = Article(pk=article.pk, text=OLD, revision=1)

    with mock.patch.object(claim_services, "_current_article", return_value=stale) as read:
        claim = create_claim(article=article.pk, author=author, quote="officers died in the riot")

    assert read.call_count == claim_services._UNLOCKED_ATTEMPTS
    assert (claim.revision, Claim.objects.get().quote) == (2, "officers died in the riot")


def test_the_guard_refuses_a_deleted_or_changed_row_and_stores_nothing():
    article = ArticleFactory(text=OLD, revision=1)
    claim = Claim(article=article, start=0, end=4, quote="Five", revision=1,
                  created_by=UserFactory())  # fmt: skip

    with pytest.raises(RowChanged), transaction.atomic():
        insert_with_history(claim, actor=None, action="create",
                            while_unchanged=("article", {"revision": 2}))  # fmt: skip
    assert claim.pk is None
    assert claim.article is article  # the instance is left as it was
    assert not Claim.objects.exists()
    assert not HistoryEntry.objects.filter(object_type="claim").exists()

    insert_with_history(claim, actor=None, action="create",
                        while_unchanged=("article", {"revision": 1}))  # fmt: skip
    assert Claim.objects.get().pk == claim.pk
