"""Idempotency-Key on creates: replay, 422 on a changed body, 409 while in progress (#28)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from annotations.models import Claim, Publication, Source, Verdict
from api_support.models import IdempotencyKey
from articles.models import Article
from tests.factories import ARTICLE_TEXT, ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _post(client, url: str, body: dict, key: str = "key-1"):
    return client.post(url, body, HTTP_IDEMPOTENCY_KEY=key)


def test_retry_replays_the_first_response(as_reviewer):
    article = ArticleFactory()
    body = {"article": article.pk, "start": 0, "end": 5}

    first = _post(as_reviewer, "/api/v1/claims/", body)
    retry = _post(as_reviewer, "/api/v1/claims/", body)

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert retry["ETag"] == first["ETag"]
    assert not first.has_header("Idempotent-Replayed")
    assert Claim.objects.count() == 1


def test_replay_ignores_key_order_and_spacing(as_reviewer):
    article = ArticleFactory()
    url = "/api/v1/claims/"
    as_reviewer.post(
        url, f'{{"article": {article.pk}, "start": 0, "end": 5}}',
        content_type="application/json", HTTP_IDEMPOTENCY_KEY="k",
    )  # fmt: skip

    retry = as_reviewer.post(
        url, f'{{"end":5,"start":0,"article":{article.pk}}}',
        content_type="application/json", HTTP_IDEMPOTENCY_KEY="k",
    )  # fmt: skip

    assert retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert Claim.objects.count() == 1


def test_same_key_with_different_body_is_422(as_reviewer):
    article = ArticleFactory()
    _post(as_reviewer, "/api/v1/claims/", {"article": article.pk, "start": 0, "end": 5})

    response = _post(as_reviewer, "/api/v1/claims/", {"article": article.pk, "start": 0, "end": 6})

    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()
    assert Claim.objects.count() == 1


def test_same_key_on_another_endpoint_is_422(as_reviewer):
    claim = ClaimFactory()
    _post(as_reviewer, f"/api/v1/claims/{claim.pk}/sources/", {"url": "https://a.example/"})

    response = _post(
        as_reviewer, f"/api/v1/claims/{claim.pk}/verdicts/", {"url": "https://a.example/"}
    )

    assert response.status_code == 422
    assert (Source.objects.count(), Verdict.objects.count()) == (1, 0)


def test_key_still_in_progress_is_409(as_reviewer, reviewer):
    article = ArticleFactory()
    body = {"article": article.pk, "start": 0, "end": 5}
    first = _post(as_reviewer, "/api/v1/claims/", body)
    # Simulate the first request still running: its row has no stored response yet.
    IdempotencyKey.objects.filter(user=reviewer).update(status_code=None, response_body=None)
    Claim.objects.all().delete()

    response = _post(as_reviewer, "/api/v1/claims/", body)

    assert first.status_code == 201
    assert response.status_code == 409
    assert "Idempotency-Key" in response.json()
    assert Claim.objects.count() == 0


def test_key_abandoned_by_a_dead_request_is_taken_over(as_reviewer, reviewer):
    # The first request's worker was killed (or lost the database) before it could
    # finish or release its key: the retry must run, not get 409 for 24 hours.
    article = ArticleFactory()
    body = {"article": article.pk, "start": 0, "end": 5}
    _post(as_reviewer, "/api/v1/claims/", body)
    IdempotencyKey.objects.filter(user=reviewer).update(
        status_code=None, response_body=None, created_at=timezone.now() - timedelta(minutes=2)
    )
    Claim.objects.all().delete()  # its transaction was rolled back

    response = _post(as_reviewer, "/api/v1/claims/", body)

    assert response.status_code == 201
    assert not response.has_header("Idempotent-Replayed")
    assert Claim.objects.count() == 1
    assert IdempotencyKey.objects.get().status_code == 201


def test_keys_are_per_user(as_reviewer, as_other):
    article = ArticleFactory()

    mine = _post(as_reviewer, "/api/v1/claims/", {"article": article.pk, "start": 0, "end": 5})
    theirs = _post(as_other, "/api/v1/claims/", {"article": article.pk, "start": 0, "end": 6})

    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert Claim.objects.count() == 2


def test_key_expires_after_24_hours(as_reviewer):
    article = ArticleFactory()
    body = {"article": article.pk, "start": 0, "end": 5}
    _post(as_reviewer, "/api/v1/claims/", body)
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(hours=25))
    Claim.objects.all().delete()

    response = _post(as_reviewer, "/api/v1/claims/", body)

    assert response.status_code == 201
    assert not response.has_header("Idempotent-Replayed")
    assert Claim.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1


def test_refused_request_releases_its_key(as_reviewer):
    article = ArticleFactory(text=ARTICLE_TEXT)

    refused = _post(as_reviewer, "/api/v1/claims/", {"article": article.pk, "quote": "nowhere"})
    fixed = _post(as_reviewer, "/api/v1/claims/", {"article": article.pk, "quote": "five officers"})

    assert (refused.status_code, fixed.status_code) == (400, 201)
    assert Claim.objects.count() == 1


@pytest.mark.parametrize("key", ["", "   ", "k" * 256])
def test_rejects_unusable_keys(as_reviewer, key):
    article = ArticleFactory()

    response = _post(as_reviewer, "/api/v1/claims/", {"article": article.pk, "quote": "x"}, key)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert Claim.objects.count() == 0


def test_article_create_is_idempotent(as_reviewer):
    body = {"title": "T", "text": "Some article text."}

    first = _post(as_reviewer, "/api/v1/articles/", body)
    retry = _post(as_reviewer, "/api/v1/articles/", body)

    assert (first.status_code, retry.status_code) == (201, 201)  # not the 409 of a duplicate
    assert retry.json() == first.json()
    assert Article.objects.count() == 1


def test_publish_is_idempotent(as_editor):
    claim = SourceFactory(claim__status="in_review").claim
    body = {"rating": "false", "rationale": "x"}

    first = _post(as_editor, f"/api/v1/claims/{claim.pk}/publish/", body)
    retry = _post(as_editor, f"/api/v1/claims/{claim.pk}/publish/", body)

    assert (first.status_code, retry.status_code) == (200, 200)
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert Publication.objects.count() == 1


def test_anonymous_key_does_not_bypass_authentication(anon):
    article = ArticleFactory()

    response = _post(anon, "/api/v1/claims/", {"article": article.pk, "start": 0, "end": 5})

    assert response.status_code == 401
    assert IdempotencyKey.objects.count() == 0
