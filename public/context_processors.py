"""The site footer: links to the public pages, on every page that extends base.html.

A context processor rather than a template block, so pages of the lower apps
(the fact-check page in annotations, error pages) carry the same footer
without importing or naming this app. It reads no database: the labels are
fixed, the addresses come from the URLconf (reverse() is cached).
"""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

_FOOTER = (
    (_("All fact-checks"), "public:index"),
    (_("Methodology"), "public:methodology"),
    (_("Rating definitions"), "public:ratings"),
    (_("Corrections policy"), "public:corrections-policy"),
    (_("Corrections log"), "public:corrections"),
    (_("Funding and organisation"), "public:organisation"),
)
_FEEDS = (
    (_("Atom feed"), "public:feed-atom"),
    (_("RSS feed"), "public:feed-rss"),
)


def _links(pairs) -> list[dict]:
    return [{"label": label, "url": reverse(name)} for label, name in pairs]


def site_footer(request) -> dict:
    """The footer's links, the brand link for visitors, and the footer's stylesheet."""
    return {
        "site_stylesheets": [static("public/public.css")],
        "footer_links": _links(_FOOTER),
        "footer_feeds": _links(_FEEDS),
        "public_home": reverse("public:index"),
    }
