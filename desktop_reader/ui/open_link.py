"""Handing a link to the system browser, and saying so when there is none.

`QDesktopServices.openUrl` returns False when no browser could be started (no
xdg-open on a bare desktop, no handler registered): instead of failing silently the
reader is told, and offered the link on the clipboard.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

NO_BROWSER_TITLE = "No Web Browser Found"


def open_in_browser(url: str, parent: QWidget | None) -> bool:
    """Open `url` in the system browser; if that fails, say so (window-modal, not
    blocking) and offer Copy Link. Returns whether the browser was started."""
    if QDesktopServices.openUrl(QUrl(url)):
        return True
    box = QMessageBox(
        QMessageBox.Icon.Information,
        NO_BROWSER_TITLE,
        "No web browser could be started to open this link:",
        parent=parent,
    )
    box.setObjectName("no-browser")
    box.setInformativeText(
        f"{url}\n\nCopy the link and paste it into a browser yourself, "
        "or set a default browser for your desktop."
    )
    copy = box.addButton("Copy Link", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(copy)
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(url))
    box.open()
    return False
