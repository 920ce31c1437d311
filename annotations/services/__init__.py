"""Writing claims, sources, verdicts, assignments and publications.

Every interface (API, reviewer UI, admin, commands) calls these functions, so
the rules live here once, split by concept. Each write records a history row
in the same transaction (history.services.record_change). Services raise
Django's ValidationError keyed by field (-> 400), factcheck.errors.Conflict
(-> 409) or PreconditionFailed (-> 412); permission checks are the caller's
job (annotations.permissions), done before calling.
"""

from annotations.services.claims import (
    CLAIM_EDITABLE_FIELDS,
    create_claim,
    delete_claim,
    update_claim,
)
from annotations.services.evidence import (
    SOURCE_EDITABLE_FIELDS,
    VERDICT_EDITABLE_FIELDS,
    add_source,
    delete_source,
    delete_verdict,
    record_verdict,
    update_source,
    update_verdict,
    validate_source_url,
)
from annotations.services.reanchor import AnchoringResult, reanchor_claims, reattach_claim
from annotations.services.workflow import (
    assign_reviewers,
    correct_claim,
    current_publication,
    publish_claim,
    reopen_claim,
    retract_claim,
    submit_claim,
)

__all__ = [
    "CLAIM_EDITABLE_FIELDS",
    "SOURCE_EDITABLE_FIELDS",
    "VERDICT_EDITABLE_FIELDS",
    "AnchoringResult",
    "add_source",
    "assign_reviewers",
    "correct_claim",
    "create_claim",
    "current_publication",
    "delete_claim",
    "delete_source",
    "delete_verdict",
    "publish_claim",
    "reanchor_claims",
    "reattach_claim",
    "record_verdict",
    "reopen_claim",
    "retract_claim",
    "submit_claim",
    "update_claim",
    "update_source",
    "update_verdict",
    "validate_source_url",
]
