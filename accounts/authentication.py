"""API token authentication that loads the user's roles in the same query.

DRF's TokenAuthentication reads the token joined to its user (one query); the
first permission check then reads the user's groups (a second one, on every
write). Here the token query also asks, per role, whether the user holds it
(an EXISTS per role on the user-group table), and the answer is cached on the
user object where accounts.roles.has_role looks first. One query authenticates
and authorizes a request.

Only the lookup changes: the token model, its header and its errors are DRF's.
"""

from rest_framework import authentication
from rest_framework.exceptions import AuthenticationFailed

from accounts.roles import remember_roles, role_flags


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, with the user's roles read in the same query."""

    def authenticate_credentials(self, key):
        tokens = self.get_model().objects.select_related("user")
        try:
            token = tokens.annotate(**role_flags("user_id")).get(key=key)
        except self.get_model().DoesNotExist:
            raise AuthenticationFailed("Invalid token.") from None
        if not token.user.is_active:
            raise AuthenticationFailed("User inactive or deleted.")
        remember_roles(token.user, token)
        return (token.user, token)
