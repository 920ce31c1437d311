"""Job runs: URL imports and article checks, with their state on the Job row.

run_job() claims the job (queued -> running), does the work, and leaves it done
with its result, queued again for a retry (transient failures, bounded), or
failed with the reason in words. Whatever goes wrong, the row says so: an
unexpected error is logged with its traceback and the job fails as "internal error".
"""

import logging
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from articles.services import import_or_revise
from factcheck.errors import Conflict
from fetching import extract, fetcher, guard, jobs
from fetching.models import Job, WatchedArticle
from fetching.scheduling import next_check

logger = logging.getLogger(__name__)


def run_job(job_id: str, task) -> dict:
    """Run the job `job_id` once; `task` is the task to enqueue again for a retry."""
    if not jobs.claim_row(Job, job_id, started_at=timezone.now(), attempts=F("attempts") + 1):
        return {"job": str(job_id), "skipped": "not queued"}  # delivered twice, or finished
    job = Job.objects.select_related("requested_by", "article").get(pk=job_id)
    work = _WORK[job.kind]
    try:
        result = work(job)
    except (fetcher.FetchError, guard.RefusedURL, extract.ExtractionError) as error:
        _failed(job, error.message, transient=getattr(error, "transient", False), task=task)
    except (ValidationError, Conflict) as error:
        _failed(job, _message(error), transient=False, task=task)
    except Exception:
        logger.exception("job %s (%s) failed unexpectedly", job.pk, job.kind)
        _failed(job, "Internal error; it has been logged.", transient=False, task=task)
    else:
        _done(job, result)
    job.refresh_from_db()
    return {"job": str(job.pk), "status": job.status}


def import_url_work(job: Job) -> dict:
    page = fetcher.fetch(job.url)
    data = extract.article_from_page(page)
    result = import_or_revise(data, actor=job.requested_by, origin="import")
    watch(result.article, url=job.url, sha256=page.sha256)
    job.article = result.article
    return {"outcome": result.status, "anchoring": [r.as_dict() for r in result.anchoring]}


def check_article_work(job: Job) -> dict:
    """Re-fetch; an unchanged body costs nothing more, a changed text becomes a revision."""
    watched = WatchedArticle.objects.select_related("article").get(article_id=job.article_id)
    page = fetcher.fetch(watched.url)
    watched.last_checked_at = timezone.now()
    if page.sha256 == watched.last_body_sha256:
        watched.save(update_fields=["last_checked_at"])
        return {"outcome": "unchanged"}
    data = extract.article_from_page(page)
    data = replace(data, url=watched.article.url or data.url)
    result = import_or_revise(data, actor=None, origin="check")
    watched.last_body_sha256 = page.sha256
    watched.save(update_fields=["last_checked_at", "last_body_sha256"])
    return {"outcome": result.status, "anchoring": [r.as_dict() for r in result.anchoring]}


def watch(article, *, url: str, sha256: str) -> WatchedArticle:
    """Keep checking `article` at `url` (the address it was imported from)."""
    watched, _ = WatchedArticle.objects.update_or_create(
        article=article,
        defaults={"url": url, "last_body_sha256": sha256, "last_checked_at": timezone.now(),
                  "next_check_at": next_check()},
    )  # fmt: skip
    return watched


_WORK = {Job.Kind.URL_IMPORT: import_url_work, Job.Kind.ARTICLE_CHECK: check_article_work}


def _done(job: Job, result: dict) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, result=result, article=job.article, reason="",
        finished_at=timezone.now(), next_attempt_at=None,
    )  # fmt: skip


def _failed(job: Job, message: str, *, transient: bool, task) -> None:
    if transient and job.attempts < job.max_attempts:
        when = timezone.now() + jobs.retry_delay(job.attempts)
        with transaction.atomic():
            Job.objects.filter(pk=job.pk).update(
                status=Job.Status.QUEUED, next_attempt_at=when,
                reason=jobs.describe_retry(message, job.attempts, job.max_attempts, when),
            )  # fmt: skip
            jobs.defer(task, str(job.pk), run_after=when)
        return
    if job.attempts > 1:
        message = f"{message} (gave up after {job.attempts} attempts)"
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.FAILED, reason=message, finished_at=timezone.now(), next_attempt_at=None
    )


def _message(error: Exception) -> str:
    if isinstance(error, Conflict):
        return error.message
    return " ".join(getattr(error, "messages", [str(error)]))
