"""Sentence segmentation with offsets that index the text exactly.

Pure functions, no ORM, no Django. `split_sentences(text)` returns `(start, end)`
pairs in Unicode code points (Python string indices, the unit of claim offsets),
so `text[start:end]` is the sentence with its surrounding whitespace trimmed. The
text is never changed, normalised or copied into another form first, which is
what keeps the offsets exact (doccano's UTF-16 bugs came from counting in one
form and slicing in another).

Why our own rules and not a library: spaCy's blank pipeline with its sentencizer
and pysbd were both run against the cases in tests/suggestions/test_segmentation.py.
spaCy splits "1." list markers, "No. 2" and "(He lost.)" wrongly, never splits at
an ellipsis or a line break, and costs ~250 MB installed and ~0.9 s to import;
pysbd misses a closing single quote, looks each sentence up again in the text
(quadratic, and a sentence it altered is silently dropped) and manages about
2,100 sentences/s, which leaves nothing of the 2,000 sentences/s budget for
scoring. `bench/segmentation.py` repeats the comparison where they are installed.

The rules, in order of trust:
- A line break ends a sentence, unless the line looks soft-wrapped (it ends
  without terminal punctuation and the next line starts in lower case).
- `.`, `!`, `?`, `…` (and runs such as `?!` or `...`), with any closing quotes
  or brackets, end a sentence when whitespace and a sentence start follow.
  Full-width stops (U+3002, U+FF01, U+FF1F) end one even without whitespace.
- A sentence start is anything but a lower-case letter: an upper-case letter,
  a digit, an opening quote or bracket, an emoji.
- A full stop after an abbreviation ("Dr.", "Sen.", "Jan. 11", "No. 2", "e.g.",
  "U.S. Capitol", an initial as in "John F. Kennedy") or a list number at the
  start of a line ("1.") does not end a sentence; see `_ends_at_period`.
"""

import re
from collections.abc import Iterator

Span = tuple[int, int]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles before a name: never the end of a sentence when a capitalised word follows.
TITLES = _words(
    "mr mrs ms messrs dr prof sen sens rep reps gov gen lt col maj capt cmdr adm sgt cpl "
    "pvt rev fr st mt ft hon pres supt det insp atty amb gens supt sr jr"
)
# Abbreviations that need a number next: "Jan. 11", "No. 2", "pp. 4", "Vol. 3".
BEFORE_NUMBERS = _words(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol vols art arts fig figs "
    "p pp ch sec secs para ed eds rev op est approx ca nr"
)
# Abbreviations that never end a sentence, whatever follows.
NEVER_FINAL = _words("e.g i.e vs v cf viz approx")
# After these a capitalised word usually continues the sentence ("the U.S. Capitol"),
# unless it is a word that typically opens a sentence ("in the U.S. The court...").
USUALLY_INSIDE = _words("u.s u.k u.n e.u d.c u.s.a inc co corp ltd bros etc al")
# "5 p.m. Police said" starts a sentence; "5 p.m. Eastern" does not.
CLOCK = _words("a.m p.m")
CLOCK_ZONES = _words("ET EST EDT PT PST PDT CT CST CDT MT MST GMT UTC Eastern Pacific")
SENTENCE_OPENERS = _words(
    "The A An It Its He His She Her They Their We Our I My You Your This That These Those "
    "There Here But And So Yet Or Nor In On At For If When While After Before As Since "
    "Although Because What Who Why How Where Which Some Many Most Few No Not One Two Then "
    "Now Today Yesterday Meanwhile However Still Also Even Only Last Next Every Each All "
    "Both Such"
)

_CLOSERS = "\"'\u201d\u2019\u00bb)]}"
_OPENERS = "\"'\u201c\u2018\u00ab([{\u00bf\u00a1"
_FULL_WIDTH = "\u3002\uff01\uff1f"  # ideographic full stop, full-width ! and ?
# A run of terminal punctuation, any closing quotes/brackets, then whitespace.
_CANDIDATE = re.compile(rf"([.!?\u2026]+|[{_FULL_WIDTH}]+)([{re.escape(_CLOSERS)}]*)(\s*)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*([^\s{re.escape(_OPENERS)}]+)")
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HAS_CONTENT = re.compile(r"\w", re.UNICODE)
_TERMINAL_END = re.compile(rf"[.!?\u2026:;{_FULL_WIDTH}][{re.escape(_CLOSERS)}]*\s*$")


