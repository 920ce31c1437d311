"""Snippets with the matched words marked: safe HTML from database text. Pure, no ORM.

The database marks matches with two control characters (START, STOP) that never
occur in stored text (article import and the claim API strip control characters,
and `render` treats stray ones as plain separators). `render` escapes everything
else and turns the markers into balanced <mark> elements, so a snippet can hold
`<script>` from an article's text and still be shown as text. nh3 then cleans the
result once more, allowing <mark> only: a second, independent guarantee.
"""

import difflib
import html
import re

import nh3

START, STOP = "\x02", "\x03"
ELLIPSIS = "…"
SIMILAR = 0.75
# Only this much of a long text is searched for similar words (the snippet shows less).
MARKED_CHARS = 2000
_WORD = re.compile(r"\w+", re.UNICODE)


def render(marked: str) -> str:
    """Escaped text with <mark> around the parts between START and STOP."""
    out: list[str] = []
    open_ = False
    for part in re.split(f"([{START}{STOP}])", marked or ""):
        if part == START and not open_:
            out.append("<mark>")
            open_ = True
        elif part == STOP and open_:
            out.append("</mark>")
            open_ = False
        elif part not in (START, STOP):
            out.append(html.escape(part, quote=False))
    if open_:
        out.append("</mark>")
    return nh3.clean("".join(out), tags={"mark"}, attributes={})


def mark_similar(text: str, words: list[str], *, max_chars: int = 240) -> str:
    """`text` (cut to about `max_chars`) with START/STOP around words like one of `words`.

    For hits found by similarity rather than by the full-text index (a typo), where
    the database cannot say which words matched: a word is marked when it is at
    least 75% similar to a query word (difflib's ratio), case-insensitively.
    """
    wanted = [word.lower() for word in words if len(word) >= 2]
    text = (text or "")[:MARKED_CHARS]
    first = None
    pieces: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        if first is not None and match.start() > first + max_chars:
            break  # past the part the snippet can show
        word = match.group().lower()
        if any(_similar(word, w) for w in wanted):
            first = match.start() if first is None else first
            pieces += [text[last : match.start()], START, match.group(), STOP]
            last = match.end()
    pieces.append(text[last:])
    marked = "".join(pieces)
    return _window(marked, (first or 0), max_chars)


def _similar(word: str, wanted: str) -> bool:
    # The cheap upper bounds first: most words of an article fail on length alone.
    matcher = difflib.SequenceMatcher(None, word, wanted)
    return (
        matcher.real_quick_ratio() >= SIMILAR
        and matcher.quick_ratio() >= SIMILAR
        and matcher.ratio() >= SIMILAR
    )


def _window(marked: str, near: int, max_chars: int) -> str:
    """About `max_chars` of `marked` around position `near` (in unmarked text), on word edges."""
    if len(marked) <= max_chars:
        return marked
    begin = max(0, near - max_chars // 3)
    while begin > 0 and not marked[begin - 1].isspace():
        begin -= 1
    end = min(len(marked), begin + max_chars)
    while end < len(marked) and not marked[end].isspace():
        end += 1
    return (ELLIPSIS if begin else "") + marked[begin:end] + (ELLIPSIS if end < len(marked) else "")
