"""CSV and JSON Lines rows for the claim export.

Rows are built from plain stored values (export_row), so the HTTP export can
read claims as tuples in keyset chunks (annotations.export_rows) and stream any
number with bounded memory; claim_row does the same for a loaded Claim. CSV
cells that a spreadsheet would run as a formula are neutralised (SECURITY-CASES
#14); JSONL keeps the values as they are, since JSON consumers do not evaluate
them.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from annotations.exports import VerdictsFor, xsd_datetime
from annotations.models import Claim
from annotations.ratings import label

COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "article_url",
    "start",
    "end",
    "quote",
    "statement",
    "claimant",
    "status",
    "rating",
    "rating_label",
    "published_at",
    "created_by",
    "created_at",
    "source_urls",
    "verdict_count",
)

# OWASP's list: spreadsheets start a formula at these characters, and tab or CR
# can hide one behind leading whitespace.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Characters json.dumps leaves raw that line readers may split on (see _one_line).
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


# The stored columns an export row is made of, in the order export_row takes them
# (annotations.export_rows reads exactly these, as tuples, for speed).
STORED = (
    "id", "article_id", "article__title", "article__url", "start", "end", "quote",
    "statement", "claimant", "status", "rating", "published_at", "created_by__username",
    "created_at",
)  # fmt: skip


def export_row(stored: tuple, *, source_urls: list[str], verdict_count: int | None) -> dict:
    """One export row, keyed by COLUMNS, from the STORED values of a claim.

    `verdict_count` counts the verdicts the reader may see, and is None for
    readers who see none: how many reviewers weighed in is a desk record, and
    under blind review even the desk must not learn it early. Who marked the
    claim is desk information too (None with it).
    """
    (pk, article_id, title, url, start, end, quote, statement, claimant, status, rating,
     published_at, username, created_at) = stored  # fmt: skip
    return {
        "id": pk,
        "article_id": article_id,
        "article_title": title,
        "article_url": url,
        "start": start,
        "end": end,
        "quote": quote,
        "statement": statement,
        "claimant": claimant,
        "status": status,
        "rating": rating,
        "rating_label": label(rating) if rating else "",
        "published_at": xsd_datetime(published_at),
        "created_by": username if verdict_count is not None else None,
        "created_at": xsd_datetime(created_at),
        "source_urls": " ".join(source_urls),
        "verdict_count": verdict_count,
    }


def claim_row(claim: Claim, *, verdicts_for: VerdictsFor | None) -> dict[str, Any]:
    """export_row for a Claim loaded with its article, creator and (prefetched) relations."""
    article = claim.article
    stored = (
        claim.pk, article.pk, article.title, article.url, claim.start, claim.end, claim.quote,
        claim.statement, claim.claimant, claim.status, claim.rating, claim.published_at,
        claim.created_by.get_username(), claim.created_at,
    )  # fmt: skip
    return export_row(
        stored,
        source_urls=[source.url for source in claim.sources.all()],
        verdict_count=len(verdicts_for(claim)) if verdicts_for else None,
    )


def neutralize_formula(cell: str) -> str:
    """Prefix "'" to a cell a spreadsheet would evaluate, e.g. =HYPERLINK(...)."""
    return f"'{cell}" if cell.startswith(FORMULA_TRIGGERS) else cell


def csv_cells(row: dict[str, Any]) -> list[str]:
    cells = ("" if row[column] is None else str(row[column]) for column in COLUMNS)
    return [neutralize_formula(cell) for cell in cells]


def csv_lines(claims: Iterable[Claim], *, verdicts_for: VerdictsFor | None) -> Iterator[str]:
    """The header, then one CSV record per claim, each as a string ready to send."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for claim in claims:
        yield writer.writerow(csv_cells(claim_row(claim, verdicts_for=verdicts_for)))


def jsonl_lines(claims: Iterable[Claim], *, verdicts_for: VerdictsFor | None) -> Iterator[str]:
    """One JSON object per line, in COLUMNS order."""
    for claim in claims:
        row = claim_row(claim, verdicts_for=verdicts_for)
        yield _one_line(json.dumps(row, ensure_ascii=False)) + "\n"


def csv_chunks(row_chunks: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    """The header, then one string per chunk of rows: fewer, larger writes when streaming."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for rows in row_chunks:
        writer.writerows(csv_cells(row) for row in rows)
        yield _drain(buffer)
    yield _drain(buffer)  # the header alone, when there is no row


def jsonl_chunks(row_chunks: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    """JSON Lines, one string per chunk of rows."""
    for rows in row_chunks:
        yield "".join(_one_line(json.dumps(row, ensure_ascii=False)) + "\n" for row in rows)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _one_line(encoded: str) -> str:
    # json.dumps escapes control characters but not these three, which many line
    # readers (Python's str.splitlines, some editors) also treat as line breaks.
    # They can only occur inside strings, where the escape means the same.
    return encoded.translate(_LINE_BREAKS)


class _Echo:
    """A file-like sink whose write() returns the line, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value
