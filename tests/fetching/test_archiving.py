"""Archived sources: adding a source queues one task and never waits; the task stores the copy."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from annotations.models import SourceArchive
from tests.api.helpers import published_claim
from tests.factories import ClaimFactory, SourceFactory
from tests.fetching.servers import send

pytestmark = pytest.mark.django_db

PAGE = (
    "<html><head><title>Police report</title></head><body><article><h1>Police report</h1>"
    "<p>One officer died on the day; four more officers died in the weeks that followed, the "
    "department said in its annual report on the events.</p></article></body></html>"
)


@pytest.fixture
def client(reviewer):
    api = APIClient()
    api.force_authenticate(reviewer)
    return api


def _add(client, claim, url, capture):
    with capture(execute=True):
        return client.post(f"/api/v1/claims/{claim.pk}/sources/", {"url": url})


def test_adding_a_source_archives_it_in_the_background(
    client, site, reviewer, django_capture_on_commit_callbacks
):
    site.page("/report", PAGE)
    claim = ClaimFactory(created_by=reviewer)

    response = _add(client, claim, site.url("/report"), django_capture_on_commit_callbacks)

    assert response.status_code == 201
    archive = SourceArchive.objects.get()
    assert (archive.status, archive.http_status, archive.attempts) == ("done", 200, 1)
    assert archive.final_url == site.url("/report")
    assert archive.title == "Police report"
    assert "four more officers died" in archive.text
    assert len(archive.sha256) == 64
    card = client.get(f"/api/v1/claims/{claim.pk}/").json()["sources"][0]["archive"]
    assert card["status"] == "done"
    assert card["text"] == archive.text
    assert card["sha256"] == archive.sha256


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_adding_a_source_costs_one_insert_for_the_archive_task(client, reviewer):
    from django_tasks_db.models import DBTaskResult

    claim = ClaimFactory(created_by=reviewer)

    def add(url: str) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.post(f"/api/v1/claims/{claim.pk}/sources/", {"url": url})
        assert response.status_code == 201
        return [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]

    with override_settings(FACTCHECK_ARCHIVE_SOURCES=False):
        add("https://example.org/warm-up")  # the user's roles are cached from here on
        without = add("https://example.org/a")
    with_archiving = add("https://example.org/b")

    assert len(with_archiving) == len(without) + 1
    (extra,) = [sql for sql in with_archiving if "dbtaskresult" in sql]
    assert extra.startswith("INSERT")
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "fetching.tasks.archive_source"
    assert not SourceArchive.objects.exists()  # nothing was fetched in the request


@override_settings(FACTCHECK_FETCH_MAX_ATTEMPTS=2)
def test_failures_are_recorded_with_the_reason_and_retried_a_bounded_number_of_times(
    client, site, reviewer, django_capture_on_commit_callbacks
):
    site.route("/down", lambda r: send(r, 502, b"bad gateway", "text/html"))
    claim = ClaimFactory(created_by=reviewer)

    _add(client, claim, site.url("/down"), django_capture_on_commit_callbacks)

    archive = SourceArchive.objects.get()
    assert (archive.status, archive.attempts, archive.http_status) == ("failed", 2, 502)
    assert archive.reason == "The server answered HTTP 502."
    assert len(site.requests) == 2


def test_a_source_pointing_at_a_private_address_is_refused_without_traffic(
    client, reviewer, connections, django_capture_on_commit_callbacks, settings
):
    settings.FACTCHECK_FETCH_ALLOW_LOOPBACK = False
    claim = ClaimFactory(created_by=reviewer)

    response = _add(
        client, claim, "http://127.0.0.1:8113/admin", django_capture_on_commit_callbacks
    )

    assert response.status_code == 201  # the source is fine to cite; it just is not fetched
    archive = SourceArchive.objects.get()
    assert archive.status == "failed"
    assert "loopback" in archive.reason
    assert connections == []


def test_a_redirect_to_loopback_is_refused_and_recorded(
    client, site, reviewer, settings, fake_dns, connections, django_capture_on_commit_callbacks
):
    site.route("/r", lambda r: send(r, 302, b"", "text/html", Location="http://169.254.169.254/"))
    claim = ClaimFactory(created_by=reviewer)

    _add(client, claim, site.url("/r"), django_capture_on_commit_callbacks)

    archive = SourceArchive.objects.get()
    assert archive.status == "failed"
    assert "link-local" in archive.reason
    assert "169.254.169.254" not in connections


def test_changing_the_url_archives_the_new_link(
    client, site, reviewer, django_capture_on_commit_callbacks
):
    site.page("/one", PAGE)
    site.page("/two", PAGE.replace("Police report", "Coroner report"))
    claim = ClaimFactory(created_by=reviewer)
    source_id = _add(client, claim, site.url("/one"), django_capture_on_commit_callbacks).json()[
        "id"
    ]

    with django_capture_on_commit_callbacks(execute=True):
        client.patch(f"/api/v1/sources/{source_id}/", {"url": site.url("/two")})

    archive = SourceArchive.objects.get()
    assert (archive.url, archive.title, archive.status) == (
        site.url("/two"),
        "Coroner report",
        "done",
    )


def test_the_task_is_idempotent(client, site, reviewer, django_capture_on_commit_callbacks):
    from fetching.tasks import archive_source

    site.page("/report", PAGE)
    claim = ClaimFactory(created_by=reviewer)
    source_id = _add(client, claim, site.url("/report"), django_capture_on_commit_callbacks).json()[
        "id"
    ]

    assert archive_source.call(source_id)["skipped"] == "already archived or running"
    assert archive_source.call(999999)["skipped"] == "source deleted"
    assert len(site.requests) == 1


def test_the_public_sees_date_hash_and_a_short_excerpt_only(anon_client):
    claim = published_claim()
    source = claim.sources.get()
    from django.utils import timezone

    SourceArchive.objects.create(
        source=source, url=source.url, status="done", final_url=source.url, http_status=200,
        title="Report", text="Long archived text. " * 100, sha256="ab" * 32,
        fetched_at=timezone.now(), attempts=1,
    )  # fmt: skip

    public = anon_client.get(f"/api/v1/claims/{claim.pk}/").json()["sources"][0]["archive"]
    assert public["text"] is None
    assert public["sha256"] == "ab" * 32
    assert len(public["excerpt"]) <= 201
    page = anon_client.get(f"/factchecks/{claim.pk}/")
    html = page.content.decode()
    assert "ab" * 32 in html
    assert "Long archived text. " * 30 not in html


@pytest.fixture
def anon_client():
    return APIClient()


def test_sources_list_with_archives_keeps_its_query_budget(
    client, reviewer, django_assert_max_num_queries
):
    claim = ClaimFactory()
    for source in SourceFactory.create_batch(20, claim=claim):
        SourceArchive.objects.create(source=source, url=source.url)

    # 1 role groups, 2 the claim (visibility), 3 count, 4 sources joined to adder and archive
    with django_assert_max_num_queries(4):
        response = client.get(f"/api/v1/claims/{claim.pk}/sources/?page_size=200")

    assert len(response.json()["results"]) == 20
