"""SECURITY-CASES #45: a revision saved while other requests create claims on the article.

Claim creates and the text change take the same article row lock, so each claim
anchors to exactly one revision (the one it read under the lock) or is refused;
no claim ever points into text that does not hold its quote. Concurrent writers
need PostgreSQL (SQLite serialises everything behind one lock).
"""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from annotations.models import Claim
from articles.models import ArticleRevision
from tests.factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent writers (SQLite locks the whole database); "
        "run with DATABASE_URL=postgres://",
    ),
]

WORDS = [f"claim{n:02d}" for n in range(20)]
TEXT = " ".join(f"Sentence {n} says {word} happened." for n, word in enumerate(WORDS))


def test_claims_created_during_a_revision_anchor_to_exactly_one(django_db_blocker):
    editor = UserFactory(role="editor")
    article = ArticleFactory(text=TEXT, created_by=editor)
    barrier = threading.Barrier(len(WORDS) + 1)
    answers, errors = [], []

    def run(request) -> None:
        client = APIClient()
        client.force_authenticate(editor)
        try:
            barrier.wait(timeout=30)
            answers.append(request(client))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    def create(word):
        return lambda client: client.post(
            "/api/v1/claims/", {"article": article.pk, "quote": word, "revision": 1}
        )

    # The new text drops every other sentence and moves the rest.
    kept = " ".join(f"Now: {word} happened." for word in WORDS[::2])
    revise = lambda client: client.patch(f"/api/v1/articles/{article.pk}/", {"text": kept})  # noqa: E731
    threads = [threading.Thread(target=run, args=(create(word),)) for word in WORDS]
    threads.append(threading.Thread(target=run, args=(revise,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert sorted({a.status_code for a in answers}) <= [200, 201, 409]
    assert all(a.status_code != 500 for a in answers)
    for claim in Claim.objects.all():
        revision = ArticleRevision.objects.get(article=article, number=claim.revision)
        assert revision.text[claim.start : claim.end] == claim.quote
        if claim.anchor_state != "orphaned":
            assert claim.revision == 2
    refused = [a for a in answers if a.status_code == 409]
    assert all(a.json()["code"] == "stale_revision" for a in refused)
    assert Claim.objects.count() + len(refused) == len(WORDS)
