"""Decoding a fetched body: the charset the server declared, else the page's, else detected.

Order of trust: the Content-Type header's `charset`, a byte-order mark, an HTML
`<meta charset>` (or http-equiv) near the top of the page, then
charset-normalizer's detection, and UTF-8 as the last resort. Undecodable
bytes become U+FFFD rather than failing the import; NUL characters are dropped
(PostgreSQL cannot store them and no article contains them).
"""

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
_SNIFF_BYTES = 4096


def decode_body(body: bytes, content_type: str, *, html: bool) -> tuple[str, str]:
    """(text, encoding used) for `body`, served with the `content_type` header given."""
    encoding = (
        _known(_header_charset(content_type))
        or _bom(body)
        or (_known(_meta_charset(body)) if html else None)
        or _detected(body)
        or "utf-8"
    )
    return body.decode(encoding, errors="replace").replace("\x00", ""), encoding


def _header_charset(content_type: str) -> str | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return None


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def _bom(body: bytes) -> str | None:
    return next((name for bom, name in _BOMS if body.startswith(bom)), None)


def _detected(body: bytes) -> str | None:
    best = from_bytes(body[:200_000]).best()
    return best.encoding if best else None


def _known(name: str | None) -> str | None:
    """`name` if Python knows the codec, else None (a typo in a header must not fail)."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
