"""The queue of article pages to fetch (migration 006): never-tried pages first, then
retries once due, both read through an index at any library size."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from desktop_reader.core.models import PageState, ParsedEntry
from desktop_reader.core.storage import articles, database, feeds
from desktop_reader.core.storage.articles import NewEntry

NOW = 1_900_000_000.0


def _store(conn: sqlite3.Connection, feed_id: int, day: int) -> int:
    entry = ParsedEntry(
        guid=f"g{day}",
        link=f"http://ledger.invalid/{day}",
        title=f"Day {day}",
        published=datetime(2026, 1, day, tzinfo=UTC),
    )
    with database.transaction(conn):
        (article_id,) = articles.store_entries(
            conn, feed_id, [NewEntry(entry, "<p>feed</p>", f"feed text {day}")], outlet="L"
        )
    return article_id


def test_never_tried_pages_come_first_then_due_retries_in_due_order(conn) -> None:
    feed = feeds.add_feed(conn, "http://ledger.invalid/feed")
    old, new, late_retry, early_retry, not_due, gone = (
        _store(conn, feed.id, d) for d in range(1, 7)
    )
    articles.page_retry(conn, late_retry, "Server error (500)", due=NOW - 10)
    articles.page_retry(conn, early_retry, "Server error (500)", due=NOW - 500)
    articles.page_retry(conn, not_due, "Server error (500)", due=NOW + 1)
    articles.page_failed(conn, gone, "Not found (404)")

    queue = [aid for aid, _ in articles.pending_pages(conn, 10, now=NOW)]
    assert queue == [new, old, early_retry, late_retry]
    assert [aid for aid, _ in articles.pending_pages(conn, 3, now=NOW)] == [new, old, early_retry]
    assert [aid for aid, _ in articles.pending_pages(conn, 10, now=NOW + 1)][-1] == not_due


def test_attempts_are_counted_and_a_stored_page_clears_the_retry(conn) -> None:
    feed = feeds.add_feed(conn, "http://ledger.invalid/feed")
    article_id = _store(conn, feed.id, 1)
    assert articles.page_attempts(conn, article_id) == 0
    articles.page_retry(conn, article_id, "Timed out after 20 s", due=NOW)
    articles.page_retry(conn, article_id, "Timed out after 20 s", due=NOW + 3600)
    assert articles.page_attempts(conn, article_id) == 2
    retrying = articles.get_article(conn, article_id)
    assert retrying is not None and retrying.page_state is PageState.RETRYING
    assert retrying.text == "feed text 1"  # the feed's text stays while retrying

    articles.save_page(conn, article_id, content_html="<p>full</p>", text="full text")
    done = articles.get_article(conn, article_id)
    assert done is not None and done.page_state is PageState.DONE and done.page_error == ""
    assert articles.page_attempts(conn, article_id) == 3
    assert articles.pending_pages(conn, 10, now=NOW + 10**6) == []


def test_a_library_from_before_006_keeps_pending_pages_and_retries_passing_failures(
    tmp_path: Path,
) -> None:
    path = tmp_path / "library.sqlite"
    old = sqlite3.connect(path)
    scripts = sorted(
        f
        for f in resources.files("desktop_reader.core.storage.migrations").iterdir()
        if f.name.endswith(".sql") and f.name < "006"
    )
    for script in scripts:
        old.executescript(script.read_text(encoding="utf-8"))
    old.execute(f"PRAGMA user_version = {len(scripts)}")
    old.execute("INSERT INTO feeds(url, created) VALUES ('http://ledger.invalid/feed', 0)")
    for n, (state, error) in enumerate(
        [
            ("pending", ""),
            ("failed", "Server unavailable (503)"),
            ("failed", "Timed out after 20 s"),
            ("failed", "Not found (404)"),
        ],
        start=1,
    ):
        old.execute(
            "INSERT INTO articles(feed_id, guid, url, published, first_seen, "
            "page_state, page_error) VALUES (1, ?, ?, ?, 5, ?, ?)",
            (f"g{n}", f"http://ledger.invalid/{n}", 10 - n, state, error),
        )
    old.commit()
    old.close()

    conn = database.connect(path)
    try:
        # The pending page first; the two pages that failed for a passing reason get
        # another try; the 404 stays final.
        assert [aid for aid, _ in articles.pending_pages(conn, 10, now=NOW)] == [1, 2, 3]
        assert articles.page_attempts(conn, 1) == 0
        assert articles.page_attempts(conn, 2) == 1
        retried = articles.get_article(conn, 3)
        assert retried is not None and retried.page_state is PageState.RETRYING
        final = articles.get_article(conn, 4)
        assert final is not None and final.page_state is PageState.FAILED
    finally:
        conn.close()


def test_queue_is_an_index_walk_on_a_100000_article_library(conn) -> None:
    feed = feeds.add_feed(conn, "http://ledger.invalid/feed")
    # 100,000 articles: most done, 2,000 never tried, 1,000 retrying (half of them due).
    with database.transaction(conn):
        conn.execute(
            """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
               INSERT INTO articles(feed_id, guid, url, published, first_seen, page_state,
                                    page_retry_after)
               SELECT ?, 'g' || i, 'http://ledger.invalid/' || i, i, i,
                      CASE WHEN i % 50 = 0 THEN 'pending'
                           WHEN i % 100 = 1 THEN 'retrying' ELSE 'done' END,
                      CASE WHEN i % 100 = 1 THEN ? + (i % 200) - 100 END
               FROM n""",
            (feed.id, NOW),
        )
    plans = []
    for sql in (
        "SELECT id, url FROM articles WHERE page_state = 'pending' "
        "ORDER BY published DESC LIMIT 200",
        "SELECT id, url FROM articles WHERE page_state = 'retrying' "
        "AND page_retry_after <= 0 ORDER BY page_retry_after LIMIT 200",
    ):
        plans.append(" ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)))
    assert "USING INDEX articles_pending_pages" in plans[0], plans[0]
    assert "USING INDEX articles_page_retries" in plans[1], plans[1]
    assert not any("TEMP B-TREE" in p for p in plans), plans  # no sort of every row

    started = time.perf_counter()
    never_tried = articles.pending_pages(conn, 200, now=NOW)
    due = articles.pending_pages(conn, 3000, now=NOW)[2000:]
    elapsed = time.perf_counter() - started
    assert [aid for aid, _ in never_tried] == list(range(100000, 90000, -50))
    assert len(due) == 500  # half of the 1,000 retries are due
    assert elapsed < 0.5, elapsed  # ~10 ms; a scan of the library would take far longer
