"""Archiving source links: when a source is added (or its URL changes), a task fetches it.

Adding a source never waits: the source service sends annotations.signals
source_link_added inside its transaction, and the receiver here only enqueues
(one INSERT with the database backend). The task fetches the link through the
guarded fetcher and stores final URL, HTTP status, title, extracted text,
SHA-256 of the body and fetch time on the source's SourceArchive row; a
failure is stored with its reason and retried like any job (fetching.jobs).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from annotations.models import Source, SourceArchive
from factcheck import limits
from fetching import extract, fetcher, guard, jobs

logger = logging.getLogger(__name__)


def on_source_link_added(sender, *, source: Source, **kwargs) -> None:
    """Receiver of annotations.signals.source_link_added: queue the archiving, nothing more."""
    if settings.FACTCHECK_ARCHIVE_SOURCES:
        from fetching.tasks import archive_source

        jobs.defer(archive_source, source.pk)


def run(source_id: int, task) -> dict:
    """Archive source `source_id` now; idempotent (a done archive of the same URL is kept)."""
    source = Source.objects.filter(pk=source_id).only("id", "url").first()
    if source is None:
        return {"source": source_id, "skipped": "source deleted"}
    archive = _queued_archive(source)
    if archive is None:
        return {"source": source_id, "skipped": "already archived or running"}
    if not jobs.claim_row(SourceArchive, archive.pk, attempts=F("attempts") + 1):
        return {"source": source_id, "skipped": "claimed by another worker"}
    archive.refresh_from_db()
    _fetch_into(archive, task)
    archive.refresh_from_db()
    return {"source": source_id, "status": archive.status}


def _queued_archive(source: Source) -> SourceArchive | None:
    """The source's archive row, queued for its current URL; None if nothing is to be done."""
    archive, created = SourceArchive.objects.get_or_create(
        source=source, defaults={"url": source.url}
    )
    if created:
        return archive
    if archive.url != source.url:  # the link changed: archive the new one from scratch
        SourceArchive.objects.filter(pk=archive.pk).update(
            url=source.url, status=SourceArchive.Status.QUEUED, attempts=0, reason="",
            next_attempt_at=None,
        )  # fmt: skip
        return archive
    return archive if archive.status == SourceArchive.Status.QUEUED else None


def _fetch_into(archive: SourceArchive, task) -> None:
    try:
        page = fetcher.fetch(archive.url)
    except (fetcher.FetchError, guard.RefusedURL) as error:
        _failed(archive, error, task)
        return
    except Exception:
        logger.exception("archiving source %s failed unexpectedly", archive.source_id)
        _failed(archive, fetcher.FetchError("Internal error; it has been logged.", "internal"),
                task)  # fmt: skip
        return
    title, text = _readable(page)
    SourceArchive.objects.filter(pk=archive.pk).update(
        status=SourceArchive.Status.DONE, final_url=page.final_url[:2000], http_status=page.status,
        title=title[:500], text=text[: limits.ARTICLE_TEXT], sha256=page.sha256,
        fetched_at=page.fetched_at, reason="", next_attempt_at=None,
    )  # fmt: skip


def _readable(page: fetcher.FetchedPage) -> tuple[str, str]:
    """Title and main text; a page without an extractable article keeps its raw text."""
    try:
        data = extract.article_from_page(page)
    except extract.ExtractionError:
        return "", page.text if not page.is_html else ""
    return data.title, data.text


def _failed(archive: SourceArchive, error, task) -> None:
    status = getattr(error, "status", None)
    if getattr(error, "transient", False) and archive.attempts < jobs.max_attempts():
        when = timezone.now() + jobs.retry_delay(archive.attempts)
        with transaction.atomic():
            SourceArchive.objects.filter(pk=archive.pk).update(
                status=SourceArchive.Status.QUEUED, http_status=status, next_attempt_at=when,
                reason=jobs.describe_retry(error.message, archive.attempts, jobs.max_attempts(),
                                           when),
            )  # fmt: skip
            jobs.defer(task, archive.source_id, run_after=when)
        return
    SourceArchive.objects.filter(pk=archive.pk).update(
        status=SourceArchive.Status.FAILED, http_status=status, reason=error.message,
        next_attempt_at=None, fetched_at=timezone.now(),
    )  # fmt: skip
