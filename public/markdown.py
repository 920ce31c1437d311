"""Admin-written Markdown to safe HTML, for the public pages (SECURITY-CASES #42).

Two layers, so a gap in one is caught by the other: markdown-it-py (CommonMark)
runs with raw HTML off, so `<script>` or `<img onerror>` typed into a page stays
visible text, and its link validator already drops `javascript:` and friends;
nh3 then keeps only the tags below, links with http, https, mailto or relative
addresses, and no attribute but href/title (no style: the CSP forbids inline
style, and no event handlers). A `#` heading becomes <h2>: the page title is
the page's only <h1>.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


def _demote_headings(tokens: list[Token]) -> None:
    """`# Title` becomes <h2>: the page's own title is its only <h1>."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"


def render_markdown(text: str) -> SafeString:
    """Markdown -> sanitised HTML, safe to put in a template as is."""
    tokens = _PARSER.parse(text or "")
    _demote_headings(tokens)
    html = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return mark_safe(sanitize_html(html))  # noqa: S308 - sanitised by nh3


def sanitize_html(html: str) -> str:
    """The second layer: whatever HTML comes in, only the allowlist comes out."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
