"""The reviewer page of imported ClaimReviews, and the editors' upload form on it."""

import gzip
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claimreviews.models import ClaimReview
from tests.claimreviews.helpers import jsonl, review
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PAGE = "/claimreviews/"


def signed_in(client, role: str | None):
    client.force_login(UserFactory(role=role))
    return client


def store(*records) -> None:
    for record in records:
        ClaimReview.objects.create(
            url=record["url"], claim_reviewed=record["claimReviewed"],
            publisher_name=record.get("author", {}).get("name", ""),
            textual_rating=record["reviewRating"]["alternateName"],
            rating={"Pants on Fire": "false"}.get(record["reviewRating"]["alternateName"]),
            raw=record,
        )  # fmt: skip


def test_anonymous_visitors_are_sent_to_log_in_and_roleless_accounts_refused(client):
    assert client.get(PAGE).status_code == 302
    assert signed_in(client, None).get(PAGE).status_code == 403


def test_a_reviewer_lists_and_searches(client):
    store(review(1), review(2, claimReviewed="Grafeno en las vacunas", author={"name": "Maldita"},
                           reviewRating={"alternateName": "Bulo total"}))  # fmt: skip
    page = signed_in(client, "reviewer")

    everything = page.get(PAGE).content.decode()
    found = page.get(PAGE, {"q": "grafeno"}).content.decode()
    by_rating = page.get(PAGE, {"rating": "unmapped"}).content.decode()
    by_publisher = page.get(PAGE, {"publisher": "maldita"}).content.decode()

    assert "2 ClaimReviews" in everything
    assert "Grafeno en las vacunas" in found
    assert "Claim number 1" not in found
    assert "Bulo total" in by_rating
    assert "Claim number 1" not in by_rating
    assert "1 ClaimReview" in by_publisher
    assert 'href="https://checker.example/reviews/1/"' in everything
    assert 'rel="noopener noreferrer nofollow"' in everything
    assert "Import ClaimReviews" not in everything  # reviewers do not import


def test_hostile_text_is_escaped(client):
    store(review(1, claimReviewed='<img src=x onerror="alert(1)">'))

    html = signed_in(client, "reviewer").get(PAGE).content.decode()

    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


def test_a_javascript_url_never_reaches_the_page(client, tmp_path):
    editor = signed_in(client, "editor")
    upload = SimpleUploadedFile("x.jsonl", jsonl(review(url="javascript:alert(1)")).encode())

    response = editor.post(f"{PAGE}upload/", {"file": upload})

    assert response.status_code == 400
    assert "javascript:" not in response.content.decode().split("import-report")[0]
    assert ClaimReview.objects.count() == 0


def test_an_editor_uploads_a_gzipped_feed(client):
    feed = {"@type": "DataFeed", "dataFeedElement": [review(1), {"@type": "Thing"}]}
    upload = SimpleUploadedFile("feed.json.gz", gzip.compress(json.dumps(feed).encode()))

    response = signed_in(client, "editor").post(f"{PAGE}upload/", {"file": upload})

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 created, 0 updated, 0 unchanged, 0 of our own (not stored), 1 refused." in html
    assert "line 1, item 2" in html
    assert ClaimReview.objects.count() == 1


def test_reviewers_cannot_upload(client):
    upload = SimpleUploadedFile("x.jsonl", jsonl(review(1)).encode())

    response = signed_in(client, "reviewer").post(f"{PAGE}upload/", {"file": upload})

    assert response.status_code == 403
    assert ClaimReview.objects.count() == 0


def test_upload_without_a_file_or_too_large(client, settings):
    editor = signed_in(client, "editor")
    assert editor.post(f"{PAGE}upload/", {}).status_code == 400
    settings.FACTCHECK_MAX_IMPORT_BYTES = 100
    upload = SimpleUploadedFile("x.jsonl", jsonl(*[review(n) for n in range(5)]).encode())

    response = editor.post(f"{PAGE}upload/", {"file": upload})

    assert response.status_code == 400
    assert "larger than 100 bytes" in response.content.decode()
    assert ClaimReview.objects.count() == 0


def test_the_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    store(*[review(n) for n in range(30)])
    page = signed_in(client, "editor")
    page.get(PAGE)  # warm the session

    # session, user, roles, the page's rows, its count, the publishers
    with django_assert_max_num_queries(6):
        response = page.get(PAGE, {"q": "claim"})
    assert response.status_code == 200


def test_the_import_page_and_the_menu_point_here(client):
    page = signed_in(client, "reviewer")

    assert f'href="{PAGE}"' in page.get("/import/").content.decode()
