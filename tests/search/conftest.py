"""Records to search: claims whose whole article is one sentence, and imported reviews."""

import pytest
from django.utils import timezone

from claimreviews.models import ClaimReview
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

FILLER = (
    "Rents in the capital rose by forty percent in two years, the agency reported.",
    "The airport handled a record ninety million passengers in the past year.",
    "Teachers in the province earn less than the national average, the union said.",
    "The council voted to close four libraries to save two million in the budget.",
)


def make_claim(sentence: str, *, status: str = "draft", title: str = "", **fields):
    """A claim quoting the whole of a one-sentence article (published ones complete)."""
    article = ArticleFactory(text=sentence, title=title or sentence[:40])
    if status in ("published", "retracted"):
        fields.setdefault("rating", "false")
        fields.setdefault("published_at", timezone.now())
    return ClaimFactory(
        article=article, start=0, end=len(sentence), quote=sentence, prefix="", suffix="",
        status=status, **fields,
    )  # fmt: skip


def make_review(claim: str, n: int = 1, **fields) -> ClaimReview:
    fields.setdefault("name", "Fact check")
    fields.setdefault("publisher_name", "Other Checker")
    return ClaimReview.objects.create(
        url=f"https://checker.example/review/{n}", claim_reviewed=claim, raw={}, **fields
    )


@pytest.fixture
def filler(db):
    """Unrelated records, so that every engine's document frequencies are meaningful."""
    author = UserFactory(role="reviewer")
    return [make_claim(text, status="published", created_by=author) for text in FILLER]
