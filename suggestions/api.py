"""Check-worthiness endpoints: an article's suggestions and scoring any text.

Views translate HTTP only: the query or body is validated by a serializer, the
article is loaded through what the user may see, and checking/selectors do the
work (nothing is written).
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from annotations.permissions import can_see_unpublished
from articles.selectors import visible_articles
from factcheck.throttling import ScopedRateThrottle
from factcheck.views_mixins import BoundedBodyMixin, error_responses
from suggestions import checking, selectors
from suggestions.scoring import THRESHOLD
from suggestions.serializers import (
    CheckworthinessInputSerializer,
    CheckworthinessListSerializer,
    SuggestionListSerializer,
    SuggestionQuerySerializer,
)

_ARTICLE_PK = OpenApiParameter("article_pk", int, OpenApiParameter.PATH, description="Article id.")


class ArticleSuggestionsView(BoundedBodyMixin, APIView):
    """Every sentence of an article, scored; readable wherever the article is."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    @extend_schema(
        summary="Suggest what to check: an article's sentences with check-worthiness scores",
        operation_id="articles_suggestions_list",
        tags=["suggestions"],
        parameters=[_ARTICLE_PK, SuggestionQuerySerializer],
        responses={200: SuggestionListSerializer, **error_responses(400, 401, 404)},
    )
    def get(self, request, article_pk: int):
        given = {key: value for key, value in request.query_params.items() if value != ""}
        query = SuggestionQuerySerializer(data=given)
        query.is_valid(raise_exception=True)
        articles = visible_articles(request.user).only("id", "text", "language")
        article = get_object_or_404(articles, pk=article_pk)
        suggestions = selectors.article_suggestions(
            article=article, user=request.user, **query.validated_data
        )
        return Response({"results": _rows(suggestions, with_claim=True), "threshold": THRESHOLD})


class DeskOnly(permissions.BasePermission):
    """Reviewers, editors and admins: the same people who see draft claims."""

    message = _("Only the review desk (reviewers, editors, admins) may score text.")

    def has_permission(self, request, view) -> bool:
        return can_see_unpublished(request.user)


class CheckworthinessView(BoundedBodyMixin, APIView):
    """Score text or sentences that are not (yet) an article, e.g. a transcript."""

    permission_classes = [permissions.IsAuthenticated, DeskOnly]
    throttle_classes = [*api_settings.DEFAULT_THROTTLE_CLASSES, ScopedRateThrottle]
    throttle_scope = "checkworthiness"

    @extend_schema(
        summary="Score the check-worthiness of a text or of up to 1,000 sentences",
        tags=["suggestions"],
        request=CheckworthinessInputSerializer,
        responses={
            200: CheckworthinessListSerializer,
            **error_responses(400, 401, 403, 413, 415, 429),
        },
    )
    def post(self, request):
        body = CheckworthinessInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if "text" in data:
            results = checking.check_text(data["text"], data["language"])
        else:
            results = checking.check_sentences(data["sentences"], data["language"])
        return Response({"results": _rows(results, with_claim=False), "threshold": THRESHOLD})


def _rows(suggestions: list[checking.Suggestion], *, with_claim: bool) -> list[dict]:
    """Plain dicts, built directly: a serializer per row costs more than scoring it."""
    rows = []
    for s in suggestions:
        row = {
            "start": s.start,
            "end": s.end,
            "quote": s.quote,
            "score": s.score,
            "worthy": s.worthy,
            "reasons": list(s.reasons),
        }
        if with_claim:
            row["claim"] = s.claim
        rows.append(row)
    return rows
