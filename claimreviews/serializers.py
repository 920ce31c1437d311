"""ClaimReview output: what we stored, and our reading of their label."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations.ratings import label
from claimreviews.models import ClaimReview

LIST_FIELDS = [
    "id", "url", "claim_reviewed", "name", "claimant", "claim_date", "appearance_urls",
    "publisher_name", "publisher_url", "date_published", "textual_rating", "rating_value",
    "best_rating", "worst_rating", "rating", "rating_label", "language", "imported_at",
    "updated_at",
]  # fmt: skip


class ImportedClaimReviewSerializer(serializers.ModelSerializer):
    """One imported ClaimReview. `url` is the review's address exactly as imported."""

    rating_label = serializers.SerializerMethodField(
        help_text="Our label for `rating`; null when their label is not in the mapping table."
    )
    # Plain strings in the schema: stored exactly as published, which may be an IRI
    # (non-ASCII) that a strict "uri" format would refuse; publisher_url may be "".
    url = serializers.CharField(read_only=True, help_text="The review's URL, exactly as given.")
    publisher_url = serializers.CharField(read_only=True, help_text="Empty when not given.")
    appearance_urls = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ClaimReview
        fields = LIST_FIELDS
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_rating_label(self, review: ClaimReview) -> str | None:
        return label(review.rating) if review.rating else None


class ImportedClaimReviewDetailSerializer(ImportedClaimReviewSerializer):
    raw = serializers.JSONField(read_only=True, help_text="The record as imported.")

    class Meta(ImportedClaimReviewSerializer.Meta):
        fields = [*LIST_FIELDS, "raw"]
        read_only_fields = fields


class ImportErrorSerializer(serializers.Serializer):
    position = serializers.CharField(help_text='Where in the input: "line 3", "record 2, item 5".')
    code = serializers.CharField()
    message = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    ours = serializers.IntegerField(help_text="Records of our own fact-check pages, not stored.")
    failed = serializers.IntegerField()
    errors = ImportErrorSerializer(many=True, help_text="The first 1,000 refused records.")


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="JSON, JSON Lines, a DataFeed or HTML; .gz allowed.")
