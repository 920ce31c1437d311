"""Anchoring claims to article text. Pure functions, no ORM.

The offset unit
---------------
The server counts offsets in **Unicode code points** into `Article.text`, with
`end` exclusive: `text[start:end]` in Python is the quote. A code point is what
Python's `str` indexes, what PostgreSQL's `char_length()` and SQLite's
`length()` count, and what the W3C TextPositionSelector specifies.

Browsers count UTF-16 code units (`Range.startOffset`, `String.length`), so an
emoji such as "🙂" (U+1F642) is one code point but two UTF-16 units. Clients that
count in UTF-16 convert at the edge with `utf16_to_codepoint` /
`codepoint_to_utf16` here (and the same pair in the reviewer UI's JavaScript).
Combining marks are separate code points ("é" may be 1 or 2), which is why we
never normalise the text: offsets index the text exactly as stored.

Line breaks are the one normalisation: article text is stored with LF only
(`normalize_newlines`), because HTML parsers turn CRLF into LF and browser
offsets would otherwise drift by one per line.
"""

from dataclasses import dataclass

CONTEXT_WIDTH = 32


class AnchoringError(ValueError):
    """A span request that cannot be honoured; `field` names the culprit input."""

    def __init__(self, field: str, message: str, code: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Anchor:
    """A resolved span with the server-computed quote and context."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so offsets agree with what browsers render."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def context_around(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> tuple[str, str]:
    """Up to `width` code points before `start` and after `end`."""
    return text[max(0, start - width) : start], text[end : end + width]


def anchor_span(text: str, start: int, end: int) -> Anchor:
    """Build the Anchor for a span already known to be valid."""
    prefix, suffix = context_around(text, start, end)
    return Anchor(start=start, end=end, quote=text[start:end], prefix=prefix, suffix=suffix)


def resolve_anchor(
    text: str,
    *,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
) -> Anchor:
    """Find the span a client means, from offsets or from a quote.

    With `start`/`end`, the offsets decide and a given `quote` must match them.
    Without offsets, the quote is searched for; `prefix`/`suffix` choose between
    several occurrences. Raises AnchoringError naming the field at fault.
    """
    if start is not None or end is not None:
        return _anchor_from_offsets(text, start, end, quote)
    if quote is None or quote == "":
        raise AnchoringError(
            "quote", "Give either start and end, or a non-empty quote.", "required"
        )
    return _anchor_from_quote(text, normalize_newlines(quote), prefix, suffix)


def _anchor_from_offsets(
    text: str, start: int | None, end: int | None, quote: str | None
) -> Anchor:
    for field, value in (("start", start), ("end", end)):
        if value is None:
            raise AnchoringError(field, "start and end must be given together.", "required")
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnchoringError(field, "Must be a whole number of code points.", "invalid")
    if start < 0:
        raise AnchoringError("start", "Must be 0 or more.", "min_value")
    if end <= start:
        raise AnchoringError("end", f"Must be greater than start ({start}).", "span_empty")
    if end > len(text):
        raise AnchoringError(
            "end",
            f"Is beyond the end of the article text ({len(text)} code points).",
            "out_of_range",
        )
    anchor = anchor_span(text, start, end)
    if quote not in (None, "") and normalize_newlines(quote) != anchor.quote:
        raise AnchoringError(
            "quote",
            f"Does not match the text at {start}-{end}, which reads {anchor.quote!r}.",
            "quote_mismatch",
        )
    return anchor


def find_occurrences(text: str, quote: str) -> list[int]:
    """Every start offset of `quote` in `text`, overlapping ones included."""
    positions = []
    index = text.find(quote)
    while index != -1:
        positions.append(index)
        index = text.find(quote, index + 1)
    return positions


def _anchor_from_quote(text: str, quote: str, prefix: str | None, suffix: str | None) -> Anchor:
    positions = find_occurrences(text, quote)
    if not positions:
        raise AnchoringError("quote", "This text does not occur in the article.", "quote_not_found")
    if len(positions) == 1:
        return anchor_span(text, positions[0], positions[0] + len(quote))
    best = _best_by_context(text, quote, positions, prefix or "", suffix or "")
    if best is None:
        raise AnchoringError(
            "quote",
            f"Occurs {len(positions)} times in the article; give prefix/suffix or start/end "
            "to say which.",
            "quote_ambiguous",
        )
    return anchor_span(text, best, best + len(quote))


def _best_by_context(
    text: str, quote: str, positions: list[int], prefix: str, suffix: str
) -> int | None:
    """The single occurrence whose surroundings agree most with prefix/suffix.

    Agreement is the number of characters matching right before the quote plus
    right after it. A tie for the best score leaves the choice ambiguous (None).
    """
    if not prefix and not suffix:
        return None
    scored = sorted(
        ((_context_score(text, pos, pos + len(quote), prefix, suffix), pos) for pos in positions),
        reverse=True,
    )
    (top_score, top_pos), (runner_up, _) = scored[0], scored[1]
    if top_score == 0 or top_score == runner_up:
        return None
    return top_pos


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _common_suffix_length(before, prefix) + _common_prefix_length(after, suffix)


def _common_prefix_length(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_suffix_length(a: str, b: str) -> int:
    return _common_prefix_length(a[::-1], b[::-1])


def utf16_to_codepoint(text: str, offset: int) -> int:
    """Convert a browser's UTF-16 offset into `text` to a code-point offset.

    Raises AnchoringError when the offset is out of range or falls between the
    two halves of a surrogate pair (no code point boundary there).
    """
    encoded = text.encode("utf-16-le")
    if offset < 0 or offset * 2 > len(encoded):
        raise AnchoringError("offset", "UTF-16 offset is outside the text.", "out_of_range")
    try:
        return len(encoded[: offset * 2].decode("utf-16-le"))
    except UnicodeDecodeError:
        raise AnchoringError(
            "offset", "UTF-16 offset splits a surrogate pair.", "surrogate_split"
        ) from None


def codepoint_to_utf16(text: str, offset: int) -> int:
    """Convert a code-point offset into `text` to UTF-16 code units."""
    if offset < 0 or offset > len(text):
        raise AnchoringError("offset", "Code-point offset is outside the text.", "out_of_range")
    return len(text[:offset].encode("utf-16-le")) // 2
