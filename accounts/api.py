"""Account endpoints: POST and DELETE /api/v1/auth/token/, GET /api/v1/reviewers/."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.authtoken import serializers as drf_token
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import lockout, selectors, tokens
from accounts.authentication import TokenAuthentication
from accounts.models import ApiToken
from accounts.roles import ROLES, highest_role
from annotations.permissions import DeskOnly
from factcheck.parsers import BoundedJSONParser
from factcheck.views_mixins import BoundedBodyMixin, error_responses


class AuthTokenSerializer(drf_token.AuthTokenSerializer):
    """DRF's username-and-password check, refusing a username no account can have.

    The sign-in limit records each failed username (in a column as long as the
    User model's), so an over-long one is a 400 naming the field, never a 500.
    """

    username = serializers.CharField(
        write_only=True,
        max_length=get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).max_length,
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text='Send as "Authorization: Token <token>".')


class TokenView(BoundedBodyMixin, APIView):
    """Issue a token for a username and password (POST); revoke the one sent (DELETE).

    POST authenticates nobody itself (no session, so no CSRF dance for scripts) and
    ignores any Authorization header. Its authenticate() call passes the request, so
    django-axes counts each failure (accounts.lockout) with those of /login/ and
    /admin/login/; a locked-out client gets 429 with Retry-After, even with the
    right password. Every POST issues a new key: only its digest is stored.
    DELETE needs the token itself (`Authorization: Token <key>`).
    """

    parser_classes = [BoundedJSONParser]
    serializer_class = AuthTokenSerializer

    def _signing_in(self) -> bool:
        """Anything but DELETE: POST signs in, and a method the view lacks (GET, TRACE...)
        must reach DRF's 405, not stop at a 401 (schemathesis ST204)."""
        # No request while the schema generator inspects the class: the DELETE rules.
        method = getattr(getattr(self, "request", None), "method", None)
        return method is not None and method != "DELETE"

    def get_authenticators(self):
        return [] if self._signing_in() else [TokenAuthentication()]

    def get_permissions(self):
        return [AllowAny()] if self._signing_in() else [IsAuthenticated()]

    @extend_schema(
        summary="Get an API token",
        description=(
            "Each call issues a new token; only its digest is kept, so keep the answer. "
            "Failed sign-ins count with those of the sign-in pages: after 10 for one "
            "username from one address (or 50 from one address) the answer is 429 with "
            "Retry-After until the lock lifts, even for the right password."
        ),
        request=AuthTokenSerializer,
        responses={200: TokenSerializer, **error_responses(400, 413, 415, 429)},
    )
    def post(self, request, *args, **kwargs):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        try:
            serializer.is_valid(raise_exception=True)
        except ValidationError:
            # Axes marks the request it refused or has just locked; DRF's Request keeps
            # the mark, so the Django middleware that answers the pages never sees it.
            if getattr(request, "axes_locked_out", False):
                return self.locked_out(request)
            raise
        return Response({"token": tokens.issue(serializer.validated_data["user"])})

    def locked_out(self, request) -> Response:
        seconds = lockout.seconds_until_allowed(request, getattr(request, "axes_credentials", None))
        return Response(
            lockout.api_lockout_body(seconds), status=429, headers={"Retry-After": str(seconds)}
        )

    @extend_schema(
        summary="Revoke the API token this request is sent with",
        description="The token stops working at once; the account's other tokens do not.",
        request=None,
        responses={204: None, **error_responses(401)},
    )
    def delete(self, request, *args, **kwargs):
        if isinstance(request.auth, ApiToken):
            tokens.revoke(request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


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
