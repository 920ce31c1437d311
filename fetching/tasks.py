"""The background tasks (Django's Tasks API). Each is idempotent and retries itself, bounded.

Workers run them: `manage.py db_worker` (README, "Background jobs"). Arguments are
ids, never objects: the task row stores them as JSON until a worker picks it up.
"""

from django_tasks import task

from fetching import archiving, runs


@task()
def import_url(job_id: str) -> dict:
    """Fetch a URL, extract the article and store it (or a new revision of it)."""
    return runs.run_job(job_id, import_url)


@task()
def check_article(job_id: str) -> dict:
    """Re-fetch a URL-imported article; a changed text becomes a revision."""
    return runs.run_job(job_id, check_article)


@task()
def archive_source(source_id: int) -> dict:
    """Fetch a source link and store its archived copy."""
    return archiving.run(source_id, archive_source)
