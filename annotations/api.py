"""Claim, source, verdict, publication and rating endpoints under /api/v1/.

Each handler loads and authorizes, then calls one service; the rules live in
annotations.services and who-may-what in annotations.permissions.
"""

from dataclasses import asdict

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, status, viewsets
from rest_framework.response import Response

from annotations import selectors, services
from annotations.filters import ClaimFilter
from annotations.models import Claim, Source, Verdict
from annotations.permissions import OwnerOrEditorCanChange, ReviewerCanWrite
from annotations.ratings import scale
from annotations.serializers import (
    ClaimCreateSerializer,
    ClaimSerializer,
    ClaimUpdateSerializer,
    RatingInfoSerializer,
    SourceInputSerializer,
    SourceSerializer,
    VerdictInputSerializer,
    VerdictSerializer,
)
from annotations.workflow_api import ClaimWorkflowActions
from factcheck.prefetch import mark_relations_empty
from factcheck.views_mixins import (
    ServiceViewSet,
    change_reason,
    error_responses,
    read_schema,
    write_schema,
)

# IsAuthenticatedOrReadOnly adds nothing ReviewerCanWrite does not check, but it tells
# the schema generator (and readers) that anonymous GETs are allowed.
_WRITE_PERMISSIONS = [
    permissions.IsAuthenticatedOrReadOnly,
    ReviewerCanWrite,
    OwnerOrEditorCanChange,
]
_CLAIM_PK = OpenApiParameter("claim_pk", int, OpenApiParameter.PATH, description="Claim id.")


def claims_for(user) -> QuerySet[Claim]:
    # The serializer needs only article_id; the joined article's text can be large.
    return selectors.visible_claims(user).defer("article__text")


def listed_claims(user) -> QuerySet[Claim]:
    """claims_for as the list and a claim's page show them (selectors.as_rendered)."""
    return selectors.as_rendered(selectors.visible_claims(user))


@extend_schema_view(
    **read_schema(
        ClaimSerializer, list_summary="List claims you may see", retrieve_summary="Read a claim"
    ),
    **write_schema("a claim", ClaimCreateSerializer, ClaimUpdateSerializer, ClaimSerializer),
)
class ClaimViewSet(ClaimWorkflowActions, ServiceViewSet):
    """Claims anchored to article text; anonymous readers see published ones only."""

    # Ids are numbers: no other route under /api/v1/articles/ or /claims/ is read as one.
    lookup_value_regex = "[0-9]+"
    queryset = Claim.objects.none()  # names the model for the schema; see get_queryset
    serializer_class = ClaimSerializer
    create_serializer_class = ClaimCreateSerializer
    update_serializer_class = ClaimUpdateSerializer
    permission_classes = _WRITE_PERMISSIONS
    filterset_class = ClaimFilter

    def get_queryset(self) -> QuerySet[Claim]:
        if self.action in ("list", "retrieve"):
            claims = listed_claims(self.request.user)
        else:
            claims = claims_for(self.request.user)
        # One claim's parts are told in its own query; a list page asks separately
        # (see ClaimQuerySet.with_part_flags for why).
        return claims if self.action == "list" else claims.with_part_flags()

    def create_object(self, data: dict) -> Claim:
        return services.create_claim(
            author=self.request.user, reason=change_reason(self.request), **data
        )

    def created(self, claim: Claim) -> Claim:
        # A claim created in this request has no parts yet, and create_claim set its
        # author: nothing to read again (each prefetch would be a query, issue 9).
        return mark_relations_empty(claim, *selectors.CLAIM_PARTS)

    def update_object(self, claim, changes, expected_version) -> Claim:
        return services.update_claim(
            claim=claim, changes=changes, expected_version=expected_version, **self.audit()
        )

    def delete_object(self, claim, expected_version) -> None:
        services.delete_claim(claim=claim, expected_version=expected_version, **self.audit())


class ClaimChildViewSet(ServiceViewSet):
    """Rows that hang off a claim: listed and created under /claims/{claim_pk}/..."""

    permission_classes = _WRITE_PERMISSIONS

    def visible_rows(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        rows = self.visible_rows()
        if "claim_pk" in self.kwargs:
            rows = rows.filter(claim=self.parent_claim())
        return rows

    def parent_claim(self) -> Claim:
        """The claim in the URL, or 404 when the user may not see it (e.g. anonymous, draft)."""
        if not hasattr(self, "_parent_claim"):
            claims = selectors.visible_claims(self.request.user).select_related(None)
            self._parent_claim = get_object_or_404(
                claims.prefetch_related(None), pk=self.kwargs["claim_pk"]
            )
        return self._parent_claim


@extend_schema_view(
    **read_schema(
        SourceSerializer,
        list_summary="List a claim's sources",
        retrieve_summary="Read a source",
        list_parameters=[_CLAIM_PK],
    ),
    **write_schema("a source", SourceInputSerializer, SourceInputSerializer, SourceSerializer),
)
class SourceViewSet(ClaimChildViewSet):
    """Evidence on a claim; any reviewer may add it, its adder or an editor may change it."""

    queryset = Source.objects.none()
    serializer_class = SourceSerializer
    create_serializer_class = SourceInputSerializer
    update_serializer_class = SourceInputSerializer

    def visible_rows(self) -> QuerySet[Source]:
        return selectors.visible_sources(self.request.user)

    def create_object(self, data: dict) -> Source:
        return services.add_source(
            claim=self.parent_claim(), added_by=self.request.user,
            reason=change_reason(self.request), **data,
        )  # fmt: skip

    def update_object(self, source, changes, expected_version) -> Source:
        return services.update_source(
            source=source, changes=changes, expected_version=expected_version, **self.audit()
        )

    def delete_object(self, source, expected_version) -> None:
        services.delete_source(source=source, expected_version=expected_version, **self.audit())


@extend_schema_view(
    **read_schema(
        VerdictSerializer,
        list_summary="List a claim's verdicts (desk only)",
        retrieve_summary="Read a verdict",
        list_parameters=[_CLAIM_PK],
    ),
    **write_schema("a verdict", VerdictInputSerializer, VerdictInputSerializer, VerdictSerializer),
)
class VerdictViewSet(ClaimChildViewSet):
    """Reviewers' ratings, one per reviewer and claim; never shown to anonymous readers."""

    queryset = Verdict.objects.none()
    serializer_class = VerdictSerializer
    create_serializer_class = VerdictInputSerializer
    update_serializer_class = VerdictInputSerializer

    def visible_rows(self) -> QuerySet[Verdict]:
        return selectors.visible_verdicts(self.request.user)

    def create_object(self, data: dict) -> Verdict:
        return services.record_verdict(
            claim=self.parent_claim(), reviewer=self.request.user,
            reason=change_reason(self.request), **data,
        )  # fmt: skip

    def update_object(self, verdict, changes, expected_version) -> Verdict:
        return services.update_verdict(
            verdict=verdict, changes=changes, expected_version=expected_version, **self.audit()
        )

    def delete_object(self, verdict, expected_version) -> None:
        services.delete_verdict(verdict=verdict, expected_version=expected_version, **self.audit())


class RatingViewSet(viewsets.ViewSet):
    """The rating scale: the values every verdict and publication must use."""

    permission_classes = [permissions.AllowAny]
    pagination_class = None

    @extend_schema(
        summary="The rating scale",
        responses={200: RatingInfoSerializer(many=True), **error_responses(401)},
    )
    def list(self, request):
        return Response([asdict(info) for info in scale()], status=status.HTTP_200_OK)
