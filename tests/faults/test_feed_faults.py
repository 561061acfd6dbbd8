"""Every feed fault of the farm (`/fault/<kind>`): what the user sees, what is kept.

Each test subscribes a fresh library to one healthy farm feed and the faulty one, and
checks the faulty feed's status line, that nothing stored before is lost, that the
healthy feed is unaffected and that no worker thread is left behind.
"""

from __future__ import annotations

import re
import threading
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import FeedStatus, RefreshSummary
from desktop_reader.core.pipeline import pages, subscribe
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, feeds
from tests.faults.support import (
    FARM_ARGS,
    FAULT_ENTRIES,
    HEALTHY_ENTRIES,
    PeakRss,
    Switch,
    article_ids,
    count,
    fast_fetcher,
    healthy_url,
    stored_text,
    threads_settle,
    timed_refresh,
)
from tests.feedfarm import FARM_SCRIPT, Farm
from tests.httpserver import TestServer

pytestmark = pytest.mark.skipif(not FARM_SCRIPT.is_file(), reason="needs ../shared/feedfarm")


@pytest.fixture(scope="module")
def farm() -> Iterator[Farm]:
    running = Farm(*FARM_ARGS)
    yield running
    running.stop()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with fast_fetcher() as client:
        yield client


@dataclass
class Setup:
    """A library subscribed to one healthy farm feed and one faulty feed."""

    library: Library
    healthy: int
    faulty: int
    baseline_threads: int

    def refresh(self, fetcher: Fetcher, *, bound: float = 8.0) -> RefreshSummary:
        summary, elapsed = timed_refresh(self.library, fetcher)
        assert elapsed < bound, f"refresh took {elapsed:.1f} s"
        assert threads_settle(self.baseline_threads) <= self.baseline_threads
        return summary

    def feed(self, feed_id: int | None = None):  # type: ignore[no-untyped-def]
        conn = self.library.connect()
        try:
            return feeds.get_feed(conn, self.faulty if feed_id is None else feed_id)
        finally:
            conn.close()

    def articles(self, feed_id: int | None = None) -> list[articles.Article]:
        conn = self.library.connect()
        try:
            ids = sorted(article_ids(self.library, self.faulty if feed_id is None else feed_id))
            return articles.get_articles(conn, ids)
        finally:
            conn.close()

    def assert_healthy_unaffected(self) -> None:
        healthy = self.feed(self.healthy)
        assert healthy.status is FeedStatus.OK, healthy.status_message
        assert count(self.library, self.healthy) == HEALTHY_ENTRIES


def _setup(tmp_path: Path, farm: Farm, faulty_url: str) -> Setup:
    library = Library.open(tmp_path / "library")
    conn = library.connect()
    try:
        healthy = subscribe.subscribe(conn, healthy_url(farm)).id
        faulty = subscribe.subscribe(conn, faulty_url).id
    finally:
        conn.close()
    return Setup(library, healthy, faulty, threading.active_count())


# --------------------------------------------------------------------------- good, then bad
# Faults that can strike a feed we already read: the address first serves the clean
# feed, then the fault. Expected: (status, status line pattern, articles still there).
GOOD_THEN_BAD = {
    "http-404": (FeedStatus.ERROR, r"Not found \(404\)"),
    "http-410": (FeedStatus.GONE, r"Gone \(410\) — the feed was removed"),
    "http-500": (FeedStatus.ERROR, r"Server error \(500\)"),
    "http-403": (FeedStatus.ERROR, r"Forbidden \(403\)"),
    "http-503": (FeedStatus.ERROR, r"Server busy, retrying after 2 min"),
    "http-429": (FeedStatus.ERROR, r"Server busy, retrying after 1 min"),
    "reset": (FeedStatus.ERROR, r"Connection reset by the server"),
    "reset-mid": (FeedStatus.ERROR, r"Connection reset by the server|closed the connection"),
    "redirect-loop": (FeedStatus.ERROR, r"Too many redirects"),
    "empty": (FeedStatus.ERROR, r"The server sent an empty response"),
    "malformed": (FeedStatus.WARNING, r"not well-formed XML; \d+ articles recovered"),
    "truncated": (FeedStatus.WARNING, r"not well-formed XML; \d+ articles recovered"),
    "entity-bomb": (FeedStatus.ERROR, r"entities that could attack the reader.*not read"),
    "xxe": (FeedStatus.ERROR, r"entities that could attack the reader.*not read"),
}


