"""Claims anchored to article text, the sources and verdicts that judge them,
and the publications that make a verdict public.

Derived fields (`quote`, `prefix`, `suffix`, the published rating) are set by
`annotations.services`, never by `save()`; the CHECK constraints below are the
backstop that holds even when every form and serializer is bypassed.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q, Value
from django.utils.translation import gettext_lazy as _

from annotations.querysets import ClaimQuerySet
from annotations.ratings import Rating
from factcheck import limits
from factcheck.concurrency import VersionedModel
from factcheck.limits import capped_text, length_caps
from factcheck.weburls import WebURLValidator

RATING_VALUES = [choice.value for choice in Rating]


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    RETRACTED = "retracted", _("Retracted")


# What the public may read: published fact-checks, and retracted ones shown as retracted.
PUBLIC_STATUSES = (ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED)


class AnchorState(models.TextChoices):
    """Where a claim stands after its article's text changed (annotations.reanchoring)."""

    ANCHORED = "anchored", _("Anchored")
    FUZZY = "fuzzy", _("Quote changed; check the anchor")
    ORPHANED = "orphaned", _("Orphaned: no longer found in the article")


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("Supports the claim")
    REFUTES = "refutes", _("Refutes the claim")
    CONTEXT = "context", _("Gives context")


class Claim(VersionedModel):
    """A span of an article's text that reviewers check."""

    Status = ClaimStatus
    AnchorState = AnchorState

    article = models.ForeignKey(
        "articles.Article",
        # A claim outlives any attempt to delete its article: published fact-checks
        # must never vanish as a side effect. services.delete_article handles drafts.
        on_delete=models.PROTECT,
        related_name="claims",
        help_text="The article whose text the claim is anchored to.",
    )
    # PositiveIntegerField already gives the database a CHECK (start >= 0).
    start = models.PositiveIntegerField(
        help_text="Offset of the first character, in Unicode code points into article.text."
    )
    end = models.PositiveIntegerField(
        help_text="Offset just past the last character (exclusive), in code points."
    )
    # No cap of its own: a part of article.text, which is capped (ARTICLE_TEXT).
    quote = models.TextField(help_text="Exactly article.text[start:end]; set by the server.")
    prefix = models.CharField(
        max_length=32,
        blank=True,
        default="",
        help_text="Up to 32 characters of text before the quote; set by the server.",
    )
    suffix = models.CharField(
        max_length=32,
        blank=True,
        default="",
        help_text="Up to 32 characters of text after the quote; set by the server.",
    )
    statement = capped_text(
        limits.STATEMENT,
        blank=True,
        default="",
        help_text="The claim restated by the reviewer, if needed.",
    )
    claimant = models.CharField(
        max_length=300, blank=True, default="", help_text="Who made the claim."
    )
    status = models.CharField(
        max_length=16,
        choices=Status,
        default=Status.DRAFT,
        help_text="Workflow state: draft, in_review, published or retracted.",
    )
    rating = models.CharField(
        max_length=16,
        choices=Rating,
        blank=True,
        default="",
        help_text="The currently published rating; empty until an editor publishes.",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_published",
        help_text="Editor of the current publication.",
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the current verdict was published."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="claims_created",
        help_text="Reviewer who marked the claim.",
    )
    revision = models.PositiveIntegerField(
        default=1,
        help_text="The article revision whose text start, end and quote point into: the current "
        "one, or for an orphan the last one where it was found.",
    )
    anchor_state = models.CharField(
        max_length=16,
        choices=AnchorState,
        default=AnchorState.ANCHORED,
        help_text="anchored; fuzzy (the quote changed, a reviewer should check it); or orphaned "
        "(not found in the current text; the offsets point into `revision`).",
    )

    # Lists skip prefetching the parts no claim of the page has (see querysets.py).
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "start", "end", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="annotations_claim_span_ordered"
            ),
            models.CheckConstraint(condition=~Q(quote=""), name="annotations_claim_quote_present"),
            # The quote is exactly as long as the span it claims to cover.
            models.CheckConstraint(
                condition=Q(quote__length=F("end") - F("start")),
                name="annotations_claim_quote_matches_span",
            ),
            # Per revision: an orphan keeps its span in an older text, where it clashes with
            # no claim of the current one.
            models.UniqueConstraint(
                fields=["article", "revision", "start", "end"], name="annotations_claim_unique_span"
            ),
            models.CheckConstraint(
                condition=Q(anchor_state__in=[choice.value for choice in AnchorState]),
                name="annotations_claim_anchor_state_known",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[choice.value for choice in ClaimStatus]),
                name="annotations_claim_status_known",
            ),
            models.CheckConstraint(
                condition=Q(rating="") | Q(rating__in=RATING_VALUES),
                name="annotations_claim_rating_known",
            ),
            # A published claim always says what was published and when.
            models.CheckConstraint(
                condition=~Q(status="published") | (~Q(rating="") & Q(published_at__isnull=False)),
                name="annotations_claim_published_complete",
            ),
            length_caps("annotations_claim_lengths_capped", {"statement": limits.STATEMENT}),
        ]
        indexes = [
            # The review queue and exports filter by status and rating.
            models.Index(fields=["status", "rating"], name="annotations_claim_status_idx"),
        ]

    def __str__(self) -> str:
        return self.quote[:60]

    def get_absolute_url(self) -> str:
        return f"/articles/{self.article_id}/#claim-{self.pk}"


