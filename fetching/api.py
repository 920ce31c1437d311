"""Background job endpoints: start a URL import, and follow your own jobs.

POST /api/v1/articles/import-url/ vets the URL at once (400 naming the reason,
before any connection) and answers 202 with the job; GET /api/v1/jobs/ and
/api/v1/jobs/{id}/ show the jobs the caller started (others' are 404).
"""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.permissions import ReviewerCanWrite
from factcheck.idempotency import idempotent
from factcheck.views_mixins import BoundedBodyMixin, error_responses
from fetching.guard import RefusedURL
from fetching.models import Job
from fetching.scheduling import start_url_import
from fetching.serializers import ImportUrlSerializer, JobSerializer


class ImportUrlView(BoundedBodyMixin, APIView):
    permission_classes = [permissions.IsAuthenticated, ReviewerCanWrite]

    @extend_schema(
        summary="Import an article from a URL, in the background",
        request=ImportUrlSerializer,
        responses={202: JobSerializer, **error_responses(400, 401, 403, 413, 415, 422, 429)},
    )
    @idempotent
    def post(self, request):
        serializer = ImportUrlSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            job = start_url_import(url=serializer.validated_data["url"], user=request.user)
        except RefusedURL as refused:
            body = {"url": [refused.message], "codes": {"url": [refused.code]}}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        data = JobSerializer(job, context={"request": request}).data
        return Response(
            data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["status_url"]}
        )


@extend_schema_view(
    list=extend_schema(
        summary="List the background jobs you started, newest first",
        responses={200: JobSerializer(many=True), **error_responses(400, 401, 404)},
    ),
    retrieve=extend_schema(
        summary="Follow one of your background jobs",
        responses={200: JobSerializer, **error_responses(401, 404)},
    ),
)
class JobViewSet(BoundedBodyMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                 viewsets.GenericViewSet):  # fmt: skip
    queryset = Job.objects.none()  # names the model for the schema; see get_queryset
    serializer_class = JobSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_class = None
    # Anything but a UUID matches no route: a JSON 404, not a 400 from the UUID field.
    lookup_value_regex = "[0-9a-fA-F-]{36}"

    def get_queryset(self) -> QuerySet[Job]:
        return (
            Job.objects.filter(requested_by=self.request.user)
            .select_related("article")
            .defer("article__text")
            .order_by("-created_at")
        )
