from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Ranked search over articles, claims, fact-checks and imported ClaimReviews."""

    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # The lower apps' `?q=` filters and the public index ask factcheck.text_search,
        # never this app (layering); give them the ranked, indexed search.
        from factcheck import text_search
        from search.filtering import ranked_text_search

        text_search.register(ranked_text_search)

        from django.db.models.signals import post_migrate

        # Sent once per app with models (this app has none): a check of three names each.
        post_migrate.connect(_repair_sqlite_indexes, dispatch_uid="search.fts5")


def _repair_sqlite_indexes(sender, using="default", **kwargs) -> None:
    """After every migrate: a migration that rebuilt an indexed table dropped its triggers."""
    from django.db import connections

    from search.documents import rebuild_sqlite_indexes

    rebuild_sqlite_indexes(connections[using], only_broken=True)
