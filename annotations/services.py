"""Writing claims, sources, verdicts and publications.

Every interface (API, reviewer UI, admin, commands) calls these functions, so
the rules live here once. Services raise Django's ValidationError keyed by
field (-> 400) or factcheck.errors.Conflict (-> 409); permission checks are the
caller's job (annotations.permissions), done before calling.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from annotations import anchoring
from annotations.models import Claim, Publication, Source, Verdict
from annotations.ratings import Rating
from articles.models import Article
from factcheck.concurrency import bump_version, require_version
from factcheck.errors import Conflict

CLAIM_EDITABLE_FIELDS = ("statement", "claimant")
SOURCE_EDITABLE_FIELDS = ("url", "title", "publisher", "published_at", "excerpt", "stance")
VERDICT_EDITABLE_FIELDS = ("rating", "rationale")


def _invalid(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _require_text(field: str, value: str) -> None:
    if not value or not value.strip():
        raise _invalid(field, "Must not be empty.", "blank")


def _require_rating(value: str) -> None:
    if value not in Rating.values:
        allowed = ", ".join(Rating.values)
        raise _invalid("rating", f"{value!r} is not a rating. Allowed: {allowed}.", "invalid_choice")


# --- claims -------------------------------------------------------------------------------


@transaction.atomic
def create_claim(
    *,
    article: Article,
    author,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
    statement: str = "",
    claimant: str = "",
) -> Claim:
    """Anchor a new claim in `article` from offsets or from a quote.

    Offsets are code points (see annotations.anchoring). The server computes
    quote, prefix and suffix itself; a duplicate span is a Conflict naming the
    existing claim, including when a concurrent request inserted it first.
    """
    try:
        anchor = anchoring.resolve_anchor(
            article.text, start=start, end=end, quote=quote, prefix=prefix, suffix=suffix
        )
    except anchoring.AnchoringError as error:
        raise _invalid(error.field, error.message, error.code) from None
    existing = Claim.objects.filter(article=article, start=anchor.start, end=anchor.end).first()
    if existing:
        raise _duplicate_claim(existing)
    claim = Claim(
        article=article, start=anchor.start, end=anchor.end, quote=anchor.quote,
        prefix=anchor.prefix, suffix=anchor.suffix, statement=statement.strip(),
        claimant=claimant.strip(), created_by=author,
    )
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError:
        raise _duplicate_claim(
            Claim.objects.filter(article=article, start=anchor.start, end=anchor.end).first()
        ) from None
    return claim


def _duplicate_claim(existing: Claim | None) -> Conflict:
    return Conflict(
        "start", "A claim already covers exactly this span.", code="duplicate_claim",
        existing_id=existing.pk if existing else None,
    )


@transaction.atomic
def update_claim(*, claim: Claim, changes: dict[str, Any], expected_version: int | None = None) -> Claim:
    """Change what a reviewer wrote about a claim; the anchored span never moves."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    require_version(locked, expected_version)
    _refuse_unknown(changes, CLAIM_EDITABLE_FIELDS)
    for name, value in changes.items():
        setattr(locked, name, value.strip())
    bump_version(locked)
    locked.save()
    locked.refresh_from_db()
    return locked


