"""Running background work: idempotent starts, bounded retries with a growing delay.

The Tasks API runs a task; it does not retry one. Here a transient failure
(timeout, connection refused, HTTP 5xx or 429) enqueues the task again with
`run_after` set FACTCHECK_FETCH_RETRY_SECONDS later, then twice as long, four
times..., capped at MAX_DELAY, until FACTCHECK_FETCH_MAX_ATTEMPTS attempts have
run; then the failure is final and its reason stays on the row.

Every task is idempotent: it first moves its row from queued to running with a
conditional UPDATE, so a task delivered twice, or run by two workers, does the
work once; a finished row is never redone.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)

MAX_DELAY = timedelta(hours=6)


def retry_delay(attempt: int) -> timedelta:
    """Wait after failed attempt number `attempt` (1-based): base, 2 x base, 4 x base..."""
    base = timedelta(seconds=settings.FACTCHECK_FETCH_RETRY_SECONDS)
    return min(base * (2 ** max(0, attempt - 1)), MAX_DELAY)


def max_attempts() -> int:
    return settings.FACTCHECK_FETCH_MAX_ATTEMPTS


def defer(task, *args, run_after=None):
    """Enqueue `task(*args)` so it runs after the caller's transaction commits.

    A database backend stores the task row in the caller's transaction, one INSERT,
    so the row and the data it refers to commit together. An in-process backend
    (the immediate one, in tests) runs the task on commit, as a worker would see it;
    it cannot wait, so `run_after` is dropped there and a retry runs at once.
    """
    backend = task.get_backend()
    if isinstance(backend, ImmediateBackend):
        transaction.on_commit(lambda: task.enqueue(*args))
        return
    if run_after is not None and backend.supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(*args)


def claim_row(model, pk, **fields) -> bool:
    """queued -> running for row `pk` of `model`, with `fields`; False if it was not queued.

    One conditional UPDATE: of two workers given the same task, one gets True.
    """
    return model.objects.filter(pk=pk, status="queued").update(status="running", **fields) == 1


def describe_retry(message: str, attempt: int, limit: int, when) -> str:
    return (
        f"Attempt {attempt} of {limit} failed: {message} "
        f"Trying again after {timezone.localtime(when):%Y-%m-%d %H:%M:%S %Z}."
    )
