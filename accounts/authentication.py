"""API token authentication that loads the user's roles in the same query.

DRF's TokenAuthentication reads the token joined to its user (one query); the
first permission check then reads the user's groups (a second one, on every
write). Here the token query also asks, per role, whether the user holds it
(an EXISTS per role on the user-group table), and the answer is cached on the
user object where accounts.roles.has_role looks first. One query authenticates
and authorizes a request.

Only the lookup changes: the token model, its header and its errors are DRF's.
The query is compiled once per process (factcheck.compiled): building it took
about a millisecond of every API request.
"""

from rest_framework import authentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from accounts.roles import remember_roles, role_flags
from factcheck.compiled import CompiledQuery

_TOKEN_WITH_ROLES = CompiledQuery(
    lambda key: (
        Token.objects.select_related("user").annotate(**role_flags("user_id")).filter(key=key)
    ),
    "\x00factcheck-token-key",
)


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, with the user's roles read in the same query."""

    def authenticate_credentials(self, key):
        token = _TOKEN_WITH_ROLES.first(key)
        if token is None:
            raise AuthenticationFailed("Invalid token.")
        if not token.user.is_active:
            raise AuthenticationFailed("User inactive or deleted.")
        remember_roles(token.user, token)
        return (token.user, token)
