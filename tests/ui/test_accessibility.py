"""What a screen reader and a keyboard user get: Qt's accessibility tree walked from
the real window (demo library, story pane open, a cited article, article mode, the
first-start page) and from each dialog (Feed ▸ Properties too), and the status bar's
Undo notice; read/unread and starred in words; Tab reaching every pane with a visible
focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from desktop_reader.core.pipeline.library import Library
from desktop_reader.ui import library_actions
from desktop_reader.ui.dialogs.folder_dialog import FolderDialog
from desktop_reader.ui.main_window import MainWindow
from desktop_reader.ui.models.article_list import ArticleListModel
from desktop_reader.ui.widgets.image_strip import Picture
from tests.ui.accessibility_tree import interactive_nodes, unnamed_controls
from tests.ui.story_fixtures import demo_library, demo_template, richest_story

_ = (demo_library, demo_template)


@pytest.fixture
def window(qtbot, demo_library: Library, tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(demo_library, settings=settings, refresh_minutes=0)
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    win.shutdown()


def _open_richest_story(win: MainWindow) -> None:
    win.feed_tree.setCurrentIndex(win.feed_model.find("top"))
    conn = win.library.connect()
    try:
        story_id = richest_story(conn)
    finally:
        conn.close()
    win.stories.list.select_row(win.stories.model.row_of(story_id))
    win.stories.pane.story_view.images.load_images()
    QApplication.processEvents()


def _assert_all_named(root: QWidget) -> list[tuple[str, str, str]]:
    missing = unnamed_controls(root)
    assert not missing, "\n".join(str(m) for m in missing)
    return interactive_nodes(root)


def _names(nodes: list[tuple[str, str, str]]) -> list[str]:
    return [name for _role, name, _description in nodes]


def test_story_pane_window_has_no_unnamed_control(window):
    _open_richest_story(window)
    view = window.stories.pane.story_view
    view.why.set_open(True)
    nodes = _assert_all_named(window)
    names = _names(nodes)
    # The walk reached the story pane's own controls, each said in words.
    for expected in (
        "Feeds",
        "Stories",
        "Search",
        "Scroll the story",
        "Star this story",
        "Why are these together",
    ):
        assert expected in names, expected
    assert sum(n.startswith("Picture") for n in names) == len(view.images.pictures())
    assert sum(n.startswith("Source of the picture") for n in names) == 2
    assert sum(n.startswith("Full size:") for n in names) == 2
    described = {name: description for _role, name, description in nodes}
    assert described["Why are these together"]
    assert described[next(n for n in names if n.startswith("Full size:"))]
    # The citation article, reached from a citation, is named too.
    view.open_citation_number(1)
    assert window.stories.pane.currentWidget() is window.stories.pane.cited
    names = _names(_assert_all_named(window))
    assert "Cited article" in names or "Article" in names


def test_article_mode_and_first_start_have_no_unnamed_control(window, qtbot, tmp_path):
    window.stories.act_grouping.setChecked(False)  # feeds as article lists
    feed_id = window.reader.feeds()[0].id
    window.select_feed(feed_id)
    window.article_list.select_row(0)
    names = _names(_assert_all_named(window))
    assert "Articles" in names and "Article" in names
    empty = MainWindow(
        Library.open(tmp_path / "empty"),
        refresh_minutes=0,
        settings=QSettings(str(tmp_path / "e.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(empty)
    empty.resize(1024, 700)
    empty.show()
    _assert_all_named(empty)
    empty.shutdown()


def test_every_dialog_has_no_unnamed_control(window, qtbot):
    _open_richest_story(window)
    dialogs: list[QDialog] = []
    preferences = window.features.open_preferences()
    for tab in range(preferences.tabs.count()):  # hidden tabs are not in the tree
        preferences.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        _assert_all_named(preferences)
    dialogs.append(preferences)
    dialogs.append(window.features.open_filters())
    dialogs.append(window.features.show_shortcuts())
    dialogs.append(library_actions.subscribe_dialog(window))
    dialogs.append(window.accounts.add_account())
    folder = FolderDialog("Meridian Wire", ["Business", "News"], "News", window)
    folder.show()
    dialogs.append(folder)
    detail = window.stories.pane.detail
    assert detail is not None
    dialogs.append(window.stories.pane.story_view.open_image(detail.images[0]))
    window.select_feed(window.reader.feeds()[0].id)
    inspector = window.feed_actions.show_properties()  # Feed ▸ Properties…
    assert inspector is not None
    dialogs.append(inspector)
    named: dict[str, list[str]] = {}
    for dialog in dialogs:
        qtbot.waitExposed(dialog)
        names = _names(_assert_all_named(dialog))
        assert names, dialog.windowTitle()
        named[dialog.windowTitle()] = names
        dialog.close()
    viewer = named[dialogs[-2].windowTitle()]
    assert "Next picture" in viewer and "Previous picture" in viewer
    for expected in ("Feed address", "Refresh interval", "Retry Now"):  # its own fields
        assert expected in named[inspector.windowTitle()], named[inspector.windowTitle()]


def test_the_undo_notice_is_named_and_says_what_it_undoes(window, qtbot):
    """Mark All Read puts an Undo button in the status bar: a screen reader is told what
    was done and what the button undoes."""
    window.stories.act_grouping.setChecked(False)
    feed = window.reader.feeds()[0]
    window.select_feed(feed.id)
    window.act_mark_all.trigger()
    notice = window.undo.notice
    assert notice.isVisible()
    nodes = _assert_all_named(window)
    described = {name: description for _role, name, description in nodes}
    assert "Undo" in described
    assert described["Undo"].startswith("Undo: Marked")
    said = QAccessible.queryAccessibleInterface(notice)
    assert said is not None and said.text(QAccessible.Text.Name).startswith("Marked")


def test_read_unread_and_starred_are_said_in_words(window):
    window.stories.act_grouping.setChecked(False)
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    model = window.article_model
    assert model.rowCount() > 2
    first = model.index(0, ArticleListModel.TITLE)
    article_id = first.data(Qt.ItemDataRole.UserRole + 1)
    spoken = first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Unread, ")
    window.article_list.select_row(0)  # shown: read
    window.act_star.trigger()
    row = model.row_of(article_id)
    index = model.index(row, ArticleListModel.TITLE)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Read, starred, ")
    assert "Read, starred" in index.data(Qt.ItemDataRole.ToolTipRole)
    # The feed tree says its counts: "Demo, 30 unread", not "Demo (30)".
    tree_names = [
        window.feed_model.index(r, 0).data(Qt.ItemDataRole.AccessibleTextRole)
        for r in range(window.feed_model.rowCount())
    ]
    assert any(n and n.endswith(" unread") and "(" not in n for n in tree_names), tree_names
    # The story list says unread in words too.
    window.feed_tree.setCurrentIndex(window.feed_model.find("top"))
    story_rows = [
        window.stories.model.index(r, 0).data(Qt.ItemDataRole.AccessibleTextRole)
        for r in range(window.stories.model.rowCount())
    ]
    assert any(s.startswith("unread, ") for s in story_rows)


def _tab_round(window: MainWindow, qtbot, limit: int = 400) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Press Tab from the feed tree until the focus comes back to it."""
    seen: list[QWidget] = []
    for _ in range(limit):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        if now is window.feed_tree:
            return seen
        seen.append(now)
    raise AssertionError(f"Tab never came back to the feed tree: {seen[-5:]}")


