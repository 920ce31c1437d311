"""Claim matching's own rows: cached vectors of stored fact-checks, and reviewers' links.

Neither is a verdict: a MatchLink says "this desk claim is the same claim as that
fact-check" (or "not the same": dismissed), and never changes a rating.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    FACTCHECK = "factcheck", "Our fact-check"
    CLAIMREVIEW = "claimreview", "Imported ClaimReview"
    CLAIM = "claim", "Desk claim"


class MatchVector(models.Model):
    """A stored fact-check's static MiniLM vector (matching.embedding), computed once.

    Filled lazily when the record is first a candidate, or in bulk by
    `manage.py match_vectors` after an import; `digest` is the text it was computed
    from, so an edited claim or a re-imported review gets a fresh vector.
    """

    kind = models.CharField(max_length=16, choices=Kind)
    object_id = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=32, help_text="blake2b of the embedded text.")
    vector = models.BinaryField(help_text="float16 little-endian, matching.embedding.dims() long.")

    class Meta:
        constraints = [
            # One vector per record; the unique index is also the look-up by candidate ids.
            models.UniqueConstraint(fields=["kind", "object_id"], name="matching_vector_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class MatchLink(models.Model):
    """A reviewer's decision on a suggested match for a desk claim."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Same claim"
        DISMISSED = "dismissed", "Not the same"

    claim = models.ForeignKey(
        "annotations.Claim",
        on_delete=models.CASCADE,
        related_name="match_links",
        help_text="The desk claim the reviewer was looking at.",
    )
    kind = models.CharField(max_length=16, choices=Kind, help_text="What it was matched with.")
    target_claim = models.ForeignKey(
        "annotations.Claim",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Our fact-check or another desk claim (kind factcheck or claim).",
    )
    target_claimreview = models.ForeignKey(
        "claimreviews.ClaimReview",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="match_links",
        help_text="An imported ClaimReview (kind claimreview).",
    )
    status = models.CharField(max_length=16, choices=Status)
    score = models.FloatField(help_text="The match score when the reviewer decided.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="claimreview",
                        target_claimreview__isnull=False,
                        target_claim__isnull=True,
                    )
                    | Q(
                        kind__in=["factcheck", "claim"],
                        target_claim__isnull=False,
                        target_claimreview__isnull=True,
                    )
                ),
                name="matching_link_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(claim=models.F("target_claim")), name="matching_link_not_itself"
            ),
            # One decision per pair: deciding again changes it.
            models.UniqueConstraint(
                fields=["claim", "target_claim"],
                condition=Q(target_claim__isnull=False),
                name="matching_link_claim_unique",
            ),
            models.UniqueConstraint(
                fields=["claim", "target_claimreview"],
                condition=Q(target_claimreview__isnull=False),
                name="matching_link_review_unique",
            ),
        ]
        indexes = [
            # "Shown on both sides": the other claim's card reads links pointing at it.
            models.Index(fields=["target_claim", "status"], name="matching_link_target_idx"),
        ]

    def __str__(self) -> str:
        target = self.target_claim_id or self.target_claimreview_id
        return f"claim {self.claim_id} {self.status} {self.kind} {target}"