@pytest.mark.parametrize("kind", sorted(GOOD_THEN_BAD))
def test_fault_after_a_good_refresh_keeps_everything_and_says_why(
    kind: str, tmp_path: Path, farm: Farm, http_server: TestServer, fetcher: Fetcher
) -> None:
    switch = Switch(http_server, f"/{kind}.xml", farm.url(f"/clean/x-{kind}.xml"))
    setup = _setup(tmp_path, farm, switch.url)
    setup.refresh(fetcher)
    before = article_ids(setup.library, setup.faulty)
    assert len(before) == FAULT_ENTRIES

    switch.target = farm.url(f"/fault/{kind}")
    summary = setup.refresh(fetcher)
    status, pattern = GOOD_THEN_BAD[kind]
    feed = setup.feed()
    assert feed.status is status
    assert re.search(pattern, feed.status_message), feed.status_message
    assert feed.url == switch.url  # a temporary redirect never changes the address
    after = article_ids(setup.library, setup.faulty)
    assert before <= after  # nothing lost
    if status is not FeedStatus.WARNING:
        assert after == before
    assert [r.message for r in summary.results if r.feed_id == setup.faulty] == [
        feed.status_message
    ]
    setup.assert_healthy_unaffected()


def test_http_410_marks_the_feed_gone_and_stops_asking(
    tmp_path: Path, farm: Farm, http_server: TestServer, fetcher: Fetcher
) -> None:
    switch = Switch(http_server, "/gone.xml", farm.url("/clean/x-http-410.xml"))
    setup = _setup(tmp_path, farm, switch.url)
    setup.refresh(fetcher)
    switch.target = farm.url("/fault/http-410")
    setup.refresh(fetcher)
    asked = len(http_server.hits("/gone.xml"))
    third = setup.refresh(fetcher)
    assert setup.feed().status is FeedStatus.GONE
    assert setup.faulty not in {r.feed_id for r in third.results}
    assert len(http_server.hits("/gone.xml")) == asked
    assert count(setup.library, setup.faulty) == FAULT_ENTRIES  # gone, articles kept


@pytest.mark.parametrize("kind, minutes", [("http-503", 2), ("http-429", 1)])
def test_retry_after_is_honoured(
    kind: str, minutes: int, tmp_path: Path, farm: Farm, fetcher: Fetcher
) -> None:
    setup = _setup(tmp_path, farm, farm.url(f"/fault/{kind}"))
    setup.refresh(fetcher)
    feed = setup.feed()
    assert feed.status_message == f"Server busy, retrying after {minutes} min"
    assert feed.retry_after is not None
    wait = (feed.retry_after - datetime.now(UTC)).total_seconds()
    assert minutes * 60 - 5 < wait <= minutes * 60
    second = setup.refresh(fetcher)
    assert setup.faulty not in {r.feed_id for r in second.results}  # not asked again yet
    setup.assert_healthy_unaffected()


def test_entity_bomb_and_xxe_are_refused_with_bounded_memory_and_no_file_read(
    tmp_path: Path, farm: Farm, fetcher: Fetcher
) -> None:
    hostname = Path("/etc/hostname")
    secret = hostname.read_text().strip() if hostname.is_file() else ""
    for kind in ("entity-bomb", "xxe"):
        setup = _setup(tmp_path / kind, farm, farm.url(f"/fault/{kind}"))
        tracemalloc.start()
        try:
            setup.refresh(fetcher)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 20 * 1024 * 1024, f"{kind}: {peak / 2**20:.1f} MB"
        feed = setup.feed()
        assert feed.status is FeedStatus.ERROR
        assert "could attack the reader" in feed.status_message
        assert count(setup.library, setup.faulty) == 0
        text = stored_text(setup.library)
        if secret and len(secret) > 3:
            assert secret not in text.replace(farm.base, "")
        assert "lol" * 10 not in text
        setup.assert_healthy_unaffected()


