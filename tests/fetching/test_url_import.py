"""Import by URL: vetted at once (400 before any connection), fetched by a task (202)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_tasks import task_backends
from rest_framework.test import APIClient

from articles.models import Article
from fetching import tasks
from fetching.models import Job, WatchedArticle
from fetching.scheduling import requeue_stale, schedule_checks
from history.models import HistoryEntry
from tests.factories import ClaimFactory
from tests.fetching.servers import send

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html><html lang="en"><head><title>Riot toll | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="A. Writer">
<link rel="canonical" href="{canonical}">
</head><body><header>Menu Home World</header><article>
<h1>Riot toll</h1>
<p>Officials said that five officers died in the days after the attack.</p>
<p>Photo credit: Someone</p>
<p>{extra}The inquiry into the events of that day continues this week in Washington.</p>
</article><footer>Leave a comment</footer></body></html>"""


def page(site, extra="", canonical=None):
    return PAGE.format(canonical=canonical or site.url("/story"), extra=extra)


@pytest.fixture
def client(reviewer):
    api = APIClient()
    api.force_authenticate(reviewer)
    return api


def _import(client, url, capture):
    with capture(execute=True):
        return client.post("/api/v1/articles/import-url/", {"url": url})


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://127.0.0.1:8112/x", "address_loopback"),
        ("http://2130706433/", "address_loopback"),
        ("http://[::1]/", "address_loopback"),
        ("http://169.254.169.254/latest/meta-data/", "address_link_local"),
        ("file:///etc/passwd", "scheme_refused"),
        ("gopher://example.org/", "scheme_refused"),
        ("http://10.1.1.1/", "address_private"),
    ],
)
def test_refused_urls_are_a_400_naming_the_reason_before_any_connection(
    client, url, code, connections, django_capture_on_commit_callbacks
):
    response = _import(client, url, django_capture_on_commit_callbacks)

    assert response.status_code == 400
    assert response.json()["codes"] == {"url": [code]}
    assert response.json()["url"][0]
    assert connections == []
    assert not Job.objects.exists()
    assert not Article.objects.exists()


