"""Imported ClaimReviews: other fact-checkers' published checks, stored as given.

A ClaimReview here is a public record about someone else's work. It is never turned
into one of our claims or verdicts; `rating` is only our reading of their label on our
scale (null when the label is not in the mapping table), and `textual_rating` keeps
their label exactly as published.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from annotations.ratings import Rating
from claimreviews.labels import normalise

CLAIM_REVIEWED_MAX = 2000


class ClaimReview(models.Model):
    url = models.URLField(
        max_length=2000, unique=True, help_text="The review's URL, exactly as given."
    )
    claim_reviewed = models.TextField(max_length=CLAIM_REVIEWED_MAX)
    name = models.CharField(max_length=500, blank=True, help_text="The review's name or headline.")
    claimant = models.CharField(max_length=300, blank=True)
    claim_date = models.DateField(null=True, blank=True)
    appearance_urls = models.JSONField(default=list, blank=True)
    publisher_name = models.CharField(max_length=300, blank=True)
    publisher_url = models.URLField(max_length=2000, blank=True)
    date_published = models.DateField(null=True, blank=True)
    textual_rating = models.CharField(max_length=300, blank=True, help_text="Exactly as given.")
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    # Null, not "", for "no mapping": `rating IS NULL` is the `mapped=false` filter and
    # keeps unmapped rows apart from any future empty-string choice.
    rating = models.CharField(  # noqa: DJ001
        max_length=20,
        choices=Rating.choices,
        null=True,
        blank=True,
        help_text="The label mapped onto our scale; empty when the label is unknown.",
    )
    language = models.CharField(max_length=16, blank=True)
    raw = models.JSONField()
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date_published", "-id"]
        indexes = [
            models.Index(fields=["publisher_name"], name="claimreview_publisher"),
            models.Index(fields=["rating"], name="claimreview_rating"),
            models.Index(fields=["date_published"], name="claimreview_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("claim_reviewed"), CLAIM_REVIEWED_MAX),
                name="claimreview_claim_reviewed_max",
            ),
        ]

    def __str__(self) -> str:
        return self.claim_reviewed[:80]


class RatingLabel(models.Model):
    """One row of the mapping table: another fact-checker's label, and our rating for it."""

    label = models.CharField(
        max_length=300,
        help_text="As fact-checkers publish it; case, accents and spacing are ignored.",
    )
    key = models.CharField(max_length=300, unique=True, editable=False)
    rating = models.CharField(max_length=20, choices=Rating.choices)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.label} → {self.rating}"

    def save(self, *args, **kwargs):
        self.key = normalise(self.label)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        # `key` is not a form field, so the admin form cannot check its uniqueness itself.
        key = normalise(self.label or "")
        if not key:
            raise ValidationError({"label": _("A label needs at least one letter or digit.")})
        if RatingLabel.objects.filter(key=key).exclude(pk=self.pk).exists():
            raise ValidationError(
                {"label": _("This label is already in the table (case and accents aside).")}
            )
