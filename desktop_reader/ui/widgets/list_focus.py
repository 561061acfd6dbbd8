"""Lists that open what is chosen, and nothing merely because they got the focus.

Qt's item views make the first row current when they gain the keyboard focus with no
current row (after their model was reset, say). Our lists open — and mark read — the
current row, so a focus that merely passed by (the welcome page or the refresh's Cancel
button hiding, Tab) opened and marked an article nobody chose. Here the focus arrives
and no row becomes current; the next Down, J or click chooses one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView


def focus_in_without_choosing(view: QAbstractItemView, event: QFocusEvent,
                              base: Callable[[QFocusEvent], None]) -> None:
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
