"""`manage.py load_demo`: the demo articles plus a demo reviewer and editor.

Idempotent: a second run finds the articles and users in place, keeps the
passwords it set the first time (unless an environment variable names one),
and leaves every count unchanged.
"""

import os
import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.roles import EDITOR, REVIEWER, assign_role, sync_role_permissions
from articles.importing import read_articles
from articles.services import import_article

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
SITE_URL = "http://127.0.0.1:8000/"

# username, role, environment variable that may fix the password
DEMO_USERS = (
    ("reviewer", REVIEWER, "FACTCHECK_DEMO_REVIEWER_PASSWORD"),
    ("editor", EDITOR, "FACTCHECK_DEMO_EDITOR_PASSWORD"),
)


class Command(BaseCommand):
    help = "Import the demo articles and create a demo reviewer and editor (safe to re-run)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        for path in sorted(DEMO_DIR.glob("*.txt")):
            for data in read_articles(path):
                article, created = import_article(data)
                status = "imported" if created else "unchanged"
                self.stdout.write(f"{status}: {path.name}: {article.title} (id {article.pk})")
        sync_role_permissions()
        for username, role, env_var in DEMO_USERS:
            self.stdout.write(self._set_up_user(username, role, env_var))
        self.stdout.write(f"Open {SITE_URL} and sign in; the admin is at {SITE_URL}admin/")

    def _set_up_user(self, username: str, role: str, env_var: str) -> str:
        """Create or update one demo user; returns the line that tells the password."""
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        password, note = _choose_password(user, created=created, env_var=env_var)
        if password is not None:
            user.set_password(password)
        user.is_staff = True  # both open the admin; rights come from their role groups
        user.is_active = True
        user.save()
        assign_role(user, role)
        if password is None:
            return f"{role}: user {username!r} keeps the password {note}"
        return f"{role}: user {username!r}, password {password} ({note})"


def _choose_password(
    user: AbstractBaseUser, *, created: bool, env_var: str
) -> tuple[str | None, str]:
    """The password to set (None: keep the current one) and how it was chosen."""
    from_env = os.environ.get(env_var, "")
    if from_env:
        return from_env, f"from {env_var}"
    if created or not user.has_usable_password():
        return secrets.token_urlsafe(12), "generated; shown only this once"
    return None, f"from an earlier run (set {env_var} to choose one)"
