"""A real HTTP server on 127.0.0.1 for tests: static files from tests/data plus scripted routes.

Static files get a strong ETag and Last-Modified and answer conditional requests with
304; `?gzip` in the Accept-Encoding gets a gzip body. Routes registered with
`server.route(path, Response(...))` or a callable override files. Every request is
recorded in `server.requests` (method, path, headers) so tests can assert what a client sent.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

DATA_DIR = Path(__file__).parent / "data"

_TYPES = {
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".json": "application/feed+json",
    ".opml": "text/x-opml",
    ".html": "text/html; charset=utf-8",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
}


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds of silence before answering


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # with query string
    headers: dict[str, str]


Handler = Callable[[Request], Response]


class TestServer:
    __test__ = False  # not a test class, despite the name

    def __init__(self, root: Path = DATA_DIR) -> None:
        self.root = root
        self.routes: dict[str, Response | Handler] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                server._serve(self)

            def do_HEAD(self) -> None:
                server._serve(self)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + (path if path.startswith("/") else "/" + path)

    def route(self, path: str, response: Response | Handler) -> str:
        """Serve `response` at `path` (exact match, query string included); returns its URL."""
        self.routes[path] = response
        return self.url(path)

    def route_fixture(self, path: str, headers: dict[str, str] | None = None) -> str:
        """Serve tests/data<path> with its `http://HOST` placeholders pointing here."""
        raw = (self.root / path.lstrip("/")).read_text(encoding="utf-8")
        body = raw.replace("http://HOST", self.base).encode()
        return self.route(path, Response(200, body, headers or {}))

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    # ------------------------------------------------------------------ internals
    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        request = Request(h.command, h.path, {k.lower(): v for k, v in h.headers.items()})
        with self._lock:
            self.requests.append(request)
        target = self.routes.get(h.path) or self.routes.get(urlsplit(h.path).path)
        if target is None:
            response = self._static(request)
        elif callable(target):
            response = target(request)
        else:
            response = target
        if response.delay:
            time.sleep(response.delay)
        try:
            h.send_response(response.status)
            headers = dict(response.headers)
            headers.setdefault("Content-Length", str(len(response.body)))
            for key, value in headers.items():
                h.send_header(key, value)
            h.end_headers()
            if h.command != "HEAD" and response.status not in (204, 304):
                h.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _static(self, request: Request) -> Response:
        rel = urlsplit(request.path).path.lstrip("/")
        path = (self.root / rel).resolve()
        if not path.is_file() or self.root.resolve() not in path.parents:
            return Response(
                404, b"<html><body>Not found</body></html>", {"Content-Type": "text/html"}
            )
        body = path.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        mtime = path.stat().st_mtime
        last_modified = formatdate(mtime, usegmt=True)
        ctype = (
            _TYPES.get(path.suffix)
            or mimetypes.guess_type(path.name)[0]
            or "application/octet-stream"
        )
        headers = {"Content-Type": ctype, "ETag": etag, "Last-Modified": last_modified}
        if request.headers.get("if-none-match") == etag or (
            "if-none-match" not in request.headers
            and request.headers.get("if-modified-since") == last_modified
        ):
            return Response(304, b"", headers)
        if "gzip" in request.headers.get("accept-encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        return Response(200, body, headers)
