"""An export cut short is visible to the client as a failure, never as a complete 200.

The export is a chunked stream (no Content-Length). If the worker dies or the
database fails mid-way, the response ends without HTTP/1.1's terminating
zero-length chunk, and clients report an incomplete body (issue 9: the sync
worker's timeout used to cut a 10.8 MB export at 7.4 MB with a clean-looking 200).
"""

import http.client
import os
import signal
from pathlib import Path

import pytest
import requests
from django.contrib.auth import get_user_model
from django.db import connection

from accounts import tokens
from annotations import export_rows
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from tests.gunicorn_process import gunicorn


@pytest.mark.django_db
def test_export_is_streamed_without_a_length_and_a_failure_is_not_swallowed(
    monkeypatch, desk_client
):
    article = ArticleFactory(text="a" * 50)
    for start in range(5):
        ClaimFactory(article=article, start=start, end=start + 3)
    calls = {"n": 0}
    real_rows = export_rows._rows

    def failing_second_chunk(chunk, user):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("the database went away")
        return real_rows(chunk, user)

    monkeypatch.setattr(export_rows, "CHUNK_SIZE", 2)
    monkeypatch.setattr(export_rows, "_rows", failing_second_chunk)

    response = desk_client.get("/api/v1/claims/export.csv")

    assert response.status_code == 200
    assert not response.has_header("Content-Length")
    stream = iter(response.streaming_content)
    assert b"id,article_id" in next(stream)  # header and the first chunk
    with pytest.raises(ConnectionError):
        list(stream)  # the server sees the error and aborts the chunked body


def _seed_claims(count: int) -> int:
    """`count` claims on articles of 50 claims, in one INSERT ... SELECT each table."""
    user = UserFactory(role="editor")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_article (version, created_at, updated_at, title, url, publisher,"
            " byline, language, text, content_hash, created_by_id, revision)"
            " SELECT 1, now(), now(), 'Article ' || n, '', '', '', 'en', repeat('x', 200),"
            " md5(n::text), NULL, 1 FROM generate_series(1, %s) AS n",
            [count // 50],
        )
        cursor.execute(
            "INSERT INTO annotations_claim (version, created_at, updated_at, article_id, start,"
            ' "end", quote, prefix, suffix, statement, claimant, status, rating, created_by_id,'
            " revision, anchor_state)"
            " SELECT 1, now(), now(), a.id, k, k + 5, 'xxxxx', '', '', "
            " 'A statement long enough to make the rows count', '', 'draft', '', %s, 1, 'anchored'"
            " FROM articles_article a CROSS JOIN generate_series(0, 49) AS k",
            [user.pk],
        )
    return user.pk


@pytest.fixture
def gunicorn_server(transactional_db):
    """gunicorn with the repository's gunicorn.conf.py, on the test database."""
    env = {"WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "2", "GUNICORN_ACCESS_LOG": "/dev/null"}
    with gunicorn(env) as served:
        yield served


def _workers(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
    return [int(pid) for pid in children.split()]


@pytest.mark.slow
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="gunicorn runs in another process and needs a database it can open (PostgreSQL)",
)
def test_a_client_can_tell_a_complete_export_from_a_cut_one(gunicorn_server):
    process, base = gunicorn_server
    token = tokens.issue(get_user_model().objects.get(pk=_seed_claims(50_000)))
    headers = {"Authorization": f"Token {token}"}

    complete = requests.get(f"{base}/api/v1/claims/export.csv", headers=headers, timeout=120)
    assert complete.status_code == 200
    assert complete.headers["Transfer-Encoding"] == "chunked"
    assert complete.text.count("\n") == 50_001  # the header and every claim

    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.request("GET", "/api/v1/claims/export.csv", headers=headers)
    response = conn.getresponse()
    assert response.status == 200
    assert response.read(1024).startswith(b"id,article_id")
    for pid in _workers(process.pid):
        os.kill(pid, signal.SIGKILL)  # the worker dies mid-export
    with pytest.raises(http.client.IncompleteRead):
        response.read()
