"""Background task of claim matching (Tasks API; a worker runs it: README, "Background jobs").

After an import of ClaimReviews, the new records' vectors are computed here rather
than by the first queries that meet them (about 0.1 ms of CPU a record, so minutes
for a 10,000-record feed on a busy machine: far too long for the import command,
which must stay above 1,000 records/s, and for a query's latency budget).
Idempotent: it computes only the vectors that are missing or stale, so two of
them queued by two imports do the work once.
"""

from django_tasks import task

from matching import services


@task()
def fill_match_vectors() -> dict:
    """Compute missing matching vectors, then tidy the full-text indexes (PostgreSQL)."""
    computed = services.fill_missing_vectors()
    services.tidy_indexes()
    return {"computed": computed}


def on_claimreviews_imported(sender, **kwargs) -> None:
    """Receiver of claimreviews.signals.claimreviews_imported: queue the vectors, nothing more."""
    fill_match_vectors.enqueue()
