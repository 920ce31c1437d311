"""Atom and RSS feeds of the public record (Django's syndication framework).

One entry per event: a fact-check published, its verdict corrected, or the
fact-check retracted, newest first. The entry's title is the claim; its summary
is the verdict (rating and rationale), or for a correction the new verdict and
the note, for a retraction the note. The corrections feed carries only the
corrections and retractions, for readers who follow the corrections log.

Summaries are HTML (escaped text with line breaks), as RSS readers expect, so a
claim or rationale holding markup shows as text and never runs. Feeds are in
the site's language (LANGUAGE_CODE), whatever the reader's browser asks for.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import override

from annotations.models import Publication
from annotations.ratings import label
from factcheck.bidi import isolate
from public import selectors
from public.sharing import claim_text

ITEMS = 50
Kind = Publication.Kind


class FactcheckFeed(Feed):
    """Every publication, correction and retraction; subclasses choose the format."""

    kinds: tuple[str, ...] = tuple(Kind)
    feed_type = Atom1Feed
    link_name = "public:index"
    self_name = "public:feed-atom"

    def __call__(self, request, *args, **kwargs):
        with override(settings.LANGUAGE_CODE):
            return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        return _("%(site)s: fact-checks and corrections") % {"site": _site()}

    def description(self) -> str:
        return _("Claims we checked, with our verdict, as they are published or corrected.")

    def link(self) -> str:
        return reverse(self.link_name)

    def feed_url(self) -> str:
        return reverse(self.self_name)

    def author_name(self) -> str:
        return _site()

    def get_object(self, request, *args, **kwargs) -> str:
        """The site's origin (scheme://host), handed to items() for absolute entry ids."""
        return request.build_absolute_uri("/").rstrip("/")

    def items(self, origin: str) -> list[Publication]:
        rows = list(selectors.recent_publications(kinds=self.kinds)[:ITEMS])
        for row in rows:
            row.feed_origin = origin
        return rows

    def item_title(self, item: Publication) -> str:
        # Plain text: isolated by characters (FSI...PDI), as markup cannot go here.
        return isolate(claim_text(item.claim))

    def item_description(self, item: Publication) -> str:
        # The summary is its own direction isolate (issue 8 point 12, factcheck.bidi).
        return f'<div dir="auto">{linebreaks(escape(summary(item)))}</div>'

    def item_link(self, item: Publication) -> str:
        return reverse("factchecks:detail", args=[item.claim_id])

    def item_guid(self, item: Publication) -> str:
        # Each event gets its own stable, absolute id, so a correction is a new entry.
        return f"{item.feed_origin}{self.item_link(item)}#publication-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Publication):
        return item.published_at

    def item_updateddate(self, item: Publication):
        return item.published_at

    def item_categories(self, item: Publication) -> list[str]:
        return [label(item.rating), Kind(item.kind).label]

    def item_author_name(self, item: Publication) -> str:
        return _site()


class FactcheckRssFeed(FactcheckFeed):
    feed_type = Rss201rev2Feed
    self_name = "public:feed-rss"


class CorrectionsFeed(FactcheckFeed):
    kinds = (Kind.CORRECTION, Kind.RETRACTION)
    link_name = "public:corrections"
    self_name = "public:corrections-feed-atom"

    def title(self) -> str:
        return _("%(site)s: corrections and retractions") % {"site": _site()}

    def description(self) -> str:
        return _("Every correction and retraction of our published fact-checks.")


class CorrectionsRssFeed(CorrectionsFeed):
    feed_type = Rss201rev2Feed
    self_name = "public:corrections-feed-rss"


def summary(item: Publication) -> str:
    """The entry's text: the verdict, or what changed and why."""
    rating = label(item.rating)
    if item.kind == Kind.RETRACTION:
        return _("Retracted. %(note)s") % {"note": item.note}
    if item.kind == Kind.CORRECTION:
        return _("Corrected: %(rating)s. %(rationale)s\n\nWhy: %(note)s") % {
            "rating": rating, "rationale": item.rationale, "note": item.note,
        }  # fmt: skip
    return _("%(rating)s. %(rationale)s") % {"rating": rating, "rationale": item.rationale}


def _site() -> str:
    return settings.FACTCHECK_ORGANIZATION_NAME
