"""Writing articles: the one place the rules live for the API, UI, admin and commands."""

import hashlib
from dataclasses import asdict
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from annotations.anchoring import normalize_newlines
from annotations.services import delete_claim
from articles.importing import ArticleData
from articles.models import Article
from factcheck.concurrency import bump_version, require_version
from factcheck.errors import Conflict
from history.models import HistoryEntry
from history.services import created, diff, record_change, snapshot

# History records metadata and the text's hash, not the (possibly long) text itself.
RECORDED_FIELDS = ("title", "url", "publisher", "byline", "published_at", "language",
                   "content_hash")  # fmt: skip
EDITABLE_FIELDS = ("title", "url", "publisher", "byline", "published_at", "language", "text")


def content_hash(title: str, text: str) -> str:
    """SHA-256 over title and text: two imports of the same article share it."""
    return hashlib.sha256(f"{title.strip()}\n\x1f\n{text}".encode()).hexdigest()


def normalize_text(text: str) -> str:
    """Canonical article text: LF line breaks, no surrounding blank lines.

    Raises ValidationError for NUL characters, which PostgreSQL cannot store and
    no real article contains.
    """
    if "\x00" in text:
        raise ValidationError(
            {"text": ValidationError("Contains a NUL character.", code="null_characters")}
        )
    return normalize_newlines(text).strip("\n").rstrip()


def find_duplicate(*, url: str, title: str, text: str) -> Article | None:
    """An existing article with the same URL, or the same title and text."""
    if url:
        match = Article.objects.filter(url=url).first()
        if match:
            return match
    return Article.objects.filter(content_hash=content_hash(title, text)).first()


def create_article(
    *,
    title: str,
    text: str,
    url: str = "",
    publisher: str = "",
    byline: str = "",
    published_at: datetime | None = None,
    language: str = "en",
    created_by=None,
    reason: str = "",
) -> Article:
    """Create an article, refusing a duplicate with a 409-style Conflict.

    Duplicates are found by the unique constraints on the URL and the content
    hash when the row is inserted, not by a lookup before every upload; the
    transaction is then rolled back and the stored article looked up after it
    (no savepoint, two round trips, on every upload).
    """
    text = normalize_text(text)
    title = title.strip()
    _require_present(title=title, text=text)
    article = Article(
        title=title,
        text=text,
        url=url,
        publisher=publisher.strip(),
        byline=byline.strip(),
        published_at=published_at,
        language=language or "en",
        content_hash=content_hash(title, text),
        created_by=created_by,
    )
    _validate_fields(article)
    try:
        with transaction.atomic():
            _insert(article)
            record_change(
                actor=created_by, action=HistoryEntry.Action.CREATE, instance=article,
                reason=reason, changes=created(article, RECORDED_FIELDS), article_id=article.pk,
            )  # fmt: skip
    except _AlreadyStored:
        raise _duplicate(article) from None
    return article


@transaction.atomic
def import_article(data: ArticleData, *, created_by=None) -> tuple[Article, bool]:
    """Store `data` unless it is already stored: (article, created).

    Idempotent, so re-running an import reports "unchanged" instead of failing.
    A match by URL wins even if the text differs: the stored text may carry
    claims, and a re-import must not silently replace what they point into.
    """
    title, text = data.title.strip(), normalize_text(data.text)
    existing = find_duplicate(url=data.url, title=title, text=text)
    if existing:
        return existing, False
    try:
        return create_article(**asdict(data), created_by=created_by), True
    except Conflict as exc:
        # A concurrent import stored it between our lookup and insert.
        raced = Article.objects.filter(pk=exc.extra.get("existing_id")).first()
        if raced is None:
            raise
        return raced, False


def _require_present(**values: str) -> None:
    missing = {
        name: ValidationError("Must not be empty.", code="blank")
        for name, value in values.items()
        if not value
    }
    if missing:
        raise ValidationError(missing)


