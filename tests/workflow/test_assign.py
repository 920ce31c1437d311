"""POST /api/v1/claims/{id}/assign/: editors ask reviewers, by username, to review a claim."""

import pytest

from annotations.models import Assignment
from tests.factories import UserFactory
from tests.workflow.helpers import API, claim_in, history_of, stored_state

pytestmark = pytest.mark.django_db


def _assign(client, claim, reviewers, **headers):
    return client.post(f"{API}/claims/{claim.pk}/assign/", {"reviewers": reviewers}, **headers)


def test_editor_assigns_reviewers_and_each_assignment_is_recorded(
    as_editor, editor, reviewer, other_reviewer
):
    claim = claim_in("in_review")

    response = _assign(as_editor, claim, ["rita", "omar"], HTTP_X_CHANGE_REASON="Needs two.")

    assert response.status_code == 200, response.json()
    assert response.json()["assigned_to"] == ["rita", "omar"]
    assert list(claim.assignments.values_list("reviewer__username", "assigned_by__username")) == [
        ("rita", "edna"),
        ("omar", "edna"),
    ]
    rows = history_of(claim, "assign")
    assert [(r.actor, r.object_type, r.changes, r.reason) for r in rows] == [
        (editor, "assignment", {"reviewer": [None, "rita"]}, "Needs two."),
        (editor, "assignment", {"reviewer": [None, "omar"]}, "Needs two."),
    ]


def test_assigning_twice_is_idempotent(as_editor, reviewer, other_reviewer):
    claim = claim_in("in_review")
    _assign(as_editor, claim, ["rita"])

    response = _assign(as_editor, claim, ["rita", "omar", "rita"])

    assert response.status_code == 200
    assert response.json()["assigned_to"] == ["rita", "omar"]
    assert Assignment.objects.filter(claim=claim).count() == 2
    assert [r.changes["reviewer"][1] for r in history_of(claim, "assign")] == ["rita", "omar"]


def test_assigned_to_is_shown_in_the_claim_list_and_filters_it(as_editor, as_reviewer, reviewer):
    mine, other = claim_in("in_review"), claim_in("in_review")
    _assign(as_editor, mine, ["rita"])

    listed = as_reviewer.get(f"{API}/claims/?assigned_to=rita").json()["results"]

    assert [(c["id"], c["assigned_to"]) for c in listed] == [(mine.pk, ["rita"])]
    everything = as_reviewer.get(f"{API}/claims/").json()["results"]
    assert {c["id"]: c["assigned_to"] for c in everything} == {mine.pk: ["rita"], other.pk: []}


def test_assignments_are_not_shown_to_anonymous_readers(anon, as_editor, reviewer):
    claim = claim_in("published")
    _assign(as_editor, claim, ["rita"])

    assert anon.get(f"{API}/claims/{claim.pk}/").json()["assigned_to"] == []
    # Asking would confirm the account exists: a 400 naming the parameter (issue 8).
    refused = anon.get(f"{API}/claims/?assigned_to=rita")
    assert refused.status_code == 400
    assert "assigned_to" in refused.json()


@pytest.mark.parametrize(
    "reviewers",
    [["nobody"], ["rita", "nobody"], ["plain"], []],
    ids=["unknown", "one-unknown-among-known", "not-a-reviewer", "empty"],
)
def test_rejects_unknown_or_non_reviewer_usernames(as_editor, reviewer, reviewers):
    UserFactory(username="plain")  # signed-in account without a role
    claim = claim_in("in_review")
    before = stored_state()

    response = _assign(as_editor, claim, reviewers)

    assert response.status_code == 400
    assert "reviewers" in response.json()
    assert stored_state() == before


def test_rejects_a_body_that_is_not_a_list_of_usernames(as_editor, reviewer):
    claim = claim_in("in_review")
    before = stored_state()

    response = as_editor.post(f"{API}/claims/{claim.pk}/assign/", {"reviewers": "rita"})

    assert response.status_code == 400
    assert "reviewers" in response.json()
    assert stored_state() == before


def test_only_editors_assign(anon, as_reviewer, reviewer):
    claim = claim_in("in_review", created_by=reviewer)
    before = stored_state()

    assert _assign(anon, claim, ["rita"]).status_code == 401
    assert _assign(as_reviewer, claim, ["rita"]).status_code == 403
    assert stored_state() == before


def test_retracted_claim_takes_no_assignments(as_editor, reviewer):
    claim = claim_in("retracted")

    response = _assign(as_editor, claim, ["rita"])

    assert response.status_code == 409
    assert response.json()["current_status"] == "retracted"
    assert not claim.assignments.exists()
