"""API tokens, stored as digests: the database never holds a key anyone could send.

Replaces rest_framework.authtoken's Token, which keeps the key itself as its primary
key (readable by anyone who reads the table, a backup or the admin), one per user
and never expiring. Here a key is shown once, when it is issued; the row keeps its
SHA-256 (looked up by a unique index, one query with the user and roles, see
accounts.authentication) and its first characters, so an admin can tell tokens
apart. A key is 160 random bits, so a fast hash is enough: there is nothing to
brute-force that is smaller than the key itself.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX_LENGTH = 8


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the key, in hexadecimal."
    )
    prefix = models.CharField(
        max_length=PREFIX_LENGTH, help_text="The key's first characters, to tell tokens apart."
    )
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(
        null=True, blank=True, help_text="Updated at most once a minute."
    )
    expires = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Refused from then on; empty: never (FACTCHECK_TOKEN_TTL_DAYS).",
    )

    class Meta:
        verbose_name = "API token"
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
