"""The one rule for every web address we store (issue 8 point 11, SECURITY-CASES #10).

Article URLs, source URLs and URL imports all pass `validate_web_url`, through the
API serializers, the model fields (so full_clean, the admin and imports agree) and
the importer. An address is kept only if it is an absolute http(s) URL with a host
and:

- no user information: `https://trusted.org@evil.example/` reads as trusted.org
  to a person and goes to evil.example, and a `user:pass@` leaks credentials;
- only characters RFC 3986 allows unescaped. Double quotes, angle brackets,
  spaces, backslashes, `{ } | ^` and backticks are refused, so a stored URL
  can never close an attribute or a tag, and the OpenAPI `uri` format holds.
  The single quote stays allowed: RFC 3986 lists it as a sub-delimiter and real
  addresses use it (`/wiki/O'Brien`); every template escapes it anyway.
- `%` only as the start of a `%XX` escape.

Non-ASCII letters (an IRI such as `https://de.wikipedia.org/wiki/Köln`) are
refused too rather than silently rewritten: the client should send what it
means to store, and browsers copy addresses percent-encoded already.
"""

import re
import string
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

# RFC 3986 section 2: unreserved, gen-delims and sub-delims, plus "%" for escapes.
_ALLOWED = frozenset(string.ascii_letters + string.digits + "-._~" + ":/?#[]@" + "!$&'()*+,;=%")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_SHAPE = URLValidator(schemes=["http", "https"])


def web_url_problem(url: str) -> tuple[str, str] | None:
    """(message, code) saying why `url` may not be stored, or None when it may."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _("Must be an http or https address with a host."), "invalid_url"
    try:
        parts.port  # noqa: B018 - urllib checks the port only when asked
    except ValueError:
        return _("The port must be a number from 0 to 65535."), "invalid_url"
    if "@" in parts.netloc:
        return _("Must not contain a user name or password (user:pass@)."), "credentials_in_url"
    bad = sorted({ch for ch in url if ch not in _ALLOWED})
    if bad:
        shown = ", ".join(repr(ch) for ch in bad[:5])
        message = _(
            "Contains characters a URL may not hold unescaped: %(chars)s. "
            "Percent-encode them (a space is %%20)."
        )
        return message % {"chars": shown}, "invalid_characters"
    if _BAD_ESCAPE.search(url):
        return _("A %% must start a two-digit escape such as %%20.") % {}, "invalid_characters"
    if ("[" in url or "]" in url) and not parts.netloc.startswith("["):
        return _("Square brackets belong only around an IPv6 host."), "invalid_characters"
    try:
        _SHAPE(url)
    except ValidationError:
        return _("Must be a valid http or https address."), "invalid_url"
    return None


def is_web_url(url: str) -> bool:
    return web_url_problem(url) is None


def validate_web_url(url: str, *, field: str = "url") -> str:
    """The address stripped of surrounding space, or a ValidationError naming `field`."""
    cleaned = (url or "").strip()
    problem = web_url_problem(cleaned)
    if problem:
        message, code = problem
        raise ValidationError({field: ValidationError(message, code=code)})
    return cleaned


@deconstructible
class WebURLValidator:
    """Field validator form of validate_web_url (models and serializers name the field)."""

    def __call__(self, value: str) -> None:
        if value:  # blank is the field's own business (blank=True / allow_blank)
            problem = web_url_problem(value)
            if problem:
                raise ValidationError(problem[0], code=problem[1])

    def __eq__(self, other) -> bool:
        return isinstance(other, WebURLValidator)
