"""Where apps above `articles` plug in (layering: articles never imports them).

- URL importer: `manage.py import_articles https://...` hands URLs to it (the fetching
  app registers its guarded fetch). Without one, URLs are refused with a message.
- Import page sections: callables `(request) -> (template name, context)` rendered on
  the reviewer import page, e.g. the URL import form and its jobs.
"""

from collections.abc import Callable

from django.http import HttpRequest

UrlImporter = Callable[[str], tuple[str, object]]  # url -> (status, article)
Section = Callable[[HttpRequest], tuple[str, dict]]

_url_importers: list[UrlImporter] = []
_import_sections: list[Section] = []


def register_url_importer(importer: UrlImporter) -> None:
    if importer not in _url_importers:
        _url_importers.append(importer)


def url_importer() -> UrlImporter | None:
    return _url_importers[-1] if _url_importers else None


def register_import_section(section: Section) -> None:
    if section not in _import_sections:
        _import_sections.append(section)


def import_sections(request: HttpRequest) -> list[tuple[str, dict]]:
    return [section(request) for section in _import_sections]
