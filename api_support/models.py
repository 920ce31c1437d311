"""Rows that make the API's create endpoints safe to retry."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# A client may replay a create for this long; after that the key is forgotten.
IDEMPOTENCY_TTL = timedelta(hours=24)


class IdempotencyKeyQuerySet(models.QuerySet):
    def expired(self) -> "IdempotencyKeyQuerySet":
        return self.filter(created_at__lt=timezone.now() - IDEMPOTENCY_TTL)


class IdempotencyKey(models.Model):
    """One `Idempotency-Key` a user sent with a POST, and the response it got.

    The row is inserted before the view runs (status empty = in progress), so a
    concurrent retry hits the unique constraint instead of creating a duplicate.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idempotency_keys",
        help_text="Keys are scoped per user: two users may pick the same key.",
    )
    key = models.CharField(max_length=255, help_text="The client's Idempotency-Key header.")
    method = models.CharField(max_length=10, help_text="HTTP method of the first request.")
    path = models.CharField(max_length=2000, help_text="Path of the first request.")
    request_hash = models.CharField(
        max_length=64,
        help_text="SHA-256 of method, path and canonical JSON body; a retry must match it.",
    )
    status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Status of the stored response; empty while in progress."
    )
    response_body = models.JSONField(
        null=True, blank=True, help_text="Body of the stored response, replayed verbatim."
    )
    response_headers = models.JSONField(
        default=dict, blank=True, help_text="ETag and Location of the stored response."
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = IdempotencyKeyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="api_support_idempotency_unique"),
        ]
        indexes = [
            # Purging expired keys scans by age.
            models.Index(fields=["created_at"], name="api_support_idem_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.user_id})"

    @property
    def is_expired(self) -> bool:
        return self.created_at < timezone.now() - IDEMPOTENCY_TTL
