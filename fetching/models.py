"""Background jobs people start (URL imports, article checks) and the articles watched for changes.

A Job is what its starter sees: queued, running, done or failed (with the reason
in words), how many attempts, when the next one is due. The Tasks API keeps its
own rows for the queue (django_tasks_db); a Job outlives the several task runs
of its retries and is the same with every backend, immediate ones included.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from factcheck import limits
from factcheck.limits import capped_text, length_caps


class Job(models.Model):
    class Kind(models.TextChoices):
        URL_IMPORT = "url_import", _("Import from a URL")
        ARTICLE_CHECK = "article_check", _("Check an article for changes")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=32, choices=Kind, help_text="What the job does.")
    status = models.CharField(
        max_length=16, choices=Status, default=Status.QUEUED,
        help_text="queued (waiting, or waiting to retry), running, done or failed.",
    )  # fmt: skip
    url = models.URLField(max_length=2000, help_text="The address fetched.")
    reason = capped_text(
        limits.PROSE,
        blank=True,
        default="",
        help_text="Why it failed, or why it is waiting to retry.",
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Attempts started so far.")
    max_attempts = models.PositiveSmallIntegerField(
        default=1, help_text="Attempts allowed before a transient failure becomes final."
    )
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="When the next attempt is due, while retrying."
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="jobs", help_text="Who started it; empty for scheduled checks.",
    )  # fmt: skip
    article = models.ForeignKey(
        "articles.Article", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="jobs", help_text="The article imported or checked.",
    )  # fmt: skip
    result = models.JSONField(
        default=dict, blank=True,
        help_text='What it did, e.g. {"outcome": "imported"} or "revised" with the anchoring.',
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # "My imports" on the import page and GET /api/v1/jobs/ read by starter, newest first.
            models.Index(fields=["requested_by", "-created_at"], name="fetching_job_mine_idx"),
            # check_articles looks for jobs a dead worker left running.
            models.Index(fields=["status", "started_at"], name="fetching_job_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]),
                name="fetching_job_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(reason=""), name="fetching_job_failure_reason"
            ),
            length_caps("fetching_job_lengths_capped", {"reason": limits.PROSE}),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.url} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class WatchedArticle(models.Model):
    """A URL-imported article that check_articles re-fetches to find changes."""

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="watch",
        help_text="The article kept up to date.",
    )  # fmt: skip
    url = models.URLField(max_length=2000, help_text="The address it was imported from.")
    next_check_at = models.DateTimeField(help_text="When the next check is due.")
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_body_sha256 = models.CharField(
        max_length=64, blank=True, default="", help_text="SHA-256 of the page body last fetched."
    )

    class Meta:
        indexes = [
            # check_articles picks the due ones.
            models.Index(fields=["next_check_at"], name="fetching_watch_due_idx"),
        ]

    def __str__(self) -> str:
        return self.url
