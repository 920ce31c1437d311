"""Extension points of the article reader, for apps built on top of articles.

The reader page (articles/templates/articles/reader.html) belongs to this app,
but features such as check-worthiness suggestions live in apps that depend on
articles, never the other way round. Such an app registers a ReaderExtension in
its AppConfig.ready(); the reader then includes its templates at fixed places,
loads its stylesheet and ES module, and passes its data to the page's script
under `extensions.<name>` of the reader's json_script data. articles never
imports the apps that extend it.

On the JavaScript side, annotations/static/annotations/reader-hooks.js is the
matching hook: the extension's module calls extendReader() to be handed the
reader's small public API and to redraw its marks after each claims redraw.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class ReaderExtension:
    """What one app adds to the reader; every part is optional but the name.

    toolbar_template   included in the reader's header, beside the hint (a toggle).
    panel_template     included at the top of the side panel (a list).
    stylesheet         static path of a CSS file, linked in the page's head.
    script             static path of an ES module, loaded after the reader's own.
    data               data(request, article) -> JSON-able dict for the script; it
                       runs on every page view, so it must not query the database.
    """

    name: str
    toolbar_template: str = ""
    panel_template: str = ""
    stylesheet: str = ""
    script: str = ""
    data: Callable[[HttpRequest, object], dict] | None = None


_extensions: dict[str, ReaderExtension] = {}


def register(extension: ReaderExtension) -> None:
    """Add (or replace, under the same name) an extension; call from AppConfig.ready()."""
    _extensions[extension.name] = extension


def unregister(name: str) -> None:
    _extensions.pop(name, None)


def extensions() -> list[ReaderExtension]:
    """Registered extensions in registration order (the app order of INSTALLED_APPS)."""
    return list(_extensions.values())


def extension_data(request: HttpRequest, article) -> dict[str, dict]:
    """{name: data} for the reader's json_script payload."""
    return {
        extension.name: extension.data(request, article) if extension.data else {}
        for extension in _extensions.values()
    }
