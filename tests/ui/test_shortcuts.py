"""Keyboard shortcuts: named by what they do, changed in Preferences ▸ Shortcuts (at
once, stored, conflicts refused, reset), in a real window with real key presses."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop_reader.ui.dialogs.shortcuts_editor import ShortcutsEditor
from desktop_reader.ui.shortcut_scheme import typeable
from tests.ui.conftest import add_feed_with_articles


def _editor(window) -> ShortcutsEditor:  # type: ignore[no-untyped-def]
    dialog = window.features.open_preferences()
    tabs = dialog.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert "Shortcuts" in titles
    editor = tabs.widget(titles.index("Shortcuts"))
    assert isinstance(editor, ShortcutsEditor)
    return editor


def test_the_shortcuts_dialog_names_actions_not_keys(qtbot, make_window, library) -> None:  # type: ignore[no-untyped-def]
    add_feed_with_articles(library, "Tide Watch", 2)
    window = make_window()
    dialog = window.features.show_shortcuts()
    qtbot.addWidget(dialog)
    listed = {(e.group, e.name): e.keys for e in dialog.entries}
    for entry in dialog.entries:
        assert entry.name != entry.keys and entry.name != "Unnamed key", entry
        # Only keys one types: no "Find", "Exit", "New" or "Refresh" hardware keys.
        for key in entry.keys.split(", "):
            assert key not in ("Find", "Exit", "New", "Refresh", "Quit"), entry
    assert listed[("Other", "Zoom in (story)")] == "Ctrl+=, Ctrl++"
    assert listed[("Other", "Back to the story (in a cited article)")] == "Backspace"
    assert listed[("Article", "Back")] == "Alt+Left"
    assert listed[("Article", "Forward")] == "Alt+Right"
    assert listed[("Article", "Previous Unread")] == "P"
    assert listed[("View", "Refresh")] == "F5"
    assert listed[("Edit", "Find")] == "Ctrl+F"
    assert "F14" not in listed[("Edit", "Undo")]  # the Sun keyboard's Undo key, on X11
    assert not typeable(QKeySequence("F14")) and not typeable(QKeySequence(Qt.Key.Key_Find))
    assert typeable(QKeySequence("F5")) and typeable(QKeySequence("Ctrl+Shift+R"))


def test_a_changed_shortcut_works_at_once_and_next_time(
    qtbot, make_window, library, settings: QSettings
) -> None:  # type: ignore[no-untyped-def]
    feed_id, ids = add_feed_with_articles(library, "Tide Watch", 2)
    window = make_window()
    window.stories.act_grouping.setChecked(False)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.select_feed(feed_id)
    window.article_list.setFocus()
    window.article_list.select_row(0)
    editor = _editor(window)
    editor.select("article.star")
    assert editor.current_id() == "article.star"
    editor.keys.setKeySequence(QKeySequence("X"))
    assert editor.assign()
    assert [k.toString() for k in window.act_star.shortcuts()] == ["X"]
    assert "Star: X" in editor.message.text()
    editor.window().close()

    qtbot.keyClick(window.article_list, Qt.Key.Key_X)  # the new key stars the article
    assert window.reader.article(ids[0]).starred
    qtbot.keyClick(window.article_list, Qt.Key.Key_S)  # the old one does nothing now
    assert window.reader.article(ids[0]).starred
    assert settings.value("shortcuts/article.star") == "X"
    window.shutdown()

    again = make_window()
    assert [k.toString() for k in again.act_star.shortcuts()] == ["X"]
    editor = _editor(again)
    editor.reset_all()
    assert [k.toString() for k in again.act_star.shortcuts()] == ["S"]
    settings.sync()
    assert settings.value("shortcuts/article.star") is None
    assert "back to its default" in editor.message.text()


def test_keys_another_action_has_are_refused_with_a_clear_message(make_window, library) -> None:  # type: ignore[no-untyped-def]
    add_feed_with_articles(library, "Tide Watch", 1)
    window = make_window()
    editor = _editor(window)
    editor.select("article.star")
    editor.keys.setKeySequence(QKeySequence("Ctrl+F"))
    assert not editor.assign()
    assert editor.message.text().startswith("Ctrl+F is already the shortcut for Find (Edit menu)")
    assert [k.toString() for k in window.act_star.shortcuts()] == ["S"]  # nothing changed
    assert window.features.act_find.shortcuts()[0].toString() == "Ctrl+F"
    editor.keys.setKeySequence(QKeySequence("Space"))  # a fixed key of the window
    assert not editor.assign()
    assert "Page down, then next unread" in editor.message.text()
    # No shortcut, then back to the default.
    assert editor.clear()
    assert window.act_star.shortcuts() == []
    assert editor.reset()
    assert [k.toString() for k in window.act_star.shortcuts()] == ["S"]


def test_a_stored_swap_of_two_keys_is_applied(make_window, library, settings) -> None:  # type: ignore[no-untyped-def]
    add_feed_with_articles(library, "Tide Watch", 1)
    settings.setValue("shortcuts/article.star", "M")
    settings.setValue("shortcuts/article.toggle-read", "S")
    settings.setValue("shortcuts/article.next", "Ctrl+F")  # taken since by Find: dropped
    window = make_window()
    assert [k.toString() for k in window.act_star.shortcuts()] == ["M"]
    assert [k.toString() for k in window.act_toggle_read.shortcuts()] == ["S"]
    assert [k.toString() for k in window.act_next.shortcuts()] == ["J"]
    assert settings.value("shortcuts/article.next") is None
