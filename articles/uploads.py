"""Importing from the reviewer UI: pasted text and uploaded files, one outcome per article.

The same parser (articles.importing) and the same service (import_article) as
`manage.py import_articles`, so a file imports identically from either place.
Uploaded files are parsed from a private temporary directory and deleted at once;
they are never stored or served back.
"""

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext

from articles import importing
from articles.importing import ArticleData, ImportDataError
from articles.models import Article
from articles.services import import_article
from factcheck.errors import Conflict

_LOOKS_LIKE_HTML = re.compile(r"<\s*(!doctype|html|head|body|article|main|p|div|h1)\b", re.I)


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one article (or to a whole input that could not be read)."""

    source: str
    status: str  # "imported", "unchanged" or "error"
    message: str = ""
    article: Article | None = None


def import_pasted(raw: str, *, fmt: str, user) -> list[ImportOutcome]:
    """Pasted plain text or HTML; `fmt` is "text", "html" or "auto" (sniff for tags)."""
    is_html = fmt == "html" or (fmt == "auto" and _LOOKS_LIKE_HTML.search(raw) is not None)
    parse = importing.parse_html if is_html else importing.parse_text
    label = gettext("Pasted HTML") if is_html else gettext("Pasted text")
    try:
        articles = parse(importing.decode(raw.encode()), name="pasted")
    except ImportDataError as exc:
        return [ImportOutcome(source=label, status="error", message=exc.message)]
    return [_store(data, source=label, user=user) for data in articles]


def import_upload(upload: UploadedFile, *, user) -> list[ImportOutcome]:
    """One uploaded file, read by importing.read_articles exactly like the command does."""
    name = Path(upload.name or "upload").name
    with tempfile.TemporaryDirectory(prefix="factcheck-import-") as folder:
        # Our own file name: the client's name only contributes its extension.
        path = Path(folder) / f"upload{Path(name).suffix.lower()}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            articles = importing.read_articles(path)
        except ImportDataError as exc:
            return [ImportOutcome(source=name, status="error", message=exc.message)]
    return [_store(data, source=name, user=user) for data in articles]


def _store(data: ArticleData, *, source: str, user) -> ImportOutcome:
    try:
        article, created = import_article(data, created_by=user)
    except ValidationError as exc:
        return ImportOutcome(source=source, status="error", message=" ".join(exc.messages))
    except Conflict as exc:
        return ImportOutcome(source=source, status="error", message=exc.message)
    return ImportOutcome(
        source=source, status="imported" if created else "unchanged", article=article
    )
