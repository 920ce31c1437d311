"""DRF exception handler: every failure becomes JSON naming the field and the problem.

Django's ValidationError (raised by services) becomes a 400 with the same
field->messages shape DRF serializers produce; a `Conflict` or an IntegrityError
from a race becomes a 409; `PreconditionFailed` a 412. Nothing reaches the
client as a 500 because of what the client sent. A database outage becomes the
same 503 with Retry-After that factcheck.resilience gives non-API pages.
"""

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import JsonResponse
from django.views import defaults
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from factcheck import limits, resilience
from factcheck.errors import Conflict, PreconditionFailed

logger = logging.getLogger(__name__)


def validation_error_body(error: DjangoValidationError) -> dict:
    """Django ValidationError -> {"field": ["message", ...], "codes": {...}}."""
    if hasattr(error, "error_dict"):
        body = {
            field: [m for e in errs for m in e.messages] for field, errs in error.error_dict.items()
        }
        codes = {
            field: [e.code or "invalid" for e in errs] for field, errs in error.error_dict.items()
        }
    else:
        body = {"non_field_errors": error.messages}
        codes = {"non_field_errors": [e.code or "invalid" for e in error.error_list]}
    body["codes"] = codes
    return body


def api_exception_handler(exc, context):
    if resilience.is_database_unavailable(exc):
        return database_unavailable(exc, context)
    if isinstance(exc, DjangoValidationError):
        return Response(validation_error_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Conflict):
        return Response(exc.as_dict(), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, PreconditionFailed):
        return Response(
            {"If-Match": [str(exc)], "code": "precondition_failed"},
            status=status.HTTP_412_PRECONDITION_FAILED,
            headers={"ETag": exc.current_etag},
        )
    if isinstance(exc, DataError):
        # The database refused a value the validators let through (a NUL byte, a number
        # out of range): the client's input, so a 400, never a 500.
        logger.info("data error: %s", exc)
        return Response(
            {
                "non_field_errors": ["A value cannot be stored (out of range or invalid)."],
                "code": "invalid_value",
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, IntegrityError) and (caps := limits.capped_fields_in(str(exc))):
        # A length CHECK (factcheck.limits): the input was too long, whichever path let
        # it through to the database.
        body = {field: [limits.too_long_message(cap)] for field, cap in caps.items()}
        body["codes"] = {field: ["max_length"] for field in caps}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, IntegrityError):
        # A concurrent request won a uniqueness race the service had checked for.
        logger.info("integrity conflict: %s", exc)
        return Response(
            {
                "non_field_errors": ["This conflicts with a record saved at the same time."],
                "code": "conflict",
            },
            status=status.HTTP_409_CONFLICT,
        )
    return exception_handler(exc, context)


def database_unavailable(exc, context) -> Response:
    """503 JSON while the database restarts or refuses connections (SECURITY-CASES #29)."""
    request = context["request"]
    logger.error("database unavailable on %s %s: %s", request.method, request.path, exc)
    resilience.discard_broken_connections()
    return Response(
        resilience.unavailable_body(),
        status=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers=resilience.unavailable_headers(),
    )


def not_found(request, exception):
    """handler404: JSON for unmatched /api/ addresses, Django's 404 page elsewhere.

    DRF never sees a request whose URL matches no route (`/api/v1/claims/-1/annotation/`,
    `/api/v1/sources/abc/`), so without this an API client would get an HTML page.
    """
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found.", "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)
