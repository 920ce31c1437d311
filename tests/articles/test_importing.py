"""Reading article files: the demo texts, HTML, JSON and every way a file can be bad."""

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from articles.importing import (
    ArticleData,
    ImportDataError,
    ImportFileError,
    parse_html,
    parse_json,
    parse_jsonl,
    parse_text,
    read_articles,
)

DEMO_DIR = Path(__file__).resolve().parents[2] / "articles" / "demo"
PARLER_BID = DEMO_DIR / "000_fd4a55dcac06667b.txt"
CLOUD_SUSPENDS = DEMO_DIR / "004_68581c8c0e07d598.txt"

CLUTTER_LINES = [
    "Leave a Comment",
    "Leave a Reply",
    "Related News",
    "Photo credit: Derick McKinney/Unsplash",
    "85 2",
    "Your email address will not be published. Required fields are marked *",
]

PARAGRAPH = "This paragraph has enough words in it to read like the body of a real news story."


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def error_for(path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_articles(path)
    assert caught.value.path == path
    assert str(caught.value) == f"{path}: {caught.value.message}"
    return caught.value.message


# --- the demo articles ----------------------------------------------------------------


def test_reads_first_demo_article_without_clutter():
    [article] = read_articles(PARLER_BID)
    paragraphs = article.text.split("\n\n")

    assert (
        article.title == "Federal judge blocks Parler's bid to be restored on Amazon Web Services"
    )
    assert paragraphs[0] == (
        "So our esteemed founder and architect predicted this would happen months ago and yet "
        "everybody was shocked and surprised. We could see this coming from a mile away. No "
        "matter how Parler represented itself, the amount of garbage posted on that platform "
        "was just too much to ignore."
    )
    assert paragraphs[-1] == "Good luck Parler!!!"
    assert len(paragraphs) == 11


def test_reads_second_demo_article_whose_file_starts_with_a_photo_credit():
    [article] = read_articles(CLOUD_SUSPENDS)
    paragraphs = article.text.split("\n\n")

    assert article.title == (
        "Amazon Cloud suspends Parler whilst talks of MAGA political party continue"
    )
    assert paragraphs[0].startswith("While some social media users breathed a sigh of relief")
    assert paragraphs[0].endswith("still tweeting from the White House?")
    assert paragraphs[-1] == (
        "No decisions have been made to forego the protest-related arrests at the time of "
        "publication. In the meantime, the Senate (which is now 50/50 Democrat and Republican "
        "after three new Democratic Senators were sworn in on Inauguration Week) is due to "
        "start hearing the impeachment case against Trump on the week beginning February 8."
    )
    assert "five officers that died" in article.text
    # A sub-heading inside the body is article text, not clutter.
    assert "Justice Department ponders dismissing Capitol Riot protesters" in paragraphs
    assert len(paragraphs) == 13


@pytest.mark.parametrize("path", [PARLER_BID, CLOUD_SUSPENDS], ids=["parler-bid", "suspends"])
def test_demo_articles_keep_no_clutter_line(path):
    [article] = read_articles(path)
    lines = {line.strip() for line in article.text.split("\n")}

    for clutter in CLUTTER_LINES:
        assert clutter not in lines
        assert clutter != article.title
    assert "\n\n\n" not in article.text
    assert article.text == article.text.strip()


def test_demo_metadata_defaults():
    [article] = read_articles(PARLER_BID)

    assert (article.url, article.publisher, article.byline) == ("", "", "")
    assert article.published_at is None
    assert article.language == "en"


# --- plain text -------------------------------------------------------------------------


def test_text_accepts_bom_and_crlf(tmp_path):
    path = write(tmp_path, "a.txt", "\ufeffTitle\r\n\r\nFirst.\r\n\r\n\r\n\r\nSecond.\r\n".encode())

    assert read_articles(path) == [ArticleData(title="Title", text="First.\n\nSecond.")]


def test_text_keeps_unicode_as_is():
    [article] = parse_text("Café “quotes”\n\nnaïve — 🙂 e\u0301", name="pasted")

    assert article.title == "Café “quotes”"
    assert article.text == "naïve — 🙂 e\u0301"


def test_text_with_title_only_is_refused():
    with pytest.raises(ImportDataError, match="only a title line"):
        parse_text("Just a headline\n\n\n", name="x")


def test_text_of_only_clutter_is_refused(tmp_path):
    path = write(tmp_path, "clutter.txt", "Photo credit: A/B\n\n85 2\n\nLeave a Comment\n\nStory\n")

    assert error_for(path) == "no article text left after removing page clutter"


# --- files that are not articles ------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n \n"])
def test_empty_file_is_refused(tmp_path, content):
    assert error_for(write(tmp_path, "empty.txt", content)) == "the file is empty"


def test_binary_file_with_nul_bytes_is_refused(tmp_path):
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    assert "binary file" in error_for(path)


def test_undecodable_file_is_refused_with_the_offset(tmp_path):
    path = write(tmp_path, "latin1.txt", "Title\n\nCaf\xe9 au lait".encode("latin-1"))

    assert error_for(path) == (
        "not UTF-8 text (byte 0xe9 at offset 10); is it a binary file or in another encoding?"
    )


@pytest.mark.parametrize("name", ["story.pdf", "story.docx", "story", "story.txt.bak"])
def test_unknown_extension_is_refused_before_reading(tmp_path, name):
    path = write(tmp_path, name, b"\x00 not even read")

    message = error_for(path)

    assert message.startswith("unsupported file type")
    assert ".txt, .html, .htm, .json, .jsonl" in message


def test_missing_file_is_reported(tmp_path):
    assert error_for(tmp_path / "gone.txt").startswith("cannot be read")


def test_extension_is_case_insensitive(tmp_path):
    path = write(tmp_path, "LOUD.TXT", "Title\n\nBody.")

    assert read_articles(path)[0].title == "Title"


# --- HTML -------------------------------------------------------------------------------

PAGE = f"""<!doctype html>
<html lang="en-GB">
<head>
  <title>Judge rules on Parler | Example News</title>
  <meta name="author" content="Jane Doe">
  <meta property="og:site_name" content="Example News">
  <meta property="og:title" content="Judge rules on Parler">
  <meta property="article:published_time" content="2021-01-21T10:00:00Z">
  <link rel="canonical" href="https://example.org/parler-ruling">
  <style>body {{ color: red }}</style>
  <script>var tracker = "SECRET_TRACKER"; alert("head");</script>
</head>
<body onload="alert('onload')">
  <nav><a href="/">Home</a> | <a href="/about">About us</a></nav>
  <article>
    <h1>Judge rules on Parler</h1>
    <p>First: {PARAGRAPH}</p>
    <script>document.write("INJECTED_BY_SCRIPT"); alert(document.cookie)</script>
    <p onclick="alert('click')">Second: {PARAGRAPH} <b>Bold</b> and <a href="/x">linked</a>.</p>
    <noscript>NOSCRIPT_FALLBACK please enable JavaScript</noscript>
    <p>Photo credit: Somebody/Agency</p>
    <p>Third: {PARAGRAPH}</p>
    <p>Leave a Comment</p>
    <p>A reader wrote something rude here, long enough to look like a paragraph too.</p>
  </article>
  <footer>Copyright Example News</footer>
</body>
</html>"""


def test_html_extracts_title_text_and_metadata(tmp_path):
    [article] = read_articles(write(tmp_path, "page.html", PAGE))

    assert article.title == "Judge rules on Parler"
    assert article.text == (
        f"First: {PARAGRAPH}\n\nSecond: {PARAGRAPH} Bold and linked.\n\nThird: {PARAGRAPH}"
    )
    assert article.url == "https://example.org/parler-ruling"
    assert article.publisher == "Example News"
    assert article.byline == "Jane Doe"
    assert article.published_at == datetime(2021, 1, 21, tzinfo=UTC)
    assert article.language == "en-GB"


@pytest.mark.parametrize(
    "forbidden",
    ["<", ">", "script", "alert(", "SECRET_TRACKER", "INJECTED_BY_SCRIPT", "NOSCRIPT", "color:"],
)
def test_html_keeps_no_markup_or_script(forbidden):
    [article] = parse_html(PAGE)

    assert forbidden not in article.text
    assert forbidden not in article.title


def test_html_page_of_only_scripts_is_refused(tmp_path):
    page = "<html><head><script>alert('x')</script></head><body><script>alert(1)</script></body>"

    assert error_for(write(tmp_path, "script.htm", page)) == (
        "the HTML page has no extractable article text"
    )


def test_html_without_text_is_refused():
    with pytest.raises(ImportDataError, match="no extractable article text"):
        parse_html("<html><body><div><img src='a.png'></div></body></html>")


def test_html_of_only_clutter_is_refused():
    page = "<html><body><article><p>Leave a Reply</p><p>Comment text here</p></article></body>"

    with pytest.raises(ImportDataError, match="no article text left after removing page clutter"):
        parse_html(page)


def test_html_ignores_a_canonical_link_that_is_not_a_web_url():
    page = PAGE.replace("https://example.org/parler-ruling", "javascript:alert(1)")

    assert parse_html(page)[0].url == ""


def test_html_with_xml_encoding_declaration_is_read_as_utf8():
    page = '<?xml version="1.0" encoding="iso-8859-1"?>\n' + PAGE.replace("First:", "Café:")

    assert parse_html(page)[0].text.startswith("Café:")


# --- JSON and JSON Lines -----------------------------------------------------------------

FULL = {
    "title": "  A title  ",
    "text": "First.\r\n\r\nSecond.",
    "url": "https://example.org/a",
    "publisher": "Example News",
    "byline": "Jane Doe",
    "published_at": "2021-01-21T10:30:00+02:00",
    "language": "de",
    "id": 17,  # unknown keys are ignored
}


def test_json_object_with_every_field(tmp_path):
    [article] = read_articles(write(tmp_path, "a.json", json.dumps(FULL)))

    assert article == ArticleData(
        title="A title",
        text="First.\n\nSecond.",
        url="https://example.org/a",
        publisher="Example News",
        byline="Jane Doe",
        published_at=datetime(2021, 1, 21, 10, 30, tzinfo=timezone(timedelta(hours=2))),
        language="de",
    )


def test_json_list_and_defaults(tmp_path):
    items = [{"title": "One", "text": "Body one."}, {"title": "Two", "text": "Body two."}]

    articles = read_articles(write(tmp_path, "list.json", json.dumps(items)))

    assert [a.title for a in articles] == ["One", "Two"]
    assert articles[0] == ArticleData(title="One", text="Body one.")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2021-01-21T10:30:00", datetime(2021, 1, 21, 10, 30, tzinfo=UTC)),
        ("2021-01-21T10:30:00Z", datetime(2021, 1, 21, 10, 30, tzinfo=UTC)),
        ("2021-01-21", datetime(2021, 1, 21, tzinfo=UTC)),
        (None, None),
        ("", None),
    ],
)
def test_json_published_at_is_timezone_aware(raw, expected):
    [article] = parse_json(json.dumps({"title": "T", "text": "B", "published_at": raw}))

    assert article.published_at == expected
    assert expected is None or article.published_at.utcoffset() is not None


