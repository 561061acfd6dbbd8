"""A farm where a tenth of the feeds misbehave at their normal URLs, over several
refreshes (with and without churn): healthy feeds are stored, faulty ones say why,
and nothing stored is ever lost."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_reader.core.models import FeedStatus
from desktop_reader.core.pipeline import opml_io, refresh
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, feeds
from tests.faults.support import fast_fetcher, threads_settle
from tests.feedfarm import FARM_SCRIPT, Farm

pytestmark = pytest.mark.skipif(not FARM_SCRIPT.is_file(), reason="needs ../shared/feedfarm")

FEEDS, ENTRIES = 100, 4
ARGS = (
    "--feeds",
    str(FEEDS),
    "--entries",
    str(ENTRIES),
    "--faults",
    "0.1",
    "--slow-delay",
    "1",
    "--stall-delay",
    "5",
    "--hang-delay",
    "8",
    "--trickle-seconds",
    "5",
)
#: Faults whose feed is still read (maybe with a warning or a new address).
READABLE = {
    "slow",
    "redirect-chain",
    "malformed",
    "wrong-encoding",
    "html-not-feed",
    "xss",
    "long-titles",
    "rtl",
    "cjk",
    "big-5000",
    "huge",
    "bad-images",
    "truncated",
    "gzip-forced",
    "gzip-corrupt",
    "bom",
    "encoding-conflict",
    "mixed-scripts",
    "guid-chaos",
    "bad-dates",
    "relative-urls",
    "moved",
    "trickle",
}


def _faults(farm: Farm) -> dict[str, str]:
    """feed URL path (/feeds/NNN.ext) -> fault kind, for the feeds that got one."""
    mixed = farm.get_json("/_farm/faults.json")["mixed_in"]
    return {_path(url): kind for url, kind in mixed.items()}


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _run(tmp_path: Path, farm: Farm, refreshes: int, churn: bool) -> None:
    library = Library.open(tmp_path / "library")
    conn = library.connect()
    opml_io.import_opml(conn, farm.get_bytes("/opml"))
    faults = _faults(farm)
    assert len(faults) == FEEDS // 10
    # By id: moved feeds (redirect-chain, html-not-feed) change their address.
    kind_of = {feed.id: faults.get(_path(feed.url)) for feed in feeds.list_feeds(conn)}
    baseline = threading.active_count()
    known: set[int] = set()
    first = 0
    with fast_fetcher() as fetcher:
        for round_ in range(refreshes):
            if churn and round_:
                farm.get_bytes("/_farm/tick?n=1")
            summary = refresh.refresh_feeds(library, fetcher)
            assert not summary.cancelled and len(summary.results) >= FEEDS - len(faults)
            assert threads_settle(baseline) <= baseline
            now = {r[0] for r in conn.execute("SELECT id FROM articles")}
            assert known <= now, f"round {round_}: lost {sorted(known - now)[:5]}"
            assert len(now) >= len(known)
            known = now
            first = first or len(now)
            for feed in feeds.list_feeds(conn):
                kind = kind_of[feed.id]
                stored = articles.count_articles(conn, [feed.id])
                if kind is None:
                    assert feed.status is FeedStatus.OK, (feed.url, feed.status_message)
                    assert stored >= ENTRIES
                elif kind in READABLE:
                    assert stored > 0, (kind, feed.status_message)
                else:
                    assert feed.status in (FeedStatus.ERROR, FeedStatus.GONE), kind
                    assert feed.status_message and "Traceback" not in feed.status_message
    if churn:
        assert len(known) > first  # the ticks brought new articles, and they were stored
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


@pytest.fixture
def farm() -> Iterator[Farm]:
    running = Farm(*ARGS)
    yield running
    running.stop()


@pytest.fixture
def churning_farm() -> Iterator[Farm]:
    running = Farm(*ARGS, "--churn", "0", "--churn-fraction", "0.3")
    yield running
    running.stop()


def test_fault_mix_stores_every_healthy_feed(tmp_path: Path, farm: Farm) -> None:
    _run(tmp_path, farm, refreshes=2, churn=False)


def test_fault_mix_with_churn_loses_nothing(tmp_path: Path, churning_farm: Farm) -> None:
    _run(tmp_path, churning_farm, refreshes=4, churn=True)
