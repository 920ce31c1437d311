"""Reading article files (.txt, .html, .json, .jsonl) into plain `ArticleData`.

Pure: no ORM and no Django, so the command, the admin and the web UI's paste
box share one parser and the rules are testable without a database. Storing
is `articles.services.import_article`'s job.

Every problem is reported as `ImportDataError` (`ImportFileError` when a file
is involved) with a message written for the person who chose the file.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from django.utils.translation import gettext as _

from annotations.anchoring import normalize_newlines
from articles.cleanup import clean_text
from factcheck import jsonlimits, weburls

SUPPORTED_EXTENSIONS = (".txt", ".html", ".htm", ".json", ".jsonl")
# Far above any article (a long one is ~100 kB of text, ~2 MB of HTML); JSON lists
# of many articles fit too. Beyond it, reading and parsing would only waste memory.
MAX_FILE_BYTES = 20_000_000
_CODE_XPATH = (
    "//script[not(@type='application/ld+json')]|//style|//noscript|//template"
    "|//iframe|//object|//embed"
)
_UTF8_HTML_PARSER = lxml.html.HTMLParser(encoding="utf-8")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_FIELDS = ("title", "text", "url", "publisher", "byline", "published_at", "language")


@dataclass(frozen=True)
class ArticleData:
    """One article as read from a file, not yet stored; strings are stripped."""

    title: str
    text: str
    url: str = ""
    publisher: str = ""
    byline: str = ""
    published_at: datetime | None = None
    language: str = "en"


class ImportDataError(ValueError):
    """The input cannot become an article; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImportFileError(ImportDataError):
    """`ImportDataError` for a named file; str() reads "<path>: <message>"."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def read_articles(path: Path | str) -> list[ArticleData]:
    """Read every article in one file; raises ImportFileError naming the file."""
    path = Path(path)
    parser = _PARSERS.get(path.suffix.lower())
    if parser is None:
        raise ImportFileError(
            path,
            _("unsupported file type %(suffix)r; expected one of %(types)s")
            % {"suffix": path.suffix or _("(none)"), "types": ", ".join(SUPPORTED_EXTENSIONS)},
        )
    try:
        return parser(decode(_read_limited(path)), name=path.stem)
    except ImportDataError as exc:
        raise ImportFileError(path, exc.message) from None
    except OSError as exc:
        raise ImportFileError(
            path, _("cannot be read (%(error)s)") % {"error": exc.strerror or exc}
        ) from None


def _read_limited(path: Path) -> bytes:
    """The file's bytes, refusing sizes no article has (a dump or a wrong file)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportDataError(
            _("the file is %(size).1f MB; the limit is %(limit).0f MB")
            % {"size": size / 1e6, "limit": MAX_FILE_BYTES / 1e6}
        )
    return path.read_bytes()


