"""Fifty identical writes at the same instant: one row, 409s for the rest, 0 500s (#5, #28).

Each request runs in its own thread with its own APIClient and so its own
database connection; a Barrier releases them together. The services check for
a duplicate first and let the unique constraint settle the race that check
cannot see (annotations.services.claims._insert_unique_span), so the losers get
the same 409 a late duplicate gets. That needs a server that runs writers
concurrently: SQLite serialises them behind one lock and would answer
"database is locked" instead, so these run on PostgreSQL only:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck_race \\
        .venv/bin/python -m pytest tests/api/test_races.py
"""

import threading
from collections import Counter

import pytest
from django.db import connection
from rest_framework.test import APIClient

from annotations.models import Claim, Source, Verdict
from api_support.models import IdempotencyKey
from articles.models import ArticleRevision
from history.models import HistoryEntry
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

PARALLEL = 50

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent writers (SQLite locks the whole database); "
        "run with DATABASE_URL=postgres://",
    ),
]


def _race(users, method: str, url: str, body: dict, **headers) -> list:
    """Send the same request from len(users) threads at once; the responses, in any order."""
    start = threading.Barrier(len(users))
    responses: list = []
    errors: list[BaseException] = []

    def send(user) -> None:
        client = APIClient()
        client.force_authenticate(user)
        try:
            start.wait(timeout=30)
            responses.append(getattr(client, method)(url, body, **headers))
        except BaseException as error:  # an exception here would otherwise vanish with the thread
            errors.append(error)
        finally:
            connection.close()  # each thread opened its own connection

    threads = [threading.Thread(target=send, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(responses) == len(users)
    return responses


def _statuses(responses) -> Counter:
    return Counter(response.status_code for response in responses)


def test_fifty_identical_claim_creates_make_one_claim():
    article = ArticleFactory()
    reviewers = [UserFactory(role="reviewer") for _ in range(5)]
    body = {"article": article.pk, "start": 10, "end": 30}

    responses = _race(reviewers * (PARALLEL // 5), "post", "/api/v1/claims/", body)

    assert _statuses(responses) == {201: 1, 409: PARALLEL - 1}
    claim = Claim.objects.get()
    for response in responses:
        if response.status_code == 409:
            assert response.json()["code"] == "duplicate_claim"
            assert response.json()["existing_id"] == claim.pk
    created = HistoryEntry.objects.filter(object_type="claim", action="create")
    assert list(created.values_list("object_id", flat=True)) == [claim.pk]


def test_fifty_identical_verdicts_by_one_reviewer_make_one_verdict():
    claim = ClaimFactory()
    reviewer = UserFactory(role="reviewer")
    body = {"rating": "false", "rationale": "Four officers died, not five."}

    responses = _race([reviewer] * PARALLEL, "post", f"/api/v1/claims/{claim.pk}/verdicts/", body)

    assert _statuses(responses) == {201: 1, 409: PARALLEL - 1}
    verdict = Verdict.objects.get()
    assert verdict.reviewer == reviewer
    assert {r.json()["existing_id"] for r in responses if r.status_code == 409} == {verdict.pk}
    assert HistoryEntry.objects.filter(object_type="verdict").count() == 1


def test_fifty_identical_sources_make_one_source():
    claim = ClaimFactory()
    reviewers = [UserFactory(role="reviewer") for _ in range(5)]
    body = {"url": "https://example.org/report", "stance": "refutes"}

    url = f"/api/v1/claims/{claim.pk}/sources/"
    responses = _race(reviewers * (PARALLEL // 5), "post", url, body)

    assert _statuses(responses) == {201: 1, 409: PARALLEL - 1}
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"duplicate_source"}
    assert Source.objects.count() == 1
    assert HistoryEntry.objects.filter(object_type="source").count() == 1


def test_fifty_concurrent_replays_of_one_idempotency_key_make_one_claim():
    article = ArticleFactory()
    reviewer = UserFactory(role="reviewer")
    body = {"article": article.pk, "start": 10, "end": 30}

    responses = _race(
        [reviewer] * PARALLEL, "post", "/api/v1/claims/", body, HTTP_IDEMPOTENCY_KEY="retry-1"
    )

    # Requests that arrive while the first runs get 409 key_in_use; later ones the replay.
    statuses = _statuses(responses)
    assert set(statuses) <= {201, 409}, statuses
    assert statuses[201] >= 1
    claim = Claim.objects.get()
    assert {r.json()["id"] for r in responses if r.status_code == 201} == {claim.pk}
    assert {r.json()["code"] for r in responses if r.status_code == 409} <= {"key_in_use"}
    created = [r for r in responses if r.status_code == 201]
    assert sum(not r.has_header("Idempotent-Replayed") for r in created) == 1  # the original
    assert IdempotencyKey.objects.get().status_code == 201
    assert HistoryEntry.objects.filter(object_type="claim").count() == 1


def test_a_claim_and_a_text_edit_at_once_never_leave_a_claim_off_its_text():
    """create_claim anchors under the article's row lock, which the text change takes too:
    the claim is made in one revision, and (made first) re-anchored or orphaned by the
    edit, never left pointing into text that does not hold its quote (SECURITY-CASES #45)."""
    editor = UserFactory(role="editor")
    old, new = "The minister said 12 bridges collapsed.", "Engineers counted two collapses."
    for _ in range(10):
        article = ArticleFactory(text=old, created_by=editor)
        start = threading.Barrier(2)
        requests = [
            ("patch", f"/api/v1/articles/{article.pk}/", {"text": new}),
            ("post", "/api/v1/claims/", {"article": article.pk, "start": 4, "end": 12}),
        ]
        responses = _both_at_once(editor, requests, start)

        article.refresh_from_db()
        for claim in Claim.objects.filter(article=article):
            revision = ArticleRevision.objects.get(article=article, number=claim.revision)
            assert claim.quote == revision.text[claim.start : claim.end]
            if claim.anchor_state != "orphaned":
                assert (claim.revision, claim.quote) == (2, article.text[claim.start : claim.end])
        assert sorted(r.status_code for r in responses) == [200, 201]


def _both_at_once(user, requests, barrier) -> list:
    responses: list = []

    def send(method, url, body) -> None:
        client = APIClient()
        client.force_authenticate(user)
        try:
            barrier.wait(timeout=30)
            responses.append(getattr(client, method)(url, body))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses
