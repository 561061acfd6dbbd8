"""Story list paging: the last page of a feed's (or folder's) stories, OFFSET vs keyset.

    .venv/bin/python benchmarks/story_paging.py [--stories 5000] [--others 45000] [--repeat 7]

Builds a library in a temp dir: one feed whose articles form --stories single-article
stories, plus --others stories in 50 other feeds (wire copies: every 10th article of the
big feed is also listed by a second feed, so a folder of both lists shared stories once).
Articles are stored through core/storage; stories are written as the grouping pipeline
leaves them (rows in stories and story_articles), since grouping 50,000 articles would
take minutes and is not what is measured. Prints, as medians of --repeat runs, the time
to fetch the last page (100 rows) with the old OFFSET query and with keyset paging, for
the feed and for the folder, and checks that both return the same rows.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_reader.core.models import PageState, ParsedEntry  # noqa: E402
from desktop_reader.core.storage import articles, database, feeds  # noqa: E402
from desktop_reader.core.storage import stories as st  # noqa: E402
from desktop_reader.core.storage.articles import NewEntry  # noqa: E402

PAGE = 100
START = datetime(2026, 1, 1, tzinfo=UTC)


def _store(conn: sqlite3.Connection, feed_id: int, outlet: str, times: list[datetime]) -> list[int]:
    entries = [
        NewEntry(
            entry=ParsedEntry(
                guid=f"{feed_id}-{n}",
                link=f"https://{outlet}.test/{n}",
                title=f"{outlet} report {n}",
                published=when,
            ),
            content_html="<p>Report.</p>",
            text="Report.",
            page_state=PageState.DONE,
        )
        for n, when in enumerate(times)
    ]
    return articles.store_entries(conn, feed_id, entries, outlet=outlet)


def build(path: Path, big: int, others: int, seed: int = 1) -> tuple[int, int]:
    """The library; returns (big feed id, its wire partner's id)."""
    rng = random.Random(seed)
    conn = database.connect(path)
    with database.transaction(conn):
        feed = feeds.add_feed(conn, "https://harbourcourier.test/feed", title="Harbour Courier")
        wire = feeds.add_feed(conn, "https://meridianwire.test/feed", title="Meridian Wire")
        # Minute resolution over a year: many stories share a time (ties in the key).
        when = [START + timedelta(minutes=rng.randrange(525_600)) for _ in range(big)]
        article_ids = _store(conn, feed.id, "harbourcourier", when)
        conn.executemany(
            "INSERT OR IGNORE INTO feed_articles(feed_id, article_id, published) VALUES (?, ?, ?)",
            [
                (wire.id, a, w.timestamp())
                for a, w in zip(article_ids[::10], when[::10], strict=True)
            ],
        )
        pairs = list(zip(article_ids, when, strict=True))
        for n in range(50):
            other = feeds.add_feed(conn, f"https://outlet{n}.test/feed", title=f"Outlet {n}")
            times = [START + timedelta(minutes=rng.randrange(525_600)) for _ in range(others // 50)]
            pairs += zip(_store(conn, other.id, f"outlet{n}", times), times, strict=True)
        rng.shuffle(pairs)  # story ids in arrival order, not in time order
        for article_id, published in pairs:
            stamp = published.timestamp()
            story_id = conn.execute(
                "INSERT INTO stories(language, created, last_added, first_published, "
                "last_published, article_count, outlet_count, headline) "
                "VALUES ('en', ?, ?, ?, ?, 1, 1, 'Report')",
                (stamp, stamp, stamp, stamp),
            ).lastrowid
            conn.execute(
                "INSERT INTO story_articles(article_id, story_id, published, score, "
                "position) VALUES (?, ?, ?, 1.0, 0)",
                (article_id, story_id, stamp),
            )
    conn.close()
    return feed.id, wire.id


def offset_page(conn: sqlite3.Connection, feed_ids: list[int], offset: int) -> list[int]:
    """The query this replaced (kept here only to measure against)."""
    marks = ",".join("?" * len(feed_ids))
    return [
        r[0]
        for r in conn.execute(
            "SELECT s.id FROM stories s WHERE s.id IN (SELECT sa.story_id FROM feed_articles fa "
            "JOIN story_articles sa ON sa.article_id = fa.article_id "
            f"WHERE fa.feed_id IN ({marks})) "
            "ORDER BY s.last_published DESC, s.id DESC LIMIT ? OFFSET ?",
            [*feed_ids, PAGE, offset],
        )
    ]


def _median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def measure(conn: sqlite3.Connection, label: str, feed_ids: list[int], repeat: int) -> None:
    rows: list[st.StoryRow] = []
    page = st.stories_for_feeds(conn, feed_ids, limit=PAGE)
    while page:  # walk to the end the way the list model does
        rows += page
        page = (
            st.stories_for_feeds(conn, feed_ids, limit=PAGE, after=rows[-1])
            if len(page) == PAGE
            else []
        )
    last_start = (len(rows) - 1) // PAGE * PAGE
    after = rows[last_start - 1]
    assert offset_page(conn, feed_ids, last_start) == [r.id for r in rows[last_start:]]
    before = _median_ms(lambda: offset_page(conn, feed_ids, last_start), repeat)
    now = _median_ms(lambda: st.stories_for_feeds(conn, feed_ids, limit=PAGE, after=after), repeat)
    first = _median_ms(lambda: st.stories_for_feeds(conn, feed_ids, limit=PAGE), repeat)
    print(
        f"{label:<34} {len(rows):>6} stories  last page: OFFSET {before:7.2f} ms  "
        f"keyset {now:7.2f} ms   (first page {first:.2f} ms)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=5000)
    parser.add_argument("--others", type=int, default=45_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "library.sqlite"
        began = time.perf_counter()
        big, wire = build(path, args.stories, args.others)
        print(
            f"built {args.stories} + {args.others} stories in {time.perf_counter() - began:.1f} s"
        )
        conn = database.connect(path)
        measure(conn, "feed (Harbour Courier)", [big], args.repeat)
        measure(conn, "folder (Harbour Courier + wire)", [big, wire], args.repeat)
        everything = [r[0] for r in conn.execute("SELECT id FROM feeds")]
        measure(conn, "folder of every feed", everything, args.repeat)
        conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
