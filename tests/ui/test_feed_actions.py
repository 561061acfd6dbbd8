"""Feed management in a real window: context menus, enabled actions, folders, drag and
drop, the feed inspector, an offline refresh."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from desktop_reader.core.models import FeedStatus
from desktop_reader.core.pipeline.demo import load_demo
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import feeds
from desktop_reader.core.values import FETCH_FULL, REFRESH_MINUTES
from desktop_reader.ui.icons import icon
from desktop_reader.ui.models.story_list import STORY_ID_ROLE
from desktop_reader.ui.refresh_controller import OFFLINE_TEXT
from tests.httpserver import TestServer
from tests.ui.conftest import add_feed_with_articles

FEED = "/pipeline/harbourcourier-rss2.xml"


def _texts(menu: QMenu) -> list[str]:
    return [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if not a.isSeparator()]


def _entry(menu: QMenu, text: str) -> QAction:
    return next(a for a in menu.actions() if a.text().split("\t")[0].replace("&", "") == text)


def _right_click(view, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
    """What a right click does: the view asks for its context menu at that point."""
    view.customContextMenuRequested.emit(view.visualRect(index).center())


def _fresh(library: Library, feed_id: int):  # type: ignore[no-untyped-def]
    front = Reader(library)
    try:
        return front.feed(feed_id)
    finally:
        front.close()


@pytest.fixture
def window(make_window, library: Library):  # type: ignore[no-untyped-def]
    add_feed_with_articles(library, "Harbour News", 3, folder="Local")
    add_feed_with_articles(library, "Lab Notes", 1, folder="Science & Tech")
    add_feed_with_articles(library, "Tech Daily", 2)
    made = make_window()
    made.show()
    return made


def test_feed_context_menu_offers_the_feed_actions(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    feed_id = next(f.id for f in window.reader.feeds() if f.title == "Harbour News")
    _right_click(window.feed_tree, window.feed_model.feed_index(feed_id))
    menu = window.feed_actions.last_menu
    assert window.feed_tree.currentIndex() == window.feed_model.feed_index(feed_id)
    assert _texts(menu) == [
        "Refresh Selected",
        "Mark All Read",
        "Properties…",
        "Open Site",
        "Copy Feed Address",
        "Rename…",
        "Move to Folder",
        "Unsubscribe…",
    ]
    assert all(a.isEnabled() for a in menu.actions())
    # The same actions as the menu bar's: the right click reuses them.
    assert window.act_unsubscribe in menu.actions()
    move = _entry(menu, "Move to Folder").menu()
    assert [a.text() for a in move.actions() if not a.isSeparator()] == [
        "Top Level",
        "Local",
        "Science && Tech",
        "New Folder…",
    ]  # "&" shown, not a mnemonic
    assert _entry(move, "Local").isChecked()
    _entry(move, "Top Level").trigger()
    assert _fresh(window.library, feed_id).folder == ""
    assert window.feed_model.find("folder:Local") == QModelIndex()  # emptied: gone


def test_copy_feed_address_from_the_context_menu(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    feed = next(f for f in window.reader.feeds() if f.title == "Tech Daily")
    _right_click(window.feed_tree, window.feed_model.feed_index(feed.id))
    _entry(window.feed_actions.last_menu, "Copy Feed Address").trigger()
    assert QGuiApplication.clipboard().text() == feed.url


def test_folder_and_smart_item_menus_offer_what_applies(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _right_click(window.feed_tree, window.feed_model.find("folder:Local"))
    assert _texts(window.feed_actions.last_menu) == [
        "Refresh Selected",
        "Mark All Read",
        "New Folder…",
        "Rename Folder…",
        "Delete Folder…",
    ]
    _right_click(window.feed_tree, window.feed_model.find("all"))
    assert _texts(window.feed_actions.last_menu) == ["Refresh", "Mark All Read", "New Folder…"]
    _right_click(window.feed_tree, window.feed_model.find("starred"))
    assert _texts(window.feed_actions.last_menu) == ["Mark All Read"]


def test_actions_are_enabled_only_where_they_apply(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    fa = window.feed_actions
    feed_only = [
        window.act_unsubscribe,
        window.act_rename,
        window.act_move,
        fa.act_properties,
        fa.act_open_site,
        fa.act_copy_feed_url,
    ]
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    assert not any(a.isEnabled() for a in feed_only)
    assert not fa.act_rename_folder.isEnabled() and not fa.act_delete_folder.isEnabled()
    assert fa.act_new_folder.isEnabled()
    window.feed_tree.setCurrentIndex(window.feed_model.find("folder:Local"))
    assert not any(a.isEnabled() for a in feed_only)
    assert fa.act_rename_folder.isEnabled() and fa.act_delete_folder.isEnabled()
    feed_id = window.reader.feeds()[0].id
    window.select_feed(feed_id)
    assert all(a.isEnabled() for a in feed_only)
    assert not fa.act_delete_folder.isEnabled()
    # Unsubscribing leaves no feed selected: Unsubscribe is off again.
    window.act_unsubscribe.setEnabled(True)
    from desktop_reader.ui import library_actions

    library_actions.unsubscribe(window, confirm=False)
    assert not window.act_unsubscribe.isEnabled()


def test_folders_are_made_renamed_and_deleted_from_the_tree(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    fa = window.feed_actions
    assert fa.new_folder("Science") == "Science"
    index = window.feed_model.find("folder:Science")
    assert index.isValid() and window.feed_tree.currentIndex() == index  # shown, empty
    fa.rename_folder("Research")
    assert window.feed_model.find("folder:Science") == QModelIndex()
    assert window.feed_model.find("folder:Research").isValid()
    # Deleting a folder with feeds moves them to the top level; nothing is lost.
    window.feed_tree.setCurrentIndex(window.feed_model.find("folder:Local"))
    before = {f.id for f in window.reader.feeds()}
    fa.delete_folder(confirm=False)
    assert window.feed_model.find("folder:Local") == QModelIndex()
    assert {f.id for f in window.reader.feeds()} == before
    assert {f.title: f.folder for f in window.reader.feeds()} == {
        "Harbour News": "",
        "Tech Daily": "",
        "Lab Notes": "Science & Tech",
    }
    assert window.reader.folders() == ["Research", "Science & Tech"]


def test_renaming_a_subfolder_keeps_it_in_its_parent(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    fa = window.feed_actions
    fa.new_folder("World/Europe")
    window.feed_tree.setCurrentIndex(window.feed_model.find("folder:World/Europe"))
    fa.rename_folder("Asia")
    assert window.reader.folders() == ["Local", "Science & Tech", "World", "World/Asia"]
    assert window.feed_tree.currentIndex() == window.feed_model.find("folder:World/Asia")


def test_dragging_a_feed_onto_a_folder_moves_it_and_the_counts_follow(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    model = window.feed_model
    tech = next(f.id for f in window.reader.feeds() if f.title == "Tech Daily")
    folder = model.find("folder:Local")
    assert model.data(folder) == "Local (3)"
    # What the view does on a drop: the dragged rows' mime data, dropped on a row.
    data = model.mimeData([model.feed_index(tech)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, folder)
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.find("starred"))
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, folder)
    qtbot.waitUntil(lambda: _fresh(window.library, tech).folder == "Local")
    folder = model.find("folder:Local")
    assert model.data(folder) == "Local (5)"
    assert model.parent(model.feed_index(tech)) == folder
    # Dropped on the empty space below the rows: back to the top level.
    data = model.mimeData([model.feed_index(tech)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: _fresh(window.library, tech).folder == "")
    assert model.data(model.find("folder:Local")) == "Local (3)"
    assert model.flags(model.find("all")) & Qt.ItemFlag.ItemIsDropEnabled
    assert model.flags(model.feed_index(tech)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.find("folder:Local")) & Qt.ItemFlag.ItemIsDragEnabled


def test_article_context_menu_marks_stars_and_copies(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    window.stories.act_grouping.setChecked(False)
    view = window.article_list
    _right_click(view, window.article_model.index(1, 0))
    menu = window.feed_actions.last_menu
    article_id = view.current_id()
    assert window.article_view.article is None  # picked for the menu, not opened
    assert _texts(menu) == ["Mark as Read", "Star", "Open Original", "Copy Link", "Mark All Read"]
    _entry(menu, "Mark as Read").trigger()
    assert window.reader.article(article_id).read
    _right_click(view, window.article_model.index(1, 0))
    menu = window.feed_actions.last_menu
    assert _texts(menu)[:2] == ["Mark as Unread", "Star"]
    _entry(menu, "Star").trigger()
    assert window.reader.article(article_id).starred
    _entry(menu, "Copy Link").trigger()
    assert QGuiApplication.clipboard().text() == window.reader.article(article_id).url


def test_story_context_menu_acts_on_the_story(qtbot, make_window, library) -> None:  # type: ignore[no-untyped-def]
    load_demo(library)
    window = make_window()
    window.show()
    stories = window.stories
    assert stories.active
    _right_click(stories.list, stories.model.index(1, 0))
    story_id = stories.list.current_id()
    menu = window.feed_actions.last_menu
    assert _texts(menu) == [
        "Mark Story as Read",
        "Star Story",
        "Open Lead Article in Browser",
        "Copy Link",
        "Mark All Read",
    ]
    _entry(menu, "Star Story").trigger()
    assert window.reader.is_story_starred(story_id)
    _entry(menu, "Mark Story as Read").trigger()
    assert not stories.model.story_row(1).unread
    _entry(menu, "Copy Link").trigger()
    lead = window.reader.article(window.reader.story_member_ids(story_id)[0])
    assert QGuiApplication.clipboard().text() == lead.url


def _press(view, index: QModelIndex, button: Qt.MouseButton) -> None:  # type: ignore[no-untyped-def]
    QTest.mouseClick(
        view.viewport(), button, Qt.KeyboardModifier.NoModifier, view.visualRect(index).center()
    )


def test_a_right_click_selects_a_story_for_its_menu_and_opens_nothing(
    qtbot, make_window, library
) -> None:  # type: ignore[no-untyped-def]
    load_demo(library)
    window = make_window()
    window.show()
    stories = window.stories
    stories.list.select_row(0)
    opened = stories.pane.story_id
    assert opened is not None and not stories.model.story_row(0).unread
    assert stories.model.story_row(1).unread
    row1 = stories.model.index(1, 0)

    _press(stories.list, row1, Qt.MouseButton.RightButton)  # the mouse's own press
    _right_click(stories.list, row1)  # and the menu it asks for

    picked = stories.list.current_id()
    assert picked == row1.data(STORY_ID_ROLE) and picked != opened
    assert stories.pane.story_id == opened  # the story read before stays open
    assert stories.model.story_row(1).unread  # and the picked one is not marked read
    assert window.reader.story(picked).row.unread
    assert _texts(window.feed_actions.last_menu)[0] == "Mark Story as Read"
    window.feed_actions.last_menu.close()
    # A left click on the picked row opens it (Qt sees no change of row to tell of).
    _press(stories.list, row1, Qt.MouseButton.LeftButton)
    assert stories.pane.story_id == picked
    assert not stories.model.story_row(1).unread


def test_a_right_click_selects_an_article_and_leaves_it_unread(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    window.stories.act_grouping.setChecked(False)
    view = window.article_list
    row = window.article_model.index(2, 0)
    _press(view, row, Qt.MouseButton.RightButton)
    article_id = view.current_id()
    assert article_id is not None and window.article_view.article is None
    assert not window.reader.article(article_id).read
    _press(view, row, Qt.MouseButton.LeftButton)
    assert window.article_view.article is not None
    assert window.article_view.article.id == article_id
    assert window.reader.article(article_id).read


def _failing(library: Library, url: str, message: str) -> int:
    conn = library.connect()
    try:
        feed = feeds.add_feed(conn, url, title="Failing Feed")
        feeds.record_fetch(conn, feed.id, status=FeedStatus.ERROR, message=message)
        return feed.id
    finally:
        conn.close()


def test_inspector_shows_the_error_retries_and_takes_a_new_address(
    qtbot, make_window, library, http_server: TestServer
) -> None:  # type: ignore[no-untyped-def]
    feed_id = _failing(library, http_server.url("/missing.xml"), "Not found (404)")
    window = make_window()
    window.show()
    window.select_feed(feed_id)
    dialog = window.feed_actions.show_properties()
    assert dialog is not None and dialog.isVisible()
    assert dialog.address.text() == http_server.url("/missing.xml")
    assert dialog.status.text() == "Failing: Not found (404)"
    assert dialog.updated.text().startswith("Just now")
    # Retry fetches now: still missing on the server, so the error stays, checked again.
    dialog.retry.click()
    qtbot.waitUntil(lambda: len(http_server.hits("/missing.xml")) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.retry.isEnabled(), timeout=10_000)
    assert dialog.status.text() == "Failing: Not found (404)"
    # A refused address keeps the dialog open and says why.
    dialog.address.setText("ftp://files.test/feed")
    dialog.accept()
    assert dialog.isVisible() and not dialog.address_error.isHidden()
    assert "not a web address" in dialog.address_error.text()
    assert _fresh(library, feed_id).url == http_server.url("/missing.xml")
    # A good one is stored and fetched at once; the feed then works.
    good = http_server.route_fixture(FEED, {"Content-Type": "application/rss+xml"})
    dialog.address.setText(good)
    dialog.interval.setValue(90)
    dialog.full.setCurrentIndex(2)  # feed text only
    dialog.accept()
    assert not dialog.isVisible()
    assert _fresh(library, feed_id).url == good
    qtbot.waitUntil(lambda: _fresh(library, feed_id).status is FeedStatus.OK, timeout=10_000)
    assert window.reader.setting(REFRESH_MINUTES, feed_id) == 90
    assert window.reader.has_override(FETCH_FULL, feed_id)
    assert window.reader.setting(FETCH_FULL, feed_id) is False
    qtbot.waitUntil(
        lambda: window.feed_model.data(window.feed_model.feed_index(feed_id)).endswith("(3)"),
        timeout=10_000,
    )


def test_inspector_back_to_the_defaults(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    feed_id = window.reader.feeds()[0].id
    window.select_feed(feed_id)
    dialog = window.feed_actions.show_properties()
    dialog.interval.setValue(15)
    dialog.accept()
    assert window.reader.has_override(REFRESH_MINUTES, feed_id)
    dialog = window.feed_actions.show_properties()
    assert dialog.interval.value() == 15
    dialog.interval.setValue(dialog.interval.minimum())  # "As in Preferences"
    dialog.accept()
    assert not window.reader.has_override(REFRESH_MINUTES, feed_id)
    assert not window.reader.has_override(FETCH_FULL, feed_id)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_offline_refresh_says_so_once_and_keeps_the_error_icons(
    qtbot, make_window, library
) -> None:  # type: ignore[no-untyped-def]
    broken = _failing(library, f"http://127.0.0.1:{_closed_port()}/gone.xml", "Not found (404)")
    fine = [
        add_feed_with_articles(
            library, f"Away {i}", 1, url=f"http://127.0.0.1:{_closed_port()}/{i}.xml"
        )[0]
        for i in range(3)
    ]
    window = make_window()
    window.show()
    messages: list[str] = []
    window.refresher.sig_finished.connect(messages.append)
    window.act_refresh.trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=15_000)
    assert messages == [OFFLINE_TEXT]
    assert window.statusBar().currentMessage() == OFFLINE_TEXT
    model = window.feed_model
    error_key = icon("feed-error").cacheKey()
    assert (
        model.data(model.feed_index(broken), Qt.ItemDataRole.DecorationRole).cacheKey() == error_key
    )
    for feed_id in fine:
        assert (
            model.data(model.feed_index(feed_id), Qt.ItemDataRole.DecorationRole).cacheKey()
            != error_key
        )
        assert _fresh(library, feed_id).status is not FeedStatus.ERROR


def test_the_feed_deadline_is_set_in_preferences(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    from desktop_reader.core.values import FEED_DEADLINE
    from desktop_reader.ui.dialogs.preferences_dialog import PreferencesDialog

    reader = Reader(library)
    try:
        dialog = PreferencesDialog(reader)
        qtbot.addWidget(dialog)
        assert dialog.feed_deadline.value() == 30
        dialog.feed_deadline.setValue(12)
        dialog.accept()
        assert reader.setting(FEED_DEADLINE) == 12
        again = PreferencesDialog(reader)
        qtbot.addWidget(again)
        assert again.feed_deadline.value() == 12
    finally:
        reader.close()


def test_a_hanging_host_does_not_hold_the_window_refresh(
    qtbot, make_window, library, http_server: TestServer
) -> None:  # type: ignore[no-untyped-def]
    import time

    from desktop_reader.core.reader import SettingChange
    from desktop_reader.core.values import FEED_DEADLINE
    from tests.core.pipeline.test_refresh_offline import TrickleServer

    hanging = TrickleServer()
    try:
        good = http_server.route_fixture(FEED, {"Content-Type": "application/rss+xml"})
        conn = library.connect()
        good_id = feeds.add_feed(conn, good, title="Good").id
        slow_id = feeds.add_feed(
            conn, f"http://127.0.0.1:{hanging.port}/feed.xml", title="Hanging"
        ).id
        conn.close()
        window = make_window()
        window.show()
        window.reader.change_settings([SettingChange(FEED_DEADLINE, 2)])
        finished: list[str] = []
        window.refresher.sig_finished.connect(finished.append)
        started = time.monotonic()
        window.act_refresh.trigger()
        qtbot.waitUntil(lambda: bool(finished), timeout=10_000)
        assert time.monotonic() - started < 6
        assert finished == ["3 new articles, 1 feed failed"]
        assert _fresh(library, slow_id).status_message == "Timed out after 2 s"
        assert _fresh(library, good_id).status is FeedStatus.OK
        assert not window.feed_model.is_updating(slow_id)
    finally:
        hanging.close()
