"""Articles: the stored texts that claims are anchored to."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from factcheck import limits
from factcheck.concurrency import VersionedModel
from factcheck.limits import capped_text, length_caps
from factcheck.weburls import WebURLValidator

# `text__length` in CHECK constraints below and in annotations.Claim: Length counts
# characters (code points) on both PostgreSQL and SQLite, the same unit as offsets.
models.TextField.register_lookup(Length)
models.CharField.register_lookup(Length)


class Article(VersionedModel):
    """A news article reduced to canonical plain text.

    `text` is the current revision's text. Changing it (articles.services) adds a
    revision and re-anchors every claim to the new text in the same transaction;
    a claim that cannot be re-anchored keeps its offsets into the revision it was
    anchored in (annotations.reanchoring).
    """

    title = models.CharField(max_length=500, help_text="Headline as published.")
    url = models.URLField(
        max_length=2000,
        blank=True,
        default="",
        validators=[WebURLValidator()],
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
    text = capped_text(
        limits.ARTICLE_TEXT,
        help_text=(
            "Canonical plain text (LF line breaks). Claim offsets are Unicode code points "
            "into this text."
        ),
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
    # On the article row, not looked up: create_claim pins a new claim to the revision it
    # reads here, under the same row lock as the text (SECURITY-CASES #45), for free.
    revision = models.PositiveIntegerField(
        default=1, editable=False, help_text="Number of the current revision of the text (1 first)."
    )
    revised_at = models.DateTimeField(
        null=True, blank=True, editable=False,
        help_text="When the current revision replaced the previous text; empty for revision 1.",
    )  # fmt: skip

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
            models.CheckConstraint(
                condition=Q(revision__gte=1), name="articles_article_revision_positive"
            ),
            length_caps("articles_article_lengths_capped", {"text": limits.ARTICLE_TEXT}),
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


class ArticleRevision(models.Model):
    """One version of an article's text, kept so claims and fact-checks can point into it.

    Rows are written when the text first changes: revision 1 (the original, taken
    from the article row) and then one row per change. An article whose text never
    changed has none; its only revision is the article row itself
    (articles.revisions.revisions_of). That keeps the article upload at its speed
    budget: no second insert for a copy of the text nobody has asked for yet.
    """

    class Origin(models.TextChoices):
        ORIGINAL = "original", _("Original import")
        EDIT = "edit", _("Edited")
        IMPORT = "import", _("Re-imported")
        CHECK = "check", _("Periodic check")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions",
        help_text="The article this is a version of.",
    )  # fmt: skip
    number = models.PositiveIntegerField(help_text="1 for the original text, then 2, 3, ...")
    title = models.CharField(max_length=500, help_text="The headline at this revision.")
    text = capped_text(limits.ARTICLE_TEXT,
                       help_text="The full text at this revision (code points, LF).")  # fmt: skip
    text_sha256 = models.CharField(max_length=64, help_text="SHA-256 of the text (UTF-8).")
    origin = models.CharField(
        max_length=16, choices=Origin, help_text="What made this revision: edit, import, check."
    )
    reason = capped_text(limits.PROSE, blank=True, default="",
                         help_text="Why, when the author said so.")  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="article_revisions",
        help_text="Who changed the text; empty for imports and checks run by the system.",
    )  # fmt: skip
    created_at = models.DateTimeField(help_text="When this text became current.")

    class Meta:
        ordering = ["article_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="articles_revision_unique_number"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="articles_revision_number"),
            models.CheckConstraint(
                condition=Q(text__length__gt=0), name="articles_revision_text_present"
            ),
            length_caps(
                "articles_revision_lengths_capped",
                {"text": limits.ARTICLE_TEXT, "reason": limits.PROSE},
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} r{self.number}"
