"""Textual ratings ("Pants on Fire", "Engañoso") to our scale, through one editable table.

The table is `RatingLabel` (edited in the admin, seeded by a data migration with the
labels that the larger fact-checkers publish). A label is looked up by its key:
`normalise()` folds case, accents, spacing and surrounding punctuation, and nothing
more, so "MOSTLY FALSE." and "mostly false" are one label but "false-ish" is not
"false". A label the table does not know stays unmapped: we never guess a verdict
for someone else's words.
"""

import re
import unicodedata

_SPACES = re.compile(r"[\s_]+")
# Quotes, brackets and full stops around a label ("«Falso»", "False.") carry no meaning.
_EDGE_PUNCTUATION = "\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a()[]{}.!\u00a1\u00bf?:;,*"


def normalise(label: str) -> str:
    """The lookup key of a label: case-folded, without accents, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", label)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = _SPACES.sub(" ", bare.replace("-", " ")).strip(" " + _EDGE_PUNCTUATION)
    return _SPACES.sub(" ", bare).strip().casefold()


def rating_for(label: str, table: dict[str, str]) -> str | None:
    """Our rating for `label` given {key: rating}, or None when the table does not know it."""
    if not label:
        return None
    return table.get(normalise(label))
