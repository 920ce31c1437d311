from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClaimreviewsConfig(AppConfig):
    """ClaimReviews published by other fact-checkers, imported so a desk can see what has
    already been checked elsewhere. They are never our claims or verdicts."""

    name = "claimreviews"
    verbose_name = "Imported ClaimReviews"

    def ready(self) -> None:
        # After accounts' own sync (it runs for every app): editors and admins edit the
        # label mapping table and view imported rows in the admin.
        post_migrate.connect(grant_admin_rights, sender=self)
        from articles import extensions
        from claimreviews.views import import_page_section

        extensions.register_import_section(import_page_section)


def grant_admin_rights(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    from accounts.roles import ADMIN, EDITOR, ensure_role_groups

    ensure_role_groups()
    rights = Permission.objects.filter(content_type__app_label="claimreviews").filter(
        codename__in=[
            "view_ratinglabel", "add_ratinglabel", "change_ratinglabel", "delete_ratinglabel",
            "view_claimreview",
        ]
    )  # fmt: skip
    for name in (EDITOR, ADMIN):
        Group.objects.get(name=name).permissions.add(*rights)
