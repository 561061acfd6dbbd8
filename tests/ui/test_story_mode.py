"""Story mode in the main window, on the demo library: Top Headlines to citations."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_reader.core.pipeline.demo import load_demo


@pytest.fixture
def demo_window(make_window, library):  # type: ignore[no-untyped-def]
    load_demo(library)
    window = make_window()
    window.show()
    return window


def test_window_opens_on_top_headlines_as_stories(demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    assert window.stories.active
    assert window.stories.list_stack.currentWidget() is window.stories.list
    top = window.reader.top_headlines(limit=100)
    assert window.stories.model.rowCount() == len(top) > 0


def test_selecting_a_story_shows_it_and_marks_each_article_read_as_it_is_shown(
        qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    unread = window.reader.count_articles(unread_only=True)
    window.stories.list.select_row(0)
    story_id = window.stories.list.current_id()
    detail = window.reader.story(story_id)
    pane = window.stories.pane
    assert pane.currentWidget() is pane.story_view
    assert pane.detail is not None and pane.detail.row.id == story_id
    assert not window.reader.story(story_id).row.unread
    # The story is read; its articles stay unread until shown (the default preference).
    assert not any(window.reader.article(m.article_id).read for m in detail.members)
    assert window.feed_model.node(window.feed_model.find("all")).unread == unread
    # Citation 1 opens the first source, inside the window, with Back to the story.
    links = pane.story_view.citation_links()
    assert links
    pane.story_view.open_citation_number(1)
    assert pane.currentWidget() is pane.cited
    first = detail.members[0].article_id
    assert pane.cited.article.id == first
    assert [m.article_id for m in detail.members
            if window.reader.article(m.article_id).read] == [first]
    assert window.feed_model.node(window.feed_model.find("all")).unread == unread - 1
    window.stories.act_back.trigger()
    assert pane.currentWidget() is pane.story_view


def test_keys_move_between_stories_and_mark_all_read(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.stories.list.setFocus()
    window.stories.list.select_row(0)
    first = window.stories.list.current_id()
    qtbot.keyClick(window.stories.list, Qt.Key.Key_J)
    assert window.stories.list.current_id() not in (None, first)
    window.act_mark_all.trigger()
    assert not any(window.stories.model.story_row(r).unread
                   for r in range(window.stories.model.rowCount()))
    assert all(not row.unread for row in window.reader.top_headlines(limit=100))


def test_grouping_can_be_turned_off_for_feeds(demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    first_feed = next(i for i in range(1000) if window.feed_model.feed_index(i).isValid())
    window.select_feed(first_feed)
    assert window.stories.active  # feeds list their stories by default
    window.stories.act_grouping.setChecked(False)
    assert not window.stories.active
    assert window.article_model.rowCount() > 0


def test_preferences_choose_whether_opening_a_story_marks_its_articles(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    dialog = window.features.open_preferences()
    combo = dialog.story_open_marks
    assert combo.currentData() == "story"  # the default
    combo.setCurrentIndex(combo.findData("articles"))
    dialog.accept()
    unread = window.feed_model.node(window.feed_model.find("all")).unread
    row = next(r for r in range(window.stories.model.rowCount())
               if window.stories.model.story_row(r).article_count > 1)
    window.stories.list.select_row(row)
    members = window.reader.story_member_ids(window.stories.list.current_id())
    assert all(window.reader.article(a).read for a in members)
    assert window.feed_model.node(window.feed_model.find("all")).unread == unread - len(members)
    again = window.features.open_preferences()
    assert again.story_open_marks.currentData() == "articles"  # stored
    again.reject()
