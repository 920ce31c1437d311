"""`manage.py import_claimreviews PATH...`: import other fact-checkers' ClaimReviews.

PATH may be `-` for standard input and may be gzip-compressed (by content, so `.gz`
or not). Every format of claimreviews.parsing is accepted. Each refused record is
printed on standard error as `PATH:position: code: message`; the others are stored.
The exit status is 1 when any record (or path) failed, 0 otherwise.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from claimreviews.parsing import InputTooLarge
from claimreviews.services import BATCH, ImportReport, import_claimreviews


class Command(BaseCommand):
    # The system checks import every URLconf (the whole API and its schema machinery):
    # about a second of start-up that an import of 10,000 records should not pay.
    # `manage.py check` and every server start still run them.
    requires_system_checks = []
    help = (
        "Import ClaimReviews (one object, a JSON array, a schema.org DataFeed, JSON Lines, "
        "or HTML with ld+json script blocks; gzip allowed) from files, or `-` for stdin."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--batch-size", type=int, default=BATCH, help="Rows per write.")
        parser.add_argument(
            "--max-refused", type=int, default=None, metavar="N",
            help="Stop reading a file after N refused records (default: read it all).",
        )  # fmt: skip

    def handle(self, *args, paths: list[str], batch_size: int, max_refused, **options) -> None:
        total = ImportReport()
        self.max_refused = max(1, max_refused) if max_refused else None
        for path in paths:
            report = self._import(path, max(1, batch_size))
            for name in ("created", "updated", "unchanged", "ours", "failed"):
                setattr(total, name, getattr(total, name) + getattr(report, name))
            self.stdout.write(
                f"{path}: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged, {report.ours} ours (not stored), "
                f"{report.failed} failed"
            )
        if total.failed:
            raise CommandError(f"{total.failed} record(s) could not be imported.", returncode=1)

    def _import(self, path: str, batch_size: int) -> ImportReport:
        def tell(problem) -> None:
            self.stderr.write(f"{path}:{problem.position}: {problem.code}: {problem.message}")

        options = {"on_problem": tell, "batch_size": batch_size, "max_failed": self.max_refused}
        try:
            if path == "-":
                report = import_claimreviews(sys.stdin.buffer, **options)
            else:
                with open(path, "rb") as source:
                    report = import_claimreviews(source, **options)
        except OSError as error:
            self.stderr.write(f"{path}: cannot read: {error.strerror or error}")
        except InputTooLarge:  # only with a limit; kept for callers that pass one
            self.stderr.write(f"{path}: too large")
        else:
            if report.problems and report.problems[-1].code == "too_many_refused":
                tell(report.problems[-1])
            return report
        return ImportReport(failed=1)
