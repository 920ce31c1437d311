"""The fetcher against local servers: limits, redirects, types, charsets.

SECURITY-CASES #25, #26 and #41.
"""

import gzip
import time

import pytest

from fetching import fetcher
from fetching.fetcher import FetchError, fetch
from fetching.guard import RefusedURL
from tests.fetching.servers import (
    Site,
    endless,
    gzip_bomb,
    redirect,
    running,
    send,
    stall,
    trickle,
)

RUSSIAN = (
    "Привет, мир. Это проверка кодировки текста на русском языке. "
    "Пять полицейских погибли, сообщает газета. "
) * 4
ARTICLE = "<html><head><title>T</title></head><body><p>Five officers died.</p></body></html>"


def test_fetches_a_page_with_a_factcheck_user_agent_and_no_cookies(site):
    site.page("/a", ARTICLE)

    page = fetch(site.url("/a"))

    assert page.status == 200
    assert page.final_url == site.url("/a")
    assert page.text == ARTICLE
    assert page.content_type == "text/html"
    assert len(page.sha256) == 64
    (request,) = site.requests
    assert request["headers"]["User-Agent"].startswith("factcheck/")
    assert request["headers"]["Host"] == f"127.0.0.1:{site.port}"
    assert not {"Cookie", "Authorization", "Referer"} & set(request["headers"])


def test_follows_a_vetted_redirect(site):
    site.route("/old", redirect("/new", 301))
    site.page("/new", ARTICLE)

    page = fetch(site.url("/old"))

    assert page.final_url == site.url("/new")
    assert [r["path"] for r in site.requests] == ["/old", "/new"]


def test_a_redirect_to_a_refused_address_is_not_followed(site, connections):
    site.route("/jump", redirect("http://169.254.169.254/latest/meta-data/"))

    with pytest.raises(RefusedURL) as refused:
        fetch(site.url("/jump"))

    assert refused.value.code == "address_link_local"
    assert "169.254.169.254" not in connections


def test_a_redirect_to_localhost_is_refused_without_the_test_setting(settings, connections):
    # The first hop is a public name (fake DNS) answering from loopback; loopback is allowed
    # for it, then turned off: the redirect target must be vetted again and refused.
    with running(Site()) as server:
        server.route("/go", redirect("http://localhost:9/private"))
        settings.FACTCHECK_FETCH_ALLOW_LOOPBACK = True
        first = server.url("/go")
        original = fetcher.guard.vet_url

        def vet_then_forbid(url):
            target = original(url)
            settings.FACTCHECK_FETCH_ALLOW_LOOPBACK = False
            return target

        fetcher.guard.vet_url = vet_then_forbid
        try:
            with pytest.raises(RefusedURL) as refused:
                fetch(first)
        finally:
            fetcher.guard.vet_url = original
    assert refused.value.code == "address_loopback"
    assert len(server.requests) == 1


def test_stops_after_five_redirects(site):
    for n in range(7):
        site.route(f"/r{n}", redirect(f"/r{n + 1}"))

    with pytest.raises(FetchError) as failed:
        fetch(site.url("/r0"))

    assert failed.value.code == "too_many_redirects"
    assert len(site.requests) == 6  # the first request and five redirects


@pytest.mark.parametrize(
    "content_type",
    ["application/pdf", "image/svg+xml", "application/json", "application/octet-stream", None],
)
def test_refuses_other_content_types_before_reading_the_body(site, content_type):
    site.route("/f", lambda request: send(request, 200, b"%PDF-1.7", content_type))

    with pytest.raises(FetchError) as failed:
        fetch(site.url("/f"))

    assert failed.value.code == "content_type_refused"
    assert not failed.value.transient


def test_accepts_xhtml_and_plain_text(site):
    site.page(
        "/x", "<html xmlns='http://www.w3.org/1999/xhtml'><p>x</p></html>", "application/xhtml+xml"
    )
    site.page("/t", "Title\n\nBody.", "text/plain")

    assert fetch(site.url("/x")).content_type == "application/xhtml+xml"
    assert fetch(site.url("/t")).text == "Title\n\nBody."


def test_a_declared_oversized_body_is_refused_unread(site):
    site.route(
        "/big",
        lambda request: (
            request.send_response(200),
            request.send_header("Content-Type", "text/html"),
            request.send_header("Content-Length", str(1024**3)),
            request.end_headers(),
        ),
    )

    with pytest.raises(FetchError) as failed:
        fetch(site.url("/big"))

    assert failed.value.code == "too_large"


