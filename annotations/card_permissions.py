"""What the reader's claim card may offer a user, as data for its script.

The card's buttons depend on two tables that live in Python: who may do what
(annotations.permissions.PERMISSIONS) and which move may follow which status
(annotations.workflow.ALLOWED_MOVES). The reader page sends the user's cells of
both through json_script, and permissions.js evaluates them per claim the way
`allowed()` does; `offered_actions` is the same answer in Python, which the
tests hold the rendered card to.
"""

from annotations.models import PUBLIC_STATUSES, ClaimStatus
from annotations.permissions import OWNER_FIELDS, PERMISSIONS, allowed, role_of, scope
from annotations.workflow import ALLOWED_MOVES

# Each card action and the claim action of the permission table that governs it.
# The API checks the same cells (annotations.workflow_api); correcting and
# retracting are publishing.
ACTION_PERMISSIONS = {
    "submit": "submit",
    "reopen": "reopen",
    "assign": "assign",
    "publish": "publish",
    "correct": "publish",
    "retract": "publish",
}

# The service accepts assignments until a claim is retracted; the card offers
# them only while verdicts are still being gathered.
ASSIGNABLE_STATUSES = (ClaimStatus.DRAFT, ClaimStatus.IN_REVIEW)


def actions_by_status() -> dict[str, list[str]]:
    """{status: card actions}: the workflow's moves from it, plus "assign" where useful."""
    return {
        status: [*ALLOWED_MOVES[status], *(["assign"] if status in ASSIGNABLE_STATUSES else [])]
        for status in ClaimStatus.values
    }


def reader_permissions(user) -> dict:
    """The json_script block permissions.js reads (see its header for the shape).

    Owner fields are the API's names for the owner column: the serializers send
    the owner's username under the model field's name (created_by, reviewer...).
    """
    return {
        "role": role_of(user),
        "scopes": {
            kind: {action: scope(user, kind, action) for action in actions}
            for kind, actions in PERMISSIONS.items()
        },
        "ownerFields": {kind: column.removesuffix("_id") for kind, column in OWNER_FIELDS.items()},
        "publicStatuses": [str(status) for status in PUBLIC_STATUSES],
        "actions": actions_by_status(),
        "actionPermissions": ACTION_PERMISSIONS,
    }


def offered_actions(user, claim) -> list[str]:
    """The workflow actions the card offers `user` on `claim`, in the card's order."""
    return [
        action
        for action in actions_by_status()[claim.status]
        if allowed(user, "claim", ACTION_PERMISSIONS[action], claim)
    ]
