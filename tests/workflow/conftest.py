"""Fixtures for the editorial workflow tests: clients signed in by role, clean throttles."""

import pytest
from django.core.cache import cache

from tests.workflow.helpers import client_for


@pytest.fixture(autouse=True)
def _clear_throttle_cache():
    # Throttles count in the locmem cache; a test must not inherit another's count.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def as_reviewer(reviewer):
    return client_for(reviewer)


@pytest.fixture
def as_other(other_reviewer):
    return client_for(other_reviewer)


@pytest.fixture
def as_editor(editor):
    return client_for(editor)


@pytest.fixture
def anon(api_client):
    return api_client