@pytest.mark.slow
def test_an_endless_body_is_cut_at_the_cap(site):
    site.route("/endless", endless())

    started = time.monotonic()
    with pytest.raises(FetchError) as failed:
        fetch(site.url("/endless"))

    assert failed.value.code == "too_large"
    assert time.monotonic() - started < 10


def test_a_gzip_bomb_is_cut_at_the_cap_after_decompression(site):
    site.route("/bomb", gzip_bomb(100))

    with pytest.raises(FetchError) as failed:
        fetch(site.url("/bomb"))

    assert failed.value.code == "too_large"


def test_gzip_pages_are_decompressed(site):
    site.route(
        "/gz",
        lambda request: send(
            request, 200, gzip.compress(ARTICLE.encode()), "text/html", Content_Encoding="gzip"
        ),
    )

    assert fetch(site.url("/gz")).text == ARTICLE


def test_brotli_is_refused_not_misread(site):
    site.route(
        "/br", lambda request: send(request, 200, b"\x1b\x00", "text/html", Content_Encoding="br")
    )

    with pytest.raises(FetchError) as failed:
        fetch(site.url("/br"))

    assert failed.value.code == "content_encoding_refused"


@pytest.mark.slow
def test_a_stalled_server_is_given_up_at_the_total_timeout(site, monkeypatch):
    monkeypatch.setattr(fetcher, "TOTAL_TIMEOUT", 1.5)
    site.route("/stall", stall(5))

    started = time.monotonic()
    with pytest.raises(FetchError) as failed:
        fetch(site.url("/stall"))

    assert failed.value.code == "timeout"
    assert failed.value.transient
    assert time.monotonic() - started < 3


@pytest.mark.slow
def test_a_trickling_body_is_given_up_at_the_total_timeout(site, monkeypatch):
    monkeypatch.setattr(fetcher, "TOTAL_TIMEOUT", 1.5)
    site.route("/slow", trickle(0.05))

    started = time.monotonic()
    with pytest.raises(FetchError) as failed:
        fetch(site.url("/slow"))

    assert failed.value.code == "timeout"
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    ("status", "transient"), [(404, False), (410, False), (503, True), (429, True)]
)
def test_http_errors_say_whether_a_retry_may_help(site, status, transient):
    site.route("/e", lambda request: send(request, status, b"no", "text/html"))

    with pytest.raises(FetchError) as failed:
        fetch(site.url("/e"))

    assert failed.value.status == status
    assert failed.value.transient is transient


def test_a_refused_connection_is_transient(allow_loopback):
    with running(Site()) as closed:
        url = closed.url("/")
    with pytest.raises(FetchError) as failed:
        fetch(url)
    assert failed.value.code == "connection_refused"
    assert failed.value.transient


def test_dns_answer_changing_between_lookups_cannot_move_the_connection(allow_loopback, fake_dns):
    # The name first resolves to the real server (127.0.0.1), later to another loopback
    # address where a decoy listens. One lookup only: the connection goes where it was vetted.
    with running(Site()) as good, running(Site("127.0.0.2")) as decoy:
        good.page("/p", ARTICLE)
        decoy.page("/p", "<p>decoy</p>")
        answers = iter([["127.0.0.1"], ["127.0.0.2"], ["127.0.0.2"]])
        fake_dns["rebind.test"] = lambda: next(answers)

        page = fetch(f"http://rebind.test:{good.port}/p")

        assert page.text == ARTICLE
        assert fake_dns.lookups == ["rebind.test"]
        assert decoy.requests == []
        assert good.requests[0]["headers"]["Host"] == f"rebind.test:{good.port}"


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("<p>Café</p>".encode("latin-1"), "text/html; charset=ISO-8859-1", "<p>Café</p>"),
        (
            '<meta charset="windows-1252"><p>Café €</p>'.encode("cp1252"),
            "text/html",
            '<meta charset="windows-1252"><p>Café €</p>',
        ),
        (RUSSIAN.encode("koi8-r"), "text/plain", RUSSIAN),
        (RUSSIAN.encode("cp1251"), "text/plain", RUSSIAN),
        (b"<p>ok</p>", "text/html; charset=no-such-charset", "<p>ok</p>"),
    ],
)
def test_charset_from_header_meta_or_detection(site, body, content_type, expected):
    site.route("/c", lambda request: send(request, 200, body, content_type))

    assert fetch(site.url("/c")).text == expected