def test_tab_reaches_every_pane_and_the_story_controls(window, qtbot):
    _open_richest_story(window)
    window.feed_tree.setFocus()
    qtbot.waitUntil(window.feed_tree.hasFocus)
    view = window.stories.pane.story_view
    reached = set(_tab_round(window, qtbot))
    assert window.stories.list in reached
    pictures = view.images.pictures()
    assert all(p in reached for p in pictures)
    assert view.images.cards[0].source_button in reached
    assert view.images.cards[0].full_button in reached
    assert view.why.toggle in reached
    assert window.stories.pane.star_button in reached
    # Enter on a focused picture opens the viewer; Escape closes it.
    pictures[0].setFocus()
    qtbot.keyClick(pictures[0], Qt.Key.Key_Return)
    viewers = [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowTitle() and isinstance(w, QDialog)
    ]
    assert viewers
    for viewer in viewers:
        viewer.close()


def test_focused_picture_and_link_show_a_focus_frame(window, qtbot):
    _open_richest_story(window)
    strip = window.stories.pane.story_view.images
    picture: Picture = strip.thumbs[0]
    picture.clearFocus()
    QApplication.processEvents()
    before = picture.grab().toImage()
    picture.setFocus()
    qtbot.waitUntil(picture.hasFocus)
    after = picture.grab().toImage()
    ring = picture.palette().color(QPalette.ColorRole.Highlight)
    assert after.pixelColor(1, after.height() // 2) == ring
    assert before.pixelColor(1, before.height() // 2) != ring
    link = strip.cards[0].source_button
    link.clearFocus()
    QApplication.processEvents()
    plain = link.grab().toImage()
    link.setFocus()
    qtbot.waitUntil(link.hasFocus)
    framed = link.grab().toImage()
    assert plain != framed  # a frame appears around the focused link


def test_accessible_tree_reports_a_control_without_a_name(qtbot):
    """The check itself can fail: an icon-only button with no name is caught."""
    from PySide6.QtWidgets import QToolButton, QVBoxLayout

    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    button = QToolButton()
    layout.addWidget(button)
    host.show()
    qtbot.waitExposed(host)
    assert [m.role for m in unnamed_controls(host)] == ["Button"]
    button.setAccessibleName("Refresh")
    assert unnamed_controls(host) == []
    assert QAccessible.isActive() or True


def test_more_sources_are_reachable_from_the_keyboard(qtbot, tmp_path):
    """ "+N more" was a hover card only; Enter on it now opens a menu of the rest, and
    each item opens its citation."""
    from desktop_reader.core.reader import Reader
    from desktop_reader.ui.widgets.story_pane import StoryPane
    from tests.ui.widgets.test_citation_overflow import _library_with_story

    library, story_id = _library_with_story(tmp_path)
    pane = StoryPane(Reader(library), library.media)
    qtbot.addWidget(pane)
    pane.resize(1000, 800)
    pane.show()
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    pane.show_story(story_id)
    label = next(lb for lb in pane.story_view.summary_labels if lb.more_links())
    href = label.more_links()[0]
    hidden = label.more_for(href)
    # Tab lands on the paragraph's first link at once (the focus is seen).
    label.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(label.hasFocus)
    assert label.selectedText().startswith("[")
    label.linkActivated.emit(href)  # what Enter on the focused "+N more" does
    menu = next(m for m in label.findChildren(QMenu) if m.isVisible())
    assert [a.text().split("]")[0] + "]" for a in menu.actions()] == [
        f"[{c.number}]" for c in hidden
    ]
    with qtbot.waitSignal(pane.story_view.sig_open_citation) as blocker:
        menu.actions()[0].trigger()
    assert blocker.args[0] == hidden[0].article_id
    assert pane.currentWidget() is pane.cited


def test_the_focused_pane_is_framed_in_the_selection_colour(window, qtbot):
    """Fusion draws a selected row alike in a focused and an unfocused view; the frame
    tells which pane the keys act on."""
    _open_richest_story(window)
    ring = window.palette().color(QPalette.ColorRole.Highlight)

    def edge(view: QWidget) -> str:
        image = view.grab().toImage()
        return image.pixelColor(0, image.height() // 2).name()

    for focused, other in (
        (window.feed_tree, window.stories.list),
        (window.stories.list, window.feed_tree),
    ):
        focused.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(focused.hasFocus)
        assert edge(focused) == ring.name()
        assert edge(other) != ring.name()
