"""How the fetching app plugs into the lower apps (their registries and signals)."""

from annotations.signals import source_link_added
from articles import extensions


def register() -> None:
    from fetching import archiving
    from fetching.commands import import_url_inline
    from fetching.views import import_page_section

    source_link_added.connect(archiving.on_source_link_added, dispatch_uid="fetching-archive")
    extensions.register_url_importer(import_url_inline)
    extensions.register_import_section(import_page_section)
