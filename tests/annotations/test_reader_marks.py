"""selectors.reader_marks: what the reader embeds, in two queries, blind review applied."""

import pytest

from annotations.selectors import reader_marks
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_marks_hide_others_verdicts_until_the_reviewer_gives_one(reviewer, other_reviewer):
    article = ArticleFactory()
    claim = ClaimFactory(article=article, status="in_review")
    VerdictFactory(claim=claim, reviewer=other_reviewer, rating="false")

    [before] = reader_marks(reviewer, article_id=article.pk)
    VerdictFactory(claim=claim, reviewer=reviewer, rating="true")
    [after] = reader_marks(reviewer, article_id=article.pk)

    assert before == {
        "id": claim.pk, "start": claim.start, "end": claim.end, "quote": claim.quote,
        "revision": 1, "anchor_state": "anchored", "status": "in_review", "rating": "",
        "verdicts": [],
    }  # fmt: skip
    assert sorted(v["rating"] for v in after["verdicts"]) == ["false", "true"]


def test_editors_see_every_verdict(editor, other_reviewer):
    claim = ClaimFactory(status="draft")
    VerdictFactory(claim=claim, reviewer=other_reviewer, rating="false")

    [mark] = reader_marks(editor, article_id=claim.article_id)

    assert mark["verdicts"] == [{"rating": "false"}]


@pytest.mark.parametrize("claims", [1, 40])
def test_marks_cost_two_queries_in_text_order(reviewer, django_assert_max_num_queries, claims):
    article = ArticleFactory(text="w" * 400)
    for k in reversed(range(claims)):
        VerdictFactory(claim=ClaimFactory(article=article, start=k * 5, end=k * 5 + 3))
    reader_marks(reviewer, article_id=article.pk)  # the role groups, cached on the user

    # 1 the claims' values, 2 the article's verdicts
    with django_assert_max_num_queries(2):
        marks = reader_marks(reviewer, article_id=article.pk)

    assert [mark["start"] for mark in marks] == [k * 5 for k in range(claims)]
