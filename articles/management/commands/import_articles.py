"""`manage.py import_articles PATH_OR_URL...`: import article files (one transaction per
file) and web pages (http/https URLs, fetched through the registered URL importer)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles import extensions
from articles.importing import SUPPORTED_EXTENSIONS, ImportDataError, read_articles
from articles.models import Article
from articles.services import import_article
from factcheck.errors import Conflict


class Command(BaseCommand):
    help = (
        "Import articles from .txt, .html, .json and .jsonl files; directories are searched "
        "recursively. http(s) URLs are fetched through the guarded fetcher; a known URL with "
        "a changed text becomes a new revision. Already stored articles are reported as "
        "unchanged. A bad file or URL is reported and skipped, and the command then exits "
        "with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH_OR_URL")

    def handle(self, *args, paths: list[str], **options) -> None:
        urls = [path for path in paths if _is_url(path)]
        files = [file for path in paths if not _is_url(path) for file in self._expand(Path(path))]
        if not files and not urls:
            raise CommandError("No article files found.")
        failed = sum(not self._import_file(file) for file in files)
        failed += sum(not self._import_url(url) for url in urls)
        if failed:
            noun = "files and URLs" if urls and files else "URLs" if urls else "files"
            raise CommandError(
                f"{failed} of {len(files) + len(urls)} {noun} could not be imported."
            )

    def _import_url(self, url: str) -> bool:
        importer = extensions.url_importer()
        if importer is None:
            self.stderr.write(f"error: {url}: no URL importer is installed (the fetching app)")
            return False
        try:
            status, article = importer(url)
        except (ValueError, ValidationError, Conflict) as exc:
            self.stderr.write(f"error: {url}: {describe_error(exc)}")
            return False
        self.stdout.write(f"{status}: {url}: {article.title} (id {article.pk})")
        return True

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


def _is_url(value: str) -> bool:
    return "://" in value and not Path(value).exists()


def _result_line(path: Path, article: Article, created: bool) -> str:
    status = "imported" if created else "unchanged"
    return f"{status}: {path}: {article.title} (id {article.pk})"


def describe_error(exc: Exception) -> str:
    """One line for the terminal, naming the field a ValidationError is about."""
    if isinstance(exc, ValueError) and hasattr(exc, "message"):  # ImportDataError, URL errors
        return exc.message
    if isinstance(exc, Conflict):
        return f"{exc.message} (existing id {exc.extra.get('existing_id')})"
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
        )
    return " ".join(getattr(exc, "messages", [str(exc)]))
