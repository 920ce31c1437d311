"""Revisions of an article's text: recording them, reading them, comparing two.

Rows are written from the first change on (see ArticleRevision): revision 1 is
then copied from the article row as it was, and each change adds the next. An
article that never changed has no rows, and `revisions_of` answers with its
revision 1 built from the article itself, so callers never see the difference.
"""

import difflib
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from articles.models import Article, ArticleRevision

_TOKENS = re.compile(r"\s+|[^\s]+")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def record_revision(
    *, locked: Article, before_text: str, before_title: str, actor, origin: str, reason: str
) -> ArticleRevision:
    """Store the text `locked` now has as its revision `locked.revision` (already incremented).

    `before_*` are the previous revision's values; the first change also stores
    revision 1 from them. The caller holds the article's row lock.
    """
    previous = locked.revision - 1
    if previous == 1 and not ArticleRevision.objects.filter(article=locked).exists():
        ArticleRevision.objects.create(
            article=locked, number=1, title=before_title, text=before_text,
            text_sha256=sha256_text(before_text), origin=ArticleRevision.Origin.ORIGINAL,
            created_by=locked.created_by, created_at=locked.created_at,
        )  # fmt: skip
    return ArticleRevision.objects.create(
        article=locked, number=locked.revision, title=locked.title, text=locked.text,
        text_sha256=sha256_text(locked.text), origin=origin, reason=reason,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        created_at=locked.revised_at or timezone.now(),
    )  # fmt: skip


def revisions_of(article: Article) -> QuerySet[ArticleRevision] | list[ArticleRevision]:
    """Every revision of `article`, oldest first, with `created_by` joined (one query)."""
    rows = ArticleRevision.objects.filter(article=article).select_related("created_by")
    if article.revision > 1:
        return rows.order_by("number")
    return [original_revision(article)]


def revision_of(article: Article, number: int) -> ArticleRevision | None:
    """Revision `number` of `article`, or None when there is no such revision."""
    if number == article.revision == 1:
        return original_revision(article)
    return (
        ArticleRevision.objects.filter(article=article, number=number)
        .select_related("created_by")
        .first()
    )


def original_revision(article: Article) -> ArticleRevision:
    """Revision 1 of an article whose text never changed: the article row itself (unsaved)."""
    return ArticleRevision(
        article=article, number=1, title=article.title, text=article.text,
        text_sha256=sha256_text(article.text), origin=ArticleRevision.Origin.ORIGINAL,
        created_by=article.created_by, created_at=article.created_at,
    )  # fmt: skip


@dataclass(frozen=True)
class DiffPart:
    """A run of the text: kept ("equal"), removed ("delete") or added ("insert")."""

    kind: str
    text: str


def compare(old: str, new: str) -> list[DiffPart]:
    """A word-level diff a person can read: runs of kept, removed and added text.

    Words and the whitespace between them are the units, so a changed word shows
    as one word removed and one added, not as scattered letters.
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            parts.append(DiffPart("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(DiffPart("insert", "".join(b[j1:j2])))
        if tag == "equal":
            parts.append(DiffPart("equal", "".join(a[i1:i2])))
    return parts


def revised_at(article: Article) -> datetime:
    """When the current text became current."""
    return article.revised_at or article.created_at
