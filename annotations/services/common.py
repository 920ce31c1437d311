"""Small helpers the annotation services share."""

from typing import Any

from django.core.exceptions import ValidationError

from annotations.models import PUBLIC_STATUSES, Claim
from annotations.ratings import Rating
from factcheck.errors import Conflict


def invalid(field: str, message: str, code: str) -> ValidationError:
    """A ValidationError for one field, with a stable code."""
    return ValidationError({field: ValidationError(message, code=code)})


def require_text(field: str, value: str) -> None:
    if not value or not value.strip():
        raise invalid(field, "Must not be empty.", "blank")


def require_rating(value: str) -> None:
    if value not in Rating.values:
        allowed = ", ".join(Rating.values)
        raise invalid("rating", f"{value!r} is not a rating. Allowed: {allowed}.", "invalid_choice")


def refuse_unknown(changes: dict[str, Any], editable: tuple[str, ...]) -> None:
    unknown = sorted(set(changes) - set(editable))
    if unknown:
        raise ValidationError(
            {name: ValidationError("Cannot be changed.", code="read_only") for name in unknown}
        )


def stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


# --- the published record -----------------------------------------------------------------


def record_is_frozen(claim: Claim) -> bool:
    """Are the claim's statement, claimant and sources the public record now?

    The public page shows them from publication on; a retraction keeps them as
    they were. Only an editor's correction changes a published fact-check.
    """
    return claim.status in PUBLIC_STATUSES


def verdicts_are_frozen(claim: Claim) -> bool:
    """Verdicts are desk records, revisable after publication, but not once retracted."""
    return claim.status == Claim.Status.RETRACTED


def require_open_record(claim: Claim) -> None:
    """Refuse a change to the claim's text or sources once published (a 409).

    `claim` must be locked by the caller, so a concurrent publish cannot slip in.
    """
    if not record_is_frozen(claim):
        return
    if claim.status == Claim.Status.PUBLISHED:
        message = (
            "This claim is published: its statement, claimant and sources are the public "
            "record. An editor corrects it instead "
            f"(POST /api/v1/claims/{claim.pk}/correct/)."
        )
    else:
        message = "This claim was retracted: its record is kept as it was published."
    raise Conflict("status", message, code="published_record", current_status=claim.status)


def require_open_verdicts(claim: Claim) -> None:
    """Refuse a verdict change once the claim is retracted (a 409); `claim` is locked."""
    if verdicts_are_frozen(claim):
        raise Conflict("status", "This claim was retracted; its verdicts no longer change.",
                       code="claim_retracted", current_status=claim.status)  # fmt: skip


def lock_claim(claim_id: int) -> Claim:
    """The claim row, locked for this transaction.

    Writes to a claim's parts lock the claim first, in the same order as
    publishing and delete_claim, so its status cannot change under them.
    """
    return Claim.objects.select_for_update().get(pk=claim_id)