class Source(VersionedModel):
    """Evidence for or against a claim: a link and what it says."""

    Stance = Stance

    claim = models.ForeignKey(
        Claim,
        # Sources belong to the claim; a claim that was ever published cannot be
        # deleted (Publication protects it), so this only drops drafts' sources.
        on_delete=models.CASCADE,
        related_name="sources",
        help_text="The claim this source speaks to.",
    )
    url = models.URLField(
        max_length=2000,
        validators=[WebURLValidator()],
        help_text="http or https address of the source.",
    )
    title = models.CharField(max_length=500, blank=True, default="", help_text="Page title.")
    publisher = models.CharField(
        max_length=200, blank=True, default="", help_text="Who published the source."
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the source was published, if known."
    )
    excerpt = capped_text(
        limits.EXCERPT, blank=True, default="", help_text="What the source says about the claim."
    )
    stance = models.CharField(
        max_length=16,
        choices=Stance,
        default=Stance.CONTEXT,
        help_text="Whether the source supports, refutes or contextualises the claim.",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="sources_added",
        help_text="Who attached the source.",
    )

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [
            # Only web links: javascript:, data: and friends never reach a page.
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="annotations_source_url_http",
            ),
            models.CheckConstraint(
                condition=Q(stance__in=[choice.value for choice in Stance]),
                name="annotations_source_stance_known",
            ),
            models.UniqueConstraint(
                fields=["claim", "url"], name="annotations_source_unique_url_per_claim"
            ),
            length_caps("annotations_source_lengths_capped", {"excerpt": limits.EXCERPT}),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class SourceArchive(models.Model):
    """The archived copy of a source link, fetched in the background when it was added.

    Written by the fetching app's task (through its guarded fetcher); the desk sees
    the text, the public only the date, the hash and a short excerpt.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Archived")
        FAILED = "failed", _("Failed")

    source = models.OneToOneField(
        Source, on_delete=models.CASCADE, related_name="archive",
        help_text="The source this is a copy of.",
    )  # fmt: skip
    url = models.URLField(max_length=2000, help_text="The source URL this archive is of.")
    status = models.CharField(max_length=16, choices=Status, default=Status.QUEUED,
                              help_text="queued, running, done or failed.")  # fmt: skip
    final_url = models.URLField(
        max_length=2000, blank=True, default="", help_text="Where the link led after redirects."
    )
    http_status = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The HTTP status answered."
    )
    title = models.CharField(max_length=500, blank=True, default="", help_text="Page title.")
    text = capped_text(limits.ARTICLE_TEXT, blank=True, default="",
                       help_text="The page's main text.")  # fmt: skip
    sha256 = models.CharField(
        max_length=64, blank=True, default="",
        help_text="SHA-256 of the body as received (decompressed).",
    )  # fmt: skip
    fetched_at = models.DateTimeField(null=True, blank=True, help_text="When it was fetched.")
    reason = capped_text(limits.PROSE, blank=True, default="",
                         help_text="Why the last attempt failed, in words.")  # fmt: skip
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True,
                                           help_text="When the next attempt is due.")  # fmt: skip
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]),
                name="annotations_archive_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | (~Q(sha256="") & Q(fetched_at__isnull=False)),
                name="annotations_archive_done_complete",
            ),
            length_caps(
                "annotations_archive_lengths_capped",
                {"text": limits.ARTICLE_TEXT, "reason": limits.PROSE},
            ),
        ]

    def __str__(self) -> str:
        return f"{self.url} ({self.status})"


class Verdict(VersionedModel):
    """One reviewer's rating of a claim, with the reasoning behind it."""

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="verdicts", help_text="The claim rated."
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="verdicts",
        help_text="Who gave the verdict.",
    )
    rating = models.CharField(
        max_length=16, choices=Rating, help_text="A value of the fixed rating scale."
    )
    rationale = capped_text(limits.PROSE, help_text="Why this rating: the reasoning, in prose.")
    # Blind review, peek then edit (issue 8): once given, a verdict's changes are kept. Empty
    # and [] until the first change, so giving a verdict writes nothing more (the database
    # defaults serve raw inserts such as bench/seed.py too).
    original_rating = models.CharField(
        max_length=16, choices=Rating, blank=True, default="", db_default="",
        help_text="The rating first given, once the rating was changed (empty until then); "
        "agreement figures use it (first_rating).",
    )  # fmt: skip
    revisions = models.JSONField(
        default=list, blank=True, db_default=Value([], output_field=models.JSONField()),
        encoder=DjangoJSONEncoder,
        help_text='Earlier versions, oldest first: [{"rating", "rationale", "replaced_at", '
        '"others_visible"}]; set by services.update_verdict only.',
    )  # fmt: skip

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "reviewer"], name="annotations_verdict_one_per_reviewer"
            ),
            models.CheckConstraint(
                condition=Q(original_rating="") | Q(original_rating__in=RATING_VALUES),
                name="annotations_verdict_original_rating_known",
            ),
            models.CheckConstraint(
                condition=Q(rating__in=RATING_VALUES), name="annotations_verdict_rating_known"
            ),
            models.CheckConstraint(
                condition=~Q(rationale=""), name="annotations_verdict_rationale_present"
            ),
            length_caps("annotations_verdict_lengths_capped", {"rationale": limits.PROSE}),
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} by {self.reviewer}"

    @property
    def first_rating(self) -> str:
        """The rating as first given: what agreement figures count, whatever came after."""
        return self.original_rating or self.rating


