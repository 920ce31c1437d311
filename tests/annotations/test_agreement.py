"""Agreement figures, checked against values computed by hand."""

import pytest

from annotations.agreement import (
    agreement_stats,
    claim_agreement,
    interval_distance,
    krippendorff_alpha,
    percent_agreement,
)


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([], "none"),
        (["false"], "none"),
        (["false", "false"], "agree"),
        (["misleading", "misleading"], "agree"),
        (["false", "mostly-false"], "adjacent"),
        (["true", "mostly-true", "true"], "adjacent"),
        (["false", "half-true"], "conflict"),
        (["false", "misleading"], "conflict"),
        (["true", "mostly-true", "half-true"], "conflict"),
    ],
)
def test_claim_agreement(ratings, expected):
    assert claim_agreement(ratings) == expected


# Three claims, by hand:
#   c1: true, true          -> ordered pairs (T,T) x2, weight 1/(2-1): o_TT += 2
#   c2: true, false         -> o_TF += 1, o_FT += 1
#   c3: false, false, false -> 6 ordered (F,F) pairs, weight 1/2: o_FF += 3
# n_T = 3, n_F = 4, n = 7; disagreeing coincidences 2; expected n_T*n_F*2 = 24
# alpha = 1 - (7 - 1) * 2 / 24 = 0.5; pairs agreeing: 1 + 0 + 3 of 5 = 0.8
HAND_UNITS = [["true", "true"], ["true", "false"], ["false", "false", "false"]]


def test_krippendorff_alpha_nominal_matches_hand_computation():
    assert krippendorff_alpha(HAND_UNITS) == pytest.approx(0.5)


def test_percent_agreement_matches_hand_computation():
    assert percent_agreement(HAND_UNITS) == pytest.approx(0.8)


def test_krippendorff_alpha_interval_by_hand():
    # c1: 5,4   c2: 1,1  ->  o_54 = o_45 = 1, o_11 = 2; n_5 = n_4 = 1, n_1 = 2, n = 4
    # observed = 2 * 1^2 = 2; expected = 2*(n5*n4*1 + n5*n1*16 + n4*n1*9) = 2*(1+32+18) = 102
    # alpha = 1 - 3 * 2 / 102
    units = [["true", "mostly-true"], ["false", "false"]]
    assert krippendorff_alpha(units, interval_distance) == pytest.approx(1 - 6 / 102)


def test_perfect_agreement_across_categories_gives_alpha_one():
    assert krippendorff_alpha([["true", "true"], ["false", "false"]]) == pytest.approx(1.0)


def test_alpha_is_undefined_without_variation_or_pairs():
    assert krippendorff_alpha([["true", "true"], ["true", "true"]]) is None
    assert krippendorff_alpha([["true"], []]) is None
    assert percent_agreement([["true"]]) is None


def test_agreement_stats_per_reviewer_and_overall():
    stats = agreement_stats(
        {
            1: {"ann": "true", "bob": "true"},
            2: {"ann": "true", "bob": "false"},
            3: {"ann": "false", "bob": "false", "cy": "false"},
            4: {"ann": "false"},  # a single verdict does not count
        }
    )
    assert (stats.claims, stats.verdicts) == (3, 7)
    assert stats.percent_agreement == pytest.approx(0.8)
    assert stats.alpha_nominal == pytest.approx(0.5)
    by_name = {row.reviewer: (row.claims, row.pairs, row.agreeing_pairs) for row in stats.reviewers}
    assert by_name == {"ann": (3, 4, 3), "bob": (3, 4, 3), "cy": (1, 2, 2)}
