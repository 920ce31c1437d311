"""Read ClaimReview records out of a byte stream, in every shape fact-checkers ship them.

Pure: no database. `read_records(stream)` yields `(position, value)` one record at a
time, where `value` is the parsed JSON value (to be checked by records.to_row) or a
`BrokenInput` saying why that part could not be read. Memory stays flat whatever the
input's size: nothing is read whole, one line or record stops at 16 MB (LINE_MAX,
RECORD_MAX) and one record at NESTING_MAX levels (SECURITY-CASES #39).

Shapes, told apart by the first bytes (after gunzipping when the stream is gzip):
- `<`: HTML, or lines of HTML, with `<script type="application/ld+json">` blocks (the
  Data Commons fact-check feed); positions are the line of the block.
- `[`: one JSON array, streamed item by item with ijson; positions are item numbers.
- otherwise JSON Lines when the first (or, if that one is broken, the second) line is a
  whole JSON value; positions are line numbers, and a broken line is reported while the
  others are read on.
- otherwise one JSON document (a ClaimReview, or a DataFeed pretty-printed over many
  lines), streamed with ijson so a large `dataFeedElement` array is read item by item.
Inside any of them, an array, a DataFeed (`dataFeedElement`, items possibly wrapped
as DataFeedItem.item) or a JSON-LD `@graph` is opened into its records.
"""

import codecs
import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import ijson
from django.utils.translation import gettext as _

from claimreviews.records import types_of

LINE_MAX = 16 * 1024 * 1024  # one JSON Lines line, or one HTML script block
RECORD_MAX = LINE_MAX  # one record of a streamed document (an item of a feed, say)
NESTING_MAX = 256  # levels in one record: a ClaimReview needs about six
FIRST_LINE_PROBE = 1024 * 1024  # a longer first line is read as a streamed document
_CHUNK = 256 * 1024
_BOM = b"\xef\xbb\xbf"
_CONTAINERS = ("dataFeedElement", "@graph")
_SCRIPT_OPEN = re.compile(
    r"<script\b[^>]*?\btype\s*=\s*([\"']?)application/ld\+json\1[^>]*>", re.IGNORECASE
)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class BrokenInput:
    """A part of the input that is not readable JSON; `code` is stable."""

    code: str
    message: str


class InputTooLarge(Exception):
    """The (decompressed) input passed the byte limit; nothing after it is read."""


class _Raw(io.RawIOBase):
    """Any object with read(n), as a raw stream, refusing to go past `limit` bytes."""

    def __init__(self, source, limit: int | None):
        self.source, self.limit, self.seen = source, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.source.read(len(buffer))
        self.seen += len(data)
        if self.limit is not None and self.seen > self.limit:
            raise InputTooLarge(self.limit)
        buffer[: len(data)] = data
        return len(data)


class _Chain:
    """Bytes already read, then the rest of a stream: what ijson reads a document from."""

    def __init__(self, head: bytes, rest):
        self.head, self.rest = head, rest

    def read(self, size: int = -1) -> bytes:
        if self.head:
            taken = self.head if size < 0 else self.head[:size]
            self.head = self.head[len(taken) :]
            return taken
        return self.rest.read(size)


def open_stream(source, limit: int | None = None) -> io.BufferedReader:
    """`source` as a buffered stream, gunzipped when it starts with gzip's magic bytes.

    `limit` caps the bytes read, after decompression (a small .gz cannot expand past it).
    """
    buffered = io.BufferedReader(_Raw(source, None), _CHUNK)
    if buffered.peek(2)[:2] == b"\x1f\x8b":
        opened = io.BufferedReader(_Raw(gzip.GzipFile(fileobj=buffered), limit), _CHUNK)
    else:
        opened = io.BufferedReader(_Raw(buffered, limit), _CHUNK)
    if opened.peek(3)[:3] == _BOM:  # files saved by some Windows tools start with one
        opened.read(3)
    return opened


