"""factcheck.prefetch: relations marked empty answer without a query."""

import pytest

from annotations import selectors
from factcheck.prefetch import mark_relations_empty, related
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_marked_relations_read_empty_without_a_query(django_assert_num_queries):
    claim = mark_relations_empty(ClaimFactory(), *selectors.CLAIM_PARTS)

    with django_assert_num_queries(0):
        for name in selectors.CLAIM_PARTS:
            assert list(getattr(claim, name).all()) == []
            assert list(related(claim, name)) == []
            assert getattr(claim, name).count() == 0
            assert not getattr(claim, name).exists()
            assert list(getattr(claim, name).all().filter(pk__gt=0)) == []


def test_the_empty_results_are_of_the_related_model():
    claim = mark_relations_empty(ClaimFactory(), "sources", "verdicts")

    assert claim.sources.all().model is claim._meta.get_field("sources").related_model
    assert claim.verdicts.all().model is claim._meta.get_field("verdicts").related_model


def test_adding_a_row_drops_the_mark():
    claim = mark_relations_empty(ClaimFactory(), *selectors.CLAIM_PARTS)
    other = mark_relations_empty(ClaimFactory(), *selectors.CLAIM_PARTS)
    source = claim.sources.create(url="https://example.org/a", title="A", added_by=claim.created_by)

    assert list(claim.sources.all()) == [source]  # the cache entry was dropped: a query
    assert list(other.sources.all()) == []  # the shared empty result is untouched
