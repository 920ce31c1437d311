"""`manage.py import_articles PATH...`: import article files, one transaction per file."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.importing import SUPPORTED_EXTENSIONS, ImportDataError, read_articles
from articles.models import Article
from articles.services import import_article
from factcheck.errors import Conflict


class Command(BaseCommand):
    help = (
        "Import articles from .txt, .html, .json and .jsonl files; directories are searched "
        "recursively. Already stored articles are reported as unchanged. A bad file is "
        "reported and skipped, and the command then exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    def handle(self, *args, paths: list[Path], **options) -> None:
        files = [file for path in paths for file in self._expand(path)]
        if not files:
            raise CommandError("No article files found.")
        failed = sum(not self._import_file(file) for file in files)
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be imported.")

    def _expand(self, path: Path) -> list[Path]:
        """Files under a directory with a supported extension; other paths as given.

        Inside a directory, unrelated files (README, images) are skipped quietly;
        a file named explicitly is always attempted so a wrong type is reported.
        """
        if not path.is_dir():
            return [path]
        files = sorted(
            file
            for file in path.rglob("*")
            if file.is_file() and file.suffix.lower() in SUPPORTED_EXTENSIONS
        )
        if not files:
            self.stderr.write(f"warning: {path}: no {', '.join(SUPPORTED_EXTENSIONS)} files")
        return files

    def _import_file(self, path: Path) -> bool:
        """Import every article in `path` or none of them; report and return success."""
        try:
            with transaction.atomic():
                results = [import_article(data) for data in read_articles(path)]
        except (ImportDataError, ValidationError, Conflict) as exc:
            self.stderr.write(f"error: {path}: {describe_error(exc)}")
            return False
        # Reported only after the commit, so no line describes a rolled-back row.
        for article, created in results:
            self.stdout.write(_result_line(path, article, created))
        return True


def _result_line(path: Path, article: Article, created: bool) -> str:
    status = "imported" if created else "unchanged"
    return f"{status}: {path}: {article.title} (id {article.pk})"


def describe_error(exc: Exception) -> str:
    """One line for the terminal, naming the field a ValidationError is about."""
    if isinstance(exc, ImportDataError):
        return exc.message
    if isinstance(exc, Conflict):
        return f"{exc.message} (existing id {exc.extra.get('existing_id')})"
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
        )
    return " ".join(getattr(exc, "messages", [str(exc)]))