def read_records(source, limit: int | None = None) -> Iterator[tuple[str, object]]:
    try:
        stream = open_stream(source, limit)
        start = stream.peek(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if not start:
            rest = stream.read(FIRST_LINE_PROBE)  # all blank so far? look further
            if rest.strip(b"\xef\xbb\xbf \t\r\n"):
                stream = io.BufferedReader(_Raw(_Chain(rest, stream), None), _CHUNK)
                start = stream.peek(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if not start:
            yield "input", BrokenInput("empty", _("The input holds no records."))
        elif start == b"<":
            yield from _html(stream)
        elif start == b"[":
            yield from _document(stream)
        else:
            yield from _lines_or_document(stream)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        if isinstance(error, InputTooLarge):
            raise
        yield "input", BrokenInput("bad_gzip", _("The gzip data is damaged: %s") % error)


# --- containers -------------------------------------------------------------------------------


def expand(value, position: str, depth: int = 0) -> Iterator[tuple[str, object]]:
    """The records in `value`: itself, or those inside an array, DataFeed or @graph."""
    if depth < 4 and isinstance(value, list):
        for index, item in enumerate(value, 1):
            yield from expand(item, f"{position}, item {index}", depth + 1)
        return
    if depth < 4 and isinstance(value, dict) and "ClaimReview" not in types_of(value):
        for key in _CONTAINERS:
            if isinstance(value.get(key), list):
                for index, item in enumerate(value[key], 1):
                    yield from expand(unwrap(item), f"{position}, item {index}", depth + 1)
                return
    yield position, unwrap(value)


def unwrap(value):
    """A DataFeedItem's `item`, or the value itself."""
    if isinstance(value, dict) and "DataFeedItem" in types_of(value) and "item" in value:
        return value["item"]
    return value


def _no_constant(name: str):
    """JSON has no NaN or Infinity (Python's json would read them; PostgreSQL would not)."""
    raise ValueError(f"{name} is not JSON")


def _loads(text: str | bytes, position: str) -> Iterator[tuple[str, object]]:
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:
        yield position, BrokenInput("broken_json", _("Broken JSON: %s") % error)
        return
    yield from expand(value, position)


# --- JSON Lines, or one document ---------------------------------------------------------------


def _lines_or_document(stream) -> Iterator[tuple[str, object]]:
    head: list[bytes] = []
    verdicts: list[bool] = []
    while len(verdicts) < 2:
        line = stream.readline(FIRST_LINE_PROBE)
        if not line:
            break
        head.append(line)
        if not line.endswith(b"\n") and len(line) == FIRST_LINE_PROBE:
            verdicts.append(False)  # a huge first line: stream it as a document
            break
        if line.strip():
            verdicts.append(_is_whole_json(line))
            if verdicts[0]:
                break
    if verdicts and (verdicts[0] or (len(verdicts) == 2 and verdicts[1])):
        yield from _json_lines(head, stream)
    else:
        yield from _document(_Chain(b"".join(head), stream))


def _is_whole_json(line: bytes) -> bool:
    try:
        json.loads(line, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return False
    return True


def _json_lines(head: list[bytes], stream) -> Iterator[tuple[str, object]]:
    number = 0
    pending = iter(head)
    while True:
        line = next(pending, None)
        if line is None:
            line = stream.readline(LINE_MAX + 1)
            if not line:
                return
        number += 1
        if len(line) > LINE_MAX and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the line
                line = stream.readline(_CHUNK)
            message = _("The line is longer than %(max)d bytes.") % {"max": LINE_MAX}
            yield f"line {number}", BrokenInput("too_large", message)
            continue
        if line.strip():
            yield from _loads(line, f"line {number}")


class _RecordTooLarge(Exception):
    """One record of a streamed document passed RECORD_MAX bytes (raised inside ijson)."""


class _Counted:
    """What ijson reads from: counts the bytes, and stops one record at RECORD_MAX.

    `mark()` is called where a record (or a document) begins; a read that would take
    the bytes since then past RECORD_MAX raises instead, so a 50 MB string inside one
    record is never held whole (yajl keeps a string in memory until it ends).
    """

    def __init__(self, reader):
        self.reader, self.seen, self.marked = reader, 0, 0

    def mark(self) -> None:
        self.marked = self.seen

    def read(self, size: int = -1) -> bytes:
        if self.seen - self.marked > RECORD_MAX:
            raise _RecordTooLarge
        data = self.reader.read(size)
        self.seen += len(data)
        return data


def _after_line(reader):
    """`reader` from the start of its next line, or None at its end."""
    while True:
        chunk = reader.read(_CHUNK)
        if not chunk:
            return None
        at = chunk.find(b"\n")
        if at >= 0:
            return _Chain(chunk[at + 1 :], reader)


def _document(reader) -> Iterator[tuple[str, object]]:
    """One or more JSON values, streamed: arrays and feeds are read item by item.

    A record longer than RECORD_MAX bytes is refused, and the input is read on from
    the next line (there is no telling where the next record of the same line starts
    without parsing the long one).
    """
    state = {"done": 0, "documents": 0, "where": "record 1"}
    while reader is not None:
        counted = _Counted(reader)
        try:
            yield from _values(counted, state)
            return
        except _RecordTooLarge:
            state["done"] += 1
            message = _(
                "The record is longer than %(max)d bytes; reading on from the next line."
            ) % {"max": RECORD_MAX}
            yield state["where"], BrokenInput("too_large", message)
            reader = _after_line(reader)


def _values(counted: _Counted, state: dict) -> Iterator[tuple[str, object]]:
    # basic_parse, not parse: parse builds the dotted path of every open level for each
    # event, which costs memory by the square of the depth (10,000 levels: 3 GB).
    events = ijson.basic_parse(counted, multiple_values=True, use_float=True)
    try:
        for event, value in events:
            state["documents"] += 1
            documents = state["documents"]
            where = "record" if documents == 1 else f"document {documents}, record"
            state["where"] = f"record {documents}"
            counted.mark()
            if event == "start_array":
                for index, item in enumerate(_items(events, counted, state, where), 1):
                    for found in expand(item, f"{where} {index}"):
                        state["done"] += 1
                        yield found
            elif event == "start_map":
                for found in _map(events, f"record {documents}", counted, state):
                    state["done"] += 1
                    yield found
            else:
                state["done"] += 1
                yield f"record {documents}", value
    except ijson.JSONError as error:
        message = _("Broken JSON after %(count)d records: %(error)s") % {
            "count": state["done"],
            "error": (str(error).splitlines() or [""])[0],
        }
        yield f"record {state['done'] + 1}", BrokenInput("broken_json", message)


_STARTS = {"start_map", "start_array"}
_ENDS = {"end_map", "end_array"}


def _build(event: str, value, events):
    """The whole JSON value that starts with (event, value), or BrokenInput too_deep.

    Past NESTING_MAX levels the rest of the value is read but not built, so a
    record of a million `[` costs no memory.
    """
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    depth = 1 if event in _STARTS else 0
    too_deep = False
    while depth:
        event, value = next(events)
        if event in _STARTS:
            depth += 1
            too_deep = too_deep or depth > NESTING_MAX
        elif event in _ENDS:
            depth -= 1
        if not too_deep:
            builder.event(event, value)
    if too_deep:
        message = _("The record is nested deeper than %(max)d levels.") % {"max": NESTING_MAX}
        return BrokenInput("too_deep", message)
    return builder.value


def _items(events, counted: _Counted, state: dict, where: str):
    """The values of an array whose start_array was just read, one at a time."""
    for index, (event, value) in enumerate(events, 1):
        if event == "end_array":
            return
        counted.mark()
        state["where"] = f"{where} {index}"
        yield _build(event, value, events)


def _map(events, position: str, counted: _Counted, state: dict) -> Iterator[tuple[str, object]]:
    """An object whose start_map was just read: its feed items one by one, or itself."""
    header: dict = {}
    streamed = 0
    key = None
    broken = None
    for event, value in events:
        if event == "end_map":
            break
        if event == "map_key":
            key = value
            continue
        if key in _CONTAINERS and event == "start_array" and "ClaimReview" not in types_of(header):
            for item in _items(events, counted, state, f"{position}, item"):
                streamed += 1
                yield from expand(unwrap(item), f"{position}, item {streamed}", depth=1)
            counted.mark()
            state["where"] = position
            continue
        built = _build(event, value, events)
        if isinstance(built, BrokenInput):
            broken = built
        header[key] = built
    if broken is not None:
        yield position, broken
    elif not streamed:
        yield from expand(header, position)


# --- HTML with JSON-LD script blocks -------------------------------------------------------------


def _html(stream) -> Iterator[tuple[str, object]]:
    """Every `<script type="application/ld+json">` block, in order, with its line number."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    buffer = ""
    line = 1  # the line of buffer[0]
    ended = False
    searched = 0  # how far a closing tag was already looked for (a long block: no rescans)
    while True:
        opening = _SCRIPT_OPEN.search(buffer)
        closing = None
        if opening:
            closing = _SCRIPT_CLOSE.search(buffer, max(opening.end(), searched - 16))
            searched = len(buffer)
        if opening and closing:
            searched = 0
            where = f"line {line + buffer.count(chr(10), 0, opening.start())}"
            yield from _loads(buffer[opening.end() : closing.start()].strip(), where)
            line += buffer.count("\n", 0, closing.end())
            buffer = buffer[closing.end() :]
            continue
        if opening and len(buffer) - opening.start() > LINE_MAX:
            where = f"line {line + buffer.count(chr(10), 0, opening.start())}"
            message = _("The script block is longer than %(max)d bytes.") % {"max": LINE_MAX}
            yield where, BrokenInput("too_large", message)
            line += buffer.count("\n", 0, opening.end())
            buffer = buffer[opening.end() :]  # its text is searched on, for the next block
            searched = 0
            continue
        if not opening:  # keep only a tail where a tag may have begun
            keep = max(0, len(buffer) - 256)
            line += buffer.count("\n", 0, keep)
            buffer = buffer[keep:]
        if ended:
            return
        chunk = stream.read(_CHUNK)
        ended = not chunk
        buffer += decoder.decode(chunk, final=ended)
