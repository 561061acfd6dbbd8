"""Opening a `feed:` link or a feed file: ask first, then subscribe and fetch.

The desktop hands us these from a browser or a file manager, so nothing is
added without the user saying yes. The question is a window-modal message box
opened without a nested event loop, so a second launch can hand over another
request while one is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_reader import APP_NAME
from desktop_reader.core.values import ReaderError
from desktop_reader.open_request import FeedRequest, feed_request
from desktop_reader.ui import library_actions

if TYPE_CHECKING:
    from desktop_reader.single_instance import SingleInstance
    from desktop_reader.ui.window_surface import ReaderWindow

SUBSCRIBE = "Subscribe"


def raise_window(window: ReaderWindow) -> None:
    """Bring the window to the front (un-minimised), as a second launch expects."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def follow_instance(window: ReaderWindow, guard: SingleInstance) -> None:
    """Later launches raise this window and pass on what they were asked to open."""

    def received(argument: str) -> None:
        raise_window(window)
        if argument:
            ask_to_subscribe(window, argument)

    guard.sig_received.connect(received)


def ask_to_subscribe(window: ReaderWindow, argument: str) -> QMessageBox:
    """Show what `argument` would subscribe to and subscribe on "Subscribe".

    Returns the (already open) box, so callers and tests can see or answer it.
    """
    try:
        request = feed_request(argument)
    except ReaderError as exc:
        return _open(window, QMessageBox.Icon.Warning, "Cannot Subscribe", str(exc))
    existing = window.reader.feed_by_url(request.url)
    if existing is not None:
        window.select_feed(existing.id)
        return _open(
            window,
            QMessageBox.Icon.Information,
            "Already Subscribed",
            f"You already follow “{existing.title or request.url}”.",
        )
    name = f"“{request.title}”\n{request.url}" if request.title else request.url
    box = _open(
        window,
        QMessageBox.Icon.Question,
        "Subscribe to Feed?",
        f"Subscribe to this feed?\n\n{name}",
        confirm=True,
    )
    box.buttonClicked.connect(
        lambda button: _subscribe(window, request) if button is box.property("confirm") else None
    )
    return box


def _subscribe(window: ReaderWindow, request: FeedRequest) -> None:
    try:
        feed, _changes = window.reader.subscribe(request.url, title=request.title)
    except ReaderError as exc:
        QMessageBox.warning(window, "Subscribe", str(exc))
        return
    library_actions.subscribed(window, feed)


def _open(
    window: ReaderWindow, icon: QMessageBox.Icon, title: str, text: str, *, confirm: bool = False
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, window)
    box.setWindowTitle(f"{title} — {APP_NAME}")
    box.setObjectName("confirm-subscribe")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if confirm:
        button = box.addButton(SUBSCRIBE, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(button)
        box.setProperty("confirm", button)
    else:
        box.addButton(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box
