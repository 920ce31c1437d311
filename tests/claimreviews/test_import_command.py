"""`manage.py import_claimreviews`: every input shape, every bad record, idempotent re-import."""

import gzip
import io
import json
import sys
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from claimreviews.models import ClaimReview
from tests.claimreviews.helpers import jsonl, review

pytestmark = pytest.mark.django_db


def run(*paths, stdin: bytes | None = None, monkeypatch=None):
    """(exit status, stdout, stderr) of the command."""
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    try:
        call_command("import_claimreviews", *map(str, paths), stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def write(tmp_path, name: str, text: str | bytes):
    path = tmp_path / name
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(gzip.compress(text) if name.endswith(".gz") else text)
    return path


def urls() -> list[str]:
    return sorted(ClaimReview.objects.values_list("url", flat=True))


def test_one_record_is_stored_with_every_field(tmp_path):
    status, out, err = run(write(tmp_path, "one.json", json.dumps(review(), indent=2)))

    assert (status, err) == (0, "")
    assert "1 created, 0 updated" in out
    stored = ClaimReview.objects.get()
    assert stored.url == "https://checker.example/reviews/1/"
    assert stored.claim_reviewed == "Claim number 1 about the economy."
    assert stored.name == "Fact check 1"
    assert stored.claimant == "A. Politician"
    assert stored.claim_date == date(2024, 3, 1)
    assert stored.appearance_urls == ["https://social.example/post/1"]
    assert (stored.publisher_name, stored.publisher_url) == ("Checker", "https://checker.example/")
    assert stored.date_published == date(2024, 3, 5)
    assert stored.textual_rating == "Pants on Fire"
    assert (stored.rating_value, stored.best_rating, stored.worst_rating) == (1.0, 6.0, 1.0)
    assert stored.rating == "false"
    assert stored.language == "en"
    assert stored.raw == review()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("array.json", json.dumps([review(1), review(2), review(3)])),
        ("array-pretty.json", json.dumps([review(1), review(2), review(3)], indent=2)),
        (
            "feed.jsonld",
            json.dumps(
                {
                    "@context": "https://schema.org",
                    "@type": "DataFeed",
                    "dataFeedElement": [
                        {"@type": "DataFeedItem", "item": review(1)},
                        {"@type": "DataFeedItem", "item": [review(2)]},
                        review(3),
                    ],
                },
                indent=2,
            ),
        ),
        ("lines.jsonl", jsonl(review(1), review(2), review(3))),
        ("lines.jsonl.gz", jsonl(review(1), review(2), review(3))),
        (
            "graph.jsonld",
            json.dumps({"@context": "x", "@graph": [review(1), review(2), review(3)]}),
        ),
        (
            "page.html",
            "<!doctype html><html><head>\n"
            f'<script type="application/ld+json">{json.dumps(review(1))}</script>\n'
            "<script>var notJsonLd = 1;</script>\n"
            f"<SCRIPT TYPE='application/ld+json'>\n{json.dumps([review(2), review(3)], indent=1)}\n"
            "</script></head></html>",
        ),
        (
            "datacommons.txt.gz",
            "".join(
                f'<script type="application/ld+json">{json.dumps(review(n))}</script>\n'
                for n in (1, 2, 3)
            ),
        ),
    ],
)
def test_every_input_shape(tmp_path, name, text):
    status, out, err = run(write(tmp_path, name, text))

    assert (status, err) == (0, "")
    assert "3 created" in out
    assert urls() == [f"https://checker.example/reviews/{n}/" for n in (1, 2, 3)]


def test_standard_input(tmp_path, monkeypatch):
    status, out, _err = run(
        "-", stdin=jsonl(review(1), review(2)).encode(), monkeypatch=monkeypatch
    )

    assert status == 0
    assert "-: 2 created" in out


def test_a_feed_streamed_item_by_item_keeps_its_order_and_positions(tmp_path):
    feed = {"@type": "DataFeed", "dataFeedElement": [review(1), {"@type": "Thing"}, review(3)]}

    status, _out, err = run(write(tmp_path, "feed.json", json.dumps(feed, indent=2)))

    assert status == 1
    assert err.strip() == (
        f"{tmp_path}/feed.json:record 1, item 2: not_claimreview: "
        "The record's `@type` is not ClaimReview."
    )
    assert len(urls()) == 2