def _validate_fields(article: Article) -> None:
    """Each field's own rules (lengths, URL shape), checked in Python without a query.

    Uniqueness and the CHECK constraints are left to the database, which enforces
    them on insert anyway (issue 9: three queries per upload otherwise); blank
    title and text were refused by _require_present already.
    """
    article.full_clean(
        exclude=["content_hash", "created_by"], validate_unique=False, validate_constraints=False
    )


class _AlreadyStored(Exception):
    """The insert clashed with a stored article (the transaction is rolled back)."""


def _insert(article: Article) -> None:
    try:
        article.save()
    except IntegrityError:
        raise _AlreadyStored from None


def _duplicate(article: Article) -> Conflict:
    """The same URL or the same title and text is stored (perhaps by a concurrent request)."""
    existing = find_duplicate(url=article.url, title=article.title, text=article.text)
    return Conflict(
        "url" if existing and article.url and existing.url == article.url else "text",
        "This article is already stored.",
        code="duplicate_article",
        existing_id=existing.pk if existing else None,
    )


@transaction.atomic
def update_article(
    *,
    article: Article,
    changes: dict[str, Any],
    actor=None,
    expected_version: int | None = None,
    reason: str = "",
) -> Article:
    """Apply metadata (and, while no claim exists, text) changes.

    The row is locked so a stale `expected_version` (from If-Match) is detected
    reliably; the text of an article with claims is frozen because every claim's
    offsets point into it.
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    require_version(locked, expected_version)
    _check_changes(locked, changes)
    before = snapshot(locked, RECORDED_FIELDS)
    for name, value in changes.items():
        setattr(locked, name, value.strip() if isinstance(value, str) and name != "text" else value)
    _require_present(title=locked.title, text=locked.text)
    locked.content_hash = content_hash(locked.title, locked.text)
    changed = diff(before, snapshot(locked, RECORDED_FIELDS))
    if not changed:
        return locked  # a no-op PATCH keeps the ETag, so it never makes others' 412s
    locked.full_clean(exclude=["content_hash"], validate_unique=False)
    _save_changed(locked)
    record_change(actor=actor, action=HistoryEntry.Action.UPDATE, instance=locked,
                  changes=changed, reason=reason, article_id=locked.pk)  # fmt: skip
    return locked


def _check_changes(locked: Article, changes: dict[str, Any]) -> None:
    """Only editable fields; normalised text, which is frozen once claims point into it."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            {name: ValidationError("Cannot be changed.", code="read_only") for name in unknown}
        )
    if "text" in changes:
        changes["text"] = normalize_text(changes["text"])
        if changes["text"] != locked.text and locked.claims.exists():
            raise Conflict(
                "text",
                "The text of an article with claims cannot change: claims are anchored to it.",
                code="text_frozen",
            )


def _save_changed(locked: Article) -> None:
    bump_version(locked)
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError:
        raise Conflict(
            "url",
            "Another article already has this URL or the same title and text.",
            code="duplicate_article",
        ) from None
    locked.refresh_from_db()


@transaction.atomic
def delete_article(
    *, article: Article, actor=None, expected_version: int | None = None, reason: str = ""
) -> None:
    """Delete an article and its draft claims; refuse if any claim was ever published.

    Published fact-checks must not vanish as a side effect of tidying articles.
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    require_version(locked, expected_version)
    if locked.claims.filter(publications__isnull=False).exists():
        raise Conflict(
            "article",
            "This article has published fact-checks and cannot be deleted; "
            "retract the claims instead.",
            code="has_published_claims",
        )
    for claim in locked.claims.all():
        delete_claim(claim=claim, actor=actor, reason=reason or "Its article was deleted.")
    removed = snapshot(locked, RECORDED_FIELDS)
    record_change(
        actor=actor, action=HistoryEntry.Action.DELETE, instance=locked, reason=reason,
        changes={name: [value, None] for name, value in removed.items()}, article_id=locked.pk,
    )  # fmt: skip
    locked.delete()
