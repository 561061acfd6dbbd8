"""Edit ▸ Undo / Redo in the window: every read and star change a user makes can be
undone to the exact states before it, counts and lists included, 20 actions deep."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader, SettingChange
from desktop_reader.core.values import STORY_OPEN_MARKS
from desktop_reader.ui.main_window import MainWindow
from desktop_reader.ui.models.article_list import ARTICLE_ID_ROLE, READ_ROLE, STARRED_ROLE
from desktop_reader.ui.models.story_list import UNREAD_ROLE
from tests.ui.conftest import add_feed_with_articles
from tests.ui.story_fixtures import demo_library, demo_template

_ = (demo_library, demo_template)


def _unread(window: MainWindow, key: str = "all") -> int:
    return window.feed_model.node(window.feed_model.find(key)).unread


def _listed_read(window: MainWindow) -> dict[int, bool]:
    """What the article list shows: article id -> drawn as read."""
    model = window.article_model
    return {
        model.index(r, 0).data(ARTICLE_ID_ROLE): model.index(r, 0).data(READ_ROLE)
        for r in range(model.rowCount())
    }


def _stored_read(window: MainWindow, ids: list[int]) -> dict[int, bool]:
    return {i: window.reader.article(i).read for i in ids}


def _window_on_articles(make_window, library: Library, read_first: int = 0):  # type: ignore[no-untyped-def]
    _a, ids_a = add_feed_with_articles(library, "Tide Watch", 12)
    _b, ids_b = add_feed_with_articles(library, "Hill Herald", 8)
    if read_first:
        earlier = Reader(library)  # read in an earlier session
        earlier.mark_read(ids_a[:read_first], True)
        earlier.close()
    window = make_window()
    window.show()
    window.stories.act_grouping.setChecked(False)  # feeds list articles
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    return window, ids_a, ids_b


def test_undo_is_named_disabled_when_empty_and_first_in_the_edit_menu(make_window, library) -> None:  # type: ignore[no-untyped-def]
    window, _ids_a, _ids_b = _window_on_articles(make_window, library)
    edit = window.menus.menu("edit")
    undo, redo = window.undo.act_undo, window.undo.act_redo
    assert edit.actions()[:2] == [undo, redo]
    assert undo.shortcut().toString() == "Ctrl+Z"
    assert not undo.isEnabled() and not redo.isEnabled()
    window.article_list.select_row(0)  # shown, so marked read
    assert undo.isEnabled() and undo.text().replace("&", "") == "Undo Mark Read"
    window.toggle_star()
    assert undo.text().replace("&", "") == "Undo Star"
    undo.trigger()
    assert undo.text().replace("&", "") == "Undo Mark Read"
    assert redo.isEnabled() and redo.text().replace("&", "") == "Redo Star"


def test_undo_mark_all_read_restores_exactly_the_unread_articles_and_counts(
    qtbot, make_window, library
) -> None:  # type: ignore[no-untyped-def]
    # Three read before: after undo they must still be read, the others unread again.
    window, ids_a, ids_b = _window_on_articles(make_window, library, read_first=3)
    everything = ids_a + ids_b
    before = _stored_read(window, everything)
    unread = _unread(window)
    assert unread == 17 and not window.undo.act_undo.isEnabled()

    window.activateWindow()
    window.act_mark_all.trigger()
    assert _unread(window) == 0
    assert all(_listed_read(window).values())
    notice = window.undo.notice
    assert notice.isVisible() and notice.label.text() == "Marked 17 articles read."
    assert window.undo.act_undo.text().replace("&", "") == "Undo Mark All Read"

    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()
    assert _stored_read(window, everything) == before
    assert _unread(window) == unread
    assert _listed_read(window) == before  # the rows are drawn unread again, in place

    window.undo.act_redo.trigger()
    assert _unread(window) == 0 and all(_listed_read(window).values())
    # The note stays only while its Undo would undo the Mark All Read it names.
    window.act_mark_all.trigger()
    assert not notice.isVisible()  # nothing left to mark: nothing to offer
    window.article_list.select_row(0)
    window.toggle_read()  # unread now
    window.act_mark_all.trigger()
    assert notice.isVisible() and notice.label.text() == "Marked 1 article read."
    window.toggle_star()
    assert not notice.isVisible()


def test_undo_of_a_feeds_mark_all_read_leaves_other_feeds_alone(make_window, library) -> None:  # type: ignore[no-untyped-def]
    window, ids_a, ids_b = _window_on_articles(make_window, library)
    feed_a = window.reader.feed_by_url("https://tidewatch.test/feed")
    window.select_feed(feed_a.id)
    window.mark_all_read()
    assert _unread(window) == len(ids_b)
    window.reader.mark_read(ids_b[:2], True)  # meanwhile, elsewhere
    window.undo.undo()  # the newest action: those two
    window.undo.undo()  # Mark All Read of Tide Watch
    assert _unread(window) == len(ids_a) + len(ids_b)
    assert not any(_stored_read(window, ids_a + ids_b).values())


def test_undo_toggle_and_star_restore_the_row_and_the_starred_count(make_window, library) -> None:  # type: ignore[no-untyped-def]
    window, ids_a, ids_b = _window_on_articles(make_window, library)
    window.article_list.select_row(2)
    article_id = window.article_list.current_id()
    assert window.reader.article(article_id).read
    window.toggle_read()  # M: unread again
    window.toggle_star()
    assert _unread(window, "starred") == 1
    window.undo.undo()  # the star
    assert _unread(window, "starred") == 0
    row = window.article_model.row_of(article_id)
    assert window.article_model.index(row, 0).data(STARRED_ROLE) is False
    window.undo.undo()  # the toggle: read again
    assert window.reader.article(article_id).read
    assert window.article_model.index(row, 0).data(READ_ROLE) is True
    window.undo.undo()  # being shown marked it read: unread, as it was
    assert not window.reader.article(article_id).read
    assert _unread(window) == len(ids_a) + len(ids_b)
    assert not window.undo.act_undo.isEnabled()


def test_twenty_actions_undo_one_by_one_in_reverse(qtbot, make_window, library) -> None:  # type: ignore[no-untyped-def]
    window, _ids_a, _ids_b = _window_on_articles(make_window, library)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.article_list.setFocus()
    for _ in range(20):  # J: each article shown is marked read, one action each
        qtbot.keyClick(window.article_list, Qt.Key.Key_J)
    shown_order = [window.article_model.index(r, 0).data(ARTICLE_ID_ROLE) for r in range(20)]
    assert _unread(window) == 0
    for n in range(20):
        qtbot.keyClick(window.article_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        # The newest first: after n+1 undos the last n+1 articles shown are unread again.
        stored = _stored_read(window, shown_order)
        assert [a for a in shown_order if not stored[a]] == shown_order[19 - n :]
        assert _unread(window) == n + 1
    assert not window.undo.act_undo.isEnabled()
    for _ in range(20):
        qtbot.keyClick(
            window.article_list,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert _unread(window) == 0


def test_undo_story_open_restores_the_story_and_its_articles(qtbot, demo_library, settings) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_library, settings=settings, refresh_minutes=0)
    qtbot.addWidget(window)
    try:
        window.show()
        window.reader.change_settings([SettingChange(STORY_OPEN_MARKS, "articles")])
        unread = _unread(window)
        stories = window.stories
        row = next(
            r
            for r in range(stories.model.rowCount())
            if stories.model.story_row(r).article_count > 1
        )
        story = stories.model.story_row(row)
        members = window.reader.story_member_ids(story.id)
        stories.list.select_row(row)
        assert _unread(window) == unread - len(members)
        assert stories.model.index(row).data(UNREAD_ROLE) is False
        assert window.undo.act_undo.text().replace("&", "") == "Undo Mark Story Read"
        window.undo.act_undo.trigger()
        assert _unread(window) == unread
        assert not any(window.reader.article(a).read for a in members)
        assert window.reader.story(story.id).row.seen_count == story.seen_count
        assert stories.model.index(row).data(UNREAD_ROLE) is True  # the row, in place
        # Mark All Read over the stories, then undo: every story and article back.
        window.mark_all_read()
        assert _unread(window, "top") == 0 or not any(
            stories.model.story_row(r).unread for r in range(stories.model.rowCount())
        )
        window.undo.act_undo.trigger()
        assert _unread(window) == unread
        assert stories.model.index(row).data(UNREAD_ROLE) is True
        # Starring the story is undone too.
        assert stories.pane.story_id == story.id
        stories.pane.star_button.click()
        assert window.reader.is_story_starred(story.id)
        assert window.undo.act_undo.text().replace("&", "") == "Undo Star Story"
        window.undo.act_undo.trigger()
        assert not window.reader.is_story_starred(story.id)
        assert not stories.pane.star_button.isChecked()  # the pane's star follows
    finally:
        window.shutdown()
