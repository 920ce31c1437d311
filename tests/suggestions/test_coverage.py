"""Which claim covers a sentence: at least half of the shorter span overlaps."""

import pytest

from suggestions.coverage import covering_claim, covering_claims

SENTENCE = (100, 200)  # 100 code points


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ([], None),
        ([(1, 120, 140)], 1),  # a phrase inside the sentence
        ([(1, 50, 250)], 1),  # a claim spanning this sentence and others
        ([(1, 90, 160)], 1),  # overlaps 60 of its 70
        ([(1, 190, 260)], None),  # shares 10 of 70 at the edge: the next sentence's claim
        ([(1, 0, 100)], None),  # touches but does not overlap (end exclusive)
        ([(1, 150, 160), (2, 100, 200)], 2),  # the larger overlap wins
        ([(7, 120, 130), (3, 150, 160)], 3),  # equal overlap: the lower id wins
    ],
)
def test_covering_claim(claims, expected):
    assert covering_claim(*SENTENCE, claims) == expected


def test_covering_claims_answers_each_sentence_in_order():
    spans = [(0, 10), (11, 30), (31, 40)]
    claims = [(5, 12, 20), (9, 0, 40)]
    assert covering_claims(spans, claims) == [9, 9, 9]
    assert covering_claims(spans, [(5, 12, 20)]) == [None, 5, None]
