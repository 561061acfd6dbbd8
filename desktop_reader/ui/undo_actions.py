"""Edit ▸ Undo and Redo for read and starred changes, and the lists kept in step.

The `Reader` records every read/star change a user action makes (core/undo.py);
here the window gets the two actions, named after what they reverse ("Undo Mark All
Read") and disabled when there is nothing to undo, and the note offered after Mark All
Read. No confirmation before Mark All Read: it is undone as easily as it is done, and a
question asked every time trains a click through it (the peers NetNewsWire and Reeder
work this way too).

`restyle_articles` / `restyle_stories` are the dispatcher's part: rows named by a
`Changes` (an undo, a toggle elsewhere) are re-read from the library in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from desktop_reader.core.changes import Changes
from desktop_reader.core.reader import Reader
from desktop_reader.core.values import ReaderError, UndoableAction
from desktop_reader.ui.models.reader_list import ReaderListModel
from desktop_reader.ui.models.story_list import StoryListModel
from desktop_reader.ui.widgets.undo_notice import UndoNotice

if TYPE_CHECKING:
    from desktop_reader.ui.window_surface import ReaderWindow


def _keys(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    return QKeySequence.keyBindings(standard) or [QKeySequence(fallback)]


class UndoActions(QObject):
    def __init__(self, window: ReaderWindow) -> None:
        super().__init__(window)
        self.window = window
        menus = window.menus
        self.act_undo = menus.add("edit", "&Undo", self.undo)
        self.act_undo.setShortcuts(_keys(QKeySequence.StandardKey.Undo, "Ctrl+Z"))
        self.act_redo = menus.add("edit", "&Redo", self.redo)
        self.act_redo.setShortcuts(_keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z"))
        edit = menus.menu("edit")
        first = edit.actions()[0] if edit.actions() else None
        if first is not None and first is not self.act_undo:  # at the top, as everywhere
            edit.insertAction(first, self.act_undo)
            edit.insertAction(first, self.act_redo)
            edit.insertSeparator(first)
        self._offered: UndoableAction | None = None  # what the notice's Undo would undo
        self.notice = UndoNotice()
        self.notice.setObjectName("undo-notice")
        self.notice.sig_undo.connect(self.undo)
        # Permanent: a status message (a refresh ending) must not cover the Undo button.
        window.statusBar().insertPermanentWidget(0, self.notice)
        window.changes.sig_applied.connect(lambda _changes: self.update_actions())
        edit.aboutToShow.connect(self.update_actions)
        self.update_actions()

    def update_actions(self) -> None:
        reader = self.window.reader
        for action, verb, name in (
            (self.act_undo, "Undo", reader.undo_name),
            (self.act_redo, "Redo", reader.redo_name),
        ):
            action.setText(f"&{verb} {name}" if name else f"&{verb}")
            action.setEnabled(name is not None)
        if self.notice.isVisible() and reader.history.newest is not self._offered:
            self.notice.hide()  # another action came since: its Undo would undo that one

    def undo(self) -> None:
        name = self.window.reader.undo_name
        self._apply(self.window.reader.undo, f"Undone: {name}.")

    def redo(self) -> None:
        name = self.window.reader.redo_name
        self._apply(self.window.reader.redo, f"Redone: {name}.")

    def _apply(self, step: Callable[[], Changes], message: str) -> None:
        self.notice.hide()
        try:
            changes = step()
        except ReaderError as exc:  # the library is busy or unwritable: try again later
            self.window.statusBar().showMessage(f"Could not undo or redo: {exc}", 10_000)
            return
        if not changes:
            return
        self.window.changes.apply(changes)
        self.update_actions()
        self.window.statusBar().showMessage(message, 4000)

    def mark_all_read(self, mark: Callable[[], None]) -> None:
        """Run Mark All Read, then say what it did with an Undo button beside it."""
        history = self.window.reader.history
        previous = history.newest
        mark()
        action = history.newest
        if action is None or action is previous:
            self.window.statusBar().showMessage("Everything here was read already.", 5000)
            return
        self._offered = action
        marked = len(action.before.article_read)
        self.notice.show_notice(
            f"Marked {marked} article{'s' if marked != 1 else ''} read."
            if marked
            else "Marked the stories read."
        )


def restyle_articles(reader: Reader, model: ReaderListModel, article_ids: Iterable[int]) -> None:
    """Rows of these articles, if listed, take their read and starred state from the library."""
    shown = set(model.row_ids()).intersection(article_ids)
    if not shown:
        return
    state = reader.read_states(article_ids=shown)
    for article_id in shown:
        if article_id in state.article_read:
            model.mark(
                article_id,
                read=state.article_read[article_id],
                starred=state.article_starred[article_id],
            )


def restyle_stories(reader: Reader, model: StoryListModel, story_ids: Iterable[int]) -> None:
    """Rows of these stories, if listed, take their read state from the library."""
    shown = {i for i in story_ids if model.row_of(i) >= 0}
    if shown:
        state = reader.read_states(story_ids=shown)
        for story_id, seen in state.story_seen.items():
            model.set_seen(story_id, seen)


def install(window: ReaderWindow) -> UndoActions:
    return UndoActions(window)
