"""Every status move, legal and illegal, through the API (annotations.workflow.ALLOWED_MOVES)."""

import itertools

import pytest

from annotations.models import Claim, ClaimStatus
from annotations.workflow import ALLOWED_MOVES
from tests.workflow.helpers import (
    API,
    CORRECT,
    PUBLISH,
    RETRACT,
    claim_in,
    history_of,
    stored_state,
)

pytestmark = pytest.mark.django_db

BODIES = {"submit": None, "reopen": None, "publish": PUBLISH, "correct": CORRECT,
          "retract": RETRACT}  # fmt: skip
EXPECTED = {
    ("draft", "submit"): "in_review",
    ("in_review", "reopen"): "draft",
    ("in_review", "publish"): "published",
    ("published", "correct"): "published",
    ("published", "retract"): "retracted",
}
ALL_MOVES = list(itertools.product(ClaimStatus.values, BODIES))


def test_the_api_offers_exactly_the_moves_of_the_table():
    table = {(status, move): target for status, moves in ALLOWED_MOVES.items()
             for move, target in moves.items()}  # fmt: skip

    assert table == EXPECTED
    assert {move for moves in ALLOWED_MOVES.values() for move in moves} == set(BODIES)


@pytest.mark.parametrize(("current", "move"), [m for m in ALL_MOVES if m in EXPECTED])
def test_legal_move_changes_the_status_and_records_it(as_editor, editor, current, move):
    claim = claim_in(current, created_by=editor)

    response = as_editor.post(f"{API}/claims/{claim.pk}/{move}/", BODIES[move])

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == EXPECTED[(current, move)]
    claim.refresh_from_db()
    assert claim.status == EXPECTED[(current, move)]
    assert response["ETag"] == f'"claim-{claim.pk}-v{claim.version}"'
    last = history_of(claim)[-1]
    assert (last.actor, last.object_type) == (editor, "claim")
    if current != EXPECTED[(current, move)]:
        assert last.changes["status"] == [current, EXPECTED[(current, move)]]


@pytest.mark.parametrize(("current", "move"), [m for m in ALL_MOVES if m not in EXPECTED])
def test_illegal_move_is_409_naming_the_current_status(as_editor, editor, current, move):
    claim = claim_in(current, created_by=editor)
    before = stored_state()

    response = as_editor.post(f"{API}/claims/{claim.pk}/{move}/", BODIES[move])

    assert response.status_code == 409, response.json()
    body = response.json()
    assert (body["code"], body["current_status"]) == ("illegal_transition", current)
    assert body["status"] == [_message(move, current)]
    assert stored_state() == before


def _message(move: str, current: str) -> str:
    moves = sorted(ALLOWED_MOVES[current])
    hint = f" From {current} you can: {', '.join(moves)}." if moves else ""
    return f"Cannot {move} a claim whose status is {current}.{hint}"


@pytest.mark.parametrize("status", ["draft", "in_review"])
def test_unpublished_claim_can_be_deleted_and_the_deletion_is_recorded(as_editor, status):
    claim = claim_in(status)

    response = as_editor.delete(f"{API}/claims/{claim.pk}/")

    assert response.status_code == 204
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert history_of(claim)[-1].action == "delete"


@pytest.mark.parametrize("status", ["published", "retracted"])
def test_deleting_a_claim_that_was_published_is_409_pointing_to_retract(as_editor, status):
    claim = claim_in(status)
    before = stored_state()

    response = as_editor.delete(f"{API}/claims/{claim.pk}/")

    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["current_status"]) == ("published_claim_undeletable", status)
    assert f"/api/v1/claims/{claim.pk}/retract/" in body["status"][0]
    assert "retract" in body["status"][0]
    assert stored_state() == before


def test_reviewer_may_submit_only_their_own_claim(reviewer, as_reviewer, as_other):
    claim = claim_in("draft", created_by=reviewer)

    assert as_other.post(f"{API}/claims/{claim.pk}/submit/").status_code == 403
    assert as_reviewer.post(f"{API}/claims/{claim.pk}/submit/").status_code == 200
    claim.refresh_from_db()
    assert claim.status == "in_review"


def test_only_editors_send_a_claim_back_to_draft(reviewer, as_reviewer, as_editor):
    """Not even its author: back in draft they could read the others' verdicts (blind review)."""
    claim = claim_in("in_review", created_by=reviewer)
    before = stored_state()

    refused = as_reviewer.post(f"{API}/claims/{claim.pk}/reopen/")

    assert refused.status_code == 403
    assert stored_state() == before
    assert as_editor.post(f"{API}/claims/{claim.pk}/reopen/").status_code == 200
    claim.refresh_from_db()
    assert claim.status == "draft"
