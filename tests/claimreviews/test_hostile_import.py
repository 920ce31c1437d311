"""SECURITY-CASES #39 end to end: hostile ClaimReview files through the API, the
upload page and the command; what is stored renders inert on /claimreviews/ and in
the API. (The parser's memory bounds: test_hostile_input.py.)"""

import gzip
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from claimreviews.models import ClaimReview
from tests.claimreviews.helpers import jsonl, review
from tests.claimreviews.test_pages import PAGE, signed_in

pytestmark = pytest.mark.django_db
API = "/api/v1/claimreviews/"
SCRIPT = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def hostile_lines() -> str:
    """Each kind of record of the case, one per line, between good records."""
    deep = json.dumps(review(9))[:-1] + ', "x": ' + "[" * 10_000 + "]" * 10_000 + "}"
    return jsonl(
        review(1),
        review(2, claimReviewed=SCRIPT, name=SCRIPT, author={"name": SCRIPT,
               "url": "javascript:alert(3)"}, reviewRating={"alternateName": SCRIPT}),
        review(3, url="javascript:alert(1)"),
        review(4, url="JaVaScRiPt:alert(1)"),
        review(5, url="\tjavascript:alert(1)"),
        review(6, itemReviewed={"appearance": ["javascript:alert(1)", "https://ok.example/a"]}),
        deep,
        review(7, claimReviewed="x" * (50 * 1024 * 1024)),  # a 50 MB line
        review(8),
    )  # fmt: skip


EXPECTED_ERRORS = [
    ("line 3", "bad_url"), ("line 4", "bad_url"), ("line 5", "bad_url"),
    ("line 7", "broken_json"), ("line 8", "too_large"),
]  # fmt: skip


def check_stored() -> None:
    assert sorted(ClaimReview.objects.values_list("url", flat=True)) == [
        review(n)["url"] for n in (1, 2, 6, 8)
    ]
    hostile = ClaimReview.objects.get(url=review(2)["url"])
    assert (hostile.claim_reviewed, hostile.publisher_name) == (SCRIPT, SCRIPT)
    assert hostile.publisher_url == ""  # javascript: never becomes a link
    assert ClaimReview.objects.get(url=review(6)["url"]).appearance_urls == ["https://ok.example/a"]


def test_through_a_gzipped_multipart_upload_each_record_is_judged_on_its_own(as_editor):
    data = gzip.compress(hostile_lines().encode(), compresslevel=1)

    response = as_editor.post(
        f"{API}import/", {"file": SimpleUploadedFile("hostile.jsonl.gz", data)},
        format="multipart",
    )  # fmt: skip

    assert response.status_code == 200, response.content[:500]
    report = response.json()
    assert [(e["position"], e["code"]) for e in report["errors"]] == EXPECTED_ERRORS
    assert (report["created"], report["failed"]) == (4, 5)
    check_stored()


def test_through_the_command_each_record_is_judged_on_its_own(tmp_path):
    path = tmp_path / "hostile.jsonl"
    path.write_text(hostile_lines(), encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_claimreviews", str(path), stdout=io.StringIO(), stderr=err)

    found = [line.split(":")[1:3] for line in err.getvalue().splitlines()]
    assert [(where, code.strip()) for where, code in found] == EXPECTED_ERRORS
    check_stored()


def test_stored_markup_is_inert_on_the_page_and_in_the_api(client, anon, tmp_path):
    path = tmp_path / "hostile.jsonl"
    path.write_text(jsonl(review(2, claimReviewed=SCRIPT, name=SCRIPT,
                                 author={"name": SCRIPT})), encoding="utf-8")  # fmt: skip
    call_command("import_claimreviews", str(path), stdout=io.StringIO())

    html = signed_in(client, "reviewer").get(PAGE).content.decode()
    listed = anon.get(API)

    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert listed["Content-Type"] == "application/json"
    assert listed["X-Content-Type-Options"] == "nosniff"
    assert listed.json()["results"][0]["claim_reviewed"] == SCRIPT  # as data, exactly


def test_an_upload_stops_after_the_refused_record_limit(as_editor, settings):
    """30 million `{}` lines fit in a 100 KB gzip: the API stops reading at the limit."""
    settings.FACTCHECK_IMPORT_MAX_REFUSED = 5
    data = gzip.compress(("{}\n" * 1000).encode() + jsonl(review(1)).encode())

    response = as_editor.post(
        f"{API}import/", {"file": SimpleUploadedFile("bomb.jsonl.gz", data)}, format="multipart"
    )

    assert response.status_code == 400
    report = response.json()
    assert report["failed"] == 5
    assert report["errors"][-1] == {
        "position": "line 5", "code": "too_many_refused",
        "message": "Stopped after 5 refused records: the rest is not read.",
    }  # fmt: skip
    assert ClaimReview.objects.count() == 0


def test_the_upload_page_stops_at_the_same_limit(client, settings):
    settings.FACTCHECK_IMPORT_MAX_REFUSED = 3
    upload = SimpleUploadedFile("x.jsonl", ("{}\n" * 100).encode())

    response = signed_in(client, "editor").post(f"{PAGE}upload/", {"file": upload})

    assert response.status_code == 400
    assert "Stopped after 3 refused records" in response.content.decode()


def test_the_command_stops_after_max_refused_when_asked(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("{}\n" * 50 + jsonl(review(1)), encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_claimreviews", str(path), "--max-refused", "4",
            stdout=io.StringIO(), stderr=err,
        )  # fmt: skip

    lines = err.getvalue().splitlines()
    assert len(lines) == 5
    assert lines[-1].endswith(
        ":line 4: too_many_refused: Stopped after 4 refused records: the rest is not read."
    )
    assert ClaimReview.objects.count() == 0
