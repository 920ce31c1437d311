"""SECURITY-CASES #39: hostile ClaimReview files keep memory flat and the import going.

The parser is pure, so its memory is measured here with tracemalloc (every Python
object ijson's C backend makes is counted). The end-to-end runs, through the
command and the API (gzip bombs, 50 MB lines), are in bench/security_probe.py and
tests/claimreviews/test_api.py; this file pins what must hold whatever the input's
size: a record may not grow past parsing.RECORD_MAX bytes nor nest deeper than
parsing.NESTING_MAX levels, and the records after it are still read.
"""

import io
import json
import tracemalloc

import pytest

from claimreviews import parsing
from claimreviews.parsing import BrokenInput, read_records
from tests.claimreviews.helpers import jsonl, review


def _read(data: bytes) -> tuple[list[tuple[str, object]], int]:
    """Every (position, value) read from `data`, and the peak bytes allocated meanwhile."""
    tracemalloc.start()
    try:
        found = list(read_records(io.BytesIO(data)))
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return found, peak


def _problems(found) -> list[tuple[str, str]]:
    return [(where, value.code) for where, value in found if isinstance(value, BrokenInput)]


def _urls(found) -> list[str]:
    return [value["url"] for _where, value in found if isinstance(value, dict)]


def test_feeds_nested_in_feeds_do_not_cost_memory_by_the_square_of_their_depth():
    """3,000 DataFeeds one inside the other: 120 KB of input.

    ijson.parse keeps the dotted path of every open level (`dataFeedElement.item.
    dataFeedElement.item...`), so memory grew with the square of the depth: this
    input took about 300 MB, and 10,000 levels (400 KB) took 3 GB.
    """
    nested = '{"@type":"DataFeed","dataFeedElement":[' * 3000 + "]}" * 3000

    found, peak = _read(f"[{nested},\n{json.dumps(review(1))}]".encode())

    assert peak < 20 * 1024 * 1024
    assert [code for _where, code in _problems(found)] == ["too_deep"]
    assert _urls(found) == [review(1)["url"]]


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_a_record_nested_past_the_limit_is_refused_and_the_next_one_read(opening):
    closing = "]" if opening == "[" else "}"
    deep = json.dumps(review(2))[:-1] + ', "x": ' + opening * 10_000 + "1" * (opening != "[")
    deep += closing * 10_000 + "}"
    data = f"[{json.dumps(review(1))},\n{deep},\n{json.dumps(review(3))}]".encode()

    found, peak = _read(data)

    assert _problems(found) == [("record 2", "too_deep")]
    assert _urls(found) == [review(1)["url"], review(3)["url"]]
    assert peak < 20 * 1024 * 1024


def test_a_record_just_inside_the_nesting_limit_is_read():
    depth = parsing.NESTING_MAX - 2  # the record's own object and "x"'s array
    record = json.dumps(review(1))[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"

    found, _peak = _read(f"[{record}]".encode())

    assert _problems(found) == []
    assert _urls(found) == [review(1)["url"]]


def test_a_huge_first_line_is_cut_at_the_record_limit_and_the_next_lines_are_read(monkeypatch):
    """A first line longer than the probe is streamed as a document (a one-line feed);
    one record in it may still not grow past RECORD_MAX: that part is refused, and the
    input is read on from the next line."""
    monkeypatch.setattr(parsing, "RECORD_MAX", 1024 * 1024)
    huge = json.dumps(review(1, claimReviewed="x" * (8 * 1024 * 1024)))

    found, peak = _read(jsonl(huge, review(2), review(3)).encode())

    assert [code for _where, code in _problems(found)] == ["too_large"]
    assert _urls(found) == [review(2)["url"], review(3)["url"]]
    assert peak < 4 * 1024 * 1024  # the 8 MB string is never held


def test_a_huge_item_in_a_one_line_feed_is_refused_and_the_items_before_it_kept(monkeypatch):
    monkeypatch.setattr(parsing, "RECORD_MAX", 1024 * 1024)
    items = [review(1), review(2, claimReviewed="x" * (8 * 1024 * 1024)), review(3)]
    feed = {"@type": "DataFeed", "dataFeedElement": items}

    found, peak = _read(json.dumps(feed).encode() + b"\n" + json.dumps(review(4)).encode())

    assert _problems(found) == [("record 1, item 2", "too_large")]
    # The rest of that line is skipped (there is no telling where item 3 starts
    # without parsing item 2); the next line is read.
    assert _urls(found) == [review(1)["url"], review(4)["url"]]
    assert peak < 4 * 1024 * 1024
