"""The guarded HTTP fetcher: every page factcheck reads from the web comes through here.

`fetch(url)` vets the URL (fetching.guard), connects to a vetted address, and
reads the response under hard limits:

- connect timeout 5 s; 20 s for the whole fetch, redirects included, enforced
  by a watchdog that shuts the socket, so a server trickling one byte at a time
  cannot hold a worker longer;
- at most 5 redirects, each target vetted like the first URL before it is followed;
- at most 5 MB of body, counted after decompression while streaming (urllib3
  decompresses in bounded steps), so neither a huge page nor a gzip bomb is
  ever held in memory; a declared Content-Length over the cap stops it at once;
- HTML, XHTML or plain text only, judged from the headers before the body is read;
- no cookies, no credentials, no Referer; a User-Agent that names factcheck.

Why urllib3 and not requests: it lets the connection go to the vetted address
while TLS still checks the certificate against the host name (server_hostname),
and its streaming decompression is bounded. Failures raise FetchError, whose
`transient` says whether trying again later may help (timeouts, 5xx, 429).
"""

import contextlib
import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

import urllib3
from django.utils import timezone
from django.utils.translation import gettext as _
from urllib3.exceptions import HTTPError as Urllib3Error

from fetching import guard
from fetching.charsets import decode_body

CONNECT_TIMEOUT = 5.0
TOTAL_TIMEOUT = 20.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "factcheck/1.0 (fact-check archiver; +https://github.com/factcheck)"
_REDIRECTS = (301, 302, 303, 307, 308)
_TRANSIENT_STATUSES = (408, 425, 429, 500, 502, 503, 504)