# --------------------------------------------------------------------------- timeouts
TIMING = ("slow", "stall", "trickle", "hang")


@dataclass
class TimingRun:
    setup: Setup
    ids: dict[str, int]
    before: dict[str, set[int]]
    elapsed: float


@pytest.fixture(scope="module")
def timing_run(farm: Farm, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimingRun]:
    """slow, stall, trickle and hang after a good refresh, refreshed together in parallel."""
    server = TestServer()
    switches = {k: Switch(server, f"/{k}.xml", farm.url(f"/clean/x-{k}.xml")) for k in TIMING}
    setup = _setup(tmp_path_factory.mktemp("timing"), farm, switches["slow"].url)
    conn = setup.library.connect()
    ids = {k: subscribe.subscribe(conn, s.url).id for k, s in switches.items()}
    conn.close()
    with fast_fetcher() as fetcher:
        setup.refresh(fetcher)
        before = {k: article_ids(setup.library, i) for k, i in ids.items()}
        for kind, switch in switches.items():
            switch.target = farm.url(f"/fault/{kind}")
        started = time.monotonic()
        setup.refresh(fetcher, bound=12)
        elapsed = time.monotonic() - started
    yield TimingRun(setup, ids, before, elapsed)
    server.close()


def test_timeouts_cut_stall_trickle_and_hang_in_parallel(timing_run: TimingRun) -> None:
    # Four slow feeds at once cost about one total deadline, not four.
    assert timing_run.elapsed < 4.0 + 3.0
    timing_run.setup.assert_healthy_unaffected()


@pytest.mark.parametrize(
    "kind, pattern",
    [
        ("slow", r"^No new articles$|^Up to date$"),
        ("stall", r"^Timed out after [34] s$"),
        ("trickle", r"^Timed out after 4 s$"),
        ("hang", r"^Timed out after [34] s$"),
    ],
)
def test_slow_passes_and_stalls_are_cut(timing_run: TimingRun, kind: str, pattern: str) -> None:
    setup = timing_run.setup
    feed = setup.feed(timing_run.ids[kind])
    assert re.search(pattern, feed.status_message), feed.status_message
    assert feed.status is (FeedStatus.OK if kind == "slow" else FeedStatus.ERROR)
    assert article_ids(setup.library, timing_run.ids[kind]) == timing_run.before[kind]
    assert len(timing_run.before[kind]) == FAULT_ENTRIES


def test_slow_feed_is_stored_on_first_refresh(tmp_path: Path, farm: Farm, fetcher: Fetcher) -> None:
    setup = _setup(tmp_path, farm, farm.url("/fault/slow"))
    setup.refresh(fetcher)
    assert setup.feed().status is FeedStatus.OK
    assert count(setup.library, setup.faulty) == FAULT_ENTRIES
    setup.assert_healthy_unaffected()


# --------------------------------------------------------------------------- addresses
def test_moved_feed_updates_its_address(tmp_path: Path, farm: Farm, fetcher: Fetcher) -> None:
    setup = _setup(tmp_path, farm, farm.url("/fault/moved"))
    setup.refresh(fetcher)
    feed = setup.feed()
    assert feed.status_message == "Feed moved — address updated"
    assert feed.url == farm.url("/clean/x-moved.xml")
    first = article_ids(setup.library, setup.faulty)
    assert len(first) == FAULT_ENTRIES
    setup.refresh(fetcher)  # now at the new address: no redirect, nothing twice
    assert setup.feed().status_message in ("Up to date", "No new articles")
    assert article_ids(setup.library, setup.faulty) == first
    setup.assert_healthy_unaffected()


def test_redirect_chain_is_followed_and_the_permanent_first_hop_stored(
    tmp_path: Path, farm: Farm, fetcher: Fetcher
) -> None:
    setup = _setup(tmp_path, farm, farm.url("/fault/redirect-chain"))
    setup.refresh(fetcher)
    feed = setup.feed()
    assert feed.status is FeedStatus.OK
    # 301 then temporary hops: only the 301's target is a new permanent address.
    assert feed.url == farm.url("/r/x-redirect-chain/4")
    assert feed.status_message == "Feed moved — address updated"
    first = article_ids(setup.library, setup.faulty)
    assert len(first) == FAULT_ENTRIES
    setup.refresh(fetcher)
    assert setup.feed().url == farm.url("/r/x-redirect-chain/4")
    assert article_ids(setup.library, setup.faulty) == first
    setup.assert_healthy_unaffected()


