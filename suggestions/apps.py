from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "suggestions"
    verbose_name = _("Check-worthiness suggestions")

    def ready(self) -> None:
        # articles offers the reader's extension points; it never imports this app.
        from articles import reader_extensions
        from suggestions.reader import EXTENSION

        reader_extensions.register(EXTENSION)
