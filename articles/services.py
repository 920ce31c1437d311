"""Writing articles: the one place the rules live for the API, UI, admin and commands."""

import hashlib
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from annotations.anchoring import normalize_newlines
from annotations.models import Claim
from annotations.permissions import can_publish
from annotations.services import (
    AnchoringResult,
    correct_claim,
    current_publication,
    delete_claim,
    reanchor_claims,
)
from annotations.services.deletion import require_deletable
from articles import revisions
from articles.importing import ArticleData
from articles.models import Article, ArticleRevision
from factcheck.concurrency import bump_version, require_version
from factcheck.errors import Conflict
from history.models import HistoryEntry
from history.services import NEW_ROW, created, diff, insert_with_history, record_change, snapshot

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
    # The article and its history row are one statement, atomic without a transaction
    # of our own; inside the caller's (an import), a savepoint keeps it usable after a
    # duplicate.
    nested = transaction.get_connection().in_atomic_block
    try:
        with transaction.atomic() if nested else nullcontext():
            insert_with_history(
                article, actor=created_by, action=HistoryEntry.Action.CREATE, reason=reason,
                changes=created(article, RECORDED_FIELDS), article_id=NEW_ROW,
            )  # fmt: skip
    except IntegrityError:
        raise _duplicate(article) from None
    return article


@dataclass(frozen=True)
class ImportResult:
    """What an import did: "imported", "unchanged" or "revised" (a new text for a known URL)."""

    article: Article
    status: str
    anchoring: list[AnchoringResult] = field(default_factory=list)

    @property
    def created(self) -> bool:
        return self.status == "imported"


@transaction.atomic
def import_article(data: ArticleData, *, created_by=None) -> tuple[Article, bool]:
    """Store `data` unless it is already stored: (article, created). See import_or_revise."""
    result = import_or_revise(data, actor=created_by)
    return result.article, result.created


@transaction.atomic
def import_or_revise(data: ArticleData, *, actor=None, origin: str = "import") -> ImportResult:
    """Store `data`, or, for a stored URL whose text changed, record the new text as a revision.

    Idempotent: importing the same thing again reports "unchanged". The same
    canonical URL never becomes a second article: a changed text becomes a new
    revision of the stored one, its claims re-anchored (same rules as a PATCH,
    including who may change the text of an article with a published fact-check;
    `actor` None is an operator's command or a system job).
    """
    title, text = data.title.strip(), normalize_text(data.text)
    existing = find_duplicate(url=data.url, title=title, text=text)
    if existing and data.url and existing.url == data.url and existing.text != text:
        change = change_article(article=existing, changes={"text": text}, actor=actor,
                                origin=origin, reason="Re-imported from its URL.")  # fmt: skip
        return ImportResult(change.article, "revised", change.anchoring)
    if existing:
        return ImportResult(existing, "unchanged")
    try:
        return ImportResult(create_article(**asdict(data), created_by=actor), "imported")
    except Conflict as exc:
        # A concurrent import stored it between our lookup and insert.
        raced = Article.objects.filter(pk=exc.extra.get("existing_id")).first()
        if raced is None:
            raise
        return ImportResult(raced, "unchanged")


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
    title and text were refused by _require_present already; "revision" is set by
    the services only.
    """
    article.full_clean(
        exclude=["content_hash", "created_by", "revision"],
        validate_unique=False,
        validate_constraints=False,
    )


def _duplicate(article: Article) -> Conflict:
    """The same URL or the same title and text is stored (perhaps by a concurrent request)."""
    existing = find_duplicate(url=article.url, title=article.title, text=article.text)
    return Conflict(
        "url" if existing and article.url and existing.url == article.url else "text",
        "This article is already stored.",
        code="duplicate_article",
        existing_id=existing.pk if existing else None,
    )


@dataclass(frozen=True)
class ArticleChange:
    """An updated article and, when its text changed, each claim's re-anchoring outcome."""

    article: Article
    anchoring: list[AnchoringResult] = field(default_factory=list)


def update_article(**kwargs) -> Article:
    """change_article() for callers that only need the article (admin, older code)."""
    return change_article(**kwargs).article


