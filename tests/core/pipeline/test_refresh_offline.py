"""A refresh offline, and one with a host that never finishes answering.

Real sockets on 127.0.0.1: a port nobody listens on refuses connections as an offline
machine's network does, and a server that trickles its headers forever is the hanging
host that once held a refresh at 33 of 34 for minutes.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import FeedStatus
from desktop_reader.core.pipeline import refresh, schedule
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import feeds
from tests.httpserver import TestServer

FEED = "/pipeline/harbourcourier-rss2.xml"


def _closed_port() -> int:
    """A port on 127.0.0.1 that refuses connections (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TrickleServer:
    """Accepts, starts an answer, then sends one header byte every 0.2 s, forever: no
    single read ever times out, only a deadline for the whole request ends it."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._trickle, args=(client,), daemon=True).start()

    def _trickle(self, client: socket.socket) -> None:
        with client:
            try:
                client.recv(65536)
                client.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                while not self._stop.wait(0.2):
                    client.sendall(b"a")
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        self._listener.close()


@pytest.fixture
def trickle() -> Iterator[TrickleServer]:
    server = TrickleServer()
    yield server
    server.close()


def _add(library: Library, url: str, title: str, *, failing: str = "") -> int:
    conn = library.connect()
    try:
        feed = feeds.add_feed(conn, url, title=title)
        status = FeedStatus.ERROR if failing else FeedStatus.OK
        feeds.record_fetch(conn, feed.id, status=status, message=failing or "3 new")
        return feed.id
    finally:
        conn.close()


def _feed(library: Library, feed_id: int) -> feeds.Feed:
    conn = library.connect()
    try:
        found = feeds.get_feed(conn, feed_id)
        assert found is not None
        return found
    finally:
        conn.close()


def test_offline_refresh_leaves_every_feed_as_it_was(library: Library, fetcher: Fetcher) -> None:
    broken = _add(
        library, f"http://127.0.0.1:{_closed_port()}/gone.xml", "Broken", failing="Not found (404)"
    )
    fine = [
        _add(library, f"http://127.0.0.1:{_closed_port()}/{i}.xml", f"Fine {i}") for i in range(3)
    ]

    before = {i: _feed(library, i).last_checked for i in [broken, *fine]}
    time.sleep(0.01)
    summary = refresh.refresh_feeds(library, fetcher)

    assert summary.offline
    assert len(summary.results) == 4
    assert {r.message for r in summary.results} == {refresh.OFFLINE_MESSAGE}
    # The broken feed keeps its error (and its icon); the others are not marked broken.
    kept = _feed(library, broken)
    assert (kept.status, kept.status_message) == (FeedStatus.ERROR, "Not found (404)")
    for feed_id in fine:
        assert _feed(library, feed_id).status is FeedStatus.OK
    # Tried: the automatic refresh waits its interval before trying them again.
    assert all(_feed(library, i).last_checked > before[i] for i in [broken, *fine])
    conn = library.connect()
    try:
        assert schedule.due_feed_ids(conn, now=time.time() + 29 * 60) == []
    finally:
        conn.close()


def test_one_unreachable_feed_among_working_ones_is_reported_failing(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    url = http_server.route_fixture(FEED, {"Content-Type": "application/rss+xml"})
    working = [_add(library, f"{url}?copy={i}", f"Working {i}") for i in range(2)]
    dead = _add(library, f"http://127.0.0.1:{_closed_port()}/feed.xml", "Dead host")

    summary = refresh.refresh_feeds(library, fetcher)

    assert not summary.offline
    assert _feed(library, dead).status is FeedStatus.ERROR
    assert "refused" in _feed(library, dead).status_message
    assert all(_feed(library, i).status is FeedStatus.OK for i in working)


def test_one_feed_alone_that_cannot_connect_is_an_error_not_offline(
    library: Library, fetcher: Fetcher
) -> None:
    dead = _add(library, f"http://127.0.0.1:{_closed_port()}/feed.xml", "Dead host")
    summary = refresh.refresh_feeds(library, fetcher, [dead])
    assert not summary.offline
    assert _feed(library, dead).status is FeedStatus.ERROR


def test_most_feeds_unreachable_reads_as_offline(
    http_server: TestServer, library: Library, fetcher: Fetcher
) -> None:
    local = _add(
        library, http_server.route_fixture(FEED, {"Content-Type": "application/rss+xml"}), "Local"
    )
    away = [
        _add(library, f"http://127.0.0.1:{_closed_port()}/{i}.xml", f"Away {i}") for i in range(5)
    ]

    summary = refresh.refresh_feeds(library, fetcher)

    assert summary.offline
    assert summary.new_articles == 3  # the feed that answered is stored as usual
    assert all(_feed(library, i).status is FeedStatus.OK for i in away)
    assert _feed(library, local).status is FeedStatus.OK


def test_a_hanging_host_is_given_up_at_the_feed_deadline(
    http_server: TestServer, trickle: TrickleServer, library: Library
) -> None:
    good = _add(
        library, http_server.route_fixture(FEED, {"Content-Type": "application/rss+xml"}), "Good"
    )
    slow = _add(library, f"http://127.0.0.1:{trickle.port}/feed.xml", "Hanging")
    # Long per-read timeouts, as in the app: only the whole-request deadline can end it.
    with Fetcher(connect_timeout=10, read_timeout=20, total_timeout=60) as fetcher:
        started = time.monotonic()
        summary = refresh.refresh_feeds(library, fetcher, deadline=1.5)
        took = time.monotonic() - started

    assert took < 5, f"the refresh waited {took:.1f} s for a hanging host"
    assert len(summary.results) == 2
    hanging = _feed(library, slow)
    assert hanging.status is FeedStatus.ERROR
    assert hanging.status_message == "Timed out after 1.5 s"
    assert _feed(library, good).status is FeedStatus.OK
    assert summary.new_articles == 3


def test_the_feed_deadline_is_a_setting(trickle: TrickleServer, library: Library) -> None:
    from desktop_reader.core.reader import Reader, SettingChange
    from desktop_reader.core.values import FEED_DEADLINE

    slow = _add(library, f"http://127.0.0.1:{trickle.port}/feed.xml", "Hanging")
    front = Reader(library)
    try:
        assert front.setting(FEED_DEADLINE) == 30
        front.change_settings([SettingChange(FEED_DEADLINE, 1)])
    finally:
        front.close()
    with Fetcher(connect_timeout=10, read_timeout=20, total_timeout=60) as fetcher:
        started = time.monotonic()
        refresh.refresh_feeds(library, fetcher, [slow])
        assert time.monotonic() - started < 4
    assert _feed(library, slow).status_message == "Timed out after 1 s"


def test_the_fetcher_itself_ends_a_request_whose_headers_never_end(trickle: TrickleServer) -> None:
    """The thread a refresh gives up on does not stay behind for ever either."""
    from desktop_reader.core.errors import FetchError

    with Fetcher(connect_timeout=10, read_timeout=20, total_timeout=60) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError) as failed:
            fetcher.fetch(f"http://127.0.0.1:{trickle.port}/feed.xml", timeout=1.0)
        assert time.monotonic() - started < 3
    assert failed.value.kind == "timeout"
    assert str(failed.value) == "Timed out after 1 s"
