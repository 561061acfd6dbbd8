"""The status bar's refresh indicator: what is happening, a progress bar, Cancel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop_reader.core.values import RefreshProgress


class RefreshStatus(QWidget):
    sig_cancel = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.sig_cancel.emit)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    def start(self, text: str = "Refreshing feeds…") -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first progress report says how many
        self.cancel_button.setEnabled(True)
        self.setVisible(True)

    def update_progress(self, progress: RefreshProgress) -> None:
        if progress.total > 0:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(progress.done)
            self.bar.setFormat(f"{progress.done} / {progress.total}")
        if progress.done == 0 and progress.message:
            self.label.setText(progress.message)

    def stop(self) -> None:
        self.setVisible(False)
