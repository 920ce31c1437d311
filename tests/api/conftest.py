"""Fixtures for API tests: clients signed in by role, a clean throttle cache."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _clear_throttle_cache():
    # Throttles count in the locmem cache; a test must not inherit another's count.
    cache.clear()
    yield
    cache.clear()


def _client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def as_reviewer(reviewer):
    return _client_for(reviewer)


@pytest.fixture
def as_other(other_reviewer):
    return _client_for(other_reviewer)


@pytest.fixture
def as_editor(editor):
    return _client_for(editor)


@pytest.fixture
def anon(api_client):
    return api_client