def test_html_page_instead_of_feed_follows_rel_alternate(
    tmp_path: Path, farm: Farm, fetcher: Fetcher
) -> None:
    setup = _setup(tmp_path, farm, farm.url("/fault/html-not-feed"))
    setup.refresh(fetcher)
    feed = setup.feed()
    real = farm.url("/clean/x-html-not-feed.xml")
    assert feed.status is FeedStatus.OK
    assert feed.status_message == f"Not a feed; found {real} instead — address updated"
    assert feed.url == real
    first = article_ids(setup.library, setup.faulty)
    assert len(first) == FAULT_ENTRIES
    setup.refresh(fetcher)
    assert article_ids(setup.library, setup.faulty) == first
    setup.assert_healthy_unaffected()


# --------------------------------------------------------------------------- transfer quirks
@pytest.mark.parametrize("kind", ["gzip-forced", "gzip-corrupt", "bom", "relative-urls"])
def test_transfer_quirks_are_read_normally(
    kind: str, tmp_path: Path, farm: Farm, fetcher: Fetcher
) -> None:
    setup = _setup(tmp_path, farm, farm.url(f"/fault/{kind}"))
    setup.refresh(fetcher)
    feed = setup.feed()
    assert feed.status is FeedStatus.OK, feed.status_message
    assert feed.status_message == f"{FAULT_ENTRIES} new"
    stored = setup.articles()
    assert len(stored) == FAULT_ENTRIES
    assert all(a.title and "\ufeff" not in a.title and "\x1f" not in a.text for a in stored)
    # Relative links (relative-urls) and every other link end up absolute on the farm.
    assert all(a.url and a.url.startswith(farm.base + "/articles/") for a in stored)
    second = setup.refresh(fetcher)
    assert sum(r.new_articles for r in second.results) == 0
    setup.assert_healthy_unaffected()


# --------------------------------------------------------------------------- text
READABLE = ("€", "é", "’", "“", "—")
MOJIBAKE = ("â€", "Ã©", "Ã", "\ufffd", "&#8364;", "&#233;")


@pytest.mark.parametrize(
    "kind, status", [("wrong-encoding", FeedStatus.WARNING), ("encoding-conflict", FeedStatus.OK)]
)
def test_encoding_faults_give_readable_text(
    kind: str, status: FeedStatus, tmp_path: Path, farm: Farm, fetcher: Fetcher
) -> None:
    setup = _setup(tmp_path, farm, farm.url(f"/fault/{kind}"))
    setup.refresh(fetcher)
    feed = setup.feed()
    assert feed.status is status
    if status is FeedStatus.WARNING:
        assert feed.status_message == (
            "The feed says it is UTF-8 but contains Windows-1252 characters; they were converted"
        )
    stored = setup.articles()
    assert len(stored) == FAULT_ENTRIES
    everything = "\n".join(a.title + "\n" + a.text for a in stored)
    for char in READABLE:
        assert char in everything, char
    for bad in MOJIBAKE:
        assert bad not in everything, bad
    assert any(a.title.endswith("(café owners react)") for a in stored)
    assert any("€2m ‘naïve’ plan" in a.title for a in stored)
    setup.assert_healthy_unaffected()


