"""Changes flow back as values, so a read toggle and a refresh that stores one feed cost
the GUI thread a fixed, small number of queries, however large the library is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop_reader.core.pipeline.library import Library
from desktop_reader.ui.main_window import MainWindow
from tests.httpserver import Response
from tests.ui.conftest import add_feed_with_articles

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Pier Notes</title>
<link>{base}/pier</link>
<item><title>Ferry timetable changes</title><link>{base}/pier/1</link><guid>pier-1</guid>
<pubDate>Tue, 04 Mar 2025 07:00:00 GMT</pubDate><description>Two new sailings.</description></item>
<item><title>Pier lights repaired</title><link>{base}/pier/2</link><guid>pier-2</guid>
<pubDate>Tue, 04 Mar 2025 06:00:00 GMT</pubDate><description>Lit again.</description></item>
</channel></rss>"""

# What the GUI thread may ask of the library for one toggle or one feed stored: counts for
# the tree, the list's first page, alerts. A reload of every feed, row or story would not fit.
MOST_QUERIES = 25


def _library(root: Path, feeds: int, per_feed: int, feed_url: str) -> tuple[Library, int]:
    library = Library.open(root)
    for n in range(feeds):
        add_feed_with_articles(library, f"Filler {n}", per_feed, folder=f"Folder {n % 7}")
    feed_id, _ids = add_feed_with_articles(library, "Pier Notes", 0, url=feed_url)
    return library, feed_id


def _counted(window: MainWindow) -> list[str]:
    statements: list[str] = []
    window.reader.trace(statements.append)
    return statements


def _costs(qtbot, root: Path, feeds: int, per_feed: int, url: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    library, feed_id = _library(root, feeds, per_feed, url)
    window = MainWindow(
        library,
        settings=QSettings(str(root / "ui.ini"), QSettings.Format.IniFormat),
        refresh_minutes=0,
    )
    qtbot.addWidget(window)
    try:
        window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
        window.article_list.select_row(0)
        resets: list[str] = []
        window.feed_model.modelReset.connect(lambda: resets.append("tree"))
        window.article_model.modelReset.connect(lambda: resets.append("list"))
        window.article_model.rowsInserted.connect(lambda *_: resets.append("list rows"))
        statements = _counted(window)
        window.toggle_read()  # M on the selected article
        toggle = len(statements)
        assert toggle > 0  # the count does see the GUI's queries
        # Only counts are re-read: neither every feed nor the list's rows.
        assert not any(" FROM feeds" in sql for sql in statements)
        assert resets == []

        statements.clear()
        # Stop counting once the feed's stage is handled: the pages stage follows in a task.
        window.refresher.sig_feeds_stored.connect(lambda _s: window.reader.trace(None))
        with qtbot.waitSignal(window.refresher.sig_feeds_stored, timeout=20_000):
            assert window.refresher.refresh([feed_id])
        refresh = len(statements)
        assert window.feed_model.node(window.feed_model.feed_index(feed_id)).unread == 2
        # The feed's row and counts changed in place: the tree was not rebuilt, and only
        # the list the new articles joined (All Articles) re-read its loaded rows in
        # place (no reset): inserted where they fall among the loaded rows, if they do.
        assert set(resets) <= {"list rows"}
    finally:
        window.shutdown()
    return toggle, refresh


@pytest.mark.slow
def test_a_toggle_and_a_one_feed_refresh_cost_the_same_queries_in_any_library(
    qtbot, tmp_path, http_server
) -> None:  # type: ignore[no-untyped-def]
    http_server.route(
        "/pier/feed.rss",
        Response(
            200, RSS.format(base=http_server.base).encode(), {"Content-Type": "application/rss+xml"}
        ),
    )
    url = http_server.url("/pier/feed.rss")
    # Both lists hold more than one page, so the view pages in the same way in both.
    small = _costs(qtbot, tmp_path / "small", 1, 300, url)
    large = _costs(qtbot, tmp_path / "large", 150, 100, url)  # 15,000 articles, 151 feeds
    print(
        f"GUI-thread queries (read toggle, one feed stored): {small} with 300 articles, "
        f"{large} with 15,000"
    )
    assert small == large
    assert max(large) <= MOST_QUERIES