def decode(raw: bytes) -> str:
    """UTF-8 text with LF line breaks; a leading BOM is dropped.

    NUL bytes mark binary files (and PostgreSQL cannot store them), so they are
    refused even though they are valid UTF-8.
    """
    if b"\x00" in raw:
        raise ImportDataError(_("this is a binary file (it contains NUL bytes), not text"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportDataError(
            _(
                "not UTF-8 text (byte 0x%(byte)02x at offset %(offset)d); "
                "is it a binary file or in another encoding?"
            )
            % {"byte": raw[exc.start], "offset": exc.start}
        ) from None
    if not text.strip():
        raise ImportDataError(_("the file is empty"))
    return normalize_newlines(text)


def parse_text(raw: str, *, name: str = "") -> list[ArticleData]:
    """Plain text: after clutter removal the first non-empty line is the title.

    Every parser takes `name` (file stem, or a label for pasted text) so callers
    can dispatch on the extension alone; plain text has no use for it yet.
    """
    cleaned = clean_text(normalize_newlines(raw))
    if not cleaned:
        raise ImportDataError(_("no article text left after removing page clutter"))
    title, _newline, text = cleaned.partition("\n")
    text = text.strip("\n")
    if not text:
        raise ImportDataError(
            _("only a title line (%(title)r) and no article text") % {"title": title.strip()}
        )
    return [ArticleData(title=title.strip(), text=text)]


def parse_html(raw: str, *, name: str = "") -> list[ArticleData]:
    """An HTML page: main text and metadata via trafilatura, all markup dropped.

    A canonical URL that is not http(s) is ignored rather than refused, because
    the page only hints at it; `<html lang>` gives the language.
    """
    root = _parse_without_code(raw)
    document = trafilatura.bare_extraction(root, with_metadata=True, include_comments=False)
    body = _html_body(document)
    title = (document.title or "").strip() or body.partition("\n")[0]
    body = _without_leading_title(body, title)
    if not title or not body:
        raise ImportDataError(_("the HTML page has no extractable article text"))
    url = (document.url or "").strip()
    return [
        ArticleData(
            title=title,
            text=body,
            url=url if _is_web_url(url) else "",
            publisher=(document.sitename or "").strip(),
            byline=(document.author or "").strip(),
            published_at=_parse_datetime(document.date) if document.date else None,
            language=_language_tag(root.get("lang")),
        )
    ]


def _parse_without_code(raw: str) -> lxml.html.HtmlElement:
    """The page tree without scripts, styles and their kin.

    trafilatura drops these too, but its fallback extractors read raw text, so
    they are removed up front: script source must never become article text.
    JSON-LD stays: it is data, not code, and carries the author and date.
    """
    try:
        # Bytes with a fixed encoding: the text is already decoded as UTF-8, and
        # lxml refuses a str whose <?xml?> header declares an encoding.
        root = lxml.html.document_fromstring(raw.encode(), parser=_UTF8_HTML_PARSER)
    except lxml.etree.ParserError:
        raise ImportDataError(_("the HTML page has no extractable article text")) from None
    for element in root.xpath(_CODE_XPATH):
        element.drop_tree()  # keeps the element's tail, which is text of its parent
    return root


def _language_tag(raw: str | None) -> str:
    """A plausible BCP 47 tag from `<html lang>`, else the default "en"."""
    tag = (raw or "").strip()
    return tag if _LANGUAGE_TAG.fullmatch(tag) else "en"


def _html_body(document: Any) -> str:
    """Extracted text with one blank line between paragraphs, clutter removed."""
    if document is None or not (document.text or "").strip():
        raise ImportDataError(_("the HTML page has no extractable article text"))
    # trafilatura puts each block (paragraph, heading, list item) on its own line.
    paragraphs = [line.strip() for line in document.text.split("\n")]
    body = clean_text("\n\n".join(p for p in paragraphs if p))
    if not body:
        raise ImportDataError(_("no article text left after removing page clutter"))
    return body


def _without_leading_title(body: str, title: str) -> str:
    """The page's <h1> usually repeats the title as the first line; drop it once."""
    first, _newline, rest = body.partition("\n")
    return rest.strip("\n") if first.strip() == title else body


def parse_json(raw: str, *, name: str = "") -> list[ArticleData]:
    """One JSON object or a list of objects (see `parse_object` for the keys)."""
    try:
        value = jsonlimits.loads(raw)
    except jsonlimits.JSONTooDeep as exc:
        raise ImportDataError(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise ImportDataError(
            _("invalid JSON at line %(line)d, column %(column)d: %(error)s")
            % {"line": exc.lineno, "column": exc.colno, "error": exc.msg}
        ) from None
    if not isinstance(value, list):
        return [parse_object(value)]
    if not value:
        raise ImportDataError(_("the JSON list contains no articles"))
    return [
        _in_context(_("item %(number)d") % {"number": n}, parse_object, item)
        for n, item in enumerate(value, 1)
    ]


def parse_jsonl(raw: str, *, name: str = "") -> list[ArticleData]:
    """JSON Lines: one object per line; blank lines are skipped."""
    articles = []
    for number, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = jsonlimits.loads(line)
        except jsonlimits.JSONTooDeep as exc:
            raise ImportDataError(f"line {number}: {exc}") from None
        except json.JSONDecodeError as exc:
            raise ImportDataError(
                _("invalid JSON on line %(line)d: %(error)s") % {"line": number, "error": exc.msg}
            ) from None
        articles.append(_in_context(_("line %(number)d") % {"number": number}, parse_object, value))
    return articles


def _in_context(where: str, parse: Callable[[Any], ArticleData], value: Any) -> ArticleData:
    try:
        return parse(value)
    except ImportDataError as exc:
        raise ImportDataError(f"{where}: {exc.message}") from None


def parse_object(value: Any) -> ArticleData:
    """A decoded JSON object with keys title, text (or html), url, publisher,
    byline, published_at (ISO 8601) and language; other keys are ignored.

    `text` is taken as already clean and stored as given; `html` goes through
    `parse_html`, whose title, URL and metadata fill any key left out.
    """
    if not isinstance(value, dict):
        raise ImportDataError(
            _("expected a JSON object, got %(type)s") % {"type": type(value).__name__}
        )
    fields = {key: _string(value, key) for key in _FIELDS if key != "published_at"}
    if not fields["text"] and _string(value, "html"):
        fields = _merge_html(fields, parse_html(_string(value, "html"))[0])
    missing = [key for key in ("title", "text") if not fields[key]]
    if missing:
        raise ImportDataError(
            _("missing %(keys)s") % {"keys": _(" and ").join(repr(key) for key in missing)}
        )
    if fields["url"] and not _is_web_url(fields["url"]):
        raise ImportDataError(
            _("url must start with http:// or https://, not %(url)r") % {"url": fields["url"]}
        )
    published = value.get("published_at")
    return ArticleData(
        **{**fields, "language": fields["language"] or "en"},
        published_at=_parse_datetime(published) if published else None,
    )


def _merge_html(fields: dict[str, Any], extracted: ArticleData) -> dict[str, Any]:
    """Keys given in the JSON win over what the HTML says about itself."""
    return {key: fields[key] or getattr(extracted, key) for key in fields}


def _string(value: dict[str, Any], key: str) -> str:
    item = value.get(key)
    if item is None:
        return ""
    if not isinstance(item, str):
        raise ImportDataError(
            _("%(key)r must be a string, got %(type)s") % {"key": key, "type": type(item).__name__}
        )
    if key != "text":
        return item.strip()
    # Text keeps its inner layout; only blank lines around it go.
    return normalize_newlines(item).strip("\n") if item.strip() else ""


def _parse_datetime(raw: Any) -> datetime:
    """ISO 8601 date or date-time; a value without time zone is taken as UTC."""
    if not isinstance(raw, str):
        raise ImportDataError(
            _("published_at must be an ISO 8601 string, not %(value)r") % {"value": raw}
        )
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise ImportDataError(
            _("published_at is not an ISO 8601 date-time (e.g. 2021-01-21T10:00:00Z): %(value)r")
            % {"value": raw}
        ) from None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _is_web_url(url: str) -> bool:
    # The rule for every stored address: http(s), a host, no user:pass@, no quotes,
    # angle brackets, spaces or backslashes (factcheck.weburls).
    return weburls.is_web_url(url)


_PARSERS: dict[str, Callable[..., list[ArticleData]]] = {
    ".txt": parse_text,
    ".html": parse_html,
    ".htm": parse_html,
    ".json": parse_json,
    ".jsonl": parse_jsonl,
}
