"""The collection statistics are rebuilt by one request while the others use the old ones."""

import time

import pytest

from matching import corpus


@pytest.mark.django_db
def test_stale_counts_are_served_while_another_thread_rebuilds(monkeypatch):
    first = corpus.stats()
    monkeypatch.setattr(corpus, "_cached", (time.monotonic() - corpus.REFRESH_SECONDS - 1, first))
    monkeypatch.setattr(corpus, "build", lambda: pytest.fail("rebuilt while another thread does"))

    with corpus._lock:  # another thread is rebuilding
        assert corpus.stats() is first


@pytest.mark.django_db
def test_stale_counts_are_rebuilt_by_the_first_request_that_sees_them(monkeypatch):
    first = corpus.stats()
    monkeypatch.setattr(corpus, "_cached", (time.monotonic() - corpus.REFRESH_SECONDS - 1, first))

    assert corpus.stats() is not first
