"""`GET /api/v1/search/`: one ranked list over fact-checks, ClaimReviews, claims and articles.

The view only translates HTTP: it validates `q`, `type`, `limit` and `language`
(a 400 naming the parameter for anything else) and hands them to
search.selectors.search, which applies who may see what. Anonymous callers (and
accounts without a desk role) may search `factcheck` and `claimreview` only;
asking for another kind is a 400 that says which kinds they may use.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.views_mixins import error_responses
from search import kinds, selectors
from search.normalize import MAX_QUERY_CHARS, clean_query

DEFAULT_LIMIT = 20
_LANGUAGE_TAG = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"


class KindsField(serializers.CharField):
    """Comma-separated kinds, as the API's other multi-value parameters (`ordering`)."""

    def to_internal_value(self, data) -> tuple[str, ...]:
        value = super().to_internal_value(data)
        wanted = [part.strip() for part in value.split(",") if part.strip()]
        unknown = sorted(set(wanted) - set(kinds.ALL_KINDS))
        if unknown or not wanted:
            raise serializers.ValidationError(
                _("Unknown kind: %(kinds)s. Choose from: %(choices)s.")
                % {"kinds": ", ".join(unknown) or "''", "choices": ", ".join(kinds.ALL_KINDS)}
            )
        return tuple(dict.fromkeys(wanted))


class SearchParameters(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY_CHARS, help_text=gettext_lazy(
        'The query: every word must match; "a phrase", `or` and `-word` work.'))  # fmt: skip
    type = KindsField(required=False, max_length=200)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=selectors.MAX_LIMIT)
    language = serializers.RegexField(_LANGUAGE_TAG, required=False, max_length=35)

    def validate_q(self, value: str) -> str:
        value = clean_query(value)
        if not any(ch.isalnum() for ch in value):
            raise serializers.ValidationError(_("Give at least one word to search for."))
        return value

    def validate_type(self, value: tuple[str, ...]) -> tuple[str, ...]:
        allowed = kinds.kinds_for(self.context["user"])
        hidden = [kind for kind in value if kind not in allowed]
        if hidden:
            raise serializers.ValidationError(
                _("Not available to you: %(kinds)s. You may search: %(allowed)s.")
                % {"kinds": ", ".join(hidden), "allowed": ", ".join(allowed)}
            )
        return value


class HitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=kinds.ALL_KINDS)
    id = serializers.IntegerField()
    title = serializers.CharField(help_text="Article title, claim quote or the claim reviewed.")
    snippet = serializers.CharField(
        help_text="Safe HTML: the matching text, escaped, with <mark> around matched words."
    )
    score = serializers.FloatField(help_text="0-1, comparable across kinds; best first.")
    url = serializers.CharField(
        help_text="Where to read it: our page, or an imported review's own URL as given."
    )
    details = serializers.DictField(
        help_text="Kind-specific facts: a fact-check's or review's rating and publisher, "
        "a claim's status and article."
    )


class RankedSearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    results = HitSerializer(many=True)


class SearchView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="search",
        summary="Ranked search over fact-checks, imported ClaimReviews, claims and articles",
        parameters=[
            OpenApiParameter("q", str, required=True, description="What to search for."),
            OpenApiParameter(
                "type",
                str,
                description="Comma-separated kinds: factcheck, claimreview (everyone), claim, "
                "article (the desk). Default: every kind you may see.",
            ),
            OpenApiParameter("limit", int, description="How many hits (1-100, default 20)."),
            OpenApiParameter("language", str, description="Only records in this language."),
        ],
        responses={200: RankedSearchResponseSerializer, **error_responses(400, 401)},
        examples=[OpenApiExample("A search", value={"query": "vaccine trial", "results": []})],
    )
    def get(self, request: Request) -> Response:
        given = {name: value for name, value in request.query_params.items() if value != ""}
        parameters = SearchParameters(data=given, context={"user": request.user})
        parameters.is_valid(raise_exception=True)
        params = parameters.validated_data
        hits = selectors.search(
            params["q"],
            kinds=params.get("type"),
            limit=params.get("limit", DEFAULT_LIMIT),
            user=request.user,
            language=params.get("language", ""),
        )
        results = [
            {"kind": hit.kind, "id": hit.id, "title": hit.title, "snippet": hit.snippet,
             "score": hit.score, "url": request.build_absolute_uri(hit.url),
             "details": hit.details}
            for hit in hits
        ]  # fmt: skip
        return Response({"query": params["q"], "results": results})
