"""Settings come from the environment, fail loudly, and harden production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a clean process so settings are read afresh from `env`."""
    inherited = {
        "DEBUG",
        "SECRET_KEY",
        "FACTCHECK_HTTPS",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    base = {k: v for k, v in os.environ.items() if k not in inherited}
    # Fixed argv (this interpreter and manage.py): nothing untrusted reaches the call.
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-4f9c2b7e1d8a6c3f5e0b9d7a2c4e6f8",
    "ALLOWED_HOSTS": "factcheck.example.org",
}


@pytest.mark.slow
def test_deploy_check_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_deploy_check_warns_when_https_is_off():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, FACTCHECK_HTTPS="0"
    )
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr + result.stdout


@pytest.mark.slow
def test_secret_key_is_required_when_debug_is_off():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "ture"),
        ("DATABASE_CONN_MAX_AGE", "ten"),
        ("FACTCHECK_THROTTLE_USER", "ten/min"),
        ("REDIS_URL", "127.0.0.1:6379"),
        ("FACTCHECK_LOGIN_FAILURES_PER_ADDRESS", "5"),  # below the per-account 10
        ("FACTCHECK_LOGIN_COOLOFF_MINUTES", "0"),
        ("FACTCHECK_TRUSTED_PROXIES", "one"),
    ],
)
def test_malformed_values_fail_loudly(name, value):
    result = run_manage("check", **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert name in result.stderr


@pytest.mark.slow
def test_manage_py_works_in_a_fresh_checkout_without_any_environment():
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_served_app_still_needs_a_secret_key_by_default():
    """wsgi.py sets no DEBUG default: without the environment it refuses to start."""
    code = "import factcheck.wsgi"
    inherited = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
