"""Back and Forward after a citation click, and Previous Unread, pressed as keys in the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_reader.core.pipeline.demo import load_demo
from tests.ui.conftest import add_feed_with_articles

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def demo_window(qtbot, make_window, library):  # type: ignore[no-untyped-def]
    load_demo(library)
    window = make_window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_alt_left_goes_back_to_the_story_after_a_citation_and_alt_right_returns(
    qtbot, demo_window
) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    pane = window.stories.pane
    window.stories.list.select_row(0)
    detail = pane.detail
    assert detail is not None and len(detail.members) > 1
    pane.story_view.verticalScrollBar().setValue(120)
    scrolled = pane.story_view.verticalScrollBar().value()
    citation = pane.story_view.citation_links()[0]
    back, forward = window.stories.act_back, window.stories.act_forward
    assert not back.isEnabled() and not forward.isEnabled()  # nowhere to go yet
    pane.story_view.open_citation_number(citation.number)
    assert back.isEnabled() and not forward.isEnabled()
    assert pane.currentWidget() is pane.cited
    highlighted = pane.cited.view.highlighted_text()
    assert QApplication.focusWidget() is pane.cited.view

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, ALT)
    assert pane.currentWidget() is pane.story_view
    assert pane.detail is not None and pane.detail.row.id == detail.row.id
    assert pane.story_view.verticalScrollBar().value() == scrolled  # where the reader left it
    assert forward.isEnabled() and not back.isEnabled()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right, ALT)
    assert pane.currentWidget() is pane.cited
    assert pane.cited.article is not None and pane.cited.article.id == citation.article_id
    assert pane.cited.view.highlighted_text() == highlighted
    # The menu names them by what they do.
    texts = [a.text() for a in window.menus.menu("article").actions()]
    assert "Back" in texts and "Forward" in texts


def test_back_does_nothing_past_the_start_of_the_trail(demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    window.stories.list.select_row(0)
    pane = window.stories.pane
    assert not pane.back()
    assert pane.currentWidget() is pane.story_view


def test_previous_unread_skips_read_articles_upwards(qtbot, make_window, library) -> None:  # type: ignore[no-untyped-def]
    add_feed_with_articles(library, "Harbour Post", 6)
    window = make_window()
    window.stories.act_grouping.setChecked(False)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    window.article_list.setFocus()
    window.article_list.select_row(5)
    for row in range(6):  # rows 0 and 4 unread (selecting a row reads it: set them after)
        window.set_read(window.article_model.article_row(row).id, row not in (0, 4))
    qtbot.keyClick(window.article_list, Qt.Key.Key_P)
    assert window.article_list.currentIndex().row() == 4
    window.article_list.select_row(3)
    qtbot.keyClick(window.article_list, Qt.Key.Key_P)
    assert window.article_list.currentIndex().row() == 0
    assert not window.previous_unread()  # nothing above the first row
    assert "No unread articles above" in window.statusBar().currentMessage()


def test_previous_unread_in_story_mode_goes_up_to_the_nearest_unread_story(
    qtbot, demo_window
) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    stories = window.stories
    assert stories.active and stories.model.rowCount() >= 4
    stories.list.setFocus()
    stories.list.select_row(3)  # opening it reads it
    ids = [stories.model.story_row(r).id for r in range(4)]
    for row, story_id in enumerate(ids):  # rows 0 and 2 unread, 1 and 3 read
        stories.controller.set_read(story_id, row in (1, 3))
    qtbot.keyClick(stories.list, Qt.Key.Key_P)
    assert stories.list.current_id() == ids[2]
    stories.list.select_row(1)
    qtbot.keyClick(stories.list, Qt.Key.Key_P)
    assert stories.list.current_id() == ids[0]
    assert not window.previous_unread()
    assert "No unread stories above" in window.statusBar().currentMessage()
