"""Job shapes for the API: what the person who started a job sees of it."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from factcheck.serializers import StrictInputSerializer
from fetching.models import Job


class ImportUrlSerializer(StrictInputSerializer):
    url = serializers.CharField(
        max_length=2000,
        help_text="http(s) address of the article; vetted before anything else.",
    )


class JobSerializer(serializers.ModelSerializer):
    status_url = serializers.SerializerMethodField(help_text="Where to poll this job.")
    article_title = serializers.SerializerMethodField(help_text="Title of the article, once known.")

    class Meta:
        model = Job
        fields = [
            "id", "kind", "status", "reason", "url", "attempts", "max_attempts",
            "next_attempt_at", "article", "article_title", "result", "created_at", "started_at",
            "finished_at", "status_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_status_url(self, job: Job) -> str:
        return reverse("job-detail", args=[job.pk])

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_article_title(self, job: Job) -> str | None:
        return job.article.title if job.article_id else None