@transaction.atomic
def change_article(
    *,
    article: Article,
    changes: dict[str, Any],
    actor=None,
    expected_version: int | None = None,
    reason: str = "",
    origin: str = ArticleRevision.Origin.EDIT,
) -> ArticleChange:
    """Apply metadata and text changes; a new text adds a revision and re-anchors the claims.

    The row is locked first: a stale `expected_version` (from If-Match) is then
    detected reliably, and no claim can be created against the old text while the
    new one is saved (create_claim takes the same lock; SECURITY-CASES #45).
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    require_version(locked, expected_version)
    _check_changes(locked, changes)
    before = snapshot(locked, RECORDED_FIELDS)
    old_text, old_title = locked.text, locked.title
    for name, value in changes.items():
        setattr(locked, name, value.strip() if isinstance(value, str) and name != "text" else value)
    _require_present(title=locked.title, text=locked.text)
    text_changed = locked.text != old_text
    require_editor_once_published(locked, _changed_fields(before, locked, text_changed), actor)
    if text_changed:
        locked.revision += 1
        locked.revised_at = timezone.now()
    locked.content_hash = content_hash(locked.title, locked.text)
    changed = diff(before, snapshot(locked, RECORDED_FIELDS))
    if not changed:
        return ArticleChange(locked)  # a no-op PATCH keeps the ETag: no one else gets a 412
    if text_changed:
        changed["revision"] = [locked.revision - 1, locked.revision]
    locked.full_clean(exclude=["content_hash", "revision"], validate_unique=False)
    _save_changed(locked)
    record_change(actor=actor, action=HistoryEntry.Action.UPDATE, instance=locked,
                  changes=changed, reason=reason, article_id=locked.pk)  # fmt: skip
    _publish_as_correction(locked, changed, actor=actor, reason=reason)
    if not text_changed:
        return ArticleChange(locked)
    revisions.record_revision(locked=locked, before_text=old_text, before_title=old_title,
                              actor=actor, origin=origin, reason=reason)  # fmt: skip
    outcomes = reanchor_claims(article=locked, text=locked.text, revision=locked.revision,
                               actor=actor)  # fmt: skip
    return ArticleChange(locked, outcomes)


def _changed_fields(before: dict, locked: Article, text_changed: bool) -> set[str]:
    after = snapshot(locked, RECORDED_FIELDS)
    names = {name for name in RECORDED_FIELDS if before[name] != after[name]}
    return (names - {"content_hash"}) | ({"text"} if text_changed else set())


# Once an article carries a published fact-check, these change only by an editor (or an
# operator's command or a system job, which act without a user), recorded in the history.
# The public page and ClaimReview show them at once: a reviewer's PATCH must not put a
# phishing link on the organisation's fact-check (issue 8).
EDITOR_ONLY_ONCE_PUBLISHED = ("text", "url", "title", "publisher", "byline")
# An editor's change to these is also published as a correction of each published claim
# (a new text instead becomes a revision, which the fact-check page already shows).
CORRECTED_ONCE_PUBLISHED = ("url", "title", "publisher", "byline")


def require_editor_once_published(locked: Article, changed: set[str], actor) -> None:
    """Refuse (409) a change to EDITOR_ONLY_ONCE_PUBLISHED fields of a published article
    by anyone but an editor; `actor` None is an operator or a system job."""
    guarded = sorted(changed & set(EDITOR_ONLY_ONCE_PUBLISHED))
    if not guarded or actor is None or can_publish(actor):
        return
    if locked.claims.filter(publications__isnull=False).exists():
        raise Conflict(
            guarded[0],
            "This article has a published fact-check: only an editor may change its "
            + ", ".join(guarded)
            + ".",
            code="published_article_editor_only",
        )


def _publish_as_correction(locked: Article, changed: dict, *, actor, reason: str) -> None:
    """Record an editor's change to CORRECTED_ONCE_PUBLISHED fields like a correction.

    Each published claim of the article gets a correction (annotations' correct_claim:
    the same rating and rationale, with a note saying what changed), so the change is
    dated on its public page, in its ClaimReview, in the corrections log and feeds.
    Retracted claims keep their record; the history row covers them.
    """
    fields = [name for name in CORRECTED_ONCE_PUBLISHED if name in changed]
    if not fields or actor is None:
        return
    published = locked.claims.filter(status=Claim.Status.PUBLISHED).order_by("id")
    if not published.exists():
        return
    what = "; ".join(
        _("%(field)s “%(old)s” → “%(new)s”")
        % {"field": name, "old": changed[name][0] or "", "new": changed[name][1] or ""}
        for name in fields
    )
    note = _("The article's details were corrected: %(what)s.") % {"what": what}
    if reason:
        note = f"{note} {reason}"
    for claim in published:
        current = current_publication(claim)
        correct_claim(claim=claim, editor=actor, rating=current.rating,
                      rationale=current.rationale, note=note, reason=reason or note)  # fmt: skip


def _check_changes(locked: Article, changes: dict[str, Any]) -> None:
    """Only editable fields; the text is normalised (LF line breaks, no NUL)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            {name: ValidationError("Cannot be changed.", code="read_only") for name in unknown}
        )
    if "text" in changes:
        changes["text"] = normalize_text(changes["text"])


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

    Published fact-checks must not vanish as a side effect of tidying articles, nor
    other people's claims, sources and verdicts as a side effect of a reviewer
    deleting the article they added (a 409 counting them; annotations deletion rules).
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
    require_deletable("article", locked.pk, locked.claims.all(), actor)
    for claim in locked.claims.all():
        delete_claim(claim=claim, actor=actor, reason=reason or "Its article was deleted.")
    removed = snapshot(locked, RECORDED_FIELDS)
    record_change(
        actor=actor, action=HistoryEntry.Action.DELETE, instance=locked, reason=reason,
        changes={name: [value, None] for name, value in removed.items()}, article_id=locked.pk,
    )  # fmt: skip
    locked.delete()
