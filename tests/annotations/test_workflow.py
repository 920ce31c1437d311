"""The transition table, every legal and illegal move."""

import itertools

import pytest

from annotations.models import ClaimStatus
from annotations.workflow import ALLOWED_MOVES, next_status
from factcheck.errors import Conflict

MOVES = ["submit", "reopen", "publish", "correct", "retract"]
LEGAL = {
    ("draft", "submit"): "in_review",
    ("in_review", "reopen"): "draft",
    ("in_review", "publish"): "published",
    ("published", "correct"): "published",
    ("published", "retract"): "retracted",
}


@pytest.mark.parametrize(("current", "move"), list(itertools.product(ClaimStatus.values, MOVES)))
def test_every_move_from_every_status(current, move):
    if (current, move) in LEGAL:
        assert next_status(current, move) == LEGAL[(current, move)]
        return
    with pytest.raises(Conflict) as error:
        next_status(current, move)
    assert error.value.code == "illegal_transition"
    assert error.value.extra["current_status"] == current
    assert current in error.value.message


def test_table_covers_every_status():
    assert set(ALLOWED_MOVES) == set(ClaimStatus.values)


def test_retracted_is_final():
    assert ALLOWED_MOVES[ClaimStatus.RETRACTED] == {}
