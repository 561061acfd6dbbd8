"""Lists that open what is chosen, and nothing merely because they got the focus or a
right-click.

Qt's item views make the first row current when they gain the keyboard focus with no
current row (after their model was reset, say). Our lists open — and mark read — the
current row, so a focus that merely passed by (the welcome page or the refresh's Cancel
button hiding, Tab) opened and marked an article nobody chose. Here the focus arrives
and no row becomes current; the next Down, J or click chooses one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView


def focus_in_without_choosing(
    view: QAbstractItemView, event: QFocusEvent, base: Callable[[QFocusEvent], None]
) -> None:
    """Run the view's own focusInEvent (`base`) but undo its choice of a current row."""
    selection = view.selectionModel()
    if selection is None or view.currentIndex().isValid():
        base(event)
        return
    was_blocked = selection.blockSignals(True)  # no currentRowChanged: nothing opens
    try:
        base(event)
        selection.clearCurrentIndex()
    finally:
        selection.blockSignals(was_blocked)
    view.viewport().update()


class MenuPick:
    """A right-click makes its row current, for the context menu to act on, and opens
    nothing: opening a story or article marks it read, which the menu may be about to
    do or not. A later left-click on that row opens it (the row was current already, so
    Qt says nothing of it). The view routes its current-row changes through
    `current_changed` and its mouse presses through `mouse_press`."""

    def __init__(self, view: QAbstractItemView, choose: Callable[[QModelIndex], None]) -> None:
        self._view, self._choose = view, choose
        self._right_press = False
        self.unopened = False  # the current row was picked for a menu, not opened

    def mouse_press(self, event: QMouseEvent, base: Callable[[QMouseEvent], None]) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            self._right_press = True
            try:
                base(event)
            finally:
                self._right_press = False
            return
        before = self._view.currentIndex()
        base(event)
        current = self._view.currentIndex()
        if (
            self.unopened
            and event.button() == Qt.MouseButton.LeftButton
            and current.isValid()
            and current == before
        ):
            self.current_changed(current)

    def pick(self, index: QModelIndex) -> None:
        """Make a row current for its context menu (the menu key, say), opening nothing."""
        self._right_press = True
        try:
            self._view.setCurrentIndex(index)
        finally:
            self._right_press = False

    def current_changed(self, current: QModelIndex) -> None:
        if self._right_press:
            self.unopened = True
            return
        self.unopened = False
        self._choose(current)
