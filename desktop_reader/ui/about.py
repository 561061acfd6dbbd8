"""Help ▸ About Desktop Reader: the version, the licence, and where the library lives.

The data folder is the one this window's library is in (not merely the default), so
a reader moving or backing up their library knows what to copy.
"""

from __future__ import annotations

import importlib.metadata
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox

from desktop_reader import APP_ID, APP_NAME, __version__

if TYPE_CHECKING:
    from desktop_reader.ui.window_surface import ReaderWindow

LICENCE = "GPL-3.0-or-later"  # as pyproject.toml declares it (read from there when installed)
LICENCE_NAMES = {"GPL-3.0-or-later": "GNU General Public License, version 3 or later"}


def licence() -> str:
    """The licence the installed package declares, in words."""
    try:
        declared = importlib.metadata.metadata(APP_ID)["License-Expression"] or LICENCE
    except importlib.metadata.PackageNotFoundError:
        declared = LICENCE
    return f"{LICENCE_NAMES.get(declared, declared)} ({declared})"


class About(QObject):
    def __init__(self, window: ReaderWindow) -> None:
        super().__init__(window)
        self.window = window
        self.action = window.menus.add("help", f"&About {APP_NAME}", self.show)
        self.action.setMenuRole(QAction.MenuRole.AboutRole)

    def show(self) -> QMessageBox:
        w = self.window
        folder = w.library.root
        box = QMessageBox(QMessageBox.Icon.NoIcon, f"About {APP_NAME}", "", parent=w)
        box.setObjectName("about")
        box.setIconPixmap(w.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            f"<h3>{APP_NAME} {escape(__version__)}</h3>"
            "<p>A private, offline-first news reader: feeds, full articles and "
            "stories are kept on this computer.</p>"
            f"<p><b>Licence:</b> {escape(licence())}</p>"
            f"<p><b>Data folder:</b><br>{escape(str(folder))}</p>"
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_folder = box.addButton("Open Data Folder", QMessageBox.ButtonRole.ActionRole)
        copy = box.addButton("Copy Path", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        # Action buttons close the box too; that is fine for both.
        open_folder.clicked.connect(lambda: self._open_folder(str(folder)))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(str(folder)))
        box.open()
        return box

    def _open_folder(self, folder: str) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(folder)):
            self.window.statusBar().showMessage(
                f"No file manager could be started; the data folder is {folder}", 15_000
            )


def install(window: ReaderWindow) -> About:
    return About(window)