def test_json_with_html_instead_of_text():
    item = {"html": PAGE, "publisher": "Given Publisher"}

    [article] = parse_json(json.dumps(item))

    assert article.title == "Judge rules on Parler"
    assert article.text.startswith("First: ")
    assert "alert(" not in article.text
    assert article.publisher == "Given Publisher"  # the JSON wins over the page
    assert article.byline == "Jane Doe"


def test_jsonl_reads_one_object_per_line(tmp_path):
    content = '{"title": "One", "text": "Body one."}\n\n{"title": "Two", "text": "Body two."}\n'

    articles = read_articles(write(tmp_path, "a.jsonl", content))

    assert [(a.title, a.text) for a in articles] == [("One", "Body one."), ("Two", "Body two.")]


def test_invalid_json_names_the_line(tmp_path):
    path = write(tmp_path, "bad.json", '{\n  "title": "T",\n  "text": "B",\n}\n')

    assert error_for(path) == (
        "invalid JSON at line 4, column 1: Expecting property name enclosed in double quotes"
    )


def test_invalid_jsonl_names_the_line(tmp_path):
    path = write(tmp_path, "bad.jsonl", '{"title": "One", "text": "B"}\n\n{"title": "Two",\n')

    assert error_for(path).startswith("invalid JSON on line 3: ")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"title": "T"}, "missing 'text'"),
        ({"title": "T", "text": "   "}, "missing 'text'"),
        ({"text": "Body"}, "missing 'title'"),
        ({}, "missing 'title' and 'text'"),
        ({"title": "T", "text": 42}, "'text' must be a string, got int"),
        ({"title": ["T"], "text": "B"}, "'title' must be a string, got list"),
        (
            {"title": "T", "text": "B", "url": "javascript:alert(1)"},
            "url must start with http:// or https://, not 'javascript:alert(1)'",
        ),
        ({"title": "T", "text": "B", "url": "example.org/a"}, "url must start with http://"),
        ({"title": "T", "text": "B", "published_at": "yesterday"}, "not an ISO 8601 date-time"),
        ({"title": "T", "text": "B", "published_at": 1611223800}, "must be an ISO 8601 string"),
        ("just a string", "expected a JSON object, got str"),
    ],
)
def test_json_object_errors(tmp_path, item, message):
    path = write(tmp_path, "bad.json", json.dumps(item))

    assert message in error_for(path)


def test_json_list_error_names_the_item():
    items = [{"title": "One", "text": "Body"}, {"title": "Two"}]

    with pytest.raises(ImportDataError, match=r"^item 2: missing 'text'$"):
        parse_json(json.dumps(items))


def test_jsonl_error_names_the_line():
    with pytest.raises(ImportDataError, match=r"^line 2: missing 'title'$"):
        parse_jsonl('{"title": "One", "text": "Body"}\n{"text": "No title"}\n')


def test_empty_json_list_is_refused():
    with pytest.raises(ImportDataError, match="contains no articles"):
        parse_json("[]")


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr("articles.importing.MAX_FILE_BYTES", 1_000_000)
    path = write(tmp_path, "huge.txt", b"Title\n\n" + b"x" * 1_500_000)

    assert error_for(path) == "the file is 1.5 MB; the limit is 1 MB"
