import pytest

from matching import corpus, services


@pytest.fixture(autouse=True)
def _fresh_corpus_counts():
    """Collection statistics and vectors are cached per process; each test has its own rows."""
    corpus.reset()
    services.forget_vectors()
    yield
    corpus.reset()
    services.forget_vectors()


# The search tests' unrelated records, so that document frequencies mean something.
from tests.search.conftest import filler  # noqa: E402, F401
