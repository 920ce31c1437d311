"""HTTP for the standard exports: W3C Web Annotation, ClaimReview, CSV and JSON Lines.

Views only translate: they load what the user may see through
`selectors.visible_claims`, parse query parameters and hand models to the pure
builders in `annotations.exports`. Errors are always plain JSON with a `code`,
whatever JSON-LD flavour the client negotiated for the success case.
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations import claim_links
from annotations.export_rows import export_row_chunks
from annotations.exports import VerdictsFor, tabular, w3c
from annotations.exports.claimreview import (
    NotPublished,
    claimreview_for,
    organization_from_settings,
)
from annotations.filters import AGREEMENT_CHOICES, ClaimFilter
from annotations.models import Claim, ClaimStatus
from annotations.permissions import can_see_unpublished
from annotations.ratings import Rating
from annotations.selectors import verdicts_visible_on, visible_claims
from articles.selectors import visible_articles

# OpenAPI: the documents are JSON-LD objects, described by their standards, not a serializer.
_JSONLD = OpenApiResponse(OpenApiTypes.OBJECT, description="JSON-LD document.")
_JSON = "application/json"  # errors are plain JSON whatever was negotiated (ExportView)
_ERROR = OpenApiResponse(OpenApiTypes.OBJECT, description='{"detail": ..., "code": ...}')
_PAGING = [
    OpenApiParameter("page", int, description="Return this AnnotationPage (from 1)."),
    OpenApiParameter("page_size", int, description="Annotations per page (default 100, max 200)."),
]
_FILTERS = [
    OpenApiParameter("article", int, description="Article id."),
    OpenApiParameter("status", str, enum=ClaimStatus.values),
    OpenApiParameter("rating", str, enum=Rating.values, description="Published rating."),
    OpenApiParameter("created_by", str, description="Username of the reviewer who marked it."),
    OpenApiParameter(
        "assigned_to",
        str,
        description="Username of a reviewer assigned to the claim (desk records: "
        "nothing matches for the public).",
    ),
    OpenApiParameter(
        "agreement",
        str,
        enum=[value for value, _ in AGREEMENT_CHOICES],
        description="Agreement between the verdicts you may see.",
    ),
    OpenApiParameter("q", str, description="Search in quote, statement and claimant."),
]


def _file(media_type: str) -> dict:
    return {(200, media_type): OpenApiTypes.STR, **_errors(400, 401)}


def _errors(*codes: int) -> dict:
    # 400 also covers a repeated query parameter (factcheck.query_params); 401 an unknown token.
    return {(code, _JSON): _ERROR for code in codes}


class JsonLdRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class AnnotationRenderer(JsonLdRenderer):
    """JSON-LD labelled with the anno.jsonld profile, as the W3C protocol (4.1) asks.

    DRF never matches a media type that has parameters against "*/*", so this
    renderer negotiates as plain application/ld+json and names the profile on
    the response itself (rendered_content sets Content-Type just before render).
    """

    content_type = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = self.content_type
        return super().render(data, accepted_media_type, renderer_context)


class IgnoreClientContentNegotiation(BaseContentNegotiation):
    """File downloads have one format, named by the URL; an Accept header must not 406 it."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ExportView(APIView):
    """Shared HTTP behaviour: errors rendered as application/json, not JSON-LD."""

    renderer_classes = [JSONRenderer]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and response.status_code >= 400:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response


# --- W3C Web Annotation -------------------------------------------------------------------


class ClaimAnnotationView(ExportView):
    """GET /api/v1/claims/{id}/annotation/: one claim as a W3C Annotation."""

    renderer_classes = [AnnotationRenderer, JSONRenderer]

    @extend_schema(
        summary="A claim as a W3C Web Annotation",
        responses={200: _JSONLD, **_errors(400, 401, 404)},
    )
    def get(self, request, pk: int):
        claim = _claims(request.user).filter(pk=pk).first()
        if claim is None:
            return _claim_not_found(pk)
        same_as = claim_links.same_claims(claim, request.user)
        return Response(
            w3c.annotation_for(
                claim,
                iris=_iris(request),
                verdicts_for=_verdicts_for(request.user),
                same_as=same_as,
            )
        )


class ArticleAnnotationsView(ExportView):
    """GET /api/v1/articles/{id}/annotations/: the collection, or `?page=N` of it."""

    renderer_classes = [AnnotationRenderer, JSONRenderer]

    @extend_schema(
        summary="An article's claims as a W3C AnnotationCollection, or one AnnotationPage",
        parameters=_PAGING,
        responses={200: _JSONLD, **_errors(400, 401, 404)},
    )
    def get(self, request, pk: int):
        # The public may only see articles that carry a published claim.
        article = visible_articles(request.user).defer("text").filter(pk=pk).first()
        if article is None:
            return _not_found(f"No article {pk}.", "not_found")
        number, size = _page_params(request.query_params)
        claims = _claims(request.user).filter(article=article)
        paging = w3c.Paging(number=number, size=size, total=claims.count())
        if number > paging.last:
            detail = f"Page {number} does not exist; the last is {paging.last}."
            return _not_found(detail, "page_out_of_range")
        rows = list(claims[paging.start_index : paging.start_index + size])
        build = w3c.page_for if request.query_params.get("page") else w3c.collection_for
        verdicts_for = _verdicts_for(request.user)
        document = build(
            article, rows, paging=paging, iris=_iris(request), verdicts_for=verdicts_for
        )
        return Response(document)


