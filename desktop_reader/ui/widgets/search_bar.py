"""The search field: results as you type, in every feed or in the selected folder/feed.

Typing restarts a short timer; when the user pauses (150 ms) `sig_search` carries
the words and the chosen scope. An empty field means "no search" (back to the list
of the selected feed), sent at once without waiting for a pause. Escape clears the field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QToolButton, QWidget

DEBOUNCE_MS = 150
EVERYWHERE, SELECTION = 0, 1


class SearchField(QLineEdit):
    sig_escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.sig_escape.emit()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    sig_search = Signal(str, bool)  # words ("" = no search), True = in the selection only
    sig_save = Signal(str, bool)  # save these words as a search in the tree

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = SearchField()
        self.field.setPlaceholderText("Search titles and text")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(260)
        self.field.setAccessibleName("Search")
        self.scope = QComboBox()
        self.scope.addItems(["Everywhere", "In selection"])
        self.scope.setToolTip("Search every feed, or only the selected folder or feed")
        self.save_button = QToolButton()
        self.save_button.setText("Save")
        self.save_button.setToolTip("Keep this search in the feed list")
        self.save_button.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.scope)
        layout.addWidget(self.save_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self.field.textChanged.connect(self._typed)
        self.scope.currentIndexChanged.connect(lambda _i: self._emit_if_searching())
        self.save_button.clicked.connect(
            lambda: self.sig_save.emit(self.text(), self.in_selection())
        )

    def text(self) -> str:
        return " ".join(self.field.text().split())

    def in_selection(self) -> bool:
        return self.scope.currentIndex() == SELECTION

    def focus(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def clear(self) -> None:
        self.field.clear()

    def _typed(self, _text: str) -> None:
        self.save_button.setEnabled(bool(self.text()))
        if self.text():
            self._timer.start()
        else:  # cleared: the previous list comes back at once, no pause to wait for
            self._emit()

    def _emit_if_searching(self) -> None:
        if self.text():
            self._emit()

    def _emit(self) -> None:
        self._timer.stop()
        self.sig_search.emit(self.text(), self.in_selection())
