"""Article pages that failed for a passing reason come back on later refreshes; final
failures are never requested again. A real HTTP server, a real library, an injected clock."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from xml.sax.saxutils import escape

import pytest

from desktop_reader.cli import main
from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import Article, PageState
from desktop_reader.core.pipeline import pages, refresh, subscribe
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.page_retries import MAX_ATTEMPTS, RETRY_DELAYS, status_line
from desktop_reader.core.storage import articles
from desktop_reader.ui.widgets.article_html import article_page
from tests.httpserver import Request, Response, TestServer

T0 = 1_900_000_000.0  # the injected clock's start (a fixed moment, far from the real now)
FEED_TEXT = "The lighthouse keepers' union met on Tuesday; the full report follows."
PAGE_PARAGRAPHS = [
    f"Paragraph {n} of the lighthouse report: the keepers described the lamp room, the "
    f"fog signal trials of week {n}, and the supply boat that reached the rock at dawn."
    for n in range(1, 9)
]
PAGE_HTML = (
    "<!doctype html><html><head><title>Keepers meet</title></head><body><article>"
    "<h1>Keepers meet</h1>"
    + "".join(f"<p>{p}</p>" for p in PAGE_PARAGRAPHS)
    + "</article></body></html>"
).encode()
HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE_OK = Response(200, PAGE_HTML, HTML)


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(connect_timeout=1, read_timeout=0.4, total_timeout=1.5) as client:
        yield client


def _scripted(*responses: Response) -> Callable[[Request], Response]:
    """Answer each request with the next response; the last one repeats."""
    queue = list(responses)

    def answer(_: Request) -> Response:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return answer


def _subscribe_to(
    server: TestServer,
    library: Library,
    fetcher: Fetcher,
    page_url: str,
    feed_text: str = FEED_TEXT,
) -> int:
    """A one-entry feed linking to `page_url`, refreshed; returns the article's id."""
    item = (
        f"<item><title>Keepers meet</title><link>{escape(page_url)}</link>"
        f"<guid isPermaLink='false'>keepers-1</guid>"
        f"<description>{escape(feed_text)}</description></item>"
    )
    feed = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Lighthouse Ledger"
        f"</title><link>http://ledger.invalid/</link>{item}</channel></rss>"
    ).encode()
    url = server.route("/ledger.xml", Response(200, feed, {"Content-Type": "application/rss+xml"}))
    conn = library.connect()
    try:
        feed_id = subscribe.subscribe(conn, url).id
        assert refresh.refresh_feeds(library, fetcher).new_articles == 1
        (row,) = articles.list_rows(conn, [feed_id])
        return row.id
    finally:
        conn.close()


def _run(library: Library, fetcher: Fetcher, article_id: int, now: float) -> Article:
    """One page run at `now`; the article as stored afterwards."""
    pages.download_pages(library, fetcher, now=now)
    conn = library.connect()
    try:
        article = articles.get_article(conn, article_id)
        assert article is not None
        return article
    finally:
        conn.close()


def _assert_feed_text_kept(article: Article, feed_text: str = FEED_TEXT) -> None:
    assert article.text.strip() == feed_text


