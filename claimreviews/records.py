"""One ClaimReview JSON object to one row of `ClaimReview`, or the reason it is refused.

Pure: no database. A record needs `@type` ClaimReview, `url` (http or https, no
user name or password, at most 2,000 characters) and `claimReviewed`; every
other property is optional, and one we cannot read (a date that is not a date,
a rating value that is not a number) is left empty rather than refusing the
record: the raw JSON keeps it. Text longer than its column is refused, not cut,
so what is stored is always what was published.
"""

import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from claimreviews.labels import rating_for

URL_MAX = 2000
CLAIM_MAX = 2000
NAME_MAX = 500
SHORT_MAX = 300  # claimant, publisher name, textual rating
LANGUAGE_MAX = 16
RAW_MAX = 256 * 1024  # characters of one record, as JSON
APPEARANCES_MAX = 50

_TYPE_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
# http(s)://host/... with a plain host name: no user info, no port, no IPv6 literal.
_PLAIN_WEB_URL = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(?:[/?#]|$)")
_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")  # an escaped NUL, not an escaped backslash
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


class RecordError(Exception):
    """A record that cannot be stored; `code` is stable, `message` is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Ours:
    """A record that is one of our own published fact-checks (not stored again)."""

    url: str


def types_of(obj) -> set[str]:
    """The record's `@type`s without their schema.org prefix."""
    raw = obj.get("@type") if isinstance(obj, dict) else None
    values = raw if isinstance(raw, list) else [raw]
    found = set()
    for value in values:
        if isinstance(value, str):
            for prefix in _TYPE_PREFIXES:
                if value.startswith(prefix):
                    value = value[len(prefix) :]
                    break
            found.add(value)
    return found


def check_url(url) -> str:
    """`url` unchanged when it is an acceptable public web address; else RecordError."""
    if not isinstance(url, str) or not url:
        raise RecordError("no_url", _("The record has no `url`."))
    if len(url) > URL_MAX:
        raise RecordError(
            "too_long", _("`url` is longer than %(max)d characters.") % {"max": URL_MAX}
        )
    if _CONTROL_OR_SPACE.search(url):
        raise RecordError("bad_url", _("`url` contains spaces or control characters."))
    if _PLAIN_WEB_URL.match(url):  # the common case, without urlsplit's cost
        return url
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        raise RecordError("bad_url", _("`url` is not a valid web address.")) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise RecordError("bad_url", _("`url` must start with http:// or https://."))
    if parts.username is not None or parts.password is not None:
        raise RecordError("bad_url", _("`url` must not contain a user name or password."))
    if not hostname:
        raise RecordError("bad_url", _("`url` has no host name."))
    return url


def _text(value, field: str, limit: int, *, required: bool = False) -> str:
    if isinstance(value, list) and value:
        value = value[0]
    if value is None or value == "":
        if required:
            raise RecordError("missing", _("The record has no `%(field)s`.") % {"field": field})
        return ""
    if not isinstance(value, str):
        raise RecordError("bad_type", _("`%(field)s` must be text.") % {"field": field})
    value = value.strip()
    if required and not value:
        raise RecordError("missing", _("`%(field)s` is empty.") % {"field": field})
    if len(value) > limit:
        raise RecordError(
            "too_long",
            _("`%(field)s` is longer than %(max)d characters.") % {"field": field, "max": limit},
        )
    return value


def _first_object(value) -> dict:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, dict)), None)
    return value if isinstance(value, dict) else {}


def _name_of(value) -> str:
    """The name of an author or publisher given as an object, a list of them, or text."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else ""
    return ""


def _date(value) -> date | None:
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        try:  # ijson gives decimal.Decimal
            number = float(value)
        except (TypeError, ValueError):
            return None
    return number if number == number and abs(number) != float("inf") else None


def _web_url(value) -> str:
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    if not isinstance(value, str):
        return ""
    try:
        return check_url(value)
    except RecordError:
        return ""


def _appearances(item: dict) -> list[str]:
    found: list[str] = []
    for key in ("appearance", "firstAppearance"):
        values = item.get(key)
        for value in values if isinstance(values, list) else [values]:
            url = _web_url(value)
            if url and url not in found:
                found.append(url)
    return found[:APPEARANCES_MAX]


def _language(value) -> str:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if isinstance(value, str) and 0 < len(value.strip()) <= LANGUAGE_MAX:
        return value.strip()
    return ""


def to_row(obj, labels: dict[str, str], is_ours) -> dict | Ours:
    """The model fields for one record, `Ours` for one of our own pages, or RecordError.

    `labels` is the mapping table ({key: rating}); `is_ours(url)` recognises our
    public fact-check pages, and is asked before any other check on the url, so our
    own DataFeed read back is recognised even where our rules would refuse it.
    """
    if not isinstance(obj, dict):
        raise RecordError("not_claimreview", _("The record is not a JSON object."))
    url = obj.get("url")
    if isinstance(url, str) and is_ours(url):
        return Ours(url)
    if "ClaimReview" not in types_of(obj):
        raise RecordError("not_claimreview", _("The record's `@type` is not ClaimReview."))
    check_url(url)
    claim = _text(obj.get("claimReviewed"), "claimReviewed", CLAIM_MAX, required=True)
    item = _first_object(obj.get("itemReviewed"))
    rating = _first_object(obj.get("reviewRating"))
    author = obj.get("author") or obj.get("publisher")
    textual = rating.get("alternateName")
    if textual is None or textual == "":
        textual = rating.get("name")
    if isinstance(textual, str) and len(textual) > SHORT_MAX:
        raise RecordError(
            "too_long",
            _("`%(field)s` is longer than %(max)d characters.")
            % {"field": "reviewRating.alternateName", "max": SHORT_MAX},
        )
    row = {
        "url": url,
        "claim_reviewed": claim,
        "name": _text(obj.get("name") or obj.get("headline"), "name", NAME_MAX),
        "claimant": _text(_name_of(item.get("author")), "itemReviewed.author.name", SHORT_MAX),
        "claim_date": _date(item.get("datePublished")),
        "appearance_urls": _appearances(item),
        "publisher_name": _text(_name_of(author), "author.name", SHORT_MAX),
        "publisher_url": _web_url(_first_object(author)),
        "date_published": _date(obj.get("datePublished")),
        # Exactly as given: not stripped, not re-cased.
        "textual_rating": textual if isinstance(textual, str) else "",
        "rating_value": _number(rating.get("ratingValue")),
        "best_rating": _number(rating.get("bestRating")),
        "worst_rating": _number(rating.get("worstRating")),
        "language": _language(obj.get("inLanguage") or item.get("inLanguage")),
        "raw": obj,
    }
    row["rating"] = rating_for(row["textual_rating"], labels)
    try:
        row["raw_json"] = json.dumps(obj, ensure_ascii=False)
    except (RecursionError, ValueError):
        raise RecordError("too_deep", _("The record is nested too deeply.")) from None
    if len(row["raw_json"]) > RAW_MAX:
        raise RecordError(
            "too_large", _("The record is larger than %(max)d characters.") % {"max": RAW_MAX}
        )
    # PostgreSQL stores no NUL character, in text or JSON (the `in` is the fast path).
    if "\\u0000" in row["raw_json"] and _NUL.search(row["raw_json"]):
        raise RecordError("bad_text", _("The record contains a NUL character (\\u0000)."))
    return row
