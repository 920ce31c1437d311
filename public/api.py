"""`GET /api/v1/factchecks/search/`: Google Fact Check Tools' `claims:search`, on our fact-checks.

Same parameters, same semantics, same JSON (see public.google_shape and
docs/google-factcheck-api.md), so a tool written for Google's endpoint can be
pointed here. Only published fact-checks appear; retracted ones are left out,
as Google drops a withdrawn ClaimReview. Errors come in Google's shape too:
`{"error": {"code": 400, "status": "INVALID_ARGUMENT", "message", "details":
[{"fieldViolations": [{"field", "description"}]}]}}`.

A page costs one query (the claims with their articles and first publication
date), whatever its size: one row more than the page is read to know whether
a next page exists, instead of counting.
"""

import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.models import Claim
from factcheck.views_mixins import error_responses
from public import google_shape, search, selectors
from public.api_schema import GOOGLE_ERROR_SCHEMA, SEARCH_PARAMETERS, SearchResponseSerializer

DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000
_TOKEN_SALT = "public.google-search.page-token"  # noqa: S105 - a signing salt, not a secret
_LANGUAGE_TAG = r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$"


class SearchParameters(serializers.Serializer):
    """The query string, as Google names it. Empty values mean "not given"."""

    query = serializers.CharField(required=False, max_length=500)
    languageCode = serializers.RegexField(_LANGUAGE_TAG, required=False, max_length=35)
    reviewPublisherSiteFilter = serializers.CharField(required=False, max_length=253)
    maxAgeDays = serializers.IntegerField(required=False, min_value=0, max_value=365_000)
    pageSize = serializers.IntegerField(required=False, min_value=0, max_value=1_000_000)
    pageToken = serializers.CharField(required=False, max_length=500)
    offset = serializers.IntegerField(required=False, min_value=0, max_value=MAX_OFFSET)
    key = serializers.CharField(required=False, max_length=200)  # Google's API key: ignored

    def validate_query(self, value: str) -> str:
        return search.clean_query(value)

    def validate(self, data: dict) -> dict:
        if not data.get("query") and not data.get("reviewPublisherSiteFilter"):
            raise serializers.ValidationError(
                {"query": _("Required unless reviewPublisherSiteFilter is given.")}
            )
        return data


def _fingerprint(params: dict) -> str:
    """What must stay the same between pages (Google: "all other fields")."""
    same = {name: params.get(name) for name in (
        "query", "languageCode", "reviewPublisherSiteFilter", "maxAgeDays", "pageSize",
    )}  # fmt: skip
    return hashlib.sha256(json.dumps(same, sort_keys=True).encode()).hexdigest()[:16]


def make_page_token(offset: int, params: dict) -> str:
    return signing.dumps({"o": offset, "f": _fingerprint(params)}, salt=_TOKEN_SALT)


def read_page_token(token: str, params: dict) -> int:
    """The offset a token stands for; ValueError if forged, garbled or for another search."""
    try:
        data = signing.loads(token, salt=_TOKEN_SALT)
    except signing.BadSignature:
        raise ValueError(_("Not a page token this API gave.")) from None
    if not isinstance(data, dict) or data.get("f") != _fingerprint(params):
        raise ValueError(_("Give the same other parameters as the request that returned it."))
    offset = data.get("o")
    if not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise ValueError(_("Not a page token this API gave."))
    return offset


def _invalid(violations: dict[str, str]) -> Response:
    message = "; ".join(f"{field}: {text}" for field, text in violations.items())
    body = google_shape.google_error(400, "INVALID_ARGUMENT", message, violations)
    return Response(body, status=400)


def _first_message(errors) -> str:
    while isinstance(errors, (list, dict)):
        errors = next(iter(errors.values())) if isinstance(errors, dict) else errors[0]
    return str(errors)


@extend_schema(
    summary="Search our fact-checks, as Google Fact Check Tools' claims:search",
    description=(
        "Google-compatible read API (v1alpha1 `claims:search`): same parameters, same response "
        "and error shape. Only published fact-checks; fields without a value are left out, "
        "as in Google's JSON. See docs/google-factcheck-api.md for the field mapping."
    ),
    parameters=SEARCH_PARAMETERS,
    responses={
        200: SearchResponseSerializer,
        400: OpenApiResponse(GOOGLE_ERROR_SCHEMA, description="A parameter is invalid."),
        **error_responses(401),
    },
    tags=["factchecks"],
)
class FactcheckSearchView(APIView):
    permission_classes = [permissions.AllowAny]

    def get(self, request: Request) -> Response:
        # Like every export, the answer is in the site's language, whatever the client asks.
        with override(settings.LANGUAGE_CODE):
            return self._search(request)

    def _search(self, request: Request) -> Response:
        given = {name: value for name, value in request.query_params.items() if value != ""}
        parameters = SearchParameters(data=given)
        if not parameters.is_valid():
            return _invalid({f: _first_message(e) for f, e in parameters.errors.items()})
        params = parameters.validated_data
        try:
            offset = self._offset(params)
        except ValueError as error:
            return _invalid({"pageToken": str(error)})
        size = min(params.get("pageSize") or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        rows = list(self._matches(params)[offset : offset + size + 1])
        claims = [self._entry(claim) for claim in rows[:size]]
        more = len(rows) > size and offset + size <= MAX_OFFSET
        token = make_page_token(offset + size, params) if more else ""
        return Response(google_shape.search_response(claims, token))

    def _offset(self, params: dict) -> int:
        if params.get("pageToken"):
            return read_page_token(params["pageToken"], params)
        return params.get("offset", 0)

    def _matches(self, params: dict):
        claims = selectors.public_factchecks().filter(status=Claim.Status.PUBLISHED)
        if not self._our_language(params) or not self._our_site(params):
            return claims.none()
        if params.get("maxAgeDays"):
            since = timezone.now() - timedelta(days=params["maxAgeDays"])
            # Google: "age is determined by either claim date or review date, whichever is newer".
            claims = claims.filter(
                Q(article__published_at__gte=since) | Q(first_published_at__gte=since)
            )
        query = params.get("query", "")
        claims = search.matching(claims, query).select_related("article")
        return search.by_relevance(claims, query, "-first_published_at", "-id")

    def _our_language(self, params: dict) -> bool:
        asked = params.get("languageCode")
        ours = google_shape.primary_language(settings.LANGUAGE_CODE)
        return not asked or google_shape.primary_language(asked) == ours

    def _our_site(self, params: dict) -> bool:
        asked = params.get("reviewPublisherSiteFilter", "").strip().lower()
        if not asked:
            return True
        asked = google_shape.site_of(asked if "//" in asked else f"//{asked}")
        return asked == google_shape.site_of(self.request.build_absolute_uri("/"))

    def _entry(self, claim: Claim) -> dict:
        page_url = self.request.build_absolute_uri(reverse("factchecks:detail", args=[claim.pk]))
        return google_shape.google_claim(
            claim, page_url=page_url, publisher=settings.FACTCHECK_ORGANIZATION_NAME,
            language=settings.LANGUAGE_CODE, first_published=claim.first_published_at,
        )  # fmt: skip
