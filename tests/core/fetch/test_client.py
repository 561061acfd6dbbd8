"""Fetcher against the real test HTTP server (scripted routes, static files, a raw socket)."""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from email.utils import formatdate
from pathlib import Path

import pytest

from desktop_reader.core.errors import FetchError
from desktop_reader.core.fetch import ERROR_KINDS, Fetcher
from tests.httpserver import Request, Response
from tests.httpserver import TestServer as HttpServer

FEED_PATH = "/fetch/lanternpost-plain.xml"
FEED_BYTES = (Path(__file__).parents[2] / "data" / "fetch" / "lanternpost-plain.xml").read_bytes()
MIB = 1024 * 1024


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(connect_timeout=2, read_timeout=2, total_timeout=3) as f:
        yield f


def fetch_error(fetcher: Fetcher, url: str, **kwargs: object) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetcher.fetch(url, **kwargs)  # type: ignore[arg-type]
    assert info.value.kind in ERROR_KINDS
    assert info.value.url == url
    return info.value


# ------------------------------------------------------------------ success, gzip, validators
def test_gzip_feed_arrives_decoded_with_honest_headers(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    result = fetcher.fetch(http_server.url(FEED_PATH))
    assert result.status == 200
    assert result.content == FEED_BYTES
    assert result.content_type == "application/xml"
    assert result.url == result.requested_url == http_server.url(FEED_PATH)
    assert result.permanent_url is None
    sent = http_server.hits(FEED_PATH)[0].headers
    assert sent["accept-encoding"] == "gzip"
    assert sent["user-agent"].startswith("DesktopReader/")
    assert "offline news reader" in sent["user-agent"]


def test_second_fetch_with_first_validators_is_not_modified(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    first = fetcher.fetch(http_server.url(FEED_PATH))
    assert first.etag and first.last_modified
    second = fetcher.fetch(
        http_server.url(FEED_PATH), etag=first.etag, last_modified=first.last_modified
    )
    assert second.status == 304 and second.not_modified
    assert second.content == b""
    assert second.etag == first.etag
    sent = http_server.hits(FEED_PATH)[1].headers
    assert sent["if-none-match"] == first.etag
    assert sent["if-modified-since"] == first.last_modified


def test_if_modified_since_alone_gives_304(http_server: HttpServer, fetcher: Fetcher) -> None:
    first = fetcher.fetch(http_server.url(FEED_PATH))
    second = fetcher.fetch(http_server.url(FEED_PATH), last_modified=first.last_modified)
    assert second.status == 304
    assert "if-none-match" not in http_server.hits(FEED_PATH)[1].headers


def test_304_without_validators_keeps_the_callers(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    url = http_server.route("/bare-304", Response(304))
    result = fetcher.fetch(url, etag='"v1"', last_modified="Wed, 14 Jan 2026 10:00:00 GMT")
    assert (result.status, result.etag) == (304, '"v1"')
    assert result.last_modified == "Wed, 14 Jan 2026 10:00:00 GMT"


def test_validator_that_cannot_be_sent_back_is_dropped(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    result = fetcher.fetch(http_server.url(FEED_PATH), etag='"caf\u00e9"')
    assert result.status == 200 and result.content == FEED_BYTES
    assert "if-none-match" not in http_server.hits(FEED_PATH)[0].headers


def test_charset_and_media_type_come_from_the_header(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    url = http_server.route(
        "/latin",
        Response(200, "Café".encode("latin-1"), {"Content-Type": "Text/HTML; Charset=ISO-8859-1"}),
    )
    result = fetcher.fetch(url)
    assert result.content_type == "text/html"
    assert result.charset is not None and result.charset.lower() == "iso-8859-1"


def test_accept_header_is_the_callers(http_server: HttpServer, fetcher: Fetcher) -> None:
    fetcher.fetch(http_server.url(FEED_PATH), accept="application/rss+xml")
    assert http_server.hits(FEED_PATH)[0].headers["accept"] == "application/rss+xml"


# ------------------------------------------------------------------ compression quirks
def test_gzip_header_on_a_plain_body_gives_the_body(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    url = http_server.route("/liar", Response(200, FEED_BYTES, {"Content-Encoding": "gzip"}))
    assert fetcher.fetch(url).content == FEED_BYTES


def test_gzip_body_without_header_is_decoded(http_server: HttpServer, fetcher: Fetcher) -> None:
    url = http_server.route(
        "/sneaky", Response(200, gzip.compress(FEED_BYTES), {"Content-Type": "application/rss+xml"})
    )
    assert fetcher.fetch(url).content == FEED_BYTES


def test_damaged_gzip_is_a_clear_error(http_server: HttpServer, fetcher: Fetcher) -> None:
    broken = gzip.compress(FEED_BYTES)[:12] + b"\x00garbage that is no deflate stream" * 20
    url = http_server.route("/broken", Response(200, broken, {"Content-Encoding": "gzip"}))
    error = fetch_error(fetcher, url)
    assert error.kind == "network"
    assert "damaged compressed" in str(error)


# ------------------------------------------------------------------ size cap
def test_declared_length_over_cap_is_refused(http_server: HttpServer, fetcher: Fetcher) -> None:
    url = http_server.route("/big", Response(200, b"x" * (2 * MIB)))
    error = fetch_error(fetcher, url, max_bytes=MIB)
    assert error.kind == "too-large"
    assert str(error) == "Too large (over 1 MB)"
    assert fetcher.fetch(url, max_bytes=3 * MIB).content == b"x" * (2 * MIB)


def test_compression_bomb_stops_at_cap_with_bounded_memory(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    bomb = gzip.compress(b"\0" * (48 * MIB), 9)  # ~50 KB on the wire
    url = http_server.route("/bomb", Response(200, bomb, {"Content-Encoding": "gzip"}))
    tracemalloc.start()
    try:
        error = fetch_error(fetcher, url, max_bytes=MIB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.kind == "too-large"
    assert peak < 6 * MIB, peak


class RawServer:
    """One connection on a plain socket, answered by `script(conn)`; for bodies the
    scripted test server cannot send (no Content-Length, pauses mid-body)."""

    def __init__(self, script: Callable[[socket.socket, RawServer], None]) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/raw"
        self.sent = 0
        self._script = script
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        conn, _ = self._listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
            )
            with contextlib.suppress(OSError):  # the client may hang up mid-script
                self._script(conn, self)

    def finish(self) -> None:
        self._thread.join(timeout=10)
        self._listener.close()


def endless(conn: socket.socket, server: RawServer) -> None:
    chunk = b"y" * 65536
    while server.sent < 400 * MIB:
        conn.sendall(chunk)
        server.sent += len(chunk)


def dribble_then_stall(conn: socket.socket, server: RawServer) -> None:
    for _ in range(8):  # 1.6 s of steady bytes, then up to 5 s of silence
        conn.sendall(b"z" * 100)
        time.sleep(0.2)
    conn.settimeout(5)
    conn.recv(1)  # returns as soon as the client hangs up


def test_endless_body_is_cut_at_cap_while_streaming(fetcher: Fetcher) -> None:
    server = RawServer(endless)
    tracemalloc.start()
    try:
        started = time.monotonic()
        error = fetch_error(fetcher, server.url, max_bytes=MIB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        server.finish()
    assert error.kind == "too-large"
    assert time.monotonic() - started < 2
    assert peak < 6 * MIB, peak
    # The server could not push the whole thing: we hung up (socket buffers hold a few MB).
    assert server.sent < 64 * MIB, server.sent


def test_deadline_cuts_a_body_that_stalls_late() -> None:
    # Each read may wait min(read timeout, time left at the start) = 2 s; only the
    # deadline watchdog ends the silence that begins at 1.6 s, at 2 s sharp.
    server = RawServer(dribble_then_stall)
    with Fetcher(read_timeout=5, total_timeout=2) as fetcher:
        started = time.monotonic()
        error = fetch_error(fetcher, server.url)
        took = time.monotonic() - started
    server.finish()
    assert (error.kind, str(error)) == ("timeout", "Timed out after 2 s")
    assert 1.9 <= took < 2.4, took


# ------------------------------------------------------------------ redirects
def chain(server: HttpServer, codes: list[int], final: str = FEED_PATH) -> str:
    """Routes /hop/0 -> /hop/1 -> ... -> final, hop i answering codes[i]; returns /hop/0."""
    for i, code in enumerate(codes):
        target = final if i == len(codes) - 1 else f"/hop/{i + 1}"
        server.route(f"/hop/{i}", Response(code, b"", {"Location": target}))
    return server.url("/hop/0")


def test_five_redirects_are_followed(http_server: HttpServer, fetcher: Fetcher) -> None:
    result = fetcher.fetch(chain(http_server, [302, 303, 307, 302, 307]))
    assert result.content == FEED_BYTES
    assert result.url == http_server.url(FEED_PATH)
    assert result.permanent_url is None  # temporary all the way


def test_six_redirects_are_too_many(http_server: HttpServer, fetcher: Fetcher) -> None:
    error = fetch_error(fetcher, chain(http_server, [302] * 6))
    assert (error.kind, str(error)) == ("redirects", "Too many redirects")
    assert not http_server.hits(FEED_PATH)


def test_redirect_loop_is_refused(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/ping", Response(302, b"", {"Location": "/pong"}))
    url = http_server.route("/pong", Response(302, b"", {"Location": "/ping"}))
    error = fetch_error(fetcher, url)
    assert error.kind == "redirects"
    assert str(error).startswith("Too many redirects")


def test_permanent_move_gives_the_address_to_store(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    result = fetcher.fetch(chain(http_server, [301]))
    assert result.permanent_url == result.url == http_server.url(FEED_PATH)
    result = fetcher.fetch(chain(http_server, [308]))
    assert result.permanent_url == http_server.url(FEED_PATH)


def test_only_the_leading_permanent_hops_count(http_server: HttpServer, fetcher: Fetcher) -> None:
    # 301 -> 308 -> 302 -> feed: store the 308's target, not the temporary one after it.
    result = fetcher.fetch(chain(http_server, [301, 308, 302]))
    assert result.permanent_url == http_server.url("/hop/2")
    assert result.url == http_server.url(FEED_PATH)
    # 302 -> 301 -> feed: the move is only known to be temporary, store nothing.
    assert fetcher.fetch(chain(http_server, [302, 301])).permanent_url is None


def test_redirect_to_a_file_url_is_refused(http_server: HttpServer, fetcher: Fetcher) -> None:
    url = http_server.route("/sly", Response(302, b"", {"Location": "file:///etc/hostname"}))
    error = fetch_error(fetcher, url)
    assert error.kind == "invalid-url"
    assert "not http(s)" in str(error)


def test_redirect_to_a_broken_address_is_refused(http_server: HttpServer, fetcher: Fetcher) -> None:
    url = http_server.route("/odd", Response(301, b"", {"Location": "http://[::bad/feed"}))
    error = fetch_error(fetcher, url)
    assert error.kind == "invalid-url"


# ------------------------------------------------------------------ statuses and messages
@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "Not found (404)"),
        (410, "Gone (410) — the feed was removed"),
        (500, "Server error (500)"),
        (403, "Forbidden (403)"),
        (503, "Server unavailable (503)"),
        (418, "Request refused (418)"),
    ],
)
def test_error_statuses_have_plain_messages(
    http_server: HttpServer, fetcher: Fetcher, status: int, message: str
) -> None:
    url = http_server.route("/status", Response(status, b"<html>nope</html>"))
    error = fetch_error(fetcher, url)
    assert (error.kind, error.status, str(error)) == ("http", status, message)
    assert error.retry_after is None


def test_retry_after_seconds_are_parsed(http_server: HttpServer, fetcher: Fetcher) -> None:
    url = http_server.route("/busy", Response(503, b"", {"Retry-After": "120"}))
    error = fetch_error(fetcher, url)
    assert error.retry_after == 120
    assert str(error) == "Server busy, retrying after 2 min"


def test_retry_after_http_date_is_parsed(http_server: HttpServer, fetcher: Fetcher) -> None:
    later = formatdate(time.time() + 3 * 3600, usegmt=True)
    url = http_server.route("/slowdown", Response(429, b"", {"Retry-After": later}))
    error = fetch_error(fetcher, url)
    assert error.status == 429
    assert error.retry_after is not None and 3 * 3600 - 5 < error.retry_after <= 3 * 3600
    assert str(error) == "Server busy, retrying after 3 h"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "data:text/plain,hello",
        "javascript:alert(1)",
        "ftp://example.org/feed.xml",
        "feeds.example.org/rss",
    ],
)
def test_non_http_addresses_are_refused(fetcher: Fetcher, url: str) -> None:
    error = fetch_error(fetcher, url)
    assert (error.kind, str(error)) == ("invalid-url", "Not an http(s) address")


def test_address_without_host_is_refused(fetcher: Fetcher) -> None:
    error = fetch_error(fetcher, "http://")
    assert error.kind == "invalid-url"


# ------------------------------------------------------------------ network failures
def test_silent_server_times_out_on_read(http_server: HttpServer) -> None:
    url = http_server.route("/silent", Response(200, b"late", delay=3))
    with Fetcher(read_timeout=1, total_timeout=5) as fetcher:
        started = time.monotonic()
        error = fetch_error(fetcher, url)
    assert (error.kind, str(error)) == ("timeout", "Timed out after 1 s")
    assert time.monotonic() - started < 2


def test_refused_connection(fetcher: Fetcher) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    error = fetch_error(fetcher, f"http://127.0.0.1:{port}/feed")
    assert (error.kind, str(error)) == ("network", "Could not connect (connection refused)")


def test_unknown_host(fetcher: Fetcher) -> None:
    error = fetch_error(fetcher, "http://feeds.nonexistent.invalid/rss")
    assert str(error) == "Could not find host feeds.nonexistent.invalid"


# ------------------------------------------------------------------ politeness
def test_per_host_limit_caps_concurrent_requests(http_server: HttpServer) -> None:
    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def slow(_: Request) -> Response:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.5)
        with lock:
            state["now"] -= 1
        return Response(200, b"ok")

    url = http_server.route("/limited", slow)
    with Fetcher(per_host_limit=2) as fetcher, ThreadPoolExecutor(6) as pool:
        started = time.monotonic()
        results = list(pool.map(lambda i: fetcher.fetch(f"{url}?n={i}"), range(6)))
        took = time.monotonic() - started
    assert [r.content for r in results] == [b"ok"] * 6
    assert state["max"] == 2
    assert took >= 1.4  # three rounds of two


def test_hosts_are_forgotten_once_their_requests_end(http_server: HttpServer) -> None:
    # The app keeps one fetcher for weeks; every host it ever met must not stay in memory.
    seen_during: list[int] = []
    with Fetcher() as fetcher:

        def busy(_: Request) -> Response:
            seen_during.append(fetcher.busy_hosts)
            return Response(200, b"ok")

        url = http_server.route("/busy", busy)
        assert fetcher.fetch(url).content == b"ok"
        assert seen_during == [1]
        for n in range(2, 42):  # 40 more hosts, each refusing at once (nothing listens)
            with pytest.raises(FetchError):
                fetcher.fetch(f"http://127.0.0.{n}:1/feed.xml")
        assert fetcher.busy_hosts == 0


def test_no_cookies_are_kept(http_server: HttpServer, fetcher: Fetcher) -> None:
    url = http_server.route("/cookie", Response(200, b"ok", {"Set-Cookie": "track=me; Path=/"}))
    fetcher.fetch(url)
    fetcher.fetch(url)
    assert "cookie" not in http_server.hits("/cookie")[1].headers
