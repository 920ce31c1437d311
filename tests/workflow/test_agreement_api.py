"""GET /api/v1/stats/agreement/ and the claim list's `?agreement=` filter, on a small data set
whose figures are worked out by hand below.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Claim
from annotations.selectors import agreement_by_claim
from tests.factories import AssignmentFactory, ClaimFactory, UserFactory, VerdictFactory
from tests.workflow.helpers import API

pytestmark = pytest.mark.django_db

STATS_URL = f"{API}/stats/agreement/"

# claim -> {reviewer: rating}; graded values: true 5, mostly-true 4, false 1.
DATA = {
    "agreed": {"rita": "false", "omar": "false"},  # one pair, agreeing
    "adjacent": {"rita": "true", "omar": "true", "pia": "mostly-true"},  # 3 pairs, 1 agreeing
    "conflict": {"rita": "true", "omar": "false"},  # one pair, disagreeing
    "single": {"rita": "true"},  # fewer than two verdicts: left out of every figure
    "unrated": {},
}


@pytest.fixture
def claims(reviewer, other_reviewer) -> dict:
    users = {
        "rita": reviewer,
        "omar": other_reviewer,
        "pia": UserFactory(username="pia", role="reviewer"),
    }
    made = {}
    for name, ratings in DATA.items():
        made[name] = ClaimFactory(status="in_review")
        for who, rating in ratings.items():
            VerdictFactory(claim=made[name], reviewer=users[who], rating=rating)
    return made


def test_agreement_figures_match_the_hand_computation(as_editor, claims):
    # Claims with 2+ verdicts: agreed, adjacent, conflict -> 3 claims, 2 + 3 + 2 = 7 verdicts.
    #
    # Percent agreement over reviewer pairs within a claim:
    #   agreed 1/1, adjacent 1/3 (true=true; true/mostly-true twice), conflict 0/1 -> 2/5 = 0.4
    #
    # Krippendorff's alpha, nominal. Coincidences o(c,k), each ordered pair in a claim of
    # m ratings weighted 1/(m-1):
    #   agreed (m=2):   o(f,f) += 2
    #   adjacent (m=3): o(t,t) += 2 * 1/2 = 1, o(t,mt) += 1, o(mt,t) += 1
    #   conflict (m=2): o(t,f) += 1, o(f,t) += 1
    #   marginals n_f = 2+1 = 3, n_t = 1+1+1 = 3, n_mt = 1; n = 7
    #   observed disagreement  sum o(c,k), c != k       = 1 + 1 + 1 + 1 = 4
    #   expected disagreement  sum n_c n_k, c != k      = 2 * (3*3 + 3*1 + 3*1) = 30
    #   alpha = 1 - (n - 1) * 4 / 30 = 1 - 24/30 = 0.2
    #
    # Interval alpha, distance (a - b)^2 on 5..1 (t=5, mt=4, f=1):
    #   observed = o(t,mt)*1 + o(mt,t)*1 + o(t,f)*16 + o(f,t)*16 = 34
    #   expected = 2 * (n_f n_t * 16 + n_f n_mt * 9 + n_t n_mt * 1) = 2 * (144 + 27 + 3) = 348
    #   alpha = 1 - 6 * 34 / 348 = 144/348 = 12/29
    #
    # Per reviewer (pairs with the other reviewers of the same claim):
    #   omar: agreed 1/1, adjacent 1/2 (rita yes, pia no), conflict 0/1 -> 2/4
    #   pia:  adjacent 0/2                                               -> 0/2
    #   rita: agreed 1/1, adjacent 1/2, conflict 0/1                     -> 2/4
    response = as_editor.get(STATS_URL)

    assert response.status_code == 200
    assert response.json() == {
        "claims": 3,
        "verdicts": 7,
        "percent_agreement": pytest.approx(0.4),
        "alpha_nominal": pytest.approx(0.2),
        "alpha_interval": pytest.approx(12 / 29),
        "reviewers": [
            {"reviewer": "omar", "claims": 3, "pairs": 4, "agreeing_pairs": 2, "percent": 0.5},
            {"reviewer": "pia", "claims": 1, "pairs": 2, "agreeing_pairs": 0, "percent": 0.0},
            {"reviewer": "rita", "claims": 3, "pairs": 4, "agreeing_pairs": 2, "percent": 0.5},
        ],
    }


def test_agreement_stats_without_pairs_are_null(as_reviewer, db):
    VerdictFactory()

    assert as_reviewer.get(STATS_URL).json() == {
        "claims": 0,
        "verdicts": 0,
        "percent_agreement": None,
        "alpha_nominal": None,
        "alpha_interval": None,
        "reviewers": [],
    }


def test_agreement_stats_are_for_the_desk_only(anon, db):
    plain = UserFactory()
    anon_response = anon.get(STATS_URL)
    anon.force_authenticate(plain)

    assert anon_response.status_code == 401
    assert anon.get(STATS_URL).status_code == 403


@pytest.mark.parametrize("method", ["post", "patch", "put", "delete"])
def test_agreement_stats_are_read_only(as_editor, method):
    assert getattr(as_editor, method)(STATS_URL, {}).status_code == 405


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("agree", ["agreed"]),
        ("adjacent", ["adjacent"]),
        ("conflict", ["conflict"]),
        ("none", ["single", "unrated"]),
    ],
)
def test_claim_list_filters_by_agreement(as_editor, claims, value, expected):
    response = as_editor.get(f"{API}/claims/?agreement={value}")

    assert response.status_code == 200
    ids = [claim["id"] for claim in response.json()["results"]]
    assert ids == [claims[name].pk for name in expected]
    assert {claim["agreement"] for claim in response.json()["results"]} == {value}


def test_unknown_agreement_value_is_400_naming_the_parameter(as_editor, claims):
    response = as_editor.get(f"{API}/claims/?agreement=maybe")

    assert response.status_code == 400
    assert "agreement" in response.json()


@pytest.mark.parametrize("rows", [1, 50])
def test_filtered_claim_list_query_count_does_not_grow(
    as_editor, reviewer, django_assert_max_num_queries, rows
):
    for claim in ClaimFactory.create_batch(rows, status="in_review"):
        VerdictFactory.create_batch(2, claim=claim, rating="true")
        VerdictFactory(claim=claim, rating="false")
        AssignmentFactory(claim=claim, reviewer=reviewer)

    # 1 role groups, 2 verdicts with their claim's status (agreement, judged in Python),
    # 3 count (assignments joined), 4 claims, 5 sources, 6 verdicts, 7 publications,
    # 8 assignments
    with django_assert_max_num_queries(8):
        response = as_editor.get(f"{API}/claims/?agreement=conflict&assigned_to=rita&page_size=200")

    assert len(response.json()["results"]) == rows


def test_reviewers_stats_leave_out_claims_still_in_blind_review(api_client, reviewer, editor):
    """Two verdicts on an in-review claim: the editor's figures count it, a reviewer's don't."""
    claim = ClaimFactory(status="in_review")
    VerdictFactory(claim=claim, rating="true", reviewer=UserFactory(role="reviewer"))
    VerdictFactory(claim=claim, rating="false", reviewer=UserFactory(role="reviewer"))

    api_client.force_authenticate(editor)
    assert api_client.get("/api/v1/stats/agreement/").json()["claims"] == 1
    api_client.force_authenticate(reviewer)
    assert api_client.get("/api/v1/stats/agreement/").json()["claims"] == 0


