"""CSV and JSON Lines rows for the claim export.

Rows are built one claim at a time from prefetched relations, so the caller can
stream any number of claims from `QuerySet.iterator(chunk_size=...)` with
bounded memory. CSV cells that a spreadsheet would run as a formula are
neutralised (SECURITY-CASES #14); JSONL keeps the values as they are, since
JSON consumers do not evaluate them.
"""

import csv
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


def claim_row(claim: Claim, *, verdicts_for: VerdictsFor | None) -> dict[str, Any]:
    """One export row, keyed by COLUMNS.

    `verdict_count` counts the verdicts the reader may see, and is None for
    readers who see none: how many reviewers weighed in is a desk record, and
    under blind review even the desk must not learn it early.
    """
    article = claim.article
    return {
        "id": claim.pk,
        "article_id": article.pk,
        "article_title": article.title,
        "article_url": article.url,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "statement": claim.statement,
        "claimant": claim.claimant,
        "status": claim.status,
        "rating": claim.rating,
        "rating_label": label(claim.rating) if claim.rating else "",
        "published_at": xsd_datetime(claim.published_at),
        # Who reviewed what is desk information, like the verdict count.
        "created_by": claim.created_by.get_username() if verdicts_for else None,
        "created_at": xsd_datetime(claim.created_at),
        "source_urls": " ".join(source.url for source in claim.sources.all()),
        "verdict_count": len(verdicts_for(claim)) if verdicts_for else None,
    }


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


def _one_line(encoded: str) -> str:
    # json.dumps escapes control characters but not these three, which many line
    # readers (Python's str.splitlines, some editors) also treat as line breaks.
    # They can only occur inside strings, where the escape means the same.
    return encoded.translate(_LINE_BREAKS)


class _Echo:
    """A file-like sink whose write() returns the line, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value
