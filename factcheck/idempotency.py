"""Idempotent creates: a POST retried with the same `Idempotency-Key` replays the first result.

Clients on flaky networks retry; without this, a retried "create claim" either
duplicates the row or surfaces a confusing 409. Rules (per user, for 24 hours):

- same key, same method, path and JSON body -> the stored status and body again,
  with `Idempotent-Replayed: true`;
- same key, different request -> 422;
- same key while the first request is still running -> 409;
- same key whose first request never finished (its worker was killed, or the
  database went away before the key could be released) -> taken over after
  ABANDONED_AFTER, so the client's retry runs instead of getting 409 for a day.

Only successful (2xx) responses are stored. A refused request releases its key,
so the client may fix the body and retry with the same key.
"""

import functools
import hashlib
import json
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api_support.models import IdempotencyKey
from factcheck.errors import Conflict

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
_REPLAYED_RESPONSE_HEADERS = ("ETag", "Location")
_MAX_KEY_LENGTH = 255
# Longer than any request may run (gunicorn kills a worker after 30 s by default).
ABANDONED_AFTER = timedelta(seconds=60)


class IdempotencyKeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"

    def __init__(self) -> None:
        super().__init__(
            {
                HEADER: ["This key was already used for a different request."],
                "code": self.default_code,
            }
        )


def idempotent(handler):
    """Decorate a view method (`create`, `publish`) so that retries are safe.

    Authentication, permissions and throttling have already run when the
    handler is called, so a replay is only ever served to the key's owner.
    """

    @functools.wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None or not request.user.is_authenticated:
            return handler(view, request, *args, **kwargs)
        record, is_new = _reserve(request, _checked(key), _fingerprint(request))
        if not is_new:
            return _replay(record)
        try:
            response = handler(view, request, *args, **kwargs)
        except BaseException:
            record.delete()
            raise
        _finish(record, response)
        return response

    return wrapper


def _checked(key: str) -> str:
    if not key.strip() or len(key) > _MAX_KEY_LENGTH:
        raise ValidationError(
            {HEADER: [f"Must be 1 to {_MAX_KEY_LENGTH} characters."]}, code="invalid"
        )
    return key


def _fingerprint(request) -> str:
    """SHA-256 of method, path and the parsed body in canonical form.

    Hashing the parsed JSON (not the raw bytes) lets a client re-serialize the
    same object with different key order or spacing and still match.
    """
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{request.method}\n{request.path}\n{body}".encode()).hexdigest()


def _reserve(request, key: str, fingerprint: str) -> tuple[IdempotencyKey, bool]:
    """Insert the in-progress row, or return the existing one for this user and key.

    The insert commits on its own (the API runs in autocommit), so a concurrent
    retry sees the row and gets 409 instead of running the create a second time.
    """
    IdempotencyKey.objects.expired().delete()
    try:
        with transaction.atomic():
            record = IdempotencyKey.objects.create(
                user=request.user,
                key=key,
                method=request.method,
                # For people reading the admin only; the fingerprint is what matches.
                # NUL cannot be stored by PostgreSQL, and a path may carry one (%00).
                path=request.path.replace("\x00", "\ufffd")[:2000],
                request_hash=fingerprint,
            )
            return record, True
    except IntegrityError:
        record = IdempotencyKey.objects.filter(user=request.user, key=key).first()
    if record is None:  # finished and released between our insert and our read
        raise Conflict(HEADER, "A request with this key is in progress.", code="key_in_use")
    if record.request_hash != fingerprint:
        raise IdempotencyKeyReused()
    if record.status_code is None:
        if _take_over_abandoned(record):
            return record, True
        raise Conflict(HEADER, "A request with this key is in progress.", code="key_in_use")
    return record, False


def _take_over_abandoned(record: IdempotencyKey) -> bool:
    """Restart the clock on an in-progress key whose request died; True if we got it.

    The conditional UPDATE lets exactly one of several concurrent retries win.
    """
    now = timezone.now()
    taken = IdempotencyKey.objects.filter(
        pk=record.pk, status_code__isnull=True, created_at__lt=now - ABANDONED_AFTER
    ).update(created_at=now)
    record.created_at = now
    return taken == 1


def _finish(record: IdempotencyKey, response: Response) -> None:
    if not status.is_success(response.status_code):
        record.delete()
        return
    record.status_code = response.status_code
    record.response_body = json.loads(JSONRenderer().render(response.data) or b"null")
    record.response_headers = {
        name: response[name] for name in _REPLAYED_RESPONSE_HEADERS if response.has_header(name)
    }
    record.save(update_fields=["status_code", "response_body", "response_headers"])


def _replay(record: IdempotencyKey) -> Response:
    headers = {**record.response_headers, REPLAYED_HEADER: "true"}
    return Response(record.response_body, status=record.status_code, headers=headers)