def test_agreement_is_judged_over_the_filtered_claims_only(editor, claims):
    """The `?agreement=` filter reads the verdicts of the claims it filters, not the table's."""
    elsewhere = ClaimFactory(status="in_review")
    VerdictFactory(claim=elsewhere, rating="true")
    VerdictFactory(claim=elsewhere, rating="false")
    filtered = Claim.objects.exclude(pk=elsewhere.pk)

    with CaptureQueriesContext(connection) as queries:
        judged = agreement_by_claim(editor, filtered)

    assert judged == {
        claims["agreed"].pk: "agree", claims["adjacent"].pk: "adjacent",
        claims["conflict"].pk: "conflict",
    }  # fmt: skip
    # 1 the editor's role groups, 2 the verdicts of `filtered`, selected by a subquery
    assert len(queries) == 2
    assert "IN (SELECT" in queries[-1]["sql"].upper()


def test_agreement_filter_combines_with_the_other_filters(as_editor, claims):
    others = ClaimFactory(status="in_review")  # another article, also in conflict
    VerdictFactory(claim=others, rating="true")
    VerdictFactory(claim=others, rating="false")
    article = claims["conflict"].article_id

    response = as_editor.get(f"{API}/claims/?agreement=conflict&article={article}")

    assert [claim["id"] for claim in response.json()["results"]] == [claims["conflict"].pk]
