"""Account endpoints: POST /api/v1/auth/token/ and GET /api/v1/reviewers/."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import ScopedRateThrottle

from accounts import selectors
from accounts.roles import ROLES, highest_role
from annotations.permissions import DeskOnly
from factcheck.parsers import BoundedJSONParser
from factcheck.views_mixins import BoundedBodyMixin, error_responses


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text='Send as "Authorization: Token <token>".')


class TokenView(BoundedBodyMixin, ObtainAuthToken):
    """DRF's token view, throttled per client address with the "login" rate.

    It authenticates nobody itself (no session, so no CSRF dance for scripts)
    and counts every attempt, so guessing passwords hits 429 quickly.
    """

    authentication_classes = []
    parser_classes = [BoundedJSONParser]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        summary="Get your API token",
        responses={200: TokenSerializer, **error_responses(400, 413, 415, 429)},
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class ReviewerSerializer(serializers.Serializer):
    username = serializers.CharField(read_only=True)
    role = serializers.SerializerMethodField(help_text="The highest role the account holds.")

    @extend_schema_field(serializers.ChoiceField(choices=ROLES))
    def get_role(self, user) -> str:
        # Groups are prefetched by selectors.reviewers: no query per row.
        return highest_role([g.name for g in user.groups.all()], is_superuser=user.is_superuser)


class ReviewerListView(generics.ListAPIView):
    """GET /api/v1/reviewers/: whom an editor can assign to a claim (desk only)."""

    permission_classes = [DeskOnly]
    serializer_class = ReviewerSerializer
    pagination_class = None  # a newsroom's reviewers fit in one answer

    def get_queryset(self):
        return selectors.reviewers()

    @extend_schema(
        summary="List the accounts that can review claims (desk only)",
        responses={200: ReviewerSerializer(many=True), **error_responses(401, 403)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
