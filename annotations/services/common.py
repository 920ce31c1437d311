"""Small helpers the annotation services share."""

from typing import Any

from django.core.exceptions import ValidationError

from annotations.ratings import Rating


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
