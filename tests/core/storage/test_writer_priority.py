"""A write of the GUI thread (the main thread) never waits behind a worker's run of
transactions: it waits for the one in progress at most, its change is committed when the
call returns (another connection sees it, so a crash after that loses nothing), and the
grouping of a refresh commits early when the GUI waits to write."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from desktop_reader.core.models import PageState, ParsedEntry
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.stories import update_stories
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import articles, database, feeds
from desktop_reader.core.storage.articles import NewEntry

HOLD = 0.2  # seconds each of the worker's transactions lasts


def add_feed_with_articles(library: Library, title: str, count: int) -> tuple[int, list[int]]:
    """A feed and `count` articles an hour apart, stored as a refresh stores them."""
    start = datetime.now(UTC) - timedelta(minutes=5)
    conn = library.connect()
    try:
        feed = feeds.add_feed(conn, f"https://{title.replace(' ', '')}.test/feed", title=title)
        entries = [
            NewEntry(
                entry=ParsedEntry(
                    guid=f"{feed.id}-{i}",
                    link=f"https://news.test/{feed.id}/{i}",
                    title=f"{title} story {i}",
                    author="Ada Reporter",
                    published=start - timedelta(hours=i),
                ),
                content_html=f"<p>Body of {title} story {i}.</p>",
                text=f"Body of {title} story {i}.",
                page_state=PageState.DONE,
            )
            for i in range(count)
        ]
        with database.transaction(conn):
            return feed.id, articles.store_entries(conn, feed.id, entries, outlet=title)
    finally:
        conn.close()


def _committed_read(library: Library, article_id: int) -> bool:
    other = library.connect()  # what another process, or the app after a crash, reads
    try:
        row = other.execute(
            "SELECT read FROM article_state WHERE article_id = ?", (article_id,)
        ).fetchone()
        return bool(row[0])
    finally:
        other.close()


def test_a_gui_write_waits_for_one_worker_transaction_at_most(data_dir) -> None:  # type: ignore[no-untyped-def]
    library = Library.open(data_dir)
    feed, ids = add_feed_with_articles(library, "Wire", 3)
    reader = Reader(library)
    reader.mark_read([ids[0]], False)  # a first write pays for opening and preparing
    started, stop = threading.Event(), threading.Event()
    commits: list[float] = []

    def worker() -> None:  # a long run of write transactions, one after another
        conn = library.connect()
        try:
            while not stop.is_set() and len(commits) < 40:
                with database.transaction(conn):
                    conn.execute(  # a worker's write, any will do
                        "UPDATE feeds SET title = ? WHERE id = ?", (f"Wire {len(commits)}", feed)
                    )
                    started.set()
                    time.sleep(HOLD)  # work inside the transaction
                commits.append(time.perf_counter())
        finally:
            conn.close()

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        assert started.wait(10)
        waits = []
        for article_id in ids:
            begun = time.perf_counter()
            reader.mark_read([article_id])
            waits.append(time.perf_counter() - begun)
            assert _committed_read(library, article_id)  # on disk when the call returns
            time.sleep(HOLD / 3)
        running = thread.is_alive()
    finally:
        stop.set()
        thread.join()
        reader.close()
    assert running  # the worker was still writing: the GUI went between its transactions
    assert max(waits) < 3 * HOLD, waits  # one transaction in progress, not the run


def test_grouping_commits_early_when_the_gui_waits_to_write(data_dir) -> None:  # type: ignore[no-untyped-def]
    library = Library.open(data_dir)
    for n in range(6):
        add_feed_with_articles(library, f"Outlet {n}", 40)
    reader = Reader(library)
    ids = [row.id for row in reader.article_rows(None, limit=1000)]
    assert len(ids) == 240
    progress: list[int] = []
    timings: dict[str, float] = {}

    def group() -> None:
        conn = library.connect()
        try:
            update_stories(conn, ids, progress=lambda p: progress.append(p.done), summaries=False)
        finally:
            timings["grouped"] = time.perf_counter()
            conn.close()

    thread = threading.Thread(target=group)
    started = time.perf_counter()
    thread.start()
    waits: list[float] = []
    try:
        deadline = started + 60
        while not progress and time.perf_counter() < deadline:
            time.sleep(0.005)  # the first batch is committed: grouping is under way
        # Aim into the middle of a batch: a write that happens to come between two
        # batches has nothing to cut short. Three writes, so one lands inside a batch.
        half_batch = (time.perf_counter() - started) / 2
        for article in ids[-3:]:
            time.sleep(half_batch)
            begun = time.perf_counter()
            reader.mark_read([article])
            waits.append(time.perf_counter() - begun)
        answered = time.perf_counter()
    finally:
        thread.join()
        reader.close()
    assert all(_committed_read(library, article) for article in ids[-3:])
    assert answered < timings["grouped"]  # not after the grouping ended
    # Batches are 25 articles (the last one fewer); the GUI's wait cut one short.
    steps = [b - a for a, b in zip([0, *progress], progress, strict=False)][:-1]
    assert any(step < 25 for step in steps), steps
    assert max(waits) < 2.0  # one article placed, not the remaining batches
