"""The tray icon: unread count in its tooltip and badge, one notification per refresh.

Shown only where the desktop has a system tray. Clicking it raises the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop_reader import APP_NAME
from desktop_reader.core.values import StoryAlert, alert_text
from desktop_reader.ui.icons import icon

ICON_SIZE = 64


def badge_icon(base: QIcon, count: int) -> QIcon:
    """The app icon with the unread count in a red badge (99+ above 99)."""
    pixmap = base.pixmap(ICON_SIZE, ICON_SIZE)
    if pixmap.isNull():
        pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
        pixmap.fill(QColor("#5c6f87"))
    if count <= 0:
        return QIcon(pixmap)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRect(ICON_SIZE // 3, 0, ICON_SIZE * 2 // 3, ICON_SIZE // 2)
    painter.setBrush(QColor("#d93025"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(ICON_SIZE // 3)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge_text(count))
    painter.end()
    return QIcon(pixmap)


def badge_text(count: int) -> str:
    return "99+" if count > 99 else str(count)


class ReaderTray(QObject):
    sig_activated = Signal()
    sig_quit = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.unread = -1
        self.tray = QSystemTrayIcon(icon("app"), self)
        menu = QMenu()
        menu.addAction("Show Desktop Reader", self.sig_activated.emit)
        menu.addAction("Quit", self.sig_quit.emit)
        self._menu = menu
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(self._activated)
        self.set_unread(0)
        self.last_message: tuple[str, str] = ("", "")

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        if self.available():
            self.tray.show()

    def hide(self) -> None:
        self.tray.hide()

    def set_unread(self, count: int) -> None:
        if count == self.unread:
            return
        self.unread = count
        self.tray.setIcon(badge_icon(icon("app"), count))
        self.tray.setToolTip(f"{APP_NAME}: {count} unread" if count else f"{APP_NAME}: all read")

    def notify(self, alerts: list[StoryAlert]) -> bool:
        """One message for the stories that just became broad; False if none shown."""
        title, message = alert_text(alerts)
        if not title:
            return False
        self.last_message = (title, message)
        if not (self.tray.isVisible() and QSystemTrayIcon.supportsMessages()):
            return False
        self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 10_000)
        return True

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.sig_activated.emit()
