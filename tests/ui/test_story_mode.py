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
    qtbot, demo_window
) -> None:  # type: ignore[no-untyped-def]
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
    assert [m.article_id for m in detail.members if window.reader.article(m.article_id).read] == [
        first
    ]
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
    assert not any(
        window.stories.model.story_row(r).unread for r in range(window.stories.model.rowCount())
    )
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
    row = next(
        r
        for r in range(window.stories.model.rowCount())
        if window.stories.model.story_row(r).article_count > 1
    )
    window.stories.list.select_row(row)
    members = window.reader.story_member_ids(window.stories.list.current_id())
    assert all(window.reader.article(a).read for a in members)
    assert window.feed_model.node(window.feed_model.find("all")).unread == unread - len(members)
    again = window.features.open_preferences()
    assert again.story_open_marks.currentData() == "articles"  # stored
    again.reject()


def test_a_story_not_described_opens_at_once_and_its_summary_arrives_from_a_task(
    qtbot, make_window, library
) -> None:  # type: ignore[no-untyped-def]
    # A refresh only groups (issue 12): the first open of a story must not describe it on
    # the GUI thread. Headline and Sources show at once with "Preparing the summary…";
    # the summary fills in where the reader is when the task ends.
    from desktop_reader.core.pipeline.stories import rebuild_stories

    load_demo(library)
    conn = library.connect()
    rebuild_stories(conn, summaries=False)  # the demo's stories, grouped as a refresh does
    window = make_window()
    window.show()
    window.resize(1400, 500)  # short: the page scrolls
    pane = window.stories.pane
    window.stories.list.select_row(0)
    story_id = window.stories.list.current_id()
    shown = pane.detail
    assert shown is not None and shown.row.id == story_id and not shown.described
    # Back from the open with nothing described on this thread: the library still holds
    # no summary, the page says it is coming and already lists every source.
    assert tuple(
        conn.execute("SELECT dirty, summary_json FROM stories WHERE id = ?", (story_id,)).fetchone()
    ) == (1, None)
    view = pane.story_view
    assert view.preparing and view.summary_labels == [] and pane.describing
    assert len(view.sources.rows) == len(shown.members)
    bar = view.verticalScrollBar()
    QApplication.processEvents()  # laid out (the task's result is not delivered yet)...
    view.setFocus()
    bar.setValue(bar.maximum() // 2)  # ...and the reader scrolled down a little
    where = bar.value()
    assert where > 0

    qtbot.waitUntil(lambda: bool(view.summary_labels), timeout=30_000)
    assert not view.preparing and not pane.describing
    assert pane.detail is not None and pane.detail.described and pane.detail.summary
    assert view.citation_links()
    assert bar.value() == where  # the reader's place kept
    assert view.hasFocus()
    assert conn.execute("SELECT dirty FROM stories WHERE id = ?", (story_id,)).fetchone()[0] == 0
    conn.close()