# --- schema.org ClaimReview ---------------------------------------------------------------


class ClaimReviewView(ExportView):
    """GET /api/v1/claims/{id}/claimreview/: ClaimReview JSON-LD of a published claim."""

    renderer_classes = [JsonLdRenderer, JSONRenderer]

    @extend_schema(
        summary="A published claim as schema.org ClaimReview",
        responses={200: _JSONLD, **_errors(400, 401, 404)},
    )
    def get(self, request, pk: int):
        claim = _claims(request.user).filter(pk=pk).first()
        if claim is None:
            return _claim_not_found(pk)
        page_url = request.build_absolute_uri(reverse("factchecks:detail", args=[claim.pk]))
        try:
            review = claimreview_for(
                claim, page_url=page_url, organization=organization_from_settings()
            )
        except NotPublished:
            return _not_published(claim)
        return Response(review)


# --- CSV and JSON Lines -------------------------------------------------------------------


class ClaimCsvExportView(ExportView):
    """GET /api/v1/claims/export.csv: the filtered claim list as a streamed CSV file."""

    content_negotiation_class = IgnoreClientContentNegotiation

    @extend_schema(
        summary="Export claims as CSV",
        operation_id="claims_export_csv",
        parameters=_FILTERS,
        responses=_file("text/csv"),
    )
    def get(self, request):
        lines = tabular.csv_chunks(_exported_rows(request))
        return _download(lines, "text/csv; charset=utf-8", "claims.csv")


class ClaimJsonlExportView(ExportView):
    """GET /api/v1/claims/export.jsonl: the same rows as JSON Lines."""

    content_negotiation_class = IgnoreClientContentNegotiation

    @extend_schema(
        summary="Export claims as JSON Lines",
        operation_id="claims_export_jsonl",
        parameters=_FILTERS,
        responses=_file("application/jsonl"),
    )
    def get(self, request):
        lines = tabular.jsonl_chunks(_exported_rows(request))
        return _download(lines, "application/jsonl; charset=utf-8", "claims.jsonl")


def _exported_rows(request):
    """Visible claims after the list filters, as chunks of export rows, in id order.

    The claim list's own FilterSet, so both accept the same parameters. Filters
    are validated here, before streaming starts, so a bad value is a 400 rather
    than a broken download.
    """
    # The filters that depend on who asks (assigned_to, agreement) read self.request.
    claim_filter = ClaimFilter(
        request.query_params, queryset=_claims(request.user), request=request
    )
    if not claim_filter.is_valid():
        raise ValidationError(claim_filter.form.errors.as_data())
    return export_row_chunks(claim_filter.qs, user=request.user)


def _download(lines, content_type: str, filename: str) -> StreamingHttpResponse:
    """A streamed file without Content-Length, so HTTP/1.1 servers send it chunked.

    A download cut short (the worker dies, the database fails mid-export) then
    ends without the terminating zero-length chunk, which HTTP clients report
    as an error: a truncated file never looks like a complete 200.
    """
    response = StreamingHttpResponse(lines, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- helpers ------------------------------------------------------------------------------


def _claims(user):
    # Exports never read the article's text, which can be long and would be
    # repeated on every joined claim row.
    return visible_claims(user).defer("article__text")


def _verdicts_for(user) -> VerdictsFor | None:
    """The blind-review rule of the claim API, applied to prefetched verdicts (no query)."""
    if not can_see_unpublished(user):
        return None
    return partial(verdicts_visible_on, user=user)


def _iris(request) -> w3c.Iris:
    # build_absolute_uri honours ALLOWED_HOSTS and SECURE_PROXY_SSL_HEADER.
    base = request.build_absolute_uri("/").rstrip("/")
    if can_see_unpublished(request.user):
        return w3c.Iris(base=base)
    return w3c.Iris(base=base, public_author=organization_from_settings().name)


def _page_params(params) -> tuple[int, int]:
    """`page` (from 1) and `page_size` (capped, like the API's other lists, at 200)."""
    number = _positive_int(params, "page", default=1)
    size = _positive_int(params, "page_size", default=w3c.DEFAULT_PAGE_SIZE)
    return number, min(size, w3c.MAX_PAGE_SIZE)


def _positive_int(params, name: str, *, default: int) -> int:
    raw = params.get(name)
    if not raw:  # absent or empty: as everywhere in the API, `?page=` means "not given"
        return default
    # isascii: str.isdigit() also accepts "²", which int() then rejects.
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise ValidationError(
            {name: ValidationError("Must be a whole number of 1 or more.", code="invalid")}
        )
    return int(raw)


def _claim_not_found(pk: int) -> Response:
    # One message for "missing" and "not yours to see", so ids reveal nothing.
    return _not_found(f"No claim {pk}.", "not_found")


def _not_published(claim) -> Response:
    # The public sees retracted claims too (kept and shown as retracted), so it
    # can get here for those; drafts stay invisible to it (a plain not_found).
    if claim.status == Claim.Status.RETRACTED:
        state, code = "was retracted", "retracted"
    else:
        state, code = "is not published yet", "not_published"
    return _not_found(
        f"Claim {claim.pk} {state}; ClaimReview exists only for published claims.", code
    )


def _not_found(detail: str, code: str) -> Response:
    return Response({"detail": detail, "code": code}, status=404)
