"""Local HTTP servers for the fetcher's tests: 127.0.0.1 (or another loopback address), port 0.

A `Site` maps paths to handlers; each handler gets the request handler and writes
whatever the test needs (redirects, slow bodies, bombs, wrong types). Every
request is recorded, so a test can prove that a refused address saw no traffic.
"""

import contextlib
import gzip
import http.server
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


class Site:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[dict] = []
        site = self

        class _Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site.requests.append({"path": self.path, "headers": dict(self.headers)})
                handler = site.routes.get(self.path.split("?", 1)[0])
                if handler is None:
                    send(self, 404, b"not here", "text/plain")
                    return
                # The fetcher hangs up at a cap or deadline, as it should.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    handler(self)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), _Handler)
        self.server.daemon_threads = True
        self.host = host
        self.port = self.server.server_address[1]

    def url(self, path: str = "/", host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8"):
        data = body.encode() if isinstance(body, str) else body
        self.route(path, lambda request: send(request, 200, data, content_type))


@contextmanager
def running(site: Site):
    thread = threading.Thread(target=site.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()


def send(request, status: int, body: bytes, content_type: str | None, **headers: str) -> None:
    request.send_response(status)
    if content_type:
        request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        request.send_header(name.replace("_", "-"), value)
    request.end_headers()
    request.wfile.write(body)


def redirect(location: str, status: int = 302) -> Handler:
    return lambda request: send(request, status, b"", "text/plain", Location=location)


def trickle(seconds_per_byte: float, total: int = 10_000) -> Handler:
    """A body that arrives one byte at a time: each read succeeds, the whole never ends."""

    def handler(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(total))
        request.end_headers()
        for _ in range(total):
            request.wfile.write(b"x")
            request.wfile.flush()
            time.sleep(seconds_per_byte)

    return handler


def stall(seconds: float) -> Handler:
    """Headers never come: the server thinks for `seconds`."""

    def handler(request):
        time.sleep(seconds)
        send(request, 200, b"late", "text/html")

    return handler


def endless(chunk: bytes = b"<p>" + b"a" * 65536 + b"</p>") -> Handler:
    """A chunked body that never ends (a 1 GB download, as far as the client can tell)."""

    def handler(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Transfer-Encoding", "chunked")
        request.end_headers()
        for _ in range(16_384):  # 1 GB at most, in case the client never hangs up
            request.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        request.wfile.write(b"0\r\n\r\n")

    return handler


def gzip_bomb(decompressed_mb: int = 100) -> Handler:
    """A small gzip body that inflates to `decompressed_mb` MB of zeros."""
    payload = gzip.compress(b"\0" * (decompressed_mb * 1024 * 1024), compresslevel=9)

    def handler(request):
        send(request, 200, payload, "text/html", Content_Encoding="gzip")

    return handler
