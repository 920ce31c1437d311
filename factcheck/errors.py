"""Domain errors that services raise and every interface translates.

Services raise Django's ValidationError keyed by field (-> 400) or `Conflict`
(-> 409) so that the API, the reviewer UI, the admin and management commands
report the same problem with the same stable code.
"""

from typing import Any


class Conflict(Exception):
    """The request is well-formed but clashes with the current state (HTTP 409)."""

    def __init__(self, field: str, message: str, *, code: str, **extra: Any) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.code = code
        self.extra = extra

    def as_dict(self) -> dict[str, Any]:
        """JSON body: the field names the problem, like a 400, plus context."""
        return {self.field: [self.message], "code": self.code, **self.extra}


class PreconditionFailed(Exception):
    """An If-Match header named a version that is no longer current (HTTP 412)."""

    def __init__(self, current_etag: str) -> None:
        super().__init__("The resource changed since you read it.")
        self.current_etag = current_etag
