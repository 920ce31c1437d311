from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public side: index, feeds, sharing, embeds, oEmbed, IFCN pages, the read API."""

    name = "public"
    verbose_name = _("Public site")

    def ready(self) -> None:
        # The fact-check page lives in annotations (a lower app); it asks its hooks for
        # extra <head> markup instead of importing us (GUIDE rule 8).
        from django.db.models.signals import post_migrate

        from annotations.factchecks import register_head_hook
        from public.permissions import grant_page_rights
        from public.sharing import factcheck_head

        register_head_hook(factcheck_head)
        post_migrate.connect(grant_page_rights, sender=self)
