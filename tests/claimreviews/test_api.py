"""The imported ClaimReviews' API: public reads, filters, query budget, and the editors' import."""

import gzip
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from claimreviews.models import ClaimReview
from tests.claimreviews.helpers import jsonl, review
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/claimreviews/"


@pytest.fixture
def stored(tmp_path):
    records = [
        review(1, reviewRating={"alternateName": "Pants on Fire"}, datePublished="2024-01-01"),
        review(2, reviewRating={"alternateName": "Engañoso"}, inLanguage="es",
               author={"name": "Maldita"}, datePublished="2024-02-01",
               claimReviewed="Las vacunas contienen grafeno."),
        review(3, reviewRating={"alternateName": "Sort of"}, datePublished="2024-03-01",
               author={"name": "Snopes"}),
    ]  # fmt: skip
    path = tmp_path / "stored.jsonl"
    path.write_text(jsonl(*records), encoding="utf-8")
    call_command("import_claimreviews", str(path), stdout=None)
    return {r.url.rstrip("/").rsplit("/", 1)[1]: r for r in ClaimReview.objects.all()}


def client_for(role: str | None) -> APIClient:
    client = APIClient()
    if role:
        client.force_authenticate(UserFactory(role=None if role == "roleless" else role))
    return client


def numbers(response) -> list[str]:
    return [row["url"].rstrip("/").rsplit("/", 1)[1] for row in response.json()["results"]]


def test_anyone_reads_the_list_newest_first(anon, stored):
    response = anon.get(API)

    assert response.status_code == 200
    assert numbers(response) == ["3", "2", "1"]
    first = response.json()["results"][2]
    assert first["rating"] == "false"
    assert first["rating_label"] == "False"
    assert first["textual_rating"] == "Pants on Fire"
    assert first["url"] == "https://checker.example/reviews/1/"
    assert "raw" not in first
    unmapped = response.json()["results"][0]
    assert (unmapped["rating"], unmapped["rating_label"]) == (None, None)


def test_detail_has_the_raw_json(anon, stored):
    response = anon.get(f"{API}{stored['1'].pk}/")

    assert response.status_code == 200
    assert response.json()["raw"]["reviewRating"]["alternateName"] == "Pants on Fire"
    assert anon.get(f"{API}999999/").status_code == 404
    assert anon.get(f"{API}abc/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("publisher=maldita", ["2"]),
        ("publisher=Snopes", ["3"]),
        ("rating=false", ["1"]),
        ("rating=false,misleading", ["2", "1"]),
        ("mapped=true", ["2", "1"]),
        ("mapped=false", ["3"]),
        ("language=ES", ["2"]),
        ("q=GRAFENO", ["2"]),
        ("q=number 3", ["3"]),
        ("q=maldita", ["2"]),
        ("rating=true", []),
    ],
)
def test_filters(anon, stored, query, expected):
    response = anon.get(f"{API}?{query}")

    assert response.status_code == 200, response.content
    assert numbers(response) == expected


