"""Story mode in the main window: Top Headlines and feeds listed as stories.

The middle and right panes become stacks: the article list and article view (reading
mode), or the story list and story pane (story mode). Top Headlines is always in story
mode; feeds and folders are too while View ▸ Group into Stories is on (the default);
All Articles, Starred and searches list articles. A story of a single article opens
that article directly: a summary of one article adds nothing to reading it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStackedWidget

from desktop_reader.core.changes import Changes
from desktop_reader.ui.focus import FocusRing, frame_on_focus
from desktop_reader.ui.models.item_list import reload_keeping_place
from desktop_reader.ui.models.story_list import STARRED_SCOPE, StoryListModel
from desktop_reader.ui.story_controller import StoryController
from desktop_reader.ui.undo_actions import restyle_stories
from desktop_reader.ui.widgets.story_list_view import StoryListView
from desktop_reader.ui.widgets.story_pane import StoryPane
from desktop_reader.ui.window_surface import PANE_PROPORTIONS

if TYPE_CHECKING:
    from desktop_reader.ui.window_surface import ReaderWindow

GROUPING_KEY = "view/group_into_stories"


class StoryMode(QObject):
    def __init__(self, window: ReaderWindow) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self.model = StoryListModel(window.reader, self)
        self.list = StoryListView()
        self.list.setAccessibleName("Stories")
        frame_on_focus(self.list)
        self.list.setModel(self.model)
        self.pane = StoryPane(window.reader, window.reader.media, runner=window.runner)
        # The story page shows the keyboard focus as the other panes do (after Back, or
        # Tab from the list, J/K and the digit keys act on it).
        self.focus_ring = FocusRing(self.pane.story_view)
        self.controller = StoryController(window.reader, self.model, self.list, self.pane, self)
        # The controller opens every story; a single-article one we show as the article.
        self.list.sig_story_selected.disconnect(self.controller.open_story)
        self.list.sig_story_selected.connect(self.open_story)
        self.controller.sig_changes.connect(lambda changes: window.changes.apply(changes))
        self.controller.sig_scope_changed.connect(
            lambda name: window.statusBar().showMessage(name, 8000)
        )
        self.pane.sig_article_opened.connect(self._article_opened)
        self.pane.sig_star_changed.connect(self._star_changed)
        self.pane.sig_followed.connect(self._followed)

        self.list_stack = QStackedWidget()
        self.reader_stack = QStackedWidget()
        window.splitter.replaceWidget(1, self.list_stack)
        window.splitter.replaceWidget(2, self.reader_stack)
        self.list_stack.addWidget(window.article_list)
        self.list_stack.addWidget(self.list)
        self.reader_stack.addWidget(window.article_view)
        self.reader_stack.addWidget(self.pane)
        # Before the window is shown, sizes are proportions; restate the window's own.
        window.splitter.setSizes(list(PANE_PROPORTIONS))

        self.act_grouping = QAction("&Group into Stories", window)
        self.act_grouping.setCheckable(True)
        self.act_grouping.setChecked(bool(window.settings.value(GROUPING_KEY, True, type=bool)))
        self.act_grouping.toggled.connect(self._grouping_toggled)
        self.act_mark_unread = self.controller.act_mark_unread
        self.act_back = self.controller.act_back
        self.act_forward = self.controller.act_forward
        for action in (self.act_mark_unread, self.act_back, self.act_forward):
            window.addAction(action)

    # ------------------------------------------------------------------ modes

    @property
    def grouping(self) -> bool:
        return self.act_grouping.isChecked()

    def show_top_headlines(self) -> None:
        self.model.show_top_headlines()
        self._activate(
            "Top Headlines: stories covered by several outlets appear here after a refresh."
        )

    def show_starred(self) -> None:
        self.model.show_starred()
        self._activate(
            "Star stories (S, or ☆ Star beside a headline) to keep them here; "
            "cleanup never removes them."
        )

    def show_feeds(self, feed_ids: Sequence[int], name: str) -> bool:
        """List these feeds' stories; False (and nothing shown) if they have none yet,
        e.g. while the first refresh is still grouping: the caller lists articles."""
        self.model.show_feeds(feed_ids, name)
        if self.model.rowCount() == 0:
            return False
        self._activate("No stories here yet.")
        return True

    def _activate(self, empty_message: str) -> None:
        self.active = True
        self.list_stack.setCurrentWidget(self.list)
        self.reader_stack.setCurrentWidget(self.pane)
        if self.model.rowCount() == 0:
            self.pane.show_message(empty_message)
        else:
            count = self.model.rowCount()
            more = "+" if self.model.canFetchMore() else ""
            noun = "story" if count == 1 and not more else "stories"
            self.pane.show_message(f"{count}{more} {noun}")

    def deactivate(self) -> None:
        self.active = False
        self.list_stack.setCurrentWidget(self.window.article_list)
        self.reader_stack.setCurrentWidget(self.window.article_view)

    def _grouping_toggled(self, on: bool) -> None:
        self.window.settings.setValue(GROUPING_KEY, on)
        index = self.window.feed_tree.currentIndex()
        self.window.show_tree_node(index)  # re-show the same node

    # ------------------------------------------------------------------ reading

    def open_story(self, story_id: int) -> None:
        row = self.model.story_row(self.list.currentIndex().row())
        if row is not None and row.id == story_id and row.article_count == 1:
            (article_id,) = self.window.reader.story_member_ids(story_id)
            # Its article is shown, so read: one click, one action to undo.
            with self.window.reader.undoable("Mark Story Read"):
                self.pane.open_article(article_id, new_trail=True)
                if row.unread:
                    self.controller.set_read(story_id, True)
            return
        self.controller.open_story(story_id)

    def _article_opened(self, article_id: int) -> None:
        article = self.window.reader.article(article_id)
        if article is not None and not article.read:
            self.window.changes.apply(self.window.reader.mark_read([article_id], True))

    def _followed(self, _gone: int, story_id: int) -> None:
        """A refresh merged the open story into another, which the pane shows now: the
        list selects it (quietly: it is open already) and the status bar says why."""
        if not self.active:  # the pane is out of sight: it shows the new story when back
            return
        row = self.model.row_of(story_id)
        if row >= 0:
            self.list.blockSignals(True)
            self.list.select_row(row)
            self.list.blockSignals(False)
        detail = self.pane.detail
        headline = detail.row.headline if detail is not None else ""
        self.window.statusBar().showMessage(
            f"The story you were reading was merged into “{headline}”.", 15_000
        )

    def toggle_star(self) -> None:
        story_id = self.list.current_id()
        if story_id is not None:
            self.pane.toggle_star(story_id)

    def _star_changed(self, story_id: int, _on: bool) -> None:
        # Starred ▸ Stories and its count
        self.window.changes.apply(Changes.of(stories=[story_id], starred=True))
        if self.model.scope_name == STARRED_SCOPE:
            self.reload()

    def next(self) -> bool:
        return self.list.move_by(1)

    def previous(self) -> bool:
        return self.list.move_by(-1)

    def next_unread(self) -> bool:
        found = self.list.next_unread()
        if not found:
            self.window.statusBar().showMessage("No more unread stories here.", 5000)
        return found

    def previous_unread(self) -> bool:
        found = self.list.previous_unread()
        if not found:
            self.window.statusBar().showMessage("No unread stories above this one.", 5000)
        return found

    def toggle_read(self) -> None:
        story_id = self.list.current_id()
        row = self.model.story_row(self.list.currentIndex().row())
        if story_id is not None and row is not None:
            self.controller.set_read(story_id, row.unread)

    def mark_all_read(self) -> None:
        """Every story listed (all pages, not only those loaded) and its articles."""
        while self.model.canFetchMore():
            self.model.fetchMore()
        changes = Changes()
        with self.window.reader.undoable("Mark All Read"):
            for row in range(self.model.rowCount()):
                item = self.model.story_row(row)
                if item is not None and item.unread:
                    changes |= self.window.reader.mark_story_read(item.id, True)
        self.model.mark_all_read()
        self.window.changes.apply(changes)

    def open_original(self) -> bool:
        """Open the article being read in the story pane, if any, in the browser."""
        if self.pane.currentWidget() is not self.pane.cited:
            return False
        self.pane.cited.open_original()
        return True

    def changes_applied(self, changes: Changes) -> None:
        """The dispatcher's call: stories grew (or everything changed) — re-read the list;
        else the stories named (an undo, say) take their stored read state."""
        if changes.everything or (changes.stories and changes.content):
            self.reload()
        elif changes.stories:
            restyle_stories(self.window.reader, self.model, changes.stories)

    def open_story_changed(self, changes: Changes) -> None:
        """The dispatcher's call: the story open (or the article cited in it) may have grown,
        been retitled or had its pictures arrive. Read-state changes name stories too, but
        the pane does not draw read state: those cost it nothing."""
        if changes.everything or changes.content:
            self.pane.refresh()
        if self.pane.story_id in changes.stories or changes.everything:
            self.pane.refresh_star()

    def reload(self) -> None:
        if self.active:
            # Keep the selection without re-rendering the story being read.
            reload_keeping_place(self.model, self.list, quietly=True)


def install(window: ReaderWindow) -> StoryMode:
    return StoryMode(window)