@transaction.atomic
def delete_claim(*, claim: Claim, expected_version: int | None = None) -> None:
    """Delete a draft claim with its sources and verdicts; published ones are kept forever."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    require_version(locked, expected_version)
    if locked.publications.exists():
        raise Conflict("status", "A claim that was published cannot be deleted; retract it "
                       "instead.", code="published_claim_undeletable", status=locked.status)
    locked.delete()


def _refuse_unknown(changes: dict[str, Any], editable: tuple[str, ...]) -> None:
    unknown = sorted(set(changes) - set(editable))
    if unknown:
        raise ValidationError(
            {name: ValidationError("Cannot be changed.", code="read_only") for name in unknown}
        )


# --- sources ------------------------------------------------------------------------------


def validate_source_url(url: str) -> str:
    """Only absolute http(s) URLs with a host; anything else could run in a browser."""
    from urllib.parse import urlsplit

    cleaned = (url or "").strip()
    parts = urlsplit(cleaned)
    if cleaned != url.strip() or parts.scheme not in ("http", "https") or not parts.hostname:
        raise _invalid("url", "Must be an http or https address with a host.", "invalid_url")
    if any(ord(ch) < 33 for ch in cleaned):
        raise _invalid("url", "Must not contain spaces or control characters.", "invalid_url")
    if len(cleaned) > Source._meta.get_field("url").max_length:
        raise _invalid("url", "Is longer than 2000 characters.", "max_length")
    return cleaned


@transaction.atomic
def add_source(*, claim: Claim, added_by, url: str, stance: str = Source.Stance.CONTEXT,
               title: str = "", publisher: str = "", published_at=None, excerpt: str = "") -> Source:
    """Attach evidence to a claim; the same URL twice on one claim is a Conflict."""
    source = Source(
        claim=claim, added_by=added_by, url=validate_source_url(url), stance=stance,
        title=title.strip(), publisher=publisher.strip(), published_at=published_at,
        excerpt=excerpt.strip(),
    )
    source.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:
        raise Conflict("url", "This source is already attached to the claim.",
                       code="duplicate_source") from None
    return source


@transaction.atomic
def update_source(*, source: Source, changes: dict[str, Any], expected_version: int | None = None) -> Source:
    locked = Source.objects.select_for_update().get(pk=source.pk)
    require_version(locked, expected_version)
    _refuse_unknown(changes, SOURCE_EDITABLE_FIELDS)
    if "url" in changes:
        changes["url"] = validate_source_url(changes["url"])
    for name, value in changes.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.full_clean(validate_unique=False, validate_constraints=False)
    bump_version(locked)
    try:
        with transaction.atomic():
            locked.save()
    except IntegrityError:
        raise Conflict("url", "This source is already attached to the claim.",
                       code="duplicate_source") from None
    locked.refresh_from_db()
    return locked


@transaction.atomic
def delete_source(*, source: Source, expected_version: int | None = None) -> None:
    locked = Source.objects.select_for_update().get(pk=source.pk)
    require_version(locked, expected_version)
    locked.delete()


# --- verdicts -----------------------------------------------------------------------------


@transaction.atomic
def record_verdict(*, claim: Claim, reviewer, rating: str, rationale: str) -> Verdict:
    """A reviewer's first verdict on a claim; a second one is a Conflict naming the first."""
    _require_rating(rating)
    _require_text("rationale", rationale)
    existing = Verdict.objects.filter(claim=claim, reviewer=reviewer).first()
    if existing:
        raise _duplicate_verdict(existing)
    verdict = Verdict(claim=claim, reviewer=reviewer, rating=rating, rationale=rationale.strip())
    try:
        with transaction.atomic():
            verdict.save()
    except IntegrityError:
        raise _duplicate_verdict(Verdict.objects.filter(claim=claim, reviewer=reviewer).first()) from None
    return verdict


def _duplicate_verdict(existing: Verdict | None) -> Conflict:
    return Conflict(
        "claim", "You already gave a verdict on this claim; edit it instead.",
        code="duplicate_verdict", existing_id=existing.pk if existing else None,
    )


@transaction.atomic
def update_verdict(*, verdict: Verdict, changes: dict[str, Any], expected_version: int | None = None) -> Verdict:
    locked = Verdict.objects.select_for_update().get(pk=verdict.pk)
    require_version(locked, expected_version)
    _refuse_unknown(changes, VERDICT_EDITABLE_FIELDS)
    if "rating" in changes:
        _require_rating(changes["rating"])
    if "rationale" in changes:
        _require_text("rationale", changes["rationale"])
        changes["rationale"] = changes["rationale"].strip()
    for name, value in changes.items():
        setattr(locked, name, value)
    bump_version(locked)
    locked.save()
    locked.refresh_from_db()
    return locked


@transaction.atomic
def delete_verdict(*, verdict: Verdict, expected_version: int | None = None) -> None:
    locked = Verdict.objects.select_for_update().get(pk=verdict.pk)
    require_version(locked, expected_version)
    locked.delete()


# --- publication --------------------------------------------------------------------------


@transaction.atomic
def publish_claim(*, claim: Claim, editor, rating: str, rationale: str, note: str = "") -> Claim:
    """Publish an editor's verdict; publishing again with a note records a correction.

    The claim row is locked, so two editors publishing at once end with one
    publication and one Conflict (the second sees the claim already published
    and gave no correction note). Earlier publications are always kept.
    """
    _require_rating(rating)
    _require_text("rationale", rationale)
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if not locked.sources.exists():
        raise _invalid("sources", "Attach at least one source before publishing.", "no_sources")
    already_published = locked.status == Claim.Status.PUBLISHED
    if already_published and not note.strip():
        raise Conflict("status", "This claim is already published; give a note to publish a "
                       "correction.", code="already_published", current_status=locked.status)
    kind = Publication.Kind.CORRECTION if already_published else Publication.Kind.PUBLICATION
    now = timezone.now()
    Publication.objects.create(claim=locked, kind=kind, rating=rating,
                               rationale=rationale.strip(), note=note.strip(), editor=editor,
                               published_at=now)
    locked.status = Claim.Status.PUBLISHED
    locked.rating = rating
    locked.published_by = editor
    locked.published_at = now
    bump_version(locked)
    locked.save()
    locked.refresh_from_db()
    return locked


def current_publication(claim: Claim) -> Publication | None:
    """The latest publication of a claim, or None while it is unpublished."""
    return claim.publications.order_by("-published_at", "-id").first()
