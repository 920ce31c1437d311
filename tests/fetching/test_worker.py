"""A real worker process (`manage.py db_worker`) runs the queue against PostgreSQL.

The rest of the suite runs tasks in-process (the immediate backend). Here the job is
queued through the database backend by this process, and a separate worker process,
as in production, picks it up, fetches a local page (retrying once after a 503),
stores the article and leaves the job done. SQLite is skipped: the test database
there lives in this process's memory, out of the worker's reach.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from articles.models import Article
from fetching.models import Job
from fetching.scheduling import start_url_import
from tests.fetching.servers import send

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker is another process: it needs a database server (PostgreSQL), "
        "not this process's SQLite test database",
    ),
]

PAGE = (
    "<html><head><title>Worker test</title></head><body><article><h1>Worker test</h1>"
    "<p>A separate worker process fetched this page after one failed attempt, and stored "
    "it as an article for the review desk.</p></article></body></html>"
)


def _worker_env() -> dict:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "1",  # the loopback test setting is refused with DEBUG off
        "FACTCHECK_TASKS": "database",
        "FACTCHECK_FETCH_ALLOW_LOOPBACK": "1",
        "FACTCHECK_FETCH_RETRY_SECONDS": "0",
    }


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_worker_process_runs_a_url_import_with_a_retry(site, reviewer):
    answers = iter([503, 200])
    site.route(
        "/story",
        lambda r: (
            lambda status: send(r, status, PAGE.encode() if status == 200 else b"busy", "text/html")
        )(next(answers)),
    )
    job = start_url_import(url=site.url("/story"), user=reviewer)
    assert job.status == "queued"  # nothing ran in this process

    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload",
         "--interval", "0"],
        cwd=ROOT, env=_worker_env(), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert worker.returncode == 0, worker.stderr[-2000:]
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result["outcome"]) == ("done", 2, "imported"), job.reason
    assert Article.objects.get().title == "Worker test"
    assert len(site.requests) == 2
    assert Job.objects.count() == 1