@pytest.mark.parametrize(
    "kind, pattern",
    [
        ("rtl", "[\u0590-\u05ff\u0600-\u06ff]{3,}"),  # Hebrew or Arabic words
        ("cjk", "[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]{3,}"),
        ("mixed-scripts", "[\u0370-\u03ff\u0400-\u04ff]{3,}"),  # Greek or Cyrillic
    ],
)
def test_other_scripts_are_stored_readable(
    kind: str, pattern: str, tmp_path: Path, farm: Farm, fetcher: Fetcher
) -> None:
    setup = _setup(tmp_path, farm, farm.url(f"/fault/{kind}"))
    setup.refresh(fetcher)
    assert setup.feed().status is FeedStatus.OK
    stored = setup.articles()
    assert len(stored) == FAULT_ENTRIES
    assert sum(bool(re.search(pattern, a.title + a.text)) for a in stored) >= FAULT_ENTRIES // 2
    assert all(a.title and "\ufffd" not in a.title + a.text and "&#" not in a.title for a in stored)
    if kind == "rtl":  # Latin names and digits inside right-to-left text survive
        assert any(re.search(r"[\u0600-\u06ff].*2026", a.title) for a in stored)
    if kind == "mixed-scripts":  # emoji with ZWJ stay whole
        assert any("\u200d" in a.title + a.text for a in stored)
    setup.assert_healthy_unaffected()


def test_long_titles_are_capped_without_slowing(
    tmp_path: Path, farm: Farm, fetcher: Fetcher
) -> None:
    setup = _setup(tmp_path, farm, farm.url("/fault/long-titles"))
    started = time.monotonic()
    setup.refresh(fetcher)
    elapsed = time.monotonic() - started
    assert elapsed < 3.0
    stored = setup.articles()
    assert len(stored) == FAULT_ENTRIES
    assert max(len(a.title) for a in stored) <= 1000  # 20,000 characters in the feed
    assert sum(a.title.endswith("…") for a in stored) >= FAULT_ENTRIES // 2
    # The 2,000-character ?ref= links are kept whole: they are the article's address.
    assert any(a.url and len(a.url) > 2000 for a in stored)
    conn = setup.library.connect()
    started = time.monotonic()
    rows = articles.list_rows(conn, [setup.faulty])
    assert time.monotonic() - started < 0.1 and len(rows) == FAULT_ENTRIES
    conn.close()
    setup.assert_healthy_unaffected()


# --------------------------------------------------------------------------- identity
def test_guid_chaos_keeps_every_distinct_entry(
    tmp_path: Path, farm: Farm, fetcher: Fetcher
) -> None:
    setup = _setup(tmp_path, farm, farm.url("/fault/guid-chaos"))
    setup.refresh(fetcher)
    first = article_ids(setup.library, setup.faulty)
    titles = {a.title for a in setup.articles()}
    # Five entries share one GUID, some have none or an empty one, two share a link:
    # all twenty are different stories and all are kept.
    assert len(first) == FAULT_ENTRIES
    assert len({a.guid for a in setup.articles()}) == FAULT_ENTRIES
    setup.refresh(fetcher)
    assert article_ids(setup.library, setup.faulty) == first  # same ids, nothing twice
    assert {a.title for a in setup.articles()} == titles
    setup.assert_healthy_unaffected()


def test_bad_dates_keep_every_entry_with_sane_dates(
    tmp_path: Path, farm: Farm, fetcher: Fetcher
) -> None:
    setup = _setup(tmp_path, farm, farm.url("/fault/bad-dates"))
    setup.refresh(fetcher)
    assert setup.feed().status is FeedStatus.OK
    stored = setup.articles()
    assert len(stored) == FAULT_ENTRIES
    now = datetime.now(UTC)
    for article in stored:
        assert article.published is not None
        assert article.published <= now + timedelta(days=2), article.published  # 2099 refused
        assert article.published.year > 1970  # epoch zero refused
    guessed = [a for a in stored if a.date_is_guess]
    assert len(guessed) >= 5  # unparseable dates: the first-seen time, marked as a guess
    setup.refresh(fetcher)
    assert count(setup.library, setup.faulty) == FAULT_ENTRIES
    setup.assert_healthy_unaffected()


# --------------------------------------------------------------------------- size
def test_big_feed_of_5000_entries_is_stored_with_bounded_memory(tmp_path: Path, farm: Farm) -> None:
    setup = _setup(tmp_path, farm, farm.url("/fault/big-5000"))
    with (
        Fetcher(connect_timeout=2, read_timeout=10, total_timeout=30) as fetcher,
        PeakRss() as memory,
    ):
        setup.baseline_threads += 1  # the memory sampler
        setup.refresh(fetcher, bound=30)
    assert setup.feed().status is FeedStatus.OK
    assert count(setup.library, setup.faulty) == 5000
    assert memory.growth_mb < 250, f"{memory.growth_mb:.0f} MB for a 5.4 MB feed"
    setup.assert_healthy_unaffected()


