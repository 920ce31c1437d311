"""Articles: the stored texts that claims are anchored to."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length

from factcheck.concurrency import VersionedModel

# `text__length` in CHECK constraints below and in annotations.Claim: Length counts
# characters (code points) on both PostgreSQL and SQLite, the same unit as offsets.
models.TextField.register_lookup(Length)
models.CharField.register_lookup(Length)


class Article(VersionedModel):
    """A news article reduced to canonical plain text.

    `text` is immutable in spirit once claims exist: every claim stores code-point
    offsets into it. Services refuse to change the text of an article with claims.
    """

    title = models.CharField(max_length=500, help_text="Headline as published.")
    url = models.URLField(
        max_length=2000,
        blank=True,
        default="",
        help_text="Canonical address of the original page; unique when given.",
    )
    publisher = models.CharField(
        max_length=200, blank=True, default="", help_text="Outlet or site name."
    )
    byline = models.CharField(max_length=300, blank=True, default="", help_text="Author(s).")
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the outlet published it, if known."
    )
    language = models.CharField(
        max_length=35, default="en", help_text="BCP 47 language tag of the text, e.g. en, de, ar."
    )
    text = models.TextField(
        help_text=(
            "Canonical plain text (LF line breaks). Claim offsets are Unicode code points "
            "into this text."
        )
    )
    content_hash = models.CharField(
        max_length=64,
        editable=False,
        help_text="SHA-256 of title and text; makes re-imports idempotent.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles_created",
        help_text="Who imported it; empty for command-line imports.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="articles_article_title_present"),
            models.CheckConstraint(
                condition=Q(text__length__gt=0), name="articles_article_text_present"
            ),
            # Partial unique index: many articles have no URL, but two with the same
            # URL are one article imported twice.
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="articles_article_unique_url"
            ),
            # Same title and text means the same article, whatever its source file.
            models.UniqueConstraint(
                fields=["content_hash"], name="articles_article_unique_content"
            ),
        ]
        indexes = [
            # The article list filters by publisher.
            models.Index(fields=["publisher"], name="articles_publisher_idx"),
            # The API's article list, newest first: a page reads its rows from here
            # instead of sorting the whole table (issue 9).
            models.Index(fields=["created_at", "id"], name="articles_created_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/articles/{self.pk}/"
