"""with_part_flags: which parts each claim has, said in the claims' own query."""

import pytest
from django.db.models import Exists, OuterRef

from annotations.models import Claim
from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AssignmentFactory,
    ClaimFactory,
    PublicationFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

PARTS = {
    "sources": SourceFactory,
    "verdicts": VerdictFactory,
    "publications": PublicationFactory,
    "assignments": AssignmentFactory,
}


def _flags(claim):
    return {name: getattr(claim, f"has_{name}") for name in PARTS}


def test_each_claim_says_which_parts_it_has():
    article = ArticleFactory(text="One two three four five six seven eight nine ten.")
    bare = ClaimFactory(article=article, start=0, end=3)
    expected = {bare.pk: dict.fromkeys(PARTS, False)}
    for i, (name, factory) in enumerate(PARTS.items(), start=1):
        claim = ClaimFactory(article=article, start=4 * i, end=4 * i + 3)
        factory(claim=claim)
        expected[claim.pk] = {part: part == name for part in PARTS}
    everything = ClaimFactory(article=article, start=40, end=44)
    for factory in PARTS.values():
        factory(claim=everything)
    expected[everything.pk] = dict.fromkeys(PARTS, True)

    found = {claim.pk: _flags(claim) for claim in Claim.objects.with_part_flags()}

    assert found == expected
    assert all(type(flag) is bool for flags in found.values() for flag in flags.values())


def test_flags_stay_right_inside_a_subquery():
    """Inside another query Django renames the claim table; the flag follows it."""
    with_source, without = ArticleFactory(), ArticleFactory()
    SourceFactory(claim=ClaimFactory(article=with_source))
    ClaimFactory(article=without)
    VerdictFactory(claim=ClaimFactory(article=without, start=20, end=25))

    claims_with_sources = Claim.objects.with_part_flags().filter(
        article=OuterRef("pk"), has_sources=True
    )
    found = Article.objects.filter(Exists(claims_with_sources))

    assert list(found) == [with_source]
