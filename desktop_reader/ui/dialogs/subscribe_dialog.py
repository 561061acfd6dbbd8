"""File ▸ Subscribe…: a feed URL or a site URL, what was found there, a folder.

Looking up the address runs in a task (the dialog stays responsive and can be
closed meanwhile); problems are shown in the dialog in plain words. Subscribing runs
in a task too, and stores the feed as the lookup read it: the feed is fetched once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_reader.core.reader import Reader
from desktop_reader.core.values import DiscoveredFeed, Feed, RefreshSummary
from desktop_reader.ui.tasks import Task, TaskContext, TaskRunner, user_message

if TYPE_CHECKING:  # the network stack loads when the dialog is used, not at start-up
    from desktop_reader.core.values import Fetcher

NO_FOLDER = "(no folder)"
_FORMATS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}


def format_name(code: str) -> str:
    for prefix, name in _FORMATS.items():
        if code.startswith(prefix):
            return name
    return code.upper() or "feed"


class SubscribeDialog(QDialog):
    sig_subscribed = Signal(object, object)  # the Feed, the RefreshSummary of its entries
    sig_lookup_done = Signal()  # results or an error are on screen

    def __init__(
        self,
        reader: Reader,
        runner: TaskRunner,
        fetcher: Fetcher,
        folders: list[str],
        parent: QWidget | None = None,
        folder: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Subscribe")
        self.setMinimumWidth(560)
        self._reader, self._runner, self._fetcher = reader, runner, fetcher
        self._task: Task[list[DiscoveredFeed]] | None = None
        self._found_for = ""  # the address whose feeds the list shows
        self._looking_for = ""
        self._subscribing: Task[tuple[Feed, RefreshSummary]] | None = None

        self.address = QLineEdit()
        self.address.setPlaceholderText("https://example.org/ or a feed address")
        self.find_button = QPushButton("Find Feeds")
        self.find_button.clicked.connect(self.look_up)
        self.address.returnPressed.connect(self._address_entered)
        row = QHBoxLayout()
        row.addWidget(self.address, 1)
        row.addWidget(self.find_button)

        self.results = QListWidget()
        self.results.setMinimumHeight(110)
        self.results.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.folder = QComboBox()
        self.folder.setEditable(True)  # type a new folder's name
        self.folder.addItems([NO_FOLDER, *folders])
        self.folder.setCurrentText(folder or NO_FOLDER)
        form = QFormLayout()
        form.addRow("Folder:", self.folder)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.subscribe_button = self.buttons.addButton(
            "Subscribe", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.subscribe_selected)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Address of a website or a feed:"))
        layout.addLayout(row)
        layout.addWidget(self.results)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_buttons()

    # ------------------------------------------------------------------ lookup

    def _address_entered(self) -> None:
        """Return in the address field: look it up, or, once its feeds are listed,
        subscribe to the chosen one (Return twice subscribes, as a user expects)."""
        if self.address.text().strip() == self._found_for and self.results.currentItem():
            self.subscribe_selected()
        else:
            self.look_up()

    def look_up(self) -> None:
        address = self.address.text().strip()
        if not address or self._task is not None:
            return
        self._found_for, self._looking_for = "", address
        self.results.clear()
        self._show_message("Looking for feeds…")
        self.find_button.setEnabled(False)
        fetcher = self._fetcher

        def work(ctx: TaskContext) -> list[DiscoveredFeed]:
            return ctx.reader.find_feeds(fetcher, address)

        self._task = self._runner.start(
            "find-feeds",
            work,
            on_finished=self._found,
            on_failed=self._failed,
            on_cancelled=self._cancelled,
        )

    def _found(self, found: list[DiscoveredFeed]) -> None:
        self._task = None
        self.find_button.setEnabled(True)
        for feed in found:
            text = f"{feed.title or feed.url}\n{feed.url} · {format_name(feed.format)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, feed)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
            self._found_for = self._looking_for
        count = len(found)
        self._show_message(
            f"Found {count} feed{'s' if count != 1 else ''}."
            + (" Choose one." if count > 1 else "")
        )
        self._update_buttons()
        self.sig_lookup_done.emit()

    def _cancelled(self) -> None:
        self._task = None
        self.find_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.find_button.setEnabled(True)
        self._show_message(user_message(error), error=True)
        self._update_buttons()
        self.sig_lookup_done.emit()

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if error else "")

    def _update_buttons(self) -> None:
        self.subscribe_button.setEnabled(
            self.results.currentItem() is not None and self._subscribing is None
        )

    # ------------------------------------------------------------------ subscribe

    def chosen_folder(self) -> str:
        text = self.folder.currentText().strip()
        return "" if text == NO_FOLDER else text.strip("/")

    def subscribe_selected(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        if self._subscribing is not None:
            return
        found: DiscoveredFeed = item.data(Qt.ItemDataRole.UserRole)
        folder, fetcher = self.chosen_folder(), self._fetcher

        def work(ctx: TaskContext) -> tuple[Feed, RefreshSummary]:
            return ctx.reader.subscribe_found(fetcher, found, folder=folder)

        self._show_message("Subscribing…")
        self._subscribing = self._runner.start(
            "subscribe",
            work,
            on_finished=self._subscribed,
            on_failed=self._subscribe_failed,
            on_cancelled=self._subscribe_failed,
        )
        self._update_buttons()

    def _subscribed(self, result: tuple[Feed, RefreshSummary]) -> None:
        self._subscribing = None
        self.sig_subscribed.emit(*result)
        self.accept()

    def _subscribe_failed(self, error: BaseException | None = None) -> None:
        self._subscribing = None
        self._show_message(user_message(error) if error else "Not subscribed.", error=True)
        self._update_buttons()

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()
        super().reject()
