"""From a fetched page to an article: trafilatura extraction, the clutter rules, the URL kept.

The same parser as file imports (articles.importing: trafilatura for HTML, the
clutter rules of articles/cleanup.py for both), so a page reads the same whether
it was saved to a file or fetched. The article's URL is the page's canonical
URL when the page names one on its own site, else the address it was fetched
from after redirects: a page must not be able to claim another site's URL and
so overwrite (revise) an article imported from there.
"""

from dataclasses import replace
from urllib.parse import urlsplit

from articles import importing
from articles.importing import ArticleData, ImportDataError
from fetching.fetcher import FetchedPage


class ExtractionError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def article_from_page(page: FetchedPage) -> ArticleData:
    """The article in `page`; raise ExtractionError when it holds no article text."""
    try:
        if page.is_html:
            (data,) = importing.parse_html(page.text, name="fetched")
        else:
            (data,) = importing.parse_text(page.text, name="fetched")
    except ImportDataError as error:
        raise ExtractionError(error.message) from None
    return replace(data, url=canonical_url(data.url, page.final_url))


def canonical_url(declared: str, final_url: str) -> str:
    """`declared` if it is on the same site as `final_url`, else `final_url` (fragment dropped)."""
    final = final_url.split("#", 1)[0]
    if declared and _site(declared) == _site(final):
        return declared.split("#", 1)[0]
    return final


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")
