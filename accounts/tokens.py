"""Issuing, checking and revoking API tokens (services over accounts.models.ApiToken).

Clients see no change: `POST /api/v1/auth/token/` answers {"token": KEY} and they
send `Authorization: Token KEY`. Each sign-in issues a new key (the stored digest
cannot give an old one back); `DELETE /api/v1/auth/token/` revokes the one sent,
and a password change revokes all of the account's.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import PREFIX_LENGTH, ApiToken

# last_used is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(user) -> str:
    """Store a new token for `user` and return its key, which is never stored."""
    key = secrets.token_hex(20)  # 40 hexadecimal characters, as DRF's keys were
    ttl_days = settings.FACTCHECK_TOKEN_TTL_DAYS
    ApiToken.objects.create(
        user=user,
        digest=digest(key),
        prefix=key[:PREFIX_LENGTH],
        expires=timezone.now() + timedelta(days=ttl_days) if ttl_days else None,
    )
    return key


def is_expired(token: ApiToken) -> bool:
    return token.expires is not None and token.expires <= timezone.now()


def note_use(token: ApiToken) -> None:
    """Record that `token` was used, unless that was already said in the last minute.

    One UPDATE a minute per token at most: a busy client costs no write per request.
    """
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now


def revoke(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).delete()


def revoke_all(user) -> int:
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted
