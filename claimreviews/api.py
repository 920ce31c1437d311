"""The imported ClaimReviews' API: list and detail for anyone, import for editors.

GET /api/v1/claimreviews/ (filters publisher, rating, mapped, language, q; numbered
or keyset pages) and /api/v1/claimreviews/{id}/: they are other fact-checkers'
public records, so anonymous callers read them too. A page is one query (two with
the exact count of a full page); `raw` is in the detail only.

POST /api/v1/claimreviews/import/ (editors): the ClaimReviews as the request body
(JSON, JSON Lines, a DataFeed or HTML, gzip allowed, within FACTCHECK_MAX_BODY_BYTES)
or as the `file` of a multipart/form-data upload (streamed to disk, up to
FACTCHECK_MAX_IMPORT_BYTES before and after gunzipping). The answer counts what was
created, updated, unchanged, recognised as ours, and failed, with the failed records'
positions. It runs in one transaction: an input cut short by the size limit stores
nothing. Sending the same file again is harmless (rows are keyed by url).
"""

import io

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.exceptions import UnsupportedMediaType
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.permissions import allowed
from claimreviews.filters import ClaimReviewFilter
from claimreviews.models import ClaimReview
from claimreviews.parsing import InputTooLarge
from claimreviews.serializers import (
    ImportedClaimReviewDetailSerializer,
    ImportedClaimReviewSerializer,
    ImportReportSerializer,
    ImportUploadSerializer,
)
from claimreviews.services import import_claimreviews
from factcheck.views_mixins import BoundedBodyMixin, RequestTooLarge, error_responses

# Room for the multipart boundaries and headers around the file.
MULTIPART_OVERHEAD = 64 * 1024
BODY_TYPES = (
    "application/json", "application/ld+json", "application/x-ndjson", "application/jsonl",
    "application/jsonlines", "text/html", "text/plain", "application/gzip",
    "application/octet-stream",
)  # fmt: skip


@extend_schema_view(
    list=extend_schema(
        summary="List imported ClaimReviews (other fact-checkers'), newest first",
        responses={200: ImportedClaimReviewSerializer(many=True), **error_responses(400, 401, 404)},
    ),
    retrieve=extend_schema(
        summary="One imported ClaimReview, with the raw JSON as imported",
        responses={200: ImportedClaimReviewDetailSerializer, **error_responses(401, 404)},
    ),
)
class ClaimReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         viewsets.GenericViewSet):  # fmt: skip
    queryset = ClaimReview.objects.all()
    permission_classes = [permissions.AllowAny]  # public records: annotations.permissions
    filterset_class = ClaimReviewFilter
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        rows = ClaimReview.objects.order_by("-date_published", "-id")
        return rows if self.action == "retrieve" else rows.defer("raw")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ImportedClaimReviewDetailSerializer
        return ImportedClaimReviewSerializer


class CanImport(permissions.BasePermission):
    message = _("Only editors may import ClaimReviews.")

    def has_permission(self, request, view) -> bool:
        return allowed(request.user, "claimreview", "import")


class _BodyParser(BaseParser):
    """Declares the raw body types; the view reads `request.body` itself, unparsed."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return {}


class ImportView(BoundedBodyMixin, APIView):
    permission_classes = [permissions.IsAuthenticated, CanImport]
    parser_classes = [MultiPartParser, _BodyParser]

    @extend_schema(
        summary="Import other fact-checkers' ClaimReviews (editors)",
        description=__doc__.split("\n\n")[2],
        request={
            "multipart/form-data": ImportUploadSerializer,
            "application/json": OpenApiTypes.OBJECT,
            "application/x-ndjson": OpenApiTypes.STR,
        },
        responses={
            200: ImportReportSerializer,
            400: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description=(
                    "No record could be imported: the import report (as for 200), or "
                    '{"file": ["message"], "code": ...} when the upload has no file.'
                ),
            ),
            **error_responses(401, 403, 413, 415),
        },
        examples=[
            OpenApiExample(
                "One ClaimReview",
                request_only=True,
                media_type="application/json",
                value={
                    "@context": "https://schema.org",
                    "@type": "ClaimReview",
                    "url": "https://checker.example/reviews/1/",
                    "claimReviewed": "The moon is made of cheese.",
                    "author": {"@type": "Organization", "name": "Checker"},
                    "reviewRating": {"@type": "Rating", "alternateName": "False"},
                },
            )
        ],
    )
    def post(self, request):
        limit = settings.FACTCHECK_MAX_IMPORT_BYTES
        if request.content_type.startswith("multipart/form-data"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit + MULTIPART_OVERHEAD:
                raise RequestTooLarge()
            upload = request.FILES.get("file")
            if upload is None:
                message = _("Send the ClaimReviews as the `file` field.")
                return Response({"file": [message], "code": "required"}, status=400)
            source = upload
        else:
            media = request.content_type.split(";")[0].strip().lower()
            if media not in BODY_TYPES:
                raise UnsupportedMediaType(media or "(none)")
            source = io.BytesIO(request.body)
        try:
            with transaction.atomic():
                report = import_claimreviews(
                    source, limit=limit, max_failed=settings.FACTCHECK_IMPORT_MAX_REFUSED
                )
        except InputTooLarge:
            message = _("The data is larger than %(max)d bytes (after gunzipping).") % {
                "max": limit
            }
            return Response({"file": [message], "code": "too_large"}, status=413)
        worked = report.created + report.updated + report.unchanged + report.ours
        body = ImportReportSerializer(report.as_dict()).data
        return Response(body, status=status.HTTP_200_OK if worked else status.HTTP_400_BAD_REQUEST)
