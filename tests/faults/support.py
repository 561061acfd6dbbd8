"""What the fault tests share: the farm's settings, short timeouts, and ways to watch
threads, memory and what a library holds."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import RefreshSummary
from desktop_reader.core.pipeline import refresh
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles
from tests.feedfarm import Farm
from tests.httpserver import Request, Response, TestServer

#: Short delays so slow passes within the timeouts and stall/trickle/hang are cut.
FARM_ARGS = (
    "--feeds",
    "4",
    "--entries",
    "6",
    "--slow-delay",
    "1",
    "--stall-delay",
    "5",
    "--trickle-seconds",
    "5",
    "--hang-delay",
    "8",
    "--huge-mb",
    "25",
    "--big-entries",
    "5000",
)
HEALTHY_ENTRIES = 6
FAULT_ENTRIES = 20  # every /fault/<kind> feed has 20 entries

#: slow (1 s) passes; stall (5 s of silence) hits the read timeout; trickle (5 s in
#: all) hits the total deadline; hang (8 s) hits the read timeout.
CONNECT_S, READ_S, TOTAL_S = 2.0, 3.0, 4.0


def fast_fetcher() -> Fetcher:
    return Fetcher(connect_timeout=CONNECT_S, read_timeout=READ_S, total_timeout=TOTAL_S)


def healthy_url(farm: Farm) -> str:
    return farm.get_bytes("/urls.txt").decode().split()[0]


def threads_settle(baseline: int, within: float = 10.0) -> int:
    """Thread count once workers and watchdogs have ended (or after `within` seconds)."""
    # Generous: the claim is that threads end, not how fast; a loaded machine is slow.
    deadline = time.monotonic() + within
    while threading.active_count() > baseline and time.monotonic() < deadline:
        time.sleep(0.05)
    return threading.active_count()


def timed_refresh(library: Library, fetcher: Fetcher) -> tuple[RefreshSummary, float]:
    started = time.monotonic()
    summary = refresh.refresh_feeds(library, fetcher)
    return summary, time.monotonic() - started


def article_ids(library: Library, feed_id: int) -> set[int]:
    conn = library.connect()
    try:
        rows = conn.execute("SELECT article_id FROM feed_articles WHERE feed_id = ?", (feed_id,))
        return {r[0] for r in rows}
    finally:
        conn.close()


def stored_text(library: Library) -> str:
    """Every piece of text the library keeps for articles and feeds, in one string."""
    conn = library.connect()
    try:
        parts = []
        for row in conn.execute(
            "SELECT title, author, url, summary_html, content_html, text, page_error FROM articles"
        ):
            parts.extend(str(v or "") for v in row)
        for row in conn.execute("SELECT title, url, status_message, site_url FROM feeds"):
            parts.extend(str(v or "") for v in row)
        for row in conn.execute("SELECT caption, credit, alt, error FROM article_images"):
            parts.extend(str(v or "") for v in row)
        return "\n".join(parts)
    finally:
        conn.close()


def count(library: Library, feed_id: int) -> int:
    conn = library.connect()
    try:
        return articles.count_articles(conn, [feed_id])
    finally:
        conn.close()


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class PeakRss:
    """Samples this process's resident memory every 20 ms; `growth_mb` is peak − start."""

    def __init__(self) -> None:
        self.start = self.peak = rss_kb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_kb())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 1024

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_kb())


class Switch:
    """A feed address on our test server that redirects (307, temporary) to a farm URL.

    Lets a test serve a farm feed's clean copy first and then its faulty self at the
    same subscribed address — "good, then bad" — while the bytes and the network
    behaviour of the fault stay the farm's own.
    """

    def __init__(self, server: TestServer, path: str, target: str) -> None:
        self.target = target
        self.url = server.route(path, self._answer)

    def _answer(self, request: Request) -> Response:
        return Response(307, b"", {"Location": self.target})
