"""The feed tree over a real library: order, counts, statuses, in-place updates."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_reader.core.models import FeedStatus, PageState, ParsedEntry
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import articles, database, feeds
from desktop_reader.core.storage.articles import NewEntry
from desktop_reader.ui.icons import icon
from desktop_reader.ui.models.feed_tree import FEED_IDS_ROLE, FeedTreeModel
from tests.ui.conftest import add_feed_with_articles


def _texts(model: FeedTreeModel, parent=None) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_tree_passes_qt_model_tester_and_lists_folders_with_counts(qtmodeltester, library):
    add_feed_with_articles(library, "World Wire", 12, folder="World")
    add_feed_with_articles(library, "Globe Post", 3, folder="World/Europe")
    add_feed_with_articles(library, "Loose Feed", 2)
    model = FeedTreeModel(library.media)
    conn = library.connect()
    reader = Reader(library)
    model.reload(reader)
    qtmodeltester.check(model)

    assert _texts(model) == [
        "Top Headlines",
        "All Articles (17)",
        "Starred",
        "World (15)",
        "Loose Feed (2)",
    ]
    world = model.find("folder:World")
    assert _texts(model, world) == ["Europe (3)", "World Wire (12)"]
    assert sorted(world.data(FEED_IDS_ROLE)) == sorted(
        f.id for f in feeds.list_feeds(conn) if f.folder.startswith("World")
    )
    assert model.find("all").data(FEED_IDS_ROLE) is None  # every feed
    conn.close()


def test_reading_updates_counts_in_place_without_reset(qtbot, library):
    feed_id, ids = add_feed_with_articles(library, "World Wire", 4, folder="World")
    model = FeedTreeModel(library.media)
    conn = library.connect()
    reader = Reader(library)
    model.reload(reader)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    articles.set_read(conn, ids[:3])
    with qtbot.waitSignal(model.dataChanged):
        model.reload(reader)
    assert model.feed_index(feed_id).data() == "World Wire (1)"
    assert model.find("folder:World").data() == "World (1)"
    assert not resets
    conn.close()


def test_error_feed_shows_red_icon_and_message(library):
    feed_id, _ = add_feed_with_articles(library, "Broken Times", 1)
    conn = library.connect()
    reader = Reader(library)
    feeds.record_fetch(
        conn, feed_id, status=FeedStatus.ERROR, message="The server answered 404 Not Found"
    )
    model = FeedTreeModel(library.media)
    model.reload(reader)
    index = model.feed_index(feed_id)
    assert "404 Not Found" in index.data(Qt.ItemDataRole.ToolTipRole)
    error_icon = icon("feed-error").pixmap(16, 16).toImage()
    assert index.data(Qt.ItemDataRole.DecorationRole).pixmap(16, 16).toImage() == error_icon
    model.set_updating({feed_id})
    assert "updating" in index.data(Qt.ItemDataRole.ToolTipRole)
    conn.close()


def test_a_stored_feed_updates_its_row_folders_and_all_in_place(library):
    world, _ = add_feed_with_articles(library, "World Wire", 2, folder="World/Europe")
    other, _ = add_feed_with_articles(library, "Loose Feed", 1)
    conn = library.connect()
    reader = Reader(library)
    model = FeedTreeModel(library.media)
    model.reload(reader)
    model.set_updating({world, other})
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    # The refresh stores three more World Wire articles and an error for Loose Feed.
    entries = [
        NewEntry(
            entry=ParsedEntry(guid=f"new-{i}", link=f"https://w.test/new/{i}", title=f"New {i}"),
            content_html="<p>x</p>",
            text="x",
            page_state=PageState.DONE,
        )
        for i in range(3)
    ]
    with database.transaction(conn):
        articles.store_entries(conn, world, entries, outlet="World Wire")
    feeds.record_fetch(conn, other, status=FeedStatus.ERROR, message="The server answered 500")

    model.feed_stored(reader, world)
    assert not model.is_updating(world) and model.is_updating(other)
    assert model.feed_index(world).data() == "World Wire (5)"
    assert model.find("folder:World").data() == "World (5)"
    assert model.find("folder:World/Europe").data() == "Europe (5)"
    assert model.find("all").data() == "All Articles (6)"
    assert "updating" in model.feed_index(other).data(Qt.ItemDataRole.ToolTipRole)

    model.feed_stored(reader, other)
    assert not model.is_updating(other)
    assert "answered 500" in model.feed_index(other).data(Qt.ItemDataRole.ToolTipRole)
    assert resets == []  # rows were updated in place: selection and expansion stay
    conn.close()
