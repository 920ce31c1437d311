"""The database itself refuses corrupt rows, even when every form and service is bypassed."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from annotations.models import Claim, Publication, Source, Verdict
from articles.models import Article
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    PublicationFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def raw_claim(article, user, **overrides) -> Claim:
    values = {"article": article, "start": 0, "end": 5, "created_by": user}
    values.update(overrides)
    values.setdefault("quote", article.text[values["start"] : values["end"]] or "x")
    return Claim(**values)


def assert_refused(instance) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        instance.save()


@pytest.mark.parametrize(
    ("start", "end", "quote"),
    [
        (5, 5, "x"),  # empty span
        (6, 5, "x"),  # reversed span
        (0, 5, ""),  # empty quote
        (0, 5, "abc"),  # quote shorter than the span
        (0, 2, "abcdef"),  # quote longer than the span
    ],
)
def test_database_refuses_bad_claim_spans(reviewer, start, end, quote):
    article = ArticleFactory()
    assert_refused(raw_claim(article, reviewer, start=start, end=end, quote=quote))
    assert Claim.objects.count() == 0


def test_database_refuses_negative_start(reviewer):
    article = ArticleFactory()
    assert_refused(raw_claim(article, reviewer, start=-1, end=4, quote="abcde"))


def test_database_refuses_duplicate_span(reviewer):
    claim = ClaimFactory()
    assert_refused(raw_claim(claim.article, reviewer, start=claim.start, end=claim.end))


def test_database_refuses_unknown_status_and_rating(reviewer):
    article = ArticleFactory()
    assert_refused(raw_claim(article, reviewer, status="approved"))
    assert_refused(raw_claim(article, reviewer, rating="pants-on-fire"))


def test_database_refuses_published_claim_without_rating(reviewer):
    article = ArticleFactory()
    assert_refused(raw_claim(article, reviewer, status="published", published_at=timezone.now()))
    assert_refused(raw_claim(article, reviewer, status="published", rating="false"))


def test_database_refuses_second_verdict_by_same_reviewer():
    verdict = VerdictFactory()
    assert_refused(
        Verdict(claim=verdict.claim, reviewer=verdict.reviewer, rating="true", rationale="x")
    )


@pytest.mark.parametrize(("rating", "rationale"), [("pants-on-fire", "x"), ("true", "")])
def test_database_refuses_bad_verdicts(rating, rationale):
    claim = ClaimFactory()
    assert_refused(
        Verdict(claim=claim, reviewer=claim.created_by, rating=rating, rationale=rationale)
    )


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "//evil.example", "ftp://x.org"]
)
def test_database_refuses_non_http_source_urls(url):
    claim = ClaimFactory()
    assert_refused(Source(claim=claim, url=url, added_by=claim.created_by))


def test_database_refuses_unknown_stance_and_duplicate_url():
    source = SourceFactory()
    user = source.added_by
    assert_refused(Source(claim=source.claim, url="https://x.org", stance="meh", added_by=user))
    assert_refused(Source(claim=source.claim, url=source.url, added_by=user))


def test_database_refuses_bad_publication():
    claim = ClaimFactory()
    editor = UserFactory(role="editor")
    now = timezone.now()
    assert_refused(
        Publication(claim=claim, rating="nope", rationale="x", editor=editor, published_at=now)
    )
    assert_refused(
        Publication(claim=claim, rating="false", rationale="", editor=editor, published_at=now)
    )


def test_database_refuses_articles_without_title_or_text_and_duplicates():
    article = ArticleFactory(url="https://news.example/a")
    assert_refused(Article(title="", text="x", content_hash="1"))
    assert_refused(Article(title="x", text="", content_hash="2"))
    assert_refused(Article(title="x", text="y", url=article.url, content_hash="3"))
    assert_refused(Article(title="x", text="y", content_hash=article.content_hash))


def test_many_articles_may_have_no_url():
    ArticleFactory(url="")
    ArticleFactory(url="")
    assert Article.objects.filter(url="").count() == 2


def test_article_with_claims_cannot_be_deleted_by_the_orm():
    claim = ClaimFactory()
    with pytest.raises(ProtectedError):
        claim.article.delete()


def test_published_claim_cannot_be_deleted_by_the_orm():
    publication = PublicationFactory()
    with pytest.raises(ProtectedError):
        publication.claim.delete()


def test_deleting_a_draft_claim_drops_its_sources_and_verdicts():
    claim = ClaimFactory()
    SourceFactory(claim=claim)
    VerdictFactory(claim=claim)
    claim.delete()
    assert (Source.objects.count(), Verdict.objects.count()) == (0, 0)
