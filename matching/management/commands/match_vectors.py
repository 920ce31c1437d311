"""Compute the matching vectors of every stored fact-check that has none.

    python manage.py match_vectors

Run after a large `import_claimreviews`: POST /api/v1/match/ fills missing
vectors lazily too, but the first queries after a 10,000-record import would
each pay for the records they meet (about 0.1 ms a record). On PostgreSQL it
also merges the full-text indexes' pending lists and refreshes the planner's
statistics, which autovacuum would otherwise do some time later.
"""

from django.core.management.base import BaseCommand

from matching import services


class Command(BaseCommand):
    help = "Compute the claim-matching vectors of stored fact-checks that have none."

    def handle(self, *args, **options):
        done = services.fill_missing_vectors()
        services.tidy_indexes()
        self.stdout.write(f"{done} vectors computed.")
