"""A password change revokes every API token of the account.

Whoever learns a password can sign in and take tokens; changing the password must
shut them out of the API too, as Django already signs the account's sessions out.
AbstractBaseUser.set_password() keeps the new password in `_password` until the
save that stores it, so this costs no query on the saves that do not change it
(a sign-in's last_login, a role change).
"""

from accounts import tokens


def revoke_tokens_on_password_change(sender, instance, created, **kwargs) -> None:
    if created or getattr(instance, "_password", None) is None:
        return
    tokens.revoke_all(instance)
