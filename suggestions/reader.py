"""The Suggestions toggle, side list and marks in the article reader.

Registered with articles.reader_extensions by SuggestionsConfig.ready(); the
templates and suggestions.js do the drawing, this module only gives the page
what the script needs. No query: the suggestions themselves come from the API
when the reader turns the toggle on.
"""

from django.utils.translation import gettext as _

from articles.reader_extensions import ReaderExtension
from suggestions import scoring


def reader_data(request, article) -> dict:
    """Data for suggestions.js (see its header); strings are translated here."""
    return {
        "supported": scoring.supports(article.language),
        "threshold": scoring.THRESHOLD,
        "labels": {
            "badge": _("Check?"),
            "loading": _("Loading suggestions…"),
            "none": _("No sentence left to suggest: the rest are claimed or not worth checking."),
            "unsupported": _("Suggestions are not available for this article's language."),
            "error": _("Suggestions could not be loaded:"),
            "count": _("{count} worth checking"),
            "shown": _("Suggestions shown: {count} sentences worth checking."),
            "hidden": _("Suggestions hidden."),
            "mark": _("Suggested claim, score {score}: {quote}. Press Enter to add it as a claim."),
            "tipTitle": _("Worth checking, score {score}"),
            "choose": _("Add as claim"),
            "score": _("score {score}"),
        },
    }


EXTENSION = ReaderExtension(
    name="suggestions",
    toolbar_template="suggestions/reader_toolbar.html",
    panel_template="suggestions/reader_panel.html",
    stylesheet="suggestions/suggestions.css",
    script="suggestions/suggestions.js",
    data=reader_data,
)
