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
