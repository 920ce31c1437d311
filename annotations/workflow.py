"""The claim workflow: which status may follow which, in one table.

    draft ──submit──▶ in_review ──publish──▶ published ──retract──▶ retracted
      ▲                  │                    │    ▲
      └────reopen────────┘                    └────┘ correct (stays published)

A retracted claim is kept and shown as retracted; it is never deleted and
never moves again. Every other move is refused with a Conflict naming the
current status, which the API turns into a 409.
"""

from annotations.models import ClaimStatus
from factcheck.errors import Conflict

ALLOWED_MOVES: dict[str, dict[str, str]] = {
    ClaimStatus.DRAFT: {"submit": ClaimStatus.IN_REVIEW},
    ClaimStatus.IN_REVIEW: {"reopen": ClaimStatus.DRAFT, "publish": ClaimStatus.PUBLISHED},
    ClaimStatus.PUBLISHED: {"correct": ClaimStatus.PUBLISHED, "retract": ClaimStatus.RETRACTED},
    ClaimStatus.RETRACTED: {},
}


def next_status(current: str, move: str) -> str:
    """The status after `move`, or a Conflict saying why the move is not allowed now."""
    target = ALLOWED_MOVES.get(current, {}).get(move)
    if target is None:
        allowed = sorted(ALLOWED_MOVES.get(current, {}))
        hint = f" From {current} you can: {', '.join(allowed)}." if allowed else ""
        raise Conflict(
            "status",
            f"Cannot {move} a claim whose status is {current}.{hint}",
            code="illegal_transition",
            current_status=current,
        )
    return target
