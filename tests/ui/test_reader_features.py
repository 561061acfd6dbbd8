"""Search as you type, saved searches and Starred in the tree, tray, shortcuts (real window)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QSystemTrayIcon

from desktop_reader.core.pipeline.library import Library
from desktop_reader.ui.dialogs.shortcuts_dialog import collect_shortcuts
from desktop_reader.ui.models.article_list import ArticleListModel
from desktop_reader.ui.tray import badge_text
from tests.ui.conftest import add_feed_with_articles


def _titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.article_model
    return [model.index(r, ArticleListModel.TITLE).data() for r in range(model.rowCount())]


def test_typing_shows_matching_rows_and_clearing_restores(
    qtbot, library: Library, make_window
) -> None:
    add_feed_with_articles(library, "Tide Watch", 3, folder="Coast")
    add_feed_with_articles(library, "Hill Herald", 2)
    window = make_window()
    bar = window.features.search_bar

    window.features.act_find.trigger()
    assert bar.field.hasFocus() or not window.isActiveWindow()
    started = time.perf_counter()
    with qtbot.waitSignal(window.features.searcher.sig_found, timeout=2000):
        qtbot.keyClicks(bar.field, "tide sto")
    assert time.perf_counter() - started < 1.5
    assert sorted(_titles(window)) == [f"Tide Watch story {i}" for i in range(3)]

    # Scoped to the selected feed: the other feed's matches disappear.
    with qtbot.waitSignal(window.features.searcher.sig_found, timeout=2000):
        bar.field.setText("story 1")
    assert sorted(_titles(window)) == ["Hill Herald story 1", "Tide Watch story 1"]
    bar.scope.setCurrentIndex(1)  # In selection: the search follows the tree
    window.feed_tree.setCurrentIndex(window.feed_model.find("folder:Coast"))
    qtbot.waitUntil(lambda: _titles(window) == ["Tide Watch story 1"], timeout=2000)

    # Saving puts the search in the tree; selecting it lists its results again.
    search_id = window.features.save_search(bar.text(), True, name="Coast ones")
    node = window.feed_model.find(f"search:{search_id}")
    assert node.isValid() and node.data(Qt.ItemDataRole.DisplayRole) == "Coast ones"
    assert window.feed_tree.currentIndex() == node
    assert _titles(window) == ["Tide Watch story 1"]
    assert window.reader.saved_searches()[0].scope == "folder:Coast"

    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    assert bar.text() == ""  # leaving for another node ends the search
    assert len(_titles(window)) == 5


def test_starred_node_lists_starred_articles(qtbot, library: Library, make_window) -> None:
    _feed, ids = add_feed_with_articles(library, "Tide Watch", 4)
    window = make_window()
    starred_node = window.feed_model.find("starred")
    window.feed_tree.setCurrentIndex(starred_node)
    assert _titles(window) == []

    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    window.article_list.select_row(2)
    window.act_star.trigger()
    window.feed_tree.setCurrentIndex(window.feed_model.find("starred"))
    assert _titles(window) == ["★ Tide Watch story 2"]
    # Its unread count shows in the tree (the article was read on opening it).
    window.reader.mark_read([ids[2]], False)
    window.reload_feeds()
    assert window.feed_model.find("starred").data(Qt.ItemDataRole.DisplayRole) == "Starred (1)"
    # Mark All Read on Starred marks only the starred article.
    window.act_mark_all.trigger()
    assert window.reader.count_articles(unread_only=True) == 3


def test_shortcuts_dialog_lists_every_action_key(qtbot, make_window, library: Library) -> None:
    add_feed_with_articles(library, "Tide Watch", 1)
    window = make_window()
    dialog = window.features.show_shortcuts()
    qtbot.addWidget(dialog)
    listed = {(e.group, e.name): e.keys for e in dialog.entries}
    # Every action with a key is there, with the keys it really has.
    for action in window.actions():
        if any(not key.isEmpty() for key in action.shortcuts()):
            name = action.text().replace("&", "").rstrip("…").strip()
            assert any(n == name for _g, n in listed), name
    native = QKeySequence.SequenceFormat.NativeText
    # Only keys one can type: not the "Find" key some platforms add to Find.
    assert listed[("Edit", "Find")] == ", ".join(
        k.toString(native)
        for k in window.features.act_find.shortcuts()
        if k[0].key().value < 0x01000060
    )
    assert listed[("Edit", "Find")] == "Ctrl+F"
    assert ("Article", "Star") in listed and listed[("Article", "Star")] == "S"
    assert ("Other", "Page down, then next unread") in listed
    assert listed[("File", "Quit")]  # the platform's key, or Ctrl+Q where it has none
    assert dialog.tree.topLevelItemCount() >= 4
    # Changing a key changes the list: it is read from the actions, not written down.
    window.act_star.setShortcut("Shift+S")
    fresh = {(e.group, e.name): e.keys for e in collect_shortcuts(window)}
    assert fresh[("Article", "Star")] == "Shift+S"


def test_tray_shows_the_unread_count(qtbot, library: Library, make_window) -> None:
    if not QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("no system tray on this platform (offscreen): the tray icon is not shown")
    add_feed_with_articles(library, "Tide Watch", 3)
    window = make_window()
    tray = window.features.tray
    assert tray.tray.toolTip().endswith("3 unread")
    window.act_mark_all.trigger()
    assert tray.unread == 0 and tray.tray.toolTip().endswith("all read")


def test_tray_count_follows_the_library(qtbot, library: Library, make_window) -> None:
    """The tray object keeps the count even where no tray can be shown."""
    add_feed_with_articles(library, "Tide Watch", 3)
    window = make_window()
    tray = window.features.tray
    assert tray.unread == 3 and "3 unread" in tray.tray.toolTip()
    window.article_list.select_row(0)  # opening an article reads it
    assert tray.unread == 2
    window.act_mark_all.trigger()
    assert tray.unread == 0 and tray.tray.toolTip().endswith("all read")
    assert (badge_text(7), badge_text(100)) == ("7", "99+")


def test_cleanup_runs_in_the_background_and_redraws(qtbot, library: Library, make_window) -> None:
    from desktop_reader.core.reader import SettingChange
    from desktop_reader.core.storage import settings

    _feed, ids = add_feed_with_articles(library, "Tide Watch", 6)
    window = make_window()
    window.reader.mark_read(ids, True)
    window.reader.set_starred(ids[-1], True)
    window.reader.change_settings([SettingChange(settings.KEEP_ARTICLES, 2)])
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    assert window.features.clean_up(manual=True)
    assert not window.features.clean_up()  # one at a time
    qtbot.waitUntil(lambda: not window.features.cleanup_running, timeout=5000)
    assert window.features.last_cleanup.deleted_articles == 3
    assert sorted(_titles(window)) == [
        "Tide Watch story 0",
        "Tide Watch story 1",
        "★ Tide Watch story 5",
    ]


def test_broad_new_story_is_announced_once(qtbot, library: Library, make_window) -> None:
    window = make_window()
    conn = library.connect()
    conn.execute(
        "INSERT INTO stories(id, created, last_added, outlet_count, "
        "article_count, headline) VALUES (1, ?, ?, 3, 4, 'Bridge reopens')",
        (time.time(), time.time()),
    )
    conn.close()
    window.features.check_alerts()
    assert window.features.tray.last_message == ("Covered by 3 outlets", "Bridge reopens")
    window.features.tray.last_message = ("", "")
    window.features.check_alerts()
    assert window.features.tray.last_message == ("", "")
