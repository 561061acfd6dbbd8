"""The article list loads lazily, formats ages, keeps long titles cheap."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from desktop_reader.core.models import ParsedEntry
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import articles, database, feeds
from desktop_reader.core.storage.articles import NewEntry
from desktop_reader.ui.models.article_list import PAGE_SIZE, ArticleListModel, age_text
from desktop_reader.ui.widgets.article_list_view import ArticleListView
from tests.ui.conftest import add_feed_with_articles


def test_ten_thousand_articles_load_in_pages(qtmodeltester, library):
    feed_id, _ = add_feed_with_articles(library, "Huge Feed", 10_000)
    conn = library.connect()
    reader = Reader(library)
    model = ArticleListModel(reader)
    model.set_scope([feed_id])
    assert model.total == 10_000
    assert model.rowCount() <= PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    assert model.index(0, 0).data() == "Huge Feed story 0"  # newest first
    qtmodeltester.check(model)
    conn.close()


def test_rows_show_outlet_age_and_unread_in_bold(library):
    _feed_id, ids = add_feed_with_articles(library, "World Wire", 2)
    conn = library.connect()
    reader = Reader(library)
    articles.set_read(conn, [ids[1]])
    model = ArticleListModel(reader)
    model.set_scope(None)
    assert model.index(0, ArticleListModel.OUTLET).data() == "World Wire"
    assert model.index(1, ArticleListModel.AGE).data() == "1 h"
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole) is None
    conn.close()


def test_age_text():
    now = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)
    assert age_text(now - timedelta(seconds=20), now) == "now"
    assert age_text(now - timedelta(minutes=12), now) == "12 min"
    assert age_text(now - timedelta(hours=3, minutes=5), now) == "3 h"
    assert age_text(now - timedelta(days=2, hours=1), now) == "2 d"


def test_huge_titles_stay_fast(qtbot, library):
    conn = library.connect()
    reader = Reader(library)
    feed = feeds.add_feed(conn, "https://long.test/feed", title="Long Titles")
    title = "Endless headline " * 1200  # ~20,000 characters
    entries = [
        NewEntry(
            ParsedEntry(guid=f"g{i}", link=None, title=title, published=datetime.now(UTC)),
            "<p>x</p>",
            "x",
        )
        for i in range(300)
    ]
    with database.transaction(conn):
        articles.store_entries(conn, feed.id, entries, outlet="Long Titles")
    model = ArticleListModel(reader)
    model.set_scope([feed.id])
    view = ArticleListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(500, 600)
    view.show()
    started = time.perf_counter()
    for _ in range(3):
        view.viewport().repaint()
    assert time.perf_counter() - started < 1.5
    assert len(model.index(0, 0).data()) <= 300
    conn.close()


def test_a_reread_repaints_only_the_ages_that_moved_on(library):
    # Three articles an hour apart, the newest 58.5 s old: it reads "now" for a moment
    # more, the older ones keep "1 h" and "2 h" for the next minutes.
    feed_id, _ = add_feed_with_articles(
        library, "Clock Wire", 3, start=datetime.now(UTC) - timedelta(seconds=58.5)
    )
    reader = Reader(library)
    model = ArticleListModel(reader)
    model.set_scope([feed_id])
    assert [model.index(r, ArticleListModel.AGE).data() for r in range(3)] == ["now", "1 h", "2 h"]
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, *_: changed.append(
            (top.row(), top.column(), bottom.row(), bottom.column())
        )
    )
    model.reload()  # nothing changed: nothing to paint again (it was every row's age)
    assert changed == []
    time.sleep(2)
    model.reload()
    assert [model.index(r, ArticleListModel.AGE).data() for r in range(3)] == [
        "1 min",
        "1 h",
        "2 h",
    ]
    assert changed == [(0, ArticleListModel.AGE, 0, ArticleListModel.AGE)]
    reader.close()
