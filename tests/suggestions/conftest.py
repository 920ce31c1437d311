import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    # Suggestions and throttle counts live in the locmem cache; start every test empty.
    cache.clear()
    yield
    cache.clear()