def test_dns_answering_a_private_address_is_refused(
    client, fake_dns, connections, django_capture_on_commit_callbacks
):
    fake_dns["news.test"] = ["192.168.4.4"]
    response = _import(client, "https://news.test/story", django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "private" in response.json()["url"][0]
    assert connections == []


def test_accepted_url_is_fetched_by_a_task_and_stored(
    client, site, reviewer, django_capture_on_commit_callbacks
):
    site.page("/story", page(site))

    response = _import(client, site.url("/story"), django_capture_on_commit_callbacks)

    assert response.status_code == 202, response.json()
    body = response.json()
    job = Job.objects.get()
    assert body["id"] == str(job.pk)
    assert body["status_url"] == f"/api/v1/jobs/{job.pk}/"
    assert response["Location"] == body["status_url"]
    status = client.get(body["status_url"]).json()
    assert status["status"] == "done", status
    assert status["result"]["outcome"] == "imported"
    article = Article.objects.get()
    assert status["article"] == article.pk
    assert article.title == "Riot toll"
    assert article.url == site.url("/story")
    assert article.created_by == reviewer
    assert "five officers died" in article.text
    assert "Photo credit" not in article.text  # the clutter rules ran
    assert "Menu" not in article.text
    assert WatchedArticle.objects.get().article == article
    entry = HistoryEntry.objects.get(object_type="article", action="create")
    assert (entry.actor, entry.object_id) == (reviewer, article.pk)


def test_the_same_canonical_url_becomes_a_revision_not_a_second_article(
    client, site, django_capture_on_commit_callbacks
):
    site.page("/story", page(site))
    site.page("/story?utm_source=x", page(site))
    _import(client, site.url("/story"), django_capture_on_commit_callbacks)
    article = Article.objects.get()
    start = article.text.index("five officers died")
    claim = ClaimFactory(article=article, start=start, end=start + 18, quote="five officers died",
                         prefix=article.text[max(0, start - 32):start],
                         suffix=article.text[start + 18:start + 50])  # fmt: skip

    _import(client, site.url("/story?utm_source=x"), django_capture_on_commit_callbacks)
    assert Job.objects.order_by("created_at").last().result["outcome"] == "unchanged"

    site.page("/story", page(site, extra="Update: two more hearings were announced. "))
    _import(client, site.url("/story"), django_capture_on_commit_callbacks)

    assert Article.objects.count() == 1
    job = Job.objects.order_by("created_at").last()
    assert job.result["outcome"] == "revised"
    assert [entry["outcome"] for entry in job.result["anchoring"]] == ["unchanged"]
    article.refresh_from_db()
    claim.refresh_from_db()
    assert (article.revision, claim.revision) == (2, 2)


def test_a_canonical_url_on_another_site_is_not_believed(
    client, site, django_capture_on_commit_callbacks
):
    site.page("/story", page(site, canonical="https://www.nytimes.com/some/article"))
    _import(client, site.url("/story"), django_capture_on_commit_callbacks)
    assert Article.objects.get().url == site.url("/story")


@pytest.mark.parametrize(
    ("handler", "reason"),
    [
        (lambda r: send(r, 200, b"%PDF", "application/pdf"), "only HTML"),
        (lambda r: send(r, 404, b"gone", "text/html"), "HTTP 404"),
        (lambda r: send(r, 200, b"<html><body></body></html>", "text/html"), "no extractable"),
    ],
)
def test_permanent_failures_end_the_job_with_the_reason(
    client, site, handler, reason, django_capture_on_commit_callbacks
):
    site.route("/bad", handler)

    response = _import(client, site.url("/bad"), django_capture_on_commit_callbacks)

    job = Job.objects.get(pk=response.json()["id"])
    assert (job.status, job.attempts) == ("failed", 1)
    assert reason in job.reason
    assert not Article.objects.exists()


@override_settings(FACTCHECK_FETCH_MAX_ATTEMPTS=3)
def test_transient_failures_are_retried_then_fail_with_the_reason(
    client, site, django_capture_on_commit_callbacks
):
    site.route("/flaky", lambda r: send(r, 503, b"busy", "text/html"))

    response = _import(client, site.url("/flaky"), django_capture_on_commit_callbacks)

    job = Job.objects.get(pk=response.json()["id"])
    assert (job.status, job.attempts, job.max_attempts) == ("failed", 3, 3)
    assert job.reason == "The server answered HTTP 503. (gave up after 3 attempts)"
    assert len(site.requests) == 3


@override_settings(FACTCHECK_FETCH_MAX_ATTEMPTS=3)
def test_a_retry_that_succeeds_finishes_the_job(client, site, django_capture_on_commit_callbacks):
    answers = iter([503, 200])

    def flaky(request):
        status = next(answers)
        send(request, status, page(site).encode() if status == 200 else b"", "text/html")

    site.route("/story", flaky)
    response = _import(client, site.url("/story"), django_capture_on_commit_callbacks)

    job = Job.objects.get(pk=response.json()["id"])
    assert (job.status, job.attempts) == ("done", 2)


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
    FACTCHECK_FETCH_MAX_ATTEMPTS=4,
    FACTCHECK_FETCH_RETRY_SECONDS=60,
)
def test_retries_are_enqueued_with_run_after_and_a_growing_delay(client, site):
    site.route("/flaky", lambda r: send(r, 503, b"busy", "text/html"))
    response = client.post("/api/v1/articles/import-url/", {"url": site.url("/flaky")})
    job_id = response.json()["id"]
    assert response.json()["status"] == "queued"
    backend = task_backends["default"]
    delays = []
    for _ in range(4):
        queued = backend.results[-1]
        assert queued.args == [job_id]
        before = Job.objects.get(pk=job_id)
        queued.task.call(*queued.args)
        after = Job.objects.get(pk=job_id)
        if after.status == "queued":
            retry = backend.results[-1]
            assert retry.task.run_after == after.next_attempt_at
            delays.append(round((after.next_attempt_at - after.started_at).total_seconds() / 60))
            assert "Trying again after" in after.reason
        assert after.attempts == before.attempts + 1
    assert delays == [1, 2, 4]  # minutes: 60 s, then twice, then four times as long
    assert [r.task.run_after is not None for r in backend.results] == [False, True, True, True]
    job = Job.objects.get(pk=job_id)
    assert (job.status, job.attempts) == ("failed", 4)
    backend.clear()


def test_a_task_delivered_twice_does_the_work_once(
    client, site, django_capture_on_commit_callbacks
):
    site.page("/story", page(site))
    response = _import(client, site.url("/story"), django_capture_on_commit_callbacks)

    again = tasks.import_url.call(response.json()["id"])

    assert again == {"job": response.json()["id"], "skipped": "not queued"}
    assert len(site.requests) == 1
    assert Job.objects.get().attempts == 1


def test_jobs_are_visible_to_their_starter_only(
    client, site, other_reviewer, django_capture_on_commit_callbacks
):
    site.page("/story", page(site))
    job_id = _import(client, site.url("/story"), django_capture_on_commit_callbacks).json()["id"]
    other = APIClient()
    other.force_authenticate(other_reviewer)

    assert other.get(f"/api/v1/jobs/{job_id}/").status_code == 404
    assert other.get("/api/v1/jobs/").json()["count"] == 0
    assert client.get("/api/v1/jobs/").json()["results"][0]["id"] == job_id
    assert APIClient().get(f"/api/v1/jobs/{job_id}/").status_code == 401
    assert client.get("/api/v1/jobs/not-a-uuid/").status_code == 404


