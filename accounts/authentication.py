"""API token authentication: the token, its user and the user's roles in one query.

The key sent in `Authorization: Token <key>` is hashed (SHA-256) and looked up by
its digest's unique index (accounts.models.ApiToken). The same query loads the user
and asks, per role, whether the user holds it (an EXISTS per role on the user-group
table); the answer is cached on the user object where accounts.roles.has_role looks
first. One query authenticates and authorizes a request. Expiry is read from the
row; last_used is written at most once a minute (accounts.tokens.note_use).

DRF's TokenAuthentication still parses the header and words its errors. The
query is compiled once per process (factcheck.compiled): building it took about
a millisecond of every API request.
"""

from rest_framework import authentication
from rest_framework.exceptions import AuthenticationFailed

from accounts import tokens
from accounts.models import ApiToken
from accounts.roles import remember_roles, role_flags
from factcheck.compiled import CompiledQuery

_TOKEN_WITH_ROLES = CompiledQuery(
    lambda digest: (
        ApiToken.objects.select_related("user")
        .annotate(**role_flags("user_id"))
        .filter(digest=digest)
    ),
    "\x00factcheck-token-digest",
)


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, looked up by digest, with the user's roles."""

    model = ApiToken

    def authenticate_credentials(self, key):
        token = _TOKEN_WITH_ROLES.first(tokens.digest(key))
        if token is None:
            raise AuthenticationFailed("Invalid token.")
        if tokens.is_expired(token):
            raise AuthenticationFailed("Token expired; get a new one from /api/v1/auth/token/.")
        if not token.user.is_active:
            raise AuthenticationFailed("User inactive or deleted.")
        remember_roles(token.user, token)
        tokens.note_use(token)
        return (token.user, token)