def test_503_then_200_is_stored_on_the_run_after_the_delay(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    url = http_server.route("/keepers", _scripted(Response(503, b"busy", HTML), PAGE_OK))
    article_id = _subscribe_to(http_server, library, fetcher, url)

    first = _run(library, fetcher, article_id, T0)
    assert first.page_state is PageState.RETRYING
    assert first.page_error == "Server unavailable (503)"
    _assert_feed_text_kept(first)
    assert status_line(first) == (
        "The page could not be downloaded: Server unavailable (503). "
        "It will be tried again later; this is the feed's text."
    )

    early = _run(library, fetcher, article_id, T0 + RETRY_DELAYS[0] - 1)
    assert len(http_server.hits("/keepers")) == 1  # not due yet: not requested
    assert early.page_state is PageState.RETRYING
    _assert_feed_text_kept(early)

    stored = _run(library, fetcher, article_id, T0 + RETRY_DELAYS[0])
    assert len(http_server.hits("/keepers")) == 2
    assert stored.page_state is PageState.DONE and stored.page_error == ""
    assert PAGE_PARAGRAPHS[-1] in stored.text
    assert status_line(stored) == ""


# The feed of the paywall case carries more than the page gives.
LONG_FEED_TEXT = " ".join(PAGE_PARAGRAPHS * 2)


@pytest.mark.parametrize(
    "response, error, feed_text",
    [
        (Response(404, b"<html><body>Not here</body></html>", HTML), "Not found (404)", FEED_TEXT),
        (
            Response(410, b"<html><body>Gone</body></html>", HTML),
            "Gone (410) — the page was removed",
            FEED_TEXT,
        ),
        (
            Response(200, b"%PDF-1.4 not a page", {"Content-Type": "application/pdf"}),
            "Not a web page (application/pdf)",
            FEED_TEXT,
        ),
        (
            Response(
                200,
                b"<html><head><title>Keepers</title></head><body><p>Subscribe.</p></body></html>",
                HTML,
            ),
            "No readable article text was found on this page.",
            FEED_TEXT,
        ),
        (PAGE_OK, "The page had less text than the feed", LONG_FEED_TEXT),
    ],
    ids=["404", "410", "not-html", "no-text", "paywall"],
)
def test_final_failure_is_never_requested_again(
    http_server: TestServer,
    library: Library,
    fetcher: Fetcher,
    response: Response,
    error: str,
    feed_text: str,
) -> None:
    url = http_server.route("/keepers", response)
    article_id = _subscribe_to(http_server, library, fetcher, url, feed_text)
    for day in range(3):
        article = _run(library, fetcher, article_id, T0 + day * 86_400)
        assert article.page_state is PageState.FAILED
        assert article.page_error == error
        _assert_feed_text_kept(article, feed_text)
    assert len(http_server.hits("/keepers")) == 1
    assert status_line(article).endswith("It will not be tried again; this is the feed's text.")


def test_timed_out_page_is_retried(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    slow = Response(200, PAGE_HTML, HTML, delay=1.0)  # silent past the 0.4 s read timeout
    url = http_server.route("/keepers", _scripted(slow, PAGE_OK))
    article_id = _subscribe_to(http_server, library, fetcher, url)

    first = _run(library, fetcher, article_id, T0)
    assert first.page_state is PageState.RETRYING
    assert first.page_error.startswith("Timed out after")
    _assert_feed_text_kept(first)

    stored = _run(library, fetcher, article_id, T0 + RETRY_DELAYS[0])
    assert stored.page_state is PageState.DONE
    assert PAGE_PARAGRAPHS[0] in stored.text


class _ResettingServer:
    """Reads each request, then resets the connection (RST, no answer)."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            client.settimeout(2)
            with suppress(OSError):
                client.recv(65536)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()

    def close(self) -> None:
        self._listener.close()


def test_reset_connection_is_retried_and_given_up_after_the_last_try(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    resetting = _ResettingServer()
    try:
        url = f"http://127.0.0.1:{resetting.port}/keepers"
        article_id = _subscribe_to(http_server, library, fetcher, url)
        now = T0
        for attempt in range(1, MAX_ATTEMPTS):
            article = _run(library, fetcher, article_id, now)
            assert resetting.connections == attempt
            assert article.page_state is PageState.RETRYING, article.page_error
            assert article.page_error == "Connection reset by the server"
            _assert_feed_text_kept(article)
            now += RETRY_DELAYS[attempt - 1]
        given_up = _run(library, fetcher, article_id, now)
        assert resetting.connections == MAX_ATTEMPTS
        assert given_up.page_state is PageState.FAILED
        assert given_up.page_error == (
            f"Connection reset by the server; gave up after {MAX_ATTEMPTS} tries"
        )
        _assert_feed_text_kept(given_up)
        _run(library, fetcher, article_id, now + 30 * 86_400)
        assert resetting.connections == MAX_ATTEMPTS  # given up: never requested again
    finally:
        resetting.close()


def test_server_errors_back_off_10_min_1_h_6_h_then_give_up(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    url = http_server.route("/keepers", Response(500, b"oops", HTML))
    article_id = _subscribe_to(http_server, library, fetcher, url)
    assert RETRY_DELAYS == (600.0, 3600.0, 21600.0) and MAX_ATTEMPTS == 4
    now = T0
    for attempt, delay in enumerate(RETRY_DELAYS, start=1):
        _run(library, fetcher, article_id, now)
        assert len(http_server.hits("/keepers")) == attempt
        _run(library, fetcher, article_id, now + delay - 1)  # one second early: not due
        assert len(http_server.hits("/keepers")) == attempt
        now += delay
    article = _run(library, fetcher, article_id, now)
    assert len(http_server.hits("/keepers")) == MAX_ATTEMPTS
    assert article.page_state is PageState.FAILED
    assert article.page_error == "Server error (500); gave up after 4 tries"
    _assert_feed_text_kept(article)
    assert status_line(article) == (
        "The full article could not be stored: Server error (500); gave up after 4 tries. "
        "It will not be tried again; this is the feed's text."
    )


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_longer_than_the_schedule_is_respected(
    http_server: TestServer, library: Library, fetcher: Fetcher, status: int
) -> None:
    busy = Response(status, b"busy", {**HTML, "Retry-After": "7200"})
    url = http_server.route("/keepers", _scripted(busy, PAGE_OK))
    article_id = _subscribe_to(http_server, library, fetcher, url)

    first = _run(library, fetcher, article_id, T0)
    assert first.page_state is PageState.RETRYING
    assert first.page_error == f"Server busy ({status})"
    _run(library, fetcher, article_id, T0 + RETRY_DELAYS[0] + 60)  # our schedule alone: due
    assert len(http_server.hits("/keepers")) == 1  # the server asked for two hours
    stored = _run(library, fetcher, article_id, T0 + 7200)
    assert len(http_server.hits("/keepers")) == 2
    assert stored.page_state is PageState.DONE


def test_retrying_status_shows_in_the_reader_and_in_show(
    http_server: TestServer, library: Library, fetcher: Fetcher, capsys: pytest.CaptureFixture[str]
) -> None:
    url = http_server.route("/keepers", Response(502, b"bad gateway", HTML))
    article_id = _subscribe_to(http_server, library, fetcher, url)
    article = _run(library, fetcher, article_id, T0)
    line = (
        "The page could not be downloaded: Server error (502) — bad gateway. "
        "It will be tried again later; this is the feed's text."
    )
    assert status_line(article) == line
    assert f'<p class="note">{line}</p>' in article_page(article, [])
    capsys.readouterr()
    assert main(["show", str(article_id)]) == 0
    out = capsys.readouterr().out
    assert FEED_TEXT in out and line in out
