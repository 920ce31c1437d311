"""Starting jobs: a URL import someone asked for, and the periodic checks of watched articles.

start_url_import() vets the URL synchronously, so a refused URL is a 400 naming
the reason before any connection is made; the fetch itself is a background task.
schedule_checks() is what `manage.py check_articles` runs from cron.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from factcheck import weburls
from fetching import guard, jobs
from fetching.models import Job, WatchedArticle

# A job still "running" this long after it started lost its worker (killed, machine gone).
STALE_AFTER = timedelta(minutes=10)


def start_url_import(*, url: str, user) -> Job:
    """Vet `url` (guard.RefusedURL if refused), then queue its import; the queued Job."""
    from fetching.tasks import import_url

    # The rule for every stored address first (no DNS lookup for what we would not
    # store); scheme and host problems are left to the guard, whose codes say more.
    problem = weburls.web_url_problem(url.strip())
    if problem and problem[1] != "invalid_url":
        raise guard.RefusedURL(*problem)
    target = guard.vet_url(url)
    with transaction.atomic():
        job = Job.objects.create(kind=Job.Kind.URL_IMPORT, url=target.url, requested_by=user,
                                 max_attempts=jobs.max_attempts())  # fmt: skip
        jobs.defer(import_url, str(job.pk))
    job.refresh_from_db()  # an in-process backend has run it by now
    return job


def next_check(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(hours=settings.FACTCHECK_ARTICLE_CHECK_HOURS)


def schedule_checks(*, now: datetime | None = None, all_articles: bool = False) -> list[Job]:
    """Queue a check of every watched article that is due (or of all); the jobs queued."""
    from fetching.tasks import check_article

    now = now or timezone.now()
    due = WatchedArticle.objects.all() if all_articles else WatchedArticle.objects.filter(
        next_check_at__lte=now
    )  # fmt: skip
    queued = []
    for watched in due.order_by("next_check_at")[:1000]:
        with transaction.atomic():
            job = Job.objects.create(kind=Job.Kind.ARTICLE_CHECK, url=watched.url,
                                     article_id=watched.article_id,
                                     max_attempts=jobs.max_attempts())  # fmt: skip
            WatchedArticle.objects.filter(pk=watched.pk).update(next_check_at=next_check(now))
            jobs.defer(check_article, str(job.pk))
        queued.append(job)
    return queued


def requeue_stale(*, now: datetime | None = None) -> int:
    """Put back in the queue the jobs whose worker died mid-run; how many."""
    from fetching.tasks import check_article, import_url

    tasks = {Job.Kind.URL_IMPORT: import_url, Job.Kind.ARTICLE_CHECK: check_article}
    cutoff = (now or timezone.now()) - STALE_AFTER
    stale = list(Job.objects.filter(status=Job.Status.RUNNING, started_at__lt=cutoff))
    for job in stale:
        with transaction.atomic():
            moved = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                status=Job.Status.QUEUED, reason="Its worker stopped; queued again."
            )
            if moved:
                jobs.defer(tasks[job.kind], str(job.pk))
    return len(stale)
