"""Standard exports of claims: pure functions from loaded models to plain data.

`w3c` builds W3C Web Annotation JSON-LD, `claimreview` schema.org ClaimReview
and `tabular` the CSV/JSONL rows. None of them queries the database: callers
pass claims loaded by `annotations.selectors.visible_claims`, whose prefetches
these functions read, so a page of exports costs the same queries as one row.
"""

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from annotations.models import Claim, Verdict

# Which of a claim's prefetched verdicts the reader may see (blind review applies
# while a claim is unpublished). None: the reader sees no individual verdicts at all.
VerdictsFor = Callable[[Claim], Sequence[Verdict]]


def xsd_datetime(moment: datetime | None) -> str | None:
    """`2024-05-01T12:00:00Z`: UTC with "Z" and whole seconds.

    The W3C model asks for xsd:dateTime in UTC written with "Z"; schema.org and
    spreadsheets read the same form, so every export shares this one spelling.
    """
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