@pytest.mark.parametrize("rows", [1, 30])
def test_job_list_query_budget(client, reviewer, rows, django_assert_max_num_queries):
    article = ClaimFactory().article
    Job.objects.bulk_create(
        Job(kind="url_import", url=f"https://news.test/{n}", requested_by=reviewer,
            article=article, status="done") for n in range(rows)
    )  # fmt: skip

    # 1 count, 2 the page of jobs joined to their articles
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/jobs/?page_size=200")

    assert response.json()["count"] == rows


def test_only_reviewers_import(site, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    api = APIClient()
    api.force_authenticate(nobody)
    assert api.post("/api/v1/articles/import-url/", {"url": site.url("/x")}).status_code == 403
    assert (
        APIClient().post("/api/v1/articles/import-url/", {"url": site.url("/x")}).status_code == 401
    )


@pytest.mark.parametrize("body", [{}, {"url": ""}, {"url": "x" * 2001}, {"url": 5}, {"other": 1}])
def test_bad_bodies_are_a_400_naming_the_field(client, body):
    response = client.post("/api/v1/articles/import-url/", body)
    assert response.status_code == 400
    assert set(response.json()) & {"url", "other", "non_field_errors"}
    assert not Job.objects.exists()


def test_the_command_imports_a_url_inline(site, capsys):
    site.page("/story", page(site))

    call_command("import_articles", site.url("/story"))

    assert "imported:" in capsys.readouterr().out
    assert Article.objects.get().url == site.url("/story")


def test_the_command_refuses_a_private_url(capsys, connections):
    with pytest.raises(CommandError):
        call_command("import_articles", "http://169.254.169.254/latest/")
    assert "link-local" in capsys.readouterr().err
    assert connections == []


def test_the_periodic_check_turns_a_changed_page_into_a_revision(
    client, site, django_capture_on_commit_callbacks
):
    site.page("/story", page(site))
    _import(client, site.url("/story"), django_capture_on_commit_callbacks)
    article = Article.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        assert schedule_checks() == []  # not due yet
        (unchanged,) = schedule_checks(all_articles=True)
    unchanged.refresh_from_db()
    assert (unchanged.status, unchanged.result) == ("done", {"outcome": "unchanged"})

    site.page("/story", page(site, extra="Correction: the hearing moved to Tuesday. "))
    with django_capture_on_commit_callbacks(execute=True):
        (changed,) = schedule_checks(all_articles=True)
    changed.refresh_from_db()
    assert changed.result["outcome"] == "revised"
    article.refresh_from_db()
    assert article.revision == 2
    assert article.revisions.get(number=2).origin == "check"


def test_a_job_left_running_by_a_dead_worker_is_queued_again(
    client, site, reviewer, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    site.page("/story", page(site))
    job = Job.objects.create(kind="url_import", url=site.url("/story"), requested_by=reviewer,
                             status="running", attempts=1, max_attempts=3,
                             started_at=timezone.now() - timedelta(hours=1))  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stale() == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)


def test_the_default_backend_in_tests_is_immediate():
    assert type(task_backends["default"]).__name__ == "ImmediateBackend"


@override_settings(FACTCHECK_FETCH_MAX_ATTEMPTS=1)
def test_an_endless_download_fails_the_job_at_the_cap_and_frees_the_worker(
    client, site, django_capture_on_commit_callbacks
):
    from tests.fetching.servers import endless

    site.route("/huge", endless())
    response = _import(client, site.url("/huge"), django_capture_on_commit_callbacks)

    job = client.get(response.json()["status_url"]).json()
    assert (job["status"], job["reason"]) == ("failed", "The page is larger than 5 MB.")


@override_settings(FACTCHECK_FETCH_MAX_ATTEMPTS=1)
def test_a_stalled_server_fails_the_job_at_the_timeout(
    client, site, monkeypatch, django_capture_on_commit_callbacks
):
    from fetching import fetcher
    from tests.fetching.servers import stall

    monkeypatch.setattr(fetcher, "TOTAL_TIMEOUT", 1.0)
    site.route("/slow", stall(4))
    response = _import(client, site.url("/slow"), django_capture_on_commit_callbacks)

    job = client.get(response.json()["status_url"]).json()
    assert job["status"] == "failed"
    assert job["reason"].startswith("The page took longer than")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/fetching/job/",
        "/admin/fetching/watchedarticle/",
        "/admin/articles/articlerevision/",
        "/admin/annotations/sourcearchive/",
    ],
)
def test_admin_lists_jobs_revisions_and_archives_read_only(admin_client, reviewer, path):
    Job.objects.create(kind="url_import", url="https://news.test/a", requested_by=reviewer)
    response = admin_client.get(path)
    assert response.status_code == 200
    assert admin_client.get(path + "add/").status_code == 403
