"""The story list: rows a reader can scan, loaded lazily, read state reflected."""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, Qt

from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import database, stories
from desktop_reader.ui.models.story_list import (
    COUNT_ROLE,
    OUTLETS_ROLE,
    PAGE_SIZE,
    STORY_ID_ROLE,
    UNREAD_ROLE,
    UPDATED_ROLE,
    StoryListModel,
    outlets_text,
)
from desktop_reader.ui.widgets.story_list_view import StoryListView
from tests.ui.story_fixtures import demo_library, demo_template

_ = (demo_library, demo_template)


def test_outlets_text_names_two_then_counts():
    assert (
        outlets_text(["Harbour Courier", "Meridian Wire", "A", "B", "C"])
        == "Harbour Courier, Meridian Wire +3"
    )
    assert outlets_text(["Harbour Courier"]) == "Harbour Courier"


def test_top_headlines_rows(qtbot, qtmodeltester, demo_library):
    conn = demo_library.connect()
    reader = Reader(demo_library)
    model = StoryListModel(reader)
    model.show_top_headlines()
    qtmodeltester.check(model)
    top = stories.top_headlines(conn)
    assert model.rowCount() == len(top) > 3
    index = model.index(0)
    assert index.data() == top[0].headline
    assert index.data(COUNT_ROLE) == f"{top[0].article_count} articles"
    detail = stories.story(conn, top[0].id)
    first_outlets = list(dict.fromkeys(m.outlet for m in detail.members))
    assert index.data(OUTLETS_ROLE) == outlets_text(first_outlets)
    assert index.data(UNREAD_ROLE) is True
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert top[0].headline in index.data(Qt.ItemDataRole.AccessibleTextRole)


def test_read_and_updated_state(qtbot, demo_library):
    conn = demo_library.connect()
    reader = Reader(demo_library)
    model = StoryListModel(reader)
    model.show_top_headlines()
    story_id = model.index(0).data(STORY_ID_ROLE)
    model.mark(story_id, True)
    assert model.index(0).data(UNREAD_ROLE) is False
    assert model.index(0).data(Qt.ItemDataRole.FontRole) is None
    # Read when it had fewer articles: it grew since, so it is "Updated".
    conn.execute("UPDATE stories SET seen_count = 1 WHERE id = ?", (story_id,))
    model.reload()
    row = model.row_of(story_id)
    assert model.index(row).data(UPDATED_ROLE) is True
    assert model.index(row).data(UNREAD_ROLE) is True


def test_feed_and_entity_scopes(qtbot, qtmodeltester, demo_library):
    conn = demo_library.connect()
    reader = Reader(demo_library)
    model = StoryListModel(reader)
    feed_id = conn.execute("SELECT id FROM feeds ORDER BY id LIMIT 1").fetchone()[0]
    model.show_feeds([feed_id])
    qtmodeltester.check(model)
    assert model.rowCount() >= 1
    entity = stories.story(conn, stories.top_headlines(conn)[0].id).entities[0]["name"]
    model.show_entity(str(entity))
    qtmodeltester.check(model)
    assert model.rowCount() >= 1 and model.scope_name == f"Stories about {entity}"


def _many_stories(conn, count: int) -> None:  # type: ignore[no-untyped-def]
    now = time.time()
    with database.transaction(conn):
        conn.executemany(
            "INSERT INTO stories(created, last_published, last_added, article_count, "
            "outlet_count, headline, rank_key, dirty) VALUES (?,?,?,?,?,?,?,0)",
            [
                (now, now - n * 60, now, 3, 2, f"Invented story number {n}", -n)
                for n in range(count)
            ],
        )


def test_ten_thousand_stories_scroll_without_loading_all(qtbot, qtmodeltester, conn, reader):
    _many_stories(conn, 10_000)
    model = StoryListModel(reader)
    model.show_top_headlines()
    assert model.rowCount() == PAGE_SIZE
    view = StoryListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 600)
    view.show()
    for _ in range(3):
        view.scrollToBottom()
        qtbot.wait(5)
    assert PAGE_SIZE < model.rowCount() < 10_000
    assert (
        model.index(model.rowCount() - 1).data() == f"Invented story number {model.rowCount() - 1}"
    )
    assert view.select_row(2_345)  # jumping far loads the pages in between, no more
    assert view.current_id() is not None and model.rowCount() < 2_345 + 2 * PAGE_SIZE
    qtmodeltester.check(model)
    assert model.canFetchMore(QModelIndex())


def test_view_keys_move_and_find_next_unread(qtbot, demo_library):
    reader = Reader(demo_library)
    model = StoryListModel(reader)
    model.show_top_headlines()
    view = StoryListView()
    qtbot.addWidget(view)
    view.setModel(model)
    assert view.accessibleName() == "Stories"
    with qtbot.waitSignal(view.sig_story_selected) as blocker:
        view.select_row(0)
    assert blocker.args == [model.index(0).data(STORY_ID_ROLE)]
    model.mark(model.index(1).data(STORY_ID_ROLE), True)
    assert view.next_unread() and view.currentIndex().row() == 2
    assert view.move_by(-1) and view.currentIndex().row() == 1


def test_feed_scope_fetches_every_story_once_in_order_with_tied_times(
    qtbot, qtmodeltester, conn, reader
):
    # One feed, 250 single-article stories; times in runs of 7 equal values.
    from tests.core.storage.test_story_lists import _expected, _stories

    times = [1_772_323_200.0 - (n // 7) * 60.0 for n in range(250)]
    ids = _stories(conn, "harbourcourier", times)
    model = StoryListModel(reader)
    model.show_feeds([1], "Harbour Courier")
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    qtmodeltester.check(model)
    assert [model.index(r).data(STORY_ID_ROLE) for r in range(model.rowCount())] == _expected(
        conn, ids
    )
    model.reload()  # keeps every loaded row
    assert model.rowCount() == 250
