"""The claim card's "Already checked?" section in the article reader.

Registered with articles.reader_extensions by MatchingConfig.ready(); the card
part is drawn by already-checked.js through reader-hooks.js's `card` hook, with
the matches from GET /api/v1/claims/<id>/matches/. No query here.
"""

from django.utils.translation import gettext as _

from annotations.permissions import can_see_unpublished
from articles.reader_extensions import ReaderExtension


def reader_data(request, article) -> dict:
    """Data for already-checked.js; strings are translated here."""
    return {
        "desk": can_see_unpublished(request.user),
        "labels": {
            "title": _("Already checked?"),
            "loading": _("Looking for fact-checks of this claim…"),
            "none": _("No fact-check of this claim found."),
            "error": _("Matches could not be loaded:"),
            "same": _("Same claim"),
            "dismiss": _("Not the same"),
            "confirmed": _("Confirmed: same claim"),
            "dismissed": _("Dismissed"),
            "undo": _("Undo"),
            "matchSame": _("very likely the same claim"),
            "matchRelated": _("related"),
            "score": _("score {score}"),
            "ours": _("our fact-check"),
            "desk": _("another claim on the desk"),
            "retracted": _("retracted"),
            "unrated": _("rating not mapped"),
            "linked": _("Linked as the same claim"),
            "linkedHere": _("{text} (linked from that claim's card)"),
            "savedSame": _("Recorded: same claim. No verdict was changed."),
            "savedDismissed": _("Recorded: not the same claim."),
            "open": _("Open"),
        },
    }


EXTENSION = ReaderExtension(
    name="matching",
    stylesheet="matching/already-checked.css",
    script="matching/already-checked.js",
    data=reader_data,
)
