"""`manage.py import_articles https://...`: the operator's URL import, fetched inline.

Same guard, fetcher, extraction and storage as the background task; run from a
terminal there is no one to wait for, so it fetches at once and says what happened.
"""

from articles.services import import_or_revise
from fetching import extract, fetcher, guard
from fetching.runs import watch


class UrlImportError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def import_url_inline(url: str) -> tuple[str, object]:
    """(outcome, article) for `url`: imported, unchanged or revised; UrlImportError if not."""
    try:
        page = fetcher.fetch(url)
        data = extract.article_from_page(page)
    except (guard.RefusedURL, fetcher.FetchError, extract.ExtractionError) as error:
        raise UrlImportError(error.message) from None
    result = import_or_revise(data, actor=None, origin="import")
    watch(result.article, url=url, sha256=page.sha256)
    return result.status, result.article