def split_sentences(text: str) -> list[Span]:
    """Every sentence of `text` as (start, end) code-point offsets, in text order.

    Whitespace around a sentence is left out; stretches without a letter or digit
    (a "* * *" separator, a lone dash) are not sentences and are skipped.
    """
    spans = []
    for block_start, block_end in _blocks(text):
        for start, end in _sentences_in(text, block_start, block_end):
            start, end = _trimmed(text, start, end)
            if end > start and _HAS_CONTENT.search(text, start, end):
                spans.append((start, end))
    return spans


def _blocks(text: str) -> Iterator[Span]:
    """Runs of lines that belong together: a line break ends a block unless soft-wrapped."""
    start = 0
    for match in _LINE_BREAK.finditer(text):
        line_end, next_start = match.start(), match.end()
        if not _soft_wrapped(text, start, line_end, next_start):
            yield start, line_end
            start = next_start
    yield start, len(text)


def _soft_wrapped(text: str, block_start: int, line_end: int, next_start: int) -> bool:
    """A line cut mid-sentence by hard wrapping: no end punctuation, lower case follows."""
    if next_start >= len(text) or not text[next_start].islower():
        return False
    line = text[block_start:line_end]
    return bool(line.strip()) and not _TERMINAL_END.search(line)


def _sentences_in(text: str, start: int, end: int) -> Iterator[Span]:
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        boundary = match.end(2)  # after the punctuation and its closing quotes
        next_start = match.end()
        if next_start >= end:
            break  # the block's end is the sentence's end anyway
        full_width = match.group(1)[0] in _FULL_WIDTH
        if not full_width and (not match.group(3) or text[next_start].islower()):
            continue  # "1.5", "e.g.,", "said... and then": no space or lower case follows
        if match.group(1) == "." and not _ends_at_period(text, sentence_start, match, end):
            continue
        yield sentence_start, boundary
        sentence_start = next_start
    yield sentence_start, end


def _ends_at_period(text: str, sentence_start: int, match: re.Match, block_end: int) -> bool:
    """Does this single full stop end the sentence, given the word before and after it?"""
    before = _WORD_BEFORE.search(text, sentence_start, match.start())
    word = before.group(1) if before else ""
    next_word = _next_word(text, match.end(), block_end)
    if not word:
        # A list number opening a line ("1. Taxes rose.") is a marker, not a sentence.
        return not _LIST_NUMBER.match(text[sentence_start : match.start()])
    if match.group(2):
        return True  # closing quote or bracket after the stop: 'said "We won." Then'
    return _ends_after_word(word, next_word, sentence_start, before.start())


def _ends_after_word(word: str, next_word: str, sentence_start: int, word_start: int) -> bool:
    key = word.lower()
    starts_number = next_word[:1].isdigit() or next_word[:1] in "$£€#"
    if key in NEVER_FINAL:
        return False
    if key in BEFORE_NUMBERS and starts_number:
        return False
    if key in TITLES and next_word[:1].isupper():
        return False
    if key in CLOCK:
        return next_word not in CLOCK_ZONES
    if key in USUALLY_INSIDE:
        return next_word in SENTENCE_OPENERS
    if len(word) == 1 and word.isupper():
        # An initial ("John F. Kennedy"), unless it is the sentence's only word.
        return word_start == sentence_start and not next_word[:1].isupper()
    if "." in word and len(word) <= 6 and not starts_number:
        # Dotted initials or acronyms ("J.K. Rowling", "Ph.D. student") continue.
        return next_word in SENTENCE_OPENERS
    return True


def _next_word(text: str, position: int, block_end: int) -> str:
    match = _NEXT_WORD.match(text, position, block_end)
    return match.group(1).rstrip(".,;:!?") if match else ""


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
