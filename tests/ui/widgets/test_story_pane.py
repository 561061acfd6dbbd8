"""The story pane's star, in a real window on a copy of the demo library."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop_reader.core.pipeline.library import Library
from desktop_reader.ui.main_window import MainWindow
from desktop_reader.ui.models.story_list import STORY_ID_ROLE
from tests.ui.story_fixtures import demo_library, demo_template

_ = (demo_library, demo_template)


@pytest.fixture
def open_window(qtbot, demo_library: Library, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Open the main window on the library (again, for "reopening the library")."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    made: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(demo_library, settings=settings, refresh_minutes=0)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()


def _starred_stories(window: MainWindow) -> list[int]:
    """Select Starred ▸ Stories as a reader would and read the list shown."""
    node = window.feed_model.find("starred:stories")
    assert node.parent() == window.feed_model.find("starred")
    window.feed_tree.setCurrentIndex(node)
    model = window.stories.model
    assert (
        window.stories.active and window.stories.list_stack.currentWidget() is window.stories.list
    )
    return [model.index(r).data(STORY_ID_ROLE) for r in range(model.rowCount())]


def _show_a_story(window: MainWindow) -> int:
    """Open the first Top Headlines story that has several articles."""
    window.feed_tree.setCurrentIndex(window.feed_model.find("top"))
    window.stories.list.select_row(0)
    story_id = window.stories.list.current_id()
    assert window.stories.pane.detail is not None
    assert window.stories.pane.detail.row.id == story_id
    return story_id


def test_star_button_keeps_the_story_in_starred_across_reopening(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    story_id = _show_a_story(window)
    star = window.stories.pane.star_button
    assert star.isVisible() and not star.isChecked()
    assert star.accessibleName() == "Star this story"
    assert star.toolTip() == "Star this story (S)"
    assert _starred_stories(window) == []

    _show_a_story(window)
    qtbot.mouseClick(star, Qt.MouseButton.LeftButton)
    assert star.isChecked() and star.accessibleName() == "Remove star"
    assert star.toolTip() == "Remove star (S)"
    stories_node = window.feed_model.find("starred:stories")
    assert stories_node.data() == "Stories"  # read (it was just opened): no count
    # Marked unread, it counts at once.
    window.stories.act_mark_unread.trigger()
    assert window.feed_model.find("starred:stories").data() == "Stories (1)"
    assert _starred_stories(window) == [story_id]
    window.shutdown()

    window = open_window()  # reopening the library
    assert window.feed_model.find("starred:stories").data() == "Stories (1)"
    assert _starred_stories(window) == [story_id]
    window.stories.list.select_row(0)
    star = window.stories.pane.star_button
    assert star.isVisible() and star.isChecked()
    qtbot.mouseClick(star, Qt.MouseButton.LeftButton)  # unstar from the Starred list
    assert not star.isChecked() and star.accessibleName() == "Star this story"
    assert window.stories.model.rowCount() == 0  # gone from the list at once
    assert window.feed_model.find("starred:stories").data() == "Stories"
    assert _starred_stories(window) == []
    window.shutdown()

    window = open_window()
    assert _starred_stories(window) == []
    assert not window.reader.is_story_starred(story_id)


def test_s_stars_the_story_from_the_pane_and_still_stars_articles(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    story_id = _show_a_story(window)
    pane = window.stories.pane
    pane.story_view.setFocus()
    qtbot.keyClick(pane.story_view, Qt.Key.Key_S)
    assert pane.star_button.isChecked() and window.reader.is_story_starred(story_id)
    qtbot.keyClick(pane.story_view, Qt.Key.Key_S)
    assert not pane.star_button.isChecked()
    assert not window.reader.is_story_starred(story_id)

    # A message (no story) hides the star.
    pane.show_message("Nothing here")
    assert not pane.star_button.isVisible()

    # In the article list, S stars the article as before.
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    assert not window.stories.active
    window.article_list.select_row(0)
    article_id = window.article_list.current_id()
    window.article_list.setFocus()
    qtbot.keyClick(window.article_list, Qt.Key.Key_S)
    assert window.reader.article(article_id).starred
