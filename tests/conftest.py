"""Database-agnostic fixtures: users by role, API clients, a fast password hasher."""

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
