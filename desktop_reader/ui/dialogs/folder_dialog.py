"""Feed ▸ Move to Folder…: pick an existing folder or type a new one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

NO_FOLDER = "(no folder)"


class FolderDialog(QDialog):
    def __init__(
        self, feed_title: str, folders: list[str], current: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Move to Folder")
        self.folder = QComboBox()
        self.folder.setEditable(True)
        self.folder.addItems([NO_FOLDER, *folders])
        self.folder.setCurrentText(current or NO_FOLDER)
        self.folder.setAccessibleName("Folder")
        line = self.folder.lineEdit()
        if line is not None:  # the typed part of the combo is what a screen reader enters
            line.setAccessibleName("Folder name")
            line.setAccessibleDescription("Choose a folder or type a new one")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        prompt = QLabel(f"Move “{feed_title}” to the &folder:")
        prompt.setBuddy(self.folder)  # Alt+F goes to the combo
        layout.addWidget(prompt)
        layout.addWidget(self.folder)
        layout.addWidget(buttons)

    def chosen_folder(self) -> str:
        text = self.folder.currentText().strip()
        return "" if text == NO_FOLDER else text.strip("/")

    @classmethod
    def ask(
        cls, feed_title: str, folders: list[str], current: str, parent: QWidget | None = None
    ) -> str | None:
        """The folder chosen ("" = none), or None if the user cancelled."""
        dialog = cls(feed_title, folders, current, parent)
        return dialog.chosen_folder() if dialog.exec() == QDialog.DialogCode.Accepted else None