BAD = [
    ('{"@type": "ClaimReview", "url": ', "broken_json"),
    (json.dumps({"@type": "Claim", "url": "https://x.example/1", "claimReviewed": "x"}),
     "not_claimreview"),
    (json.dumps("a string, not an object"), "not_claimreview"),
    ("42", "not_claimreview"),
    (json.dumps(review(url=None)), "no_url"),
    (json.dumps(review(claimReviewed=None)), "missing"),
    (json.dumps(review(claimReviewed="   ")), "missing"),
    (json.dumps(review(claimReviewed=["a", "b"], url="https://x.example/list")), None),
    (json.dumps(review(claimReviewed=5)), "bad_type"),
    (json.dumps(review(url="javascript:alert(1)")), "bad_url"),
    (json.dumps(review(url="ftp://files.example/review")), "bad_url"),
    (json.dumps(review(url="https://user:secret@checker.example/r")), "bad_url"),
    (json.dumps(review(url="https://checker.example/a b")), "bad_url"),
    (json.dumps(review(url="https:///no-host")), "bad_url"),
    (json.dumps(review(url="https://checker.example:99999/")), "bad_url"),
    (json.dumps(review(url="https://checker.example/" + "a" * 2000)), "too_long"),
    (json.dumps(review(claimReviewed="x" * 2001)), "too_long"),
    (json.dumps(review(name="x" * 501)), "too_long"),
    (json.dumps(review(reviewRating={"alternateName": "x" * 301})), "too_long"),
    (json.dumps(review(author={"name": "x" * 301})), "too_long"),
    (json.dumps(review(reviewBody="x" * 300_000)), "too_large"),
    (json.dumps(review(claimReviewed="nul \u0000 inside")), "bad_text"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "code"), BAD)
def test_each_bad_record_is_reported_with_its_line_and_the_rest_imports(tmp_path, line, code):
    path = write(tmp_path, "mixed.jsonl", jsonl(review(1), line, review(3)))

    status, out, err = run(path)

    if code is None:  # a list holding the claim: the first text is taken
        assert status == 0, err
        return
    assert status == 1
    assert err.count("\n") == 1, err
    assert err.startswith(f"{path}:line 2: {code}: ")
    assert "2 created" in out
    assert "1 failed" in out
    assert urls() == ["https://checker.example/reviews/1/", "https://checker.example/reviews/3/"]


def test_broken_json_in_an_array_stops_there_but_keeps_what_came_before(tmp_path):
    text = "[" + json.dumps(review(1)) + "," + json.dumps(review(2)) + ', {"url": ]'

    status, out, err = run(write(tmp_path, "cut.json", text))

    assert status == 1
    assert ":record 3: broken_json: Broken JSON after 2 records" in err
    assert "2 created" in out


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "empty"), ("   \n\n", "empty"), (b"\x1f\x8b\x08\x00garbage", "bad_gzip")],
)
def test_inputs_with_nothing_to_read(tmp_path, text, code):
    status, _out, err = run(write(tmp_path, "nothing", text))

    assert status == 1
    assert f":input: {code}:" in err
    assert urls() == []


def test_a_missing_file_fails_the_command_but_not_the_others(tmp_path):
    good = write(tmp_path, "good.jsonl", jsonl(review(1)))

    status, out, err = run(tmp_path / "missing.jsonl", good)

    assert status == 1
    assert "missing.jsonl: cannot read" in err
    assert "good.jsonl: 1 created" in out


def test_reimport_updates_what_changed_and_creates_nothing(tmp_path):
    run(write(tmp_path, "first.jsonl", jsonl(review(1), review(2))))
    first = {r.url: r.updated_at for r in ClaimReview.objects.all()}
    changed = review(2, reviewRating={"alternateName": "Mostly False"})

    status, out, _err = run(write(tmp_path, "again.jsonl", jsonl(review(1), changed)))

    assert status == 0
    assert "0 created, 1 updated, 1 unchanged" in out
    assert ClaimReview.objects.count() == 2
    one, two = ClaimReview.objects.order_by("url")
    assert one.updated_at == first[one.url]  # unchanged rows are not written
    assert (two.textual_rating, two.rating) == ("Mostly False", "mostly-false")
    assert two.imported_at < two.updated_at


def test_the_same_url_twice_in_one_file_is_one_row_the_later_wins(tmp_path):
    later = review(1, claimReviewed="The corrected claim text.")

    status, out, _err = run(write(tmp_path, "twice.jsonl", jsonl(review(1), later)))

    assert status == 0
    assert "1 created, 1 updated" in out
    assert ClaimReview.objects.get().claim_reviewed == "The corrected claim text."


def test_url_and_textual_rating_are_stored_exactly_as_given(tmp_path):
    odd = review(url="HTTPS://Checker.Example/Reviews/%7E1?utm=x#top",
                 reviewRating={"alternateName": "  PANTS on fire! "})  # fmt: skip

    run(write(tmp_path, "odd.jsonl", jsonl(odd)))

    stored = ClaimReview.objects.get()
    assert stored.url == "HTTPS://Checker.Example/Reviews/%7E1?utm=x#top"
    assert stored.textual_rating == "  PANTS on fire! "
    assert stored.rating == "false"


