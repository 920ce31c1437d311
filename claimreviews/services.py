"""Writes: import ClaimReviews in bulk, and re-map stored ones when the label table changes.

The import streams: records are read one at a time (parsing), checked (records), and
written in batches of `BATCH` by writers.upsert (COPY and INSERT ... ON CONFLICT (url)
DO UPDATE on PostgreSQL, bulk_create with update_conflicts elsewhere). Rows whose raw
JSON and mapped rating are unchanged are not written at all, so a re-import leaves
`updated_at` alone. Each batch is one transaction; should the database still refuse
a batch, its rows are retried one by one so only the refused rows are reported. A
record is therefore stored whole or not at all.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http.request import split_domain_port, validate_host
from django.utils import timezone
from django.utils.translation import gettext as _

from claimreviews.labels import normalise
from claimreviews.models import ClaimReview, RatingLabel
from claimreviews.parsing import BrokenInput, read_records
from claimreviews.records import Ours, RecordError, to_row
from claimreviews.signals import claimreviews_imported
from claimreviews.writers import upsert

BATCH = 1000
KEEP_PROBLEMS = 1000  # the report lists the first ones; the count covers all
_OUR_PAGE = re.compile(r"^/factchecks/[1-9][0-9]{0,17}/(?:embed/)?$")
_UPDATED = [
    f.name for f in ClaimReview._meta.concrete_fields if f.name not in ("id", "url", "imported_at")
]


@dataclass(frozen=True)
class Problem:
    position: str
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"position": self.position, "code": self.code, "message": self.message}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ours: int = 0
    failed: int = 0
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "ours": self.ours,
            "failed": self.failed,
            "errors": [problem.as_dict() for problem in self.problems],
        }


class _TooManyRefused(Exception):
    """The import refused `max_failed` records; args[0] is the last one's position."""


def label_table() -> dict[str, str]:
    return dict(RatingLabel.objects.values_list("key", "rating"))


def is_our_factcheck_page(url: str) -> bool:
    """Is `url` one of our public fact-check pages (/factchecks/<id>/ on one of our hosts)?

    Our hosts are ALLOWED_HOSTS, as for oEmbed (public.embed), except the "*" wildcard,
    which would make every site's /factchecks/1/ ours.
    """
    if "/factchecks/" not in url:  # most records: no need to parse the url
        return False
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not _OUR_PAGE.match(parts.path):
        return False
    domain, _port = split_domain_port(netloc.rpartition("@")[2].lower())
    hosts = [host for host in settings.ALLOWED_HOSTS if host != "*"]
    return bool(domain) and validate_host(domain, hosts)


def import_claimreviews(
    source,
    *,
    limit: int | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    batch_size: int = BATCH,
    max_failed: int | None = None,
) -> ImportReport:
    """Import every record in the byte stream `source`; see the module docstring.

    `limit` caps the bytes read after decompression (parsing.InputTooLarge past it;
    the batches before it stay stored). `on_problem` hears of each refused record as
    it is found, for a command that prints them as it goes. `max_failed` stops the
    reading after that many refused records (a 100 KB gzip of `{}` lines holds 30
    million of them: ten minutes of a server thread), with a last problem saying so.
    """
    report = ImportReport()
    labels = label_table()
    batch: dict[str, tuple[str, dict]] = {}

    def refuse(position: str, code: str, message: str) -> None:
        problem = Problem(position, code, message)
        report.failed += 1
        if len(report.problems) < KEEP_PROBLEMS:
            report.problems.append(problem)
        if on_problem is not None:
            on_problem(problem)
        if max_failed is not None and report.failed >= max_failed:
            raise _TooManyRefused(position)

    try:
        for position, value in read_records(source, limit):
            if isinstance(value, BrokenInput):
                refuse(position, value.code, value.message)
                continue
            try:
                row = to_row(value, labels, is_our_factcheck_page)
            except RecordError as error:
                refuse(position, error.code, error.message)
                continue
            if isinstance(row, Ours):
                report.ours += 1
                continue
            if row["url"] in batch:  # the later record of one url wins
                earlier = batch[row["url"]][1]
                same = (earlier["raw"], earlier["rating"]) == (row["raw"], row["rating"])
                report.unchanged += same
                report.updated += not same
            batch[row["url"]] = (position, row)
            if len(batch) >= batch_size:
                _flush(batch, report, refuse)
                batch = {}
    except _TooManyRefused as stop:
        message = _("Stopped after %(count)d refused records: the rest is not read.") % {
            "count": max_failed
        }
        report.problems.append(Problem(stop.args[0], "too_many_refused", message))
    finally:
        if batch:
            _flush(batch, report, refuse)
    if report.created or report.updated:
        # After the caller's transaction (the API imports in one); at once otherwise.
        transaction.on_commit(lambda: claimreviews_imported.send(sender=ClaimReview, report=report))
    return report


def _flush(batch: dict[str, tuple[str, dict]], report: ImportReport, refuse) -> None:
    try:
        with transaction.atomic():
            counts = upsert([row for _position, row in batch.values()])
    except DatabaseError:
        counts = _write_one_by_one(batch, refuse)
    report.created += counts[0]
    report.updated += counts[1]
    report.unchanged += counts[2]


def _write_one_by_one(batch: dict[str, tuple[str, dict]], refuse) -> tuple[int, int, int]:
    """Each row in its own transaction, so only the rows the database refuses fail."""
    totals = [0, 0, 0]
    for position, row in batch.values():
        try:
            with transaction.atomic():
                counts = upsert([row])
        except DatabaseError as error:
            refuse(position, "refused", f"The database refused the record: {error}")
            continue
        totals = [total + count for total, count in zip(totals, counts, strict=True)]
    return totals[0], totals[1], totals[2]


def remap(keys: set[str] | None = None) -> int:
    """Re-read the rating of stored ClaimReviews from the label table; the rows changed.

    `keys` limits it to labels with those keys (after one row of the table changed).
    One query for the distinct labels stored, then one UPDATE per rating.
    """
    table = label_table()
    stored = ClaimReview.objects.values_list("textual_rating", flat=True).distinct()
    by_rating: dict[str | None, list[str]] = {}
    for textual in stored.order_by():
        key = normalise(textual) if textual else ""
        if keys is not None and key not in keys:
            continue
        by_rating.setdefault(table.get(key) if key else None, []).append(textual)
    changed = 0
    now = timezone.now()
    with transaction.atomic():
        for rating, labels in by_rating.items():
            rows = ClaimReview.objects.filter(textual_rating__in=labels)
            stale = rows.exclude(rating=rating) if rating else rows.filter(rating__isnull=False)
            changed += stale.update(rating=rating, updated_at=now)
    return changed