class FetchError(Exception):
    """A fetch that failed; `code` is stable, `message` is for people."""

    def __init__(self, message: str, code: str, *, transient: bool = False, status=None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.transient = transient
        self.status = status


@dataclass(frozen=True)
class FetchedPage:
    """A page as received: the body bytes (decompressed) and their decoded text."""

    url: str
    final_url: str
    status: int
    content_type: str
    encoding: str
    body: bytes
    text: str
    fetched_at: datetime = field(default_factory=timezone.now)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def is_html(self) -> bool:
        return self.content_type != "text/plain"


def fetch(url: str) -> FetchedPage:
    """GET `url` within the limits above; raise guard.RefusedURL or FetchError."""
    deadline = time.monotonic() + TOTAL_TIMEOUT
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        target = guard.vet_url(current)
        status, headers, location, body = _get(target, deadline)
        if location is None:
            return _page(url, target.url, status, headers, body)
        current = urljoin(target.url, location)
    raise FetchError(
        _("More than %(count)d redirects.") % {"count": MAX_REDIRECTS}, "too_many_redirects"
    )


def _get(target: guard.Target, deadline: float) -> tuple[int, dict, str | None, bytes]:
    """One request to a vetted address: (status, headers, redirect location, body)."""
    last_error: Exception | None = None
    for address in target.addresses:
        try:
            return _get_from(address, target, deadline)
        except urllib3.exceptions.NewConnectionError as error:
            last_error = error  # try the next vetted address
        except urllib3.exceptions.ConnectTimeoutError:
            last_error = FetchError(_("The server did not answer within 5 seconds."),
                                    "connect_timeout", transient=True)  # fmt: skip
    if isinstance(last_error, FetchError):
        raise last_error
    raise FetchError(_("The server refused the connection."), "connection_refused", transient=True)


def _get_from(address: str, target: guard.Target, deadline: float):
    pool = _pool(address, target, deadline)
    try:
        response = pool.urlopen(
            "GET", target.request_target, headers=_headers(target), redirect=False,
            retries=False, preload_content=False, decode_content=True, assert_same_host=False,
        )  # fmt: skip
    except urllib3.exceptions.ReadTimeoutError:
        raise _timeout() from None
    except (urllib3.exceptions.SSLError, urllib3.exceptions.ProtocolError) as error:
        raise FetchError(_("The connection failed: %(error)s") % {"error": _short(error)},
                         "connection_failed", transient=True) from None  # fmt: skip
    try:
        return _read_response(response, deadline)
    finally:
        response.release_conn()
        pool.close()


def _pool(address: str, target: guard.Target, deadline: float):
    timeout = urllib3.Timeout(connect=CONNECT_TIMEOUT, read=_remaining(deadline))
    options = {"timeout": timeout, "retries": False, "maxsize": 1}
    if target.scheme == "https":
        # Connect to the vetted address; TLS still verifies the certificate for the name.
        return urllib3.HTTPSConnectionPool(
            address, target.port, server_hostname=target.hostname,
            assert_hostname=target.hostname, cert_reqs="CERT_REQUIRED", **options,
        )  # fmt: skip
    return urllib3.HTTPConnectionPool(address, target.port, **options)


def _headers(target: guard.Target) -> dict[str, str]:
    return {
        "Host": target.host_header,
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
        "Accept-Encoding": "gzip, deflate",
        "Connection": "close",
    }


def _read_response(response, deadline: float) -> tuple[int, dict, str | None, bytes]:
    status = response.status
    headers = {name.lower(): value for name, value in response.headers.items()}
    if status in _REDIRECTS and headers.get("location"):
        return status, headers, headers["location"], b""
    _check_status(status)
    _check_headers(headers)
    return status, headers, None, _read_body(response, deadline)


def _check_status(status: int) -> None:
    if status >= 400 or status < 200:
        raise FetchError(
            _("The server answered HTTP %(status)d.") % {"status": status},
            "http_error", transient=status in _TRANSIENT_STATUSES, status=status,
        )  # fmt: skip


def _check_headers(headers: dict) -> None:
    media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type not in ACCEPTED_TYPES:
        raise FetchError(
            _("The page is %(type)s; only HTML, XHTML and plain text are read.")
            % {"type": media_type or _("of no declared type")},
            "content_type_refused",
        )
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise _too_large()
    encoding = headers.get("content-encoding", "identity").lower()
    if any(part.strip() not in ("gzip", "x-gzip", "deflate", "identity", "")
           for part in encoding.split(",")):  # fmt: skip
        raise FetchError(
            _("The page is compressed as %(encoding)s, which is not accepted.")
            % {"encoding": encoding},
            "content_encoding_refused",
        )


def _read_body(response, deadline: float) -> bytes:
    """The decompressed body, streamed in bounded steps; aborted at the size cap or deadline."""
    watchdog = threading.Timer(_remaining(deadline), _shut, args=(response,))
    watchdog.daemon = True
    watchdog.start()
    chunks, size = [], 0
    try:
        for chunk in response.stream(CHUNK, decode_content=True):
            size += len(chunk)
            if size > MAX_BYTES:
                raise _too_large()
            if time.monotonic() > deadline:
                raise _timeout()
            chunks.append(chunk)
    except (Urllib3Error, OSError) as error:
        if time.monotonic() >= deadline:
            raise _timeout() from None
        raise FetchError(_("The download failed: %(error)s") % {"error": _short(error)},
                         "download_failed", transient=True) from None  # fmt: skip
    finally:
        watchdog.cancel()
    if time.monotonic() > deadline:
        raise _timeout()
    return b"".join(chunks)


def _shut(response) -> None:
    """Watchdog: end a read that would outlast the deadline (the reader then sees an error)."""
    # ValueError/RuntimeError: already released or closed, nothing left to interrupt.
    with contextlib.suppress(ValueError, RuntimeError, OSError):
        response.shutdown()


def _page(url: str, final_url: str, status: int, headers: dict, body: bytes) -> FetchedPage:
    media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    text, encoding = decode_body(
        body, headers.get("content-type", ""), html=media_type != "text/plain"
    )
    return FetchedPage(url=url, final_url=final_url, status=status, content_type=media_type,
                       encoding=encoding, body=body, text=text)  # fmt: skip


def _remaining(deadline: float) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timeout()
    return remaining


def _timeout() -> FetchError:
    return FetchError(
        _("The page took longer than %(seconds)d seconds.") % {"seconds": TOTAL_TIMEOUT},
        "timeout", transient=True,
    )  # fmt: skip


def _too_large() -> FetchError:
    return FetchError(
        _("The page is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}, "too_large"
    )


def _short(error: Exception) -> str:
    return str(error)[:200]
