"""System checks: the loopback test setting must never reach production."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def loopback_only_in_debug(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """settings.py refuses the environment variable with DEBUG off; this catches any other way."""
    if getattr(settings, "FACTCHECK_FETCH_ALLOW_LOOPBACK", False) and not settings.DEBUG:
        return [
            checks.Error(
                "FACTCHECK_FETCH_ALLOW_LOOPBACK is on while DEBUG is off.",
                hint="It lets fetched URLs reach this machine's own services; unset it.",
                id="fetching.E001",
            )
        ]
    return []
