"""Claim-matching endpoints: match any text; a desk claim's matches and match links.

Views translate HTTP only: serializers validate, matching.finder ranks,
matching.services writes. A match never creates or changes a verdict.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.models import PUBLIC_STATUSES, Claim
from annotations.permissions import can_see_unpublished
from claimreviews.models import ClaimReview
from factcheck.throttling import AnonRateThrottle, UserRateThrottle
from factcheck.views_mixins import BoundedBodyMixin, change_reason, error_responses
from matching import finder, links, services
from matching.models import Kind, MatchLink
from matching.serializers import (
    ClaimMatchListSerializer,
    MatchInputSerializer,
    MatchLinkInputSerializer,
    MatchLinkSerializer,
    MatchListSerializer,
)


class AnonymousMatchThrottle(AnonRateThrottle):
    """Anonymous callers' own budget for matching (FACTCHECK_THROTTLE_MATCH)."""

    scope = "match"


def results(request, matches, decided: dict | None = None) -> list[dict]:
    organization = settings.FACTCHECK_ORGANIZATION_NAME
    rows = []
    for m in matches:
        hit, details = m.hit, m.hit.details
        ours = hit.kind != "claimreview"
        url = request.build_absolute_uri(hit.url) if ours else hit.url
        if ours:
            publisher = organization if hit.kind == "factcheck" else ""
        else:
            publisher = details.get("publisher", "")
        rows.append(
            {
                "kind": hit.kind,
                "id": hit.id,
                "text": hit.title,
                "rating": details.get("rating") or None,
                "rating_label": details.get("rating_label", ""),
                "publisher": publisher,
                "date": _date(details.get("published_at")),
                "url": url,
                "retracted": bool(details.get("retracted")),
                "score": m.score,
                "match": m.match,
                "reasons": m.reasons,
                "link": (decided or {}).get((hit.kind, hit.id)),
            }
        )
    return rows


def _date(value) -> str | None:
    if not value:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class MatchView(BoundedBodyMixin, APIView):
    """Has this been checked already? Published fact-checks and imported ClaimReviews."""

    permission_classes = [permissions.AllowAny]
    # Anonymous: the `match` scope; signed-in users: the normal user rate.
    throttle_classes = [AnonymousMatchThrottle, UserRateThrottle]

    @extend_schema(
        summary="Find fact-checks of a text (ours and imported), best first",
        tags=["matching"],
        request=MatchInputSerializer,
        responses={200: MatchListSerializer, **error_responses(400, 401, 403, 413, 415, 429)},
    )
    def post(self, request):
        given = MatchInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        matches = finder.find_matches(
            data["text"], user=request.user, limit=data["limit"], language=data.get("language", "")
        )
        return Response({"results": results(request, matches)})


_CLAIM_PK = OpenApiParameter("claim_pk", int, OpenApiParameter.PATH, description="Claim id.")


class DeskOnly(permissions.BasePermission):
    message = _("Only the review desk (reviewers, editors, admins) sees a claim's matches.")

    def has_permission(self, request, view) -> bool:
        return can_see_unpublished(request.user)


class ClaimMatchesView(BoundedBodyMixin, APIView):
    """For a claim on the desk: fact-checks and other desk claims about the same thing."""

    permission_classes = [permissions.IsAuthenticated, DeskOnly]

    @extend_schema(
        summary="Matches of a desk claim: our fact-checks, imported ClaimReviews, other claims",
        operation_id="claims_matches_list",
        tags=["matching"],
        parameters=[_CLAIM_PK],
        responses={200: ClaimMatchListSerializer, **error_responses(401, 403, 404)},
    )
    def get(self, request, claim_pk: int):
        claim = get_object_or_404(
            Claim.objects.only("id", "quote", "statement", "status"), pk=claim_pk
        )
        own_kind = "factcheck" if claim.status in PUBLIC_STATUSES else "claim"
        text = " ".join(part for part in (claim.quote, claim.statement) if part)
        matches = finder.find_matches(
            text, user=request.user, limit=5, kinds=("factcheck", "claimreview", "claim"),
            exclude=(own_kind, claim.pk),
        )  # fmt: skip
        made = links.links_of(claim.pk)
        decided = {}
        for link in made:
            other = links.describe(link, claim.pk)
            decided[(other["kind"], other["id"])] = link.status
        return Response({
            "results": results(request, matches, decided),
            "links": [links.describe(link, claim.pk) for link in made],
        })  # fmt: skip

    @extend_schema(
        summary="Confirm (same claim) or dismiss a suggested match; never changes a verdict",
        operation_id="claims_matches_decide",
        tags=["matching"],
        parameters=[_CLAIM_PK],
        request=MatchLinkInputSerializer,
        responses={200: MatchLinkSerializer, **error_responses(400, 401, 403, 404, 413, 415)},
    )
    def post(self, request, claim_pk: int):
        claim = get_object_or_404(Claim.objects.only("id", "article_id", "status"), pk=claim_pk)
        given = MatchLinkInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        if data["kind"] == Kind.CLAIMREVIEW:
            target = ClaimReview.objects.filter(pk=data["target_id"]).first()
        else:
            targets = Claim.objects.only("id", "status")
            if data["kind"] == Kind.FACTCHECK:
                targets = targets.filter(status__in=PUBLIC_STATUSES)
            target = targets.filter(pk=data["target_id"]).first()
        if target is None:
            return Response({"target_id": [_("No such record of this kind.")]}, status=400)
        link = services.decide_match(
            actor=request.user,
            claim=claim,
            kind=data["kind"],
            target=target,
            status=data["status"],
            score=data["score"],
            reason=change_reason(request),
        )
        stored = MatchLink.objects.select_related(
            "claim", "target_claim", "target_claimreview", "created_by"
        ).get(pk=link.pk)
        return Response(links.describe(stored, claim.pk), status=status.HTTP_200_OK)
