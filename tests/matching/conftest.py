import pytest

from matching import corpus


@pytest.fixture(autouse=True)
def _fresh_corpus_counts():
    """Collection statistics are cached per process; each test has its own rows."""
    corpus.reset()
    yield
    corpus.reset()


# The search tests' unrelated records, so that document frequencies mean something.
from tests.search.conftest import filler  # noqa: E402, F401
