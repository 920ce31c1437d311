"""POST /api/v1/auth/token/: trade a username and password for an API token."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import JSONParser
from rest_framework.throttling import ScopedRateThrottle

from factcheck.views_mixins import BoundedBodyMixin


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text='Send as "Authorization: Token <token>".')


class TokenView(BoundedBodyMixin, ObtainAuthToken):
    """DRF's token view, throttled per client address with the "login" rate.

    It authenticates nobody itself (no session, so no CSRF dance for scripts)
    and counts every attempt, so guessing passwords hits 429 quickly.
    """

    authentication_classes = []
    parser_classes = [JSONParser]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(summary="Get your API token", responses={200: TokenSerializer})
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
