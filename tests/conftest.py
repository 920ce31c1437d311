"""Database-agnostic fixtures: users by role, API clients, a fast password hasher."""

import socket

import pytest
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from tests.factories import UserFactory

# Timing varies on shared CI machines; a slow example is not a wrong one.
hypothesis_settings.register_profile("factcheck", deadline=None, print_blob=True)
hypothesis_settings.load_profile("factcheck")


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2 at production strength costs ~0.3 s per user; tests make hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # Production serves hashed files from `collectstatic`; tests read the source tree.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_matching_corpus():
    """Claim matching caches its word statistics and vectors per process (for minutes);
    a test must not meet another test's records there."""
    from matching import corpus, services

    corpus.reset()
    services.forget_vectors()


@pytest.fixture(autouse=True)
def _no_kept_claim_lists():
    """Claim lists rendered by another test stay out of this one's query counts."""
    from annotations import claim_list_cache

    claim_list_cache.rendered.clear()


@pytest.fixture(autouse=True)
def _fresh_sqlite_search_indexes(request):
    """Transactional tests on SQLite start with FTS5 indexes rebuilt from their tables.

    Such a test's database is flushed after the previous one and its ids start again
    at 1; an index entry the flush left behind would then point at a new row.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        return
    from django.db import connection

    from search.documents import rebuild_sqlite_indexes

    if connection.vendor == "sqlite":
        request.getfixturevalue("transactional_db")
        rebuild_sqlite_indexes(connection)


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rita", role="reviewer")


@pytest.fixture
def other_reviewer(db):
    return UserFactory(username="omar", role="reviewer")


@pytest.fixture
def editor(db):
    return UserFactory(username="edna", role="editor")


@pytest.fixture
def api_client():
    return APIClient()


class FakeDNS(dict):
    """Host name -> addresses, standing in for the resolver: tests never reach the network.

    Numeric hosts (including odd forms like 2130706433) are parsed as the real resolver
    would, without a lookup; `localhost` is loopback; any other name is unknown unless
    a test adds it. `lookups` records every name asked for.
    """

    def __init__(self) -> None:
        super().__init__(localhost=["127.0.0.1"])
        self.lookups: list[str] = []

    def resolve(self, hostname: str, port: int) -> list[str]:
        from fetching import guard

        self.lookups.append(hostname)
        answer = self.get(hostname)
        if callable(answer):
            answer = answer()
        if answer is not None:
            return list(answer)
        try:
            numeric = socket.getaddrinfo(
                hostname, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST
            )
        except (socket.gaierror, UnicodeError):
            raise guard.RefusedURL("The host name does not resolve.", "host_unresolvable") from None
        return [str(info[4][0]) for info in numeric]


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch) -> FakeDNS:
    from fetching import guard

    dns = FakeDNS()
    monkeypatch.setattr(guard, "resolve", dns.resolve)
    return dns
