from tests.api.conftest import _clear_throttle_cache, anon, as_editor  # noqa: F401
