"""What the File and Feed menus (and the welcome page) do to the library.

Functions of the main window, kept apart so the window module stays about
layout and reading. Slow work (OPML import, the demo library) runs in tasks;
single-row changes (rename, move, unsubscribe) are quick writes on the GUI's
connection. Every failure is shown in plain words; nothing raises into Qt.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from desktop_reader.core.changes import Changes
from desktop_reader.core.values import Feed, OpmlImport, OutlineFeed, ReaderError, RefreshSummary
from desktop_reader.ui.dialogs.folder_dialog import FolderDialog
from desktop_reader.ui.dialogs.subscribe_dialog import SubscribeDialog
from desktop_reader.ui.models.feed_tree import FEED_ID_ROLE, FOLDER_ROLE
from desktop_reader.ui.tasks import TaskContext, user_message

if TYPE_CHECKING:
    from desktop_reader.ui.window_surface import ReaderWindow


def connect_welcome(window: ReaderWindow) -> None:
    welcome = window.welcome
    welcome.sig_subscribe.connect(lambda: subscribe(window))
    welcome.sig_import_opml.connect(lambda: import_opml(window))
    welcome.sig_open_demo.connect(lambda: open_demo(window))
    welcome.sig_subscribe_starter.connect(lambda chosen: subscribe_starter(window, chosen))


def _error(window: ReaderWindow, title: str, message: str) -> None:
    QMessageBox.warning(window, title, message)


# ---------------------------------------------------------------------- subscribing


def subscribe_dialog(window: ReaderWindow) -> SubscribeDialog:
    folder = window.feed_tree.currentIndex().data(FOLDER_ROLE) or ""
    dialog = SubscribeDialog(
        window.reader,
        window.runner,
        window.refresher.fetcher,
        window.reader.folders(),
        window,
        folder=folder,
    )
    dialog.sig_subscribed.connect(lambda feed, summary: stored(window, feed, summary))
    return dialog


def subscribe(window: ReaderWindow) -> None:
    subscribe_dialog(window).open()


def subscribed(window: ReaderWindow, feed: Feed) -> None:
    """A new feed: show it at once, then fetch it."""
    window.changes.apply(Changes.of(feeds=[feed.id], feed_list=True))
    window.select_feed(feed.id)
    window.refresher.refresh([feed.id])


def stored(window: ReaderWindow, feed: Feed, summary: RefreshSummary) -> None:
    """A new feed whose entries are stored already (the subscribe dialog's lookup read
    it): show it, then fetch its pages as after a refresh."""
    window.changes.apply(Changes.of(feeds=[feed.id], feed_list=True))
    window.select_feed(feed.id)
    window.refresher.stored(summary)


def subscribe_starter(window: ReaderWindow, chosen: list[OutlineFeed]) -> None:
    try:
        added, changes = window.reader.subscribe_all(chosen)
    except ReaderError as exc:
        _error(window, "Subscribe", str(exc))
        return
    window.changes.apply(changes)
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
    window.refresher.refresh([f.id for f in added])


# ---------------------------------------------------------------------- OPML


def import_opml(window: ReaderWindow, path: str | None = None) -> None:
    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            window, "Import OPML", str(Path.home()), "OPML files (*.opml *.xml);;All files (*)"
        )
    if not path:
        return
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        _error(window, "Import OPML", f"Cannot read {path}: {exc.strerror or exc}")
        return

    def work(ctx: TaskContext) -> tuple[OpmlImport, Changes]:
        return ctx.reader.import_opml(data)

    def done(result: tuple[OpmlImport, Changes]) -> None:
        report, changes = result
        window.changes.apply(changes)
        window.statusBar().showMessage(report.message(), 20_000)
        if report.skipped or report.recovered:
            # Not modal: the import is done, this only says what was left out and why.
            box = QMessageBox(
                QMessageBox.Icon.Information,
                "Import OPML",
                report.message(),
                QMessageBox.StandardButton.Ok,
                window,
            )
            box.setObjectName("opml-import-report")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        added = report.added
        if added:
            window.refresher.refresh()

    window.runner.start(
        "import-opml",
        work,
        on_finished=done,
        on_failed=lambda e: _error(window, "Import OPML", user_message(e)),
    )


def export_opml(window: ReaderWindow, path: str | None = None) -> bool:
    if path is None:
        path, _ = QFileDialog.getSaveFileName(
            window, "Export OPML", str(Path.home() / "subscriptions.opml"), "OPML files (*.opml)"
        )
    if not path:
        return False
    try:
        Path(path).write_bytes(window.reader.export_opml())
    except (OSError, ReaderError) as exc:
        _error(window, "Export OPML", f"Cannot write {path}: {exc}")
        return False
    window.statusBar().showMessage(f"Exported the subscriptions to {path}.", 10_000)
    return True


# ---------------------------------------------------------------------- demo


def open_demo(window: ReaderWindow) -> None:
    """Load the bundled demo library (offline) into this library."""

    def work(ctx: TaskContext) -> tuple[int, Changes]:
        return ctx.reader.load_demo()  # Pillow etc. load only when asked

    def done(result: tuple[int, Changes]) -> None:
        count, changes = result
        window.changes.apply(changes)
        # Its lists are shown; what to read is the reader's choice (nothing opened or marked).
        top = window.reader.count_stories(top_only=True) > 0
        window.feed_tree.setCurrentIndex(window.feed_model.find("top" if top else "all"))
        window.statusBar().showMessage(f"Opened the demo library ({count} articles).", 10_000)

    window.statusBar().showMessage("Opening the demo library…")
    window.runner.start(
        "demo",
        work,
        on_finished=done,
        on_failed=lambda e: _error(window, "Demo Library", user_message(e)),
    )


# ---------------------------------------------------------------------- one feed


def _selected_feed(window: ReaderWindow) -> Feed | None:
    feed_id = window.feed_tree.currentIndex().data(FEED_ID_ROLE)
    feed = window.reader.feed(feed_id) if feed_id is not None else None
    if feed is None:
        window.statusBar().showMessage("Select a feed first.", 5000)
    return feed


def rename_feed(window: ReaderWindow, new_title: str | None = None) -> None:
    feed = _selected_feed(window)
    if feed is None:
        return
    if new_title is None:
        new_title, ok = QInputDialog.getText(
            window, "Rename Feed", "Name:", QLineEdit.EchoMode.Normal, feed.title
        )
        if not ok:
            return
    try:
        changes = window.reader.rename_feed(feed.id, new_title)
    except ReaderError as exc:
        _error(window, "Rename Feed", str(exc))
        return
    window.changes.apply(changes)


def move_feed(window: ReaderWindow, folder: str | None = None) -> None:
    feed = _selected_feed(window)
    if feed is None:
        return
    if folder is None:
        folder = FolderDialog.ask(feed.title, window.reader.folders(), feed.folder, window)
        if folder is None:
            return
    try:
        changes = window.reader.move_feed(feed.id, folder)
    except ReaderError as exc:
        _error(window, "Move to Folder", str(exc))
        return
    window.changes.apply(changes)
    window.select_feed(feed.id)


def unsubscribe(window: ReaderWindow, *, confirm: bool = True) -> None:
    feed = _selected_feed(window)
    if feed is None:
        return
    if confirm:
        answer = QMessageBox.question(
            window,
            "Unsubscribe",
            f"Unsubscribe from “{feed.title}”?\n\nIts articles are removed from the library "
            "(articles other feeds also list are kept).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
    window.changes.apply(window.reader.unsubscribe(feed.id))
    window.feed_tree.setCurrentIndex(window.feed_model.find("all"))
