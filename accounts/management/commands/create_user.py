"""manage.py create_user NAME --role reviewer|editor|admin [--password P]: account and token."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import tokens, usernames
from accounts.roles import ROLES, assign_role


class Command(BaseCommand):
    help = (
        "Create an account (or change the role and password of an existing one) and print "
        "a new API token on stdout. Without --password a new account can only use its token; "
        "a new password revokes the account's earlier tokens."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--password", help="Checked against the password validators.")

    @transaction.atomic
    def handle(self, *args, username: str, role: str, password: str | None, **options):
        username = usernames.normalize(username)
        if not get_user_model().objects.filter(username=username).exists():
            # A new account: NFKC, no control/bidi characters, no case variant or
            # look-alike of an existing name (accounts.usernames).
            problem = usernames.username_problems(username)
            if problem is not None:
                raise CommandError("Username refused: " + " ".join(problem.messages))
        user, created = get_user_model().objects.get_or_create(username=username)
        if password is not None:
            self._set_password(user, password)
        elif created:
            user.set_unusable_password()
        user.save()
        # assign_role only adds groups; a changed role must also drop the old ones.
        user.groups.remove(*Group.objects.filter(name__in=ROLES))
        assign_role(user, role)
        # Only digests are stored, so an earlier key cannot be printed again: each run
        # issues a new one (earlier ones stay valid until revoked; --password revokes them).
        key = tokens.issue(user)
        self.stderr.write(f"{'Created' if created else 'Updated'} {username} as {role}.")
        self.stdout.write(key)

    def _set_password(self, user, password: str) -> None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        user.set_password(password)
