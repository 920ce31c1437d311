from django.apps import AppConfig


class FetchingConfig(AppConfig):
    """The guarded fetcher and the background jobs that use it: URL import, source
    archiving, and the periodic check of URL-imported articles for changes."""

    name = "fetching"
    verbose_name = "Fetching and background jobs"

    def ready(self) -> None:
        from fetching import checks, hooks  # noqa: F401  (registers checks and hooks)

        hooks.register()
