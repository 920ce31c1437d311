"""The loopback test setting never reaches production (README, "The loopback test setting")."""

import pytest
from django.core import checks

from fetching.checks import loopback_only_in_debug
from tests.factcheck.test_settings import PRODUCTION, run_manage


@pytest.mark.slow
def test_production_refuses_to_start_with_loopback_allowed():
    result = run_manage("check", **PRODUCTION, FACTCHECK_FETCH_ALLOW_LOOPBACK="1")
    assert result.returncode != 0
    assert "FACTCHECK_FETCH_ALLOW_LOOPBACK" in result.stderr


@pytest.mark.slow
def test_debug_may_allow_loopback():
    result = run_manage("check", DEBUG="1", FACTCHECK_FETCH_ALLOW_LOOPBACK="1")
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(("name", "value"), [("FACTCHECK_TASKS", "celery"),
                                             ("FACTCHECK_FETCH_MAX_ATTEMPTS", "0")])  # fmt: skip
def test_bad_job_settings_fail_loudly(name, value):
    result = run_manage("check", **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert name in result.stderr


def test_the_system_check_catches_the_setting_however_it_was_set(settings):
    settings.DEBUG = False
    settings.FACTCHECK_FETCH_ALLOW_LOOPBACK = True
    (error,) = loopback_only_in_debug(None)
    assert (error.id, error.level) == ("fetching.E001", checks.ERROR)
    settings.FACTCHECK_FETCH_ALLOW_LOOPBACK = False
    assert loopback_only_in_debug(None) == []
