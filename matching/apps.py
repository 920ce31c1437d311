from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Claim matching")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # articles offers the reader's extension points; it never imports this app.
        from annotations import claim_links
        from articles import reader_extensions
        from matching.links import same_claims_for_export
        from matching.reader import EXTENSION

        reader_extensions.register(EXTENSION)
        claim_links.register(same_claims_for_export)

        from claimreviews.signals import claimreviews_imported
        from matching.tasks import on_claimreviews_imported

        claimreviews_imported.connect(on_claimreviews_imported, dispatch_uid="matching.vectors")