@pytest.mark.slow
def test_huge_feed_under_the_cap_is_stored_with_bounded_memory(tmp_path: Path, farm: Farm) -> None:
    """The feed cap is 50 MB (refresh.FEED_MAX_BYTES): the ~25 MB feed is under it."""
    setup = _setup(tmp_path, farm, farm.url("/fault/huge"))
    with (
        Fetcher(connect_timeout=2, read_timeout=15, total_timeout=40) as fetcher,
        PeakRss() as memory,
    ):
        setup.baseline_threads += 1  # the memory sampler
        setup.refresh(fetcher, bound=60)
    feed = setup.feed()
    assert feed.status is FeedStatus.OK, feed.status_message
    assert count(setup.library, setup.faulty) > 3000
    assert memory.growth_mb < 600, f"{memory.growth_mb:.0f} MB for a 25 MB feed"
    setup.assert_healthy_unaffected()


# --------------------------------------------------------------------------- hostile HTML
DANGEROUS = (
    "<script",
    "javascript:",
    "<iframe",
    "<form",
    "<object",
    "<embed",
    "<svg",
    "<style",
    "<meta",
    "<base",
    "<input",
    "data:text",
)


def test_xss_stores_nothing_dangerous_and_fetches_no_tracker(
    tmp_path: Path, farm: Farm, fetcher: Fetcher
) -> None:
    setup = _setup(tmp_path, farm, farm.url("/fault/xss"))
    farm.reset_stats()
    setup.refresh(fetcher)
    pages.download_articles(setup.library, fetcher)
    assert setup.feed().status is FeedStatus.OK
    stored = setup.articles()
    assert len(stored) == FAULT_ENTRIES
    for article in stored:
        html = (article.content_html + article.summary_html).lower()
        for marker in DANGEROUS:
            assert marker not in html, (marker, article.id)
        assert not re.search(r"<[^>]+\son\w+\s*=", html), article.id
        # What is shown has only local images (the summary is kept sanitised, as written).
        assert "/track/" not in article.content_html and 'src="http' not in article.content_html
        assert "<" not in article.title and "alert(" not in article.title
        assert article.text.strip()  # the article's own text is kept
    assert any(a.title == 'Budget & "tax" plan approved' for a in stored)
    # Nothing in any payload is requested: not the scripts, frames or styles, and not the
    # plain <img>/lead images at tracking addresses either (refused before any request).
    assert farm.stats()["tracker"] == {}
    conn = setup.library.connect()
    listed = conn.execute(
        "SELECT COUNT(*) FROM article_images WHERE source_url LIKE '%/track/%' AND error = ''"
    ).fetchone()[0]
    conn.close()
    assert listed == 0
    setup.assert_healthy_unaffected()


def test_bad_images_feed_is_stored(tmp_path: Path, farm: Farm, fetcher: Fetcher) -> None:
    """Its images are the subject of test_article_and_image_faults; the feed itself is fine."""
    setup = _setup(tmp_path, farm, farm.url("/fault/bad-images"))
    setup.refresh(fetcher)
    assert setup.feed().status is FeedStatus.OK
    assert count(setup.library, setup.faulty) == FAULT_ENTRIES
    setup.assert_healthy_unaffected()


def test_every_farm_feed_fault_kind_has_a_test(farm: Farm) -> None:
    kinds = set(farm.get_json("/_farm/faults.json")["feed_faults"])
    covered = (
        set(GOOD_THEN_BAD)
        | set(TIMING)
        | {
            "moved",
            "redirect-chain",
            "html-not-feed",
            "gzip-forced",
            "gzip-corrupt",
            "bom",
            "relative-urls",
            "wrong-encoding",
            "encoding-conflict",
            "rtl",
            "cjk",
            "mixed-scripts",
            "long-titles",
            "guid-chaos",
            "bad-dates",
            "big-5000",
            "huge",
            "xss",
            "bad-images",
        }
    )
    assert kinds - covered == set()
