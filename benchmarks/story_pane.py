"""Story pane benchmark: select-to-rendered latency and story-list scrolling, 100k articles.

    .venv/bin/python benchmarks/story_pane.py [--articles 100000]

Builds a synthetic library quickly: the demo library (real stories with summaries,
timelines and images) plus N invented articles bulk-inserted through SQL in one
transaction, grouped into stories of 1–6 members by direct inserts (clustering 100k
articles is the engine's benchmark, not this one). Then it times, offscreen:
- selecting a story until its pane is laid out and painted (wall and CPU, p50/p95);
- the story list: first page, and scrolling to row 10,000 (fetchMore pages).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from desktop_reader.core.pipeline.demo import load_demo
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import database, feeds, stories

OUTLETS = [
    "Harbour Courier",
    "Meridian Wire",
    "Lakeside Observer",
    "Northern Ledger",
    "Circuit Weekly",
    "Valley Post",
    "Coastline Daily",
]


def bulk_library(root: Path, count: int) -> Library:
    library = Library.open(root)
    load_demo(library)
    conn = library.connect()
    rng = random.Random(7)
    now = time.time()
    with database.transaction(conn):
        feed_ids = [
            feeds.add_feed(conn, f"https://bulk{n}.test/rss", title=o).id
            for n, o in enumerate(OUTLETS)
        ]
        first = (conn.execute("SELECT MAX(id) FROM articles").fetchone()[0] or 0) + 1
        rows = []
        for n in range(count):
            published = now - n * 40
            rows.append(
                (
                    first + n,
                    feed_ids[n % len(OUTLETS)],
                    f"bulk-{n}",
                    f"https://b.test/{n}",
                    f"Invented report {n} on the harbour works",
                    published,
                    published,
                    f"<p>Report {n}.</p>",
                    f"Report {n}. The harbour works went on.",
                    OUTLETS[n % len(OUTLETS)],
                )
            )
        conn.executemany(
            "INSERT INTO articles(id, feed_id, guid, url, title, published, first_seen, "
            "content_html, text, outlet) VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO feed_articles(feed_id, article_id, published) VALUES (?,?,?)",
            [(r[1], r[0], r[5]) for r in rows],
        )
        conn.executemany(
            "INSERT INTO article_state(article_id) VALUES (?)", [(r[0],) for r in rows]
        )
        position, n = 0, 0
        while n < count:
            size = rng.randint(1, 6)
            members = rows[n : n + size]
            cur = conn.execute(
                "INSERT INTO stories(created, first_published, last_published, last_added, "
                "article_count, outlet_count, headline, rank_key, dirty, entities_json) "
                "VALUES (?,?,?,?,?,?,?,?,0,'[]')",
                (
                    now,
                    members[-1][5],
                    members[0][5],
                    now,
                    len(members),
                    len({m[9] for m in members}),
                    members[0][4],
                    members[0][5] / 1e6,
                ),
            )
            conn.executemany(
                "INSERT INTO story_articles(article_id, story_id, published, outlet, score, "
                "reasons_json, position) VALUES (?,?,?,?,?,?,?)",
                [
                    (
                        m[0],
                        cur.lastrowid,
                        m[5],
                        m[9],
                        0.5,
                        json.dumps({"rule": "similar"}),
                        position + k,
                    )
                    for k, m in enumerate(members)
                ],
            )
            position += len(members)
            n += size
    conn.close()
    return library


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p * (len(values) - 1)))]


# PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a void
# method (see the report); a long benchmark would use up None's refcount and abort.
# Holding extra references keeps the measurement running; it does not change timings.
_NONE_BALLAST = [None] * 50_000_000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from desktop_reader.ui.models.story_list import StoryListModel
    from desktop_reader.ui.widgets.story_list_view import StoryListView
    from desktop_reader.ui.widgets.story_pane import StoryPane

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        library = bulk_library(Path(tmp) / "library", args.articles)
        conn = library.connect()
        total = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        print(
            f"library: {total} articles, "
            f"{conn.execute('SELECT COUNT(*) FROM stories').fetchone()[0]} stories, "
            f"built in {time.perf_counter() - started:.1f} s"
        )

        reader = Reader(library)
        pane = StoryPane(reader, library.media)
        pane.resize(1000, 800)
        pane.show()
        demo_ids = [
            r.id
            for r in stories.top_headlines(conn, limit=200)
            if conn.execute(
                "SELECT summary_json IS NOT NULL FROM stories WHERE id=?", (r.id,)
            ).fetchone()[0]
        ]
        pane.show_story(demo_ids[0])
        app.processEvents()
        wall, cpu = [], []
        for _ in range(args.rounds):
            for story_id in demo_ids:
                w, c = time.perf_counter(), time.process_time()
                pane.show_story(story_id)  # read from SQLite, build, lay out
                pane.story_view.widget().repaint()  # paint, pictures included next turn
                app.processEvents()
                wall.append((time.perf_counter() - w) * 1000)
                cpu.append((time.process_time() - c) * 1000)
        print(
            f"select-to-rendered ({len(wall)} renders of {len(demo_ids)} full stories): "
            f"wall p50 {statistics.median(wall):.0f} ms, p95 {percentile(wall, 0.95):.0f} ms; "
            f"cpu p50 {statistics.median(cpu):.0f} ms, p95 {percentile(cpu, 0.95):.0f} ms"
        )

        model = StoryListModel(reader)
        view = StoryListView()
        view.setModel(model)
        view.resize(420, 800)
        view.show()
        for name, scope in (
            ("Top Headlines", model.show_top_headlines),
            ("all feeds", lambda: model.show_feeds(list(range(1, 200)))),
        ):
            w = time.perf_counter()
            scope()
            app.processEvents()
            first = (time.perf_counter() - w) * 1000
            w = time.perf_counter()
            view.select_row(10_000)
            app.processEvents()
            jump = (time.perf_counter() - w) * 1000
            steps = []
            for _ in range(50):
                s = time.perf_counter()
                view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 400)
                view.viewport().repaint()
                steps.append((time.perf_counter() - s) * 1000)
            print(
                f"story list, {name}: first page {first:.0f} ms; jump to row 10,000 "
                f"{jump:.0f} ms ({model.rowCount()} rows loaded); scroll step p50 "
                f"{statistics.median(steps):.1f} ms, p95 {percentile(steps, 0.95):.1f} ms"
            )
        reader.close()
        conn.close()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # freeing the ballast at exit would trip the same PySide6 bug
