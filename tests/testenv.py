"""Environment for the test run, loaded as a pytest plugin (`-p tests.testenv`).

It runs before pytest-django reads settings, so the suite sees production-like
settings (DEBUG off) without HTTPS redirects, and a throwaway secret. Anything
already set in the environment wins: CI sets DATABASE_URL for PostgreSQL.
"""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("FACTCHECK_HTTPS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop
os.environ.setdefault(
    "FACTCHECK_TASKS", "immediate"
)  # tasks run in-process; one test runs a real worker
