"""`manage.py check_articles`: queue a re-fetch of every URL-imported article that is due.

Run it from cron (every 15 minutes is plenty; FACTCHECK_ARTICLE_CHECK_HOURS sets how
often each article is checked). It only queues: workers (`manage.py db_worker`) fetch.
It also puts back in the queue jobs whose worker died mid-run.
"""

from django.core.management.base import BaseCommand

from fetching.scheduling import requeue_stale, schedule_checks


class Command(BaseCommand):
    help = (
        "Queue a check for changes of every URL-imported article that is due (see "
        "FACTCHECK_ARTICLE_CHECK_HOURS), and requeue jobs left running by a dead worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Check every watched article now, due or not."
        )

    def handle(self, *args, all: bool = False, **options) -> None:
        requeued = requeue_stale()
        queued = schedule_checks(all_articles=all)
        self.stdout.write(f"queued {len(queued)} article checks; requeued {requeued} stale jobs")