@pytest.mark.parametrize(
    "query", ["rating=bogus", "rating=false,bogus", "rating=,", "mapped=maybe"]
)
def test_bad_filter_values_are_a_400_naming_the_parameter(anon, stored, query):
    response = anon.get(f"{API}?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_keyset_pages(anon, stored):
    first = anon.get(f"{API}?cursor=&page_size=2").json()
    second = anon.get(first["next"]).json()

    assert len(first["results"]) == 2
    assert len(second["results"]) == 1
    assert second["next"] is None


@pytest.mark.parametrize("rows", [1, 50])
def test_list_query_budget(anon, django_assert_num_queries, tmp_path, rows):
    path = tmp_path / "many.jsonl"
    path.write_text(jsonl(*[review(n) for n in range(rows)]), encoding="utf-8")
    call_command("import_claimreviews", str(path), stdout=None)

    # 1 the page (shorter than page_size: it is the last one, no COUNT)
    with django_assert_num_queries(1):
        response = anon.get(f"{API}?page_size=200&q=claim&rating=false")
    assert len(response.json()["results"]) == rows

    # a full page: the page and its exact COUNT
    with django_assert_num_queries(2):
        anon.get(f"{API}?page_size=1")
    # keyset: the page only
    with django_assert_num_queries(1):
        anon.get(f"{API}?cursor=&page_size=1")


# --- import --------------------------------------------------------------------------------


def test_an_editor_imports_a_json_body(as_editor):
    response = as_editor.post(f"{API}import/", [review(1), review(2)], format="json")

    assert response.status_code == 200, response.content
    assert response.json() == {
        "created": 2, "updated": 0, "unchanged": 0, "ours": 0, "failed": 0, "errors": []
    }  # fmt: skip
    again = as_editor.post(f"{API}import/", [review(1), review(2)], format="json")
    assert again.json()["unchanged"] == 2
    assert ClaimReview.objects.count() == 2


def test_json_lines_body_with_a_bad_line(as_editor):
    body = jsonl(review(1), "{oops", review(3, url="ftp://x.example/"))

    response = as_editor.generic(
        "POST", f"{API}import/", body.encode(), content_type="application/x-ndjson"
    )

    assert response.status_code == 200
    report = response.json()
    assert (report["created"], report["failed"]) == (1, 2)
    assert [(e["position"], e["code"]) for e in report["errors"]] == [
        ("line 2", "broken_json"), ("line 3", "bad_url")
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.jsonl.gz"])
def test_multipart_file_plain_or_gzip(as_editor, name):
    data = jsonl(review(1), review(2)).encode()
    if name.endswith(".gz"):
        data = gzip.compress(data)

    response = as_editor.post(
        f"{API}import/", {"file": SimpleUploadedFile(name, data)}, format="multipart"
    )

    assert response.status_code == 200, response.content
    assert response.json()["created"] == 2


def test_nothing_importable_is_a_400_and_stores_nothing(as_editor):
    response = as_editor.post(f"{API}import/", {"@type": "Claim"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "not_claimreview"
    assert ClaimReview.objects.count() == 0


def test_multipart_without_a_file_is_a_400(as_editor):
    response = as_editor.post(f"{API}import/", {"other": "x"}, format="multipart")

    assert response.status_code == 400
    assert "file" in response.json()


def test_an_unknown_body_type_is_a_415(as_editor):
    response = as_editor.generic("POST", f"{API}import/", b"x", content_type="image/png")

    assert response.status_code == 415


def test_a_body_over_the_body_limit_is_a_413(as_editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = as_editor.post(f"{API}import/", [review(n) for n in range(10)], format="json")

    assert response.status_code == 413
    assert ClaimReview.objects.count() == 0


def test_an_upload_over_the_import_limit_is_a_413_and_stores_nothing(as_editor, settings):
    settings.FACTCHECK_MAX_IMPORT_BYTES = 2000
    big = jsonl(*[review(n) for n in range(200)]).encode()
    assert len(big) > 2000 + 64 * 1024

    response = as_editor.post(
        f"{API}import/", {"file": SimpleUploadedFile("big.jsonl", big)}, format="multipart"
    )

    assert response.status_code == 413
    assert ClaimReview.objects.count() == 0


def test_a_gzip_bomb_is_cut_at_the_limit_and_stores_nothing(as_editor, settings):
    settings.FACTCHECK_MAX_IMPORT_BYTES = 5000
    # Small once compressed, far larger than the limit once gunzipped.
    data = gzip.compress(jsonl(*[review(n, reviewBody="a" * 20_000) for n in range(20)]).encode())
    assert len(data) < 5000

    response = as_editor.post(
        f"{API}import/", {"file": SimpleUploadedFile("bomb.jsonl.gz", data)}, format="multipart"
    )

    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert ClaimReview.objects.count() == 0


@pytest.mark.parametrize(("role", "status"), [(None, 401), ("roleless", 403), ("reviewer", 403)])
def test_only_editors_import(role, status):
    response = client_for(role).post(f"{API}import/", [review(1)], format="json")

    assert response.status_code == status
    assert ClaimReview.objects.count() == 0


def test_admins_import(as_editor):
    response = client_for("admin").post(f"{API}import/", review(1), format="json")

    assert response.status_code == 200


def test_nobody_writes_through_the_list_or_detail(as_editor, stored):
    assert as_editor.post(API, review(9), format="json").status_code == 405
    assert as_editor.patch(f"{API}{stored['1'].pk}/", {"name": "x"}).status_code == 405
    assert as_editor.delete(f"{API}{stored['1'].pk}/").status_code == 405


def test_json_body_error_shape_never_500(as_editor):
    response = as_editor.generic(
        "POST",
        f"{API}import/",
        json.dumps([1, "x", None]).encode(),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["failed"] == 3


def test_detail_query_budget(anon, stored, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = anon.get(f"{API}{stored['2'].pk}/")
    assert response.json()["raw"]["inLanguage"] == "es"
