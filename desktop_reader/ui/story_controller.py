"""Story mode glue: the story list, the story pane and story-level read state.

Selecting a story shows it and marks it read: the story alone by default (each article
is marked as it is shown), or its member articles too when Preferences say so
(`Reader.story_opened`); "Mark story unread" reverses that, and Edit ▸ Undo too.
Clicking an entity chip lists the stories naming it. The actions (next/previous story,
next unread, mark unread, back) carry default keys; the window adds them to its menus.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence

from desktop_reader.core.changes import Changes
from desktop_reader.core.reader import Reader
from desktop_reader.ui.models.story_list import StoryListModel
from desktop_reader.ui.widgets.story_list_view import StoryListView
from desktop_reader.ui.widgets.story_pane import StoryPane


class StoryController(QObject):
    sig_read_changed = Signal(int, bool, list)  # story id, read, member article ids
    sig_scope_changed = Signal(str)  # the list now shows this ("Stories about X")
    sig_changes = Signal(object)  # Changes written here (for the window's dispatcher)

    def __init__(
        self,
        reader: Reader,
        model: StoryListModel,
        view: StoryListView,
        pane: StoryPane,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader, self.model, self.view, self.pane = reader, model, view, pane
        view.sig_story_selected.connect(self.open_story)
        pane.sig_entity_clicked.connect(self.show_entity)
        self.act_next = self._action("Next Story", "J", lambda: self.view.move_by(1))
        self.act_previous = self._action("Previous Story", "K", lambda: self.view.move_by(-1))
        self.act_next_unread = self._action("Next Unread Story", "N", self.view.next_unread)
        self.act_previous_unread = self._action(
            "Previous Unread Story", "P", self.view.previous_unread
        )
        self.act_mark_unread = self._action("Mark Story Unread", "U", self.mark_unread)
        # Back and Forward walk the pane's trail: story ⇄ cited article.
        self.act_back = self._action("Back", "Alt+Left", self.pane.back)
        self.act_forward = self._action("Forward", "Alt+Right", self.pane.forward)
        pane.sig_trail_changed.connect(self._trail_changed)
        self._trail_changed()

    def _action(self, text: str, key: str, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _trail_changed(self) -> None:
        self.act_back.setEnabled(self.pane.history.can_go_back())
        self.act_forward.setEnabled(self.pane.history.can_go_forward())

    def actions(self) -> list[QAction]:
        return [
            self.act_next,
            self.act_previous,
            self.act_next_unread,
            self.act_previous_unread,
            self.act_mark_unread,
            self.act_back,
            self.act_forward,
        ]

    def open_story(self, story_id: int) -> None:
        if story_id < 0:
            self.pane.show_message("Select a story to read it.")
            return
        detail = self.pane.show_story(story_id)
        if detail is not None and detail.row.unread:
            self._read_changed(story_id, True, self._reader.story_opened(story_id))

    def set_read(self, story_id: int, read: bool) -> None:
        """Mark a story read or unread, its articles too as Preferences say."""
        self._read_changed(
            story_id,
            read,
            self._reader.mark_story_read(
                story_id, read, with_articles=self._reader.story_marks_articles()
            ),
        )

    def _read_changed(self, story_id: int, read: bool, changes: Changes) -> None:
        self.model.mark(story_id, read)
        self.sig_read_changed.emit(story_id, read, sorted(changes.articles))
        self.sig_changes.emit(changes)

    def mark_unread(self) -> None:
        story_id = self.view.current_id()
        if story_id is not None:
            self.set_read(story_id, False)

    def show_entity(self, name: str) -> None:
        self.model.show_entity(name)
        self.sig_scope_changed.emit(self.model.scope_name)