def test_optional_properties_may_be_missing_or_odd(tmp_path):
    bare = {"@type": ["ClaimReview"], "url": "http://bare.example/1", "claimReviewed": "Bare."}
    odd = review(
        2, datePublished="last Tuesday", author="Someone", inLanguage={"name": "es"},
        reviewRating={"alternateName": "Sort of", "ratingValue": "not a number"},
        itemReviewed=[{"author": [{"name": "First"}], "firstAppearance": "https://a.example/"}],
    )  # fmt: skip

    status, _out, err = run(write(tmp_path, "odd.jsonl", jsonl(bare, odd)))

    assert (status, err) == (0, "")
    bare_row = ClaimReview.objects.get(url="http://bare.example/1")
    assert (bare_row.name, bare_row.rating, bare_row.date_published) == ("", None, None)
    odd_row = ClaimReview.objects.get(url="https://checker.example/reviews/2/")
    assert odd_row.date_published is None
    assert (odd_row.publisher_name, odd_row.language, odd_row.claimant) == (
        "Someone",
        "es",
        "First",
    )
    assert odd_row.appearance_urls == ["https://a.example/"]
    assert (odd_row.textual_rating, odd_row.rating, odd_row.rating_value) == ("Sort of", None, None)


def test_a_headline_stands_in_for_a_missing_name(tmp_path):
    record = review(headline="The headline")
    del record["name"]

    run(write(tmp_path, "h.jsonl", jsonl(record)))

    assert ClaimReview.objects.get().name == "The headline"


def test_small_batches_give_the_same_result(tmp_path):
    path = write(tmp_path, "many.jsonl", jsonl(*[review(n) for n in range(25)], "{bad"))
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_claimreviews", str(path), "--batch-size", "4", stdout=out, stderr=err)

    assert ClaimReview.objects.count() == 25
    assert "25 created" in out.getvalue()
    assert ":line 26: broken_json" in err.getvalue()


def test_a_batch_the_database_refuses_is_retried_row_by_row(tmp_path, monkeypatch):
    from django.db import DataError

    from claimreviews import services

    real = services.upsert

    def refusing(rows):
        if any("refused" in row["url"] for row in rows):
            raise DataError("value refused by the database")
        return real(rows)

    monkeypatch.setattr(services, "upsert", refusing)
    bad = review(url="https://checker.example/refused/")

    status, out, err = run(write(tmp_path, "b.jsonl", jsonl(review(1), bad, review(3))))

    assert status == 1
    assert ":line 2: refused: The database refused the record" in err
    assert "2 created" in out
    assert len(urls()) == 2


@pytest.mark.parametrize("name", ["bom.jsonl", "bom.json"])
def test_a_byte_order_mark_is_skipped(tmp_path, name):
    text = jsonl(review(1), review(2)) if name.endswith("l") else json.dumps([review(1), review(2)])

    status, out, err = run(write(tmp_path, name, b"\xef\xbb\xbf" + text.encode()))

    assert (status, err) == (0, "")
    assert "2 created" in out


def test_a_one_line_feed_longer_than_the_probe_is_streamed(tmp_path, monkeypatch):
    from claimreviews import parsing

    monkeypatch.setattr(parsing, "FIRST_LINE_PROBE", 64)
    feed = {"@type": "DataFeed", "dataFeedElement": [review(n) for n in range(5)]}

    status, out, _err = run(write(tmp_path, "feed.json", json.dumps(feed)))

    assert status == 0
    assert "5 created" in out


def test_text_that_is_neither_json_nor_html(tmp_path):
    status, _out, err = run(write(tmp_path, "notes.txt", "just some notes\nand more\n"))

    assert status == 1
    assert ":record 1: broken_json:" in err


def test_nan_is_not_json(tmp_path):
    line = json.dumps(review(2)).replace('"ratingValue": 1', '"ratingValue": NaN')

    status, _out, err = run(write(tmp_path, "nan.jsonl", jsonl(review(1), line)))

    assert status == 1
    assert ":line 2: broken_json: Broken JSON: NaN is not JSON" in err


def test_a_record_nested_too_deeply_is_refused_not_a_crash(tmp_path):
    deep = json.dumps(review(2))[:-1] + ', "x": ' + "[" * 5000 + "]" * 5000 + "}"
    feed = "[" + json.dumps(review(1)) + ",\n" + deep + "]"

    status, out, err = run(write(tmp_path, "deep.json", feed))

    assert status == 1
    assert ":record 2: too_deep:" in err
    assert "1 created" in out


def test_a_long_html_page_between_blocks(tmp_path):
    filler = "<p>" + "words " * 100_000 + "</p>\n"
    page = (
        f'<script type="application/ld+json">{json.dumps(review(1))}</script>\n{filler}'
        f'<script type="application/ld+json">\n{json.dumps(review(2), indent=2)}\n{filler}'
        "</script>"
    )

    status, out, _err = run(write(tmp_path, "long.html", page))

    assert status == 1  # the second block holds the filler: broken JSON, reported
    assert "1 created" in out