class Publication(models.Model):
    """An editor's published verdict on a claim. Append-only.

    The first row publishes; later rows are corrections (a new rating or
    rationale with a note) or the retraction, and the earlier rows are kept, so
    the public page can show a dated correction history.
    """

    class Kind(models.TextChoices):
        PUBLICATION = "publication", _("Publication")
        CORRECTION = "correction", _("Correction")
        RETRACTION = "retraction", _("Retraction")

    claim = models.ForeignKey(
        Claim,
        # PROTECT: a claim that was ever published can never be deleted.
        on_delete=models.PROTECT,
        related_name="publications",
        help_text="The claim published.",
    )
    kind = models.CharField(
        max_length=16,
        choices=Kind,
        default=Kind.PUBLICATION,
        help_text="First publication, correction or retraction.",
    )
    rating = models.CharField(max_length=16, choices=Rating, help_text="Published rating.")
    rationale = capped_text(limits.PROSE, help_text="Published rationale.")
    note = capped_text(
        limits.PROSE,
        blank=True,
        default="",
        help_text="Why it was corrected or retracted; required for both, empty at first.",
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="publications",
        help_text="Editor who published.",
    )
    published_at = models.DateTimeField(help_text="When this verdict went public.")
    # What was checked, as published: the public page shows this even after the article
    # changes and the claim is re-anchored (or orphaned).
    quote = capped_text(limits.ARTICLE_TEXT, blank=True, default="",
                        help_text="The claim's quote when published.")  # fmt: skip
    start = models.PositiveIntegerField(
        null=True, blank=True, help_text="The quote's offset in `article_revision` when published."
    )
    end = models.PositiveIntegerField(
        null=True, blank=True, help_text="End of the quote (exclusive) in `article_revision`."
    )
    article_revision = models.PositiveIntegerField(
        default=1, help_text="The article revision the fact-check was published against."
    )

    class Meta:
        ordering = ["claim_id", "published_at", "id"]
        get_latest_by = "published_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__in=RATING_VALUES),
                name="annotations_publication_rating_known",
            ),
            models.CheckConstraint(
                condition=~Q(rationale=""), name="annotations_publication_rationale_present"
            ),
            models.CheckConstraint(
                condition=Q(kind="publication") | ~Q(note=""),
                name="annotations_publication_note_for_changes",
            ),
            length_caps(
                "annotations_publication_lengths_capped",
                {"rationale": limits.PROSE, "note": limits.PROSE, "quote": limits.ARTICLE_TEXT},
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim} — {self.get_rating_display()} ({self.published_at:%Y-%m-%d})"


class Assignment(models.Model):
    """An editor asking a reviewer to give a verdict on a claim."""

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="assignments", help_text="Claim to review."
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments",
        help_text="Reviewer asked to review it.",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments_made",
        help_text="Editor who assigned it.",
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "reviewer"], name="annotations_assignment_unique_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim} → {self.reviewer}"
