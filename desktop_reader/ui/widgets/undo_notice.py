"""A status-bar note after a sweeping change ("Marked 412 articles read.") with Undo."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

NOTICE_MS = 12_000  # long enough to notice and reach for the button


class UndoNotice(QWidget):
    sig_undo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.button = QPushButton("Undo")
        self.button.setAccessibleName("Undo")
        self.button.clicked.connect(self._undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_notice(self, text: str) -> None:
        self.label.setText(text)
        # A screen reader is told the note itself (it appears without the focus moving
        # there, so it is raised as an alert) and what the button beside it undoes.
        self.setAccessibleName(text)
        self.setAccessibleDescription("Undo is beside it, in the status bar")
        self.button.setAccessibleDescription(f"Undo: {text}")
        self.show()
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))
        self._timer.start(NOTICE_MS)

    def _undo(self) -> None:
        self.hide()
        self.sig_undo.emit()
