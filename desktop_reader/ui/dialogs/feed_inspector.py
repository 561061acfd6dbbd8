"""Feed ▸ Properties…: one feed's address, site, status and its own settings.

The address can be edited: a changed one is checked and stored through the Reader (the
feed keeps its articles, title and folder) and fetched afresh at once. The status shows
the last error in full, with Retry, and says so when the last refresh could not reach
the feed because the machine seemed offline (and when it was last reached). The refresh
interval and full-article download can follow the global preference or be set for this
feed alone.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_reader.core.changes import Changes
from desktop_reader.core.reader import Reader, SettingChange
from desktop_reader.core.values import FETCH_FULL, REFRESH_MINUTES, Feed, FeedStatus, ReaderError

FOLLOW_DEFAULT = -1  # the interval box's "use the global preference"
_STATUS_WORDS = {
    FeedStatus.NEW: "Not fetched yet",
    FeedStatus.OK: "OK",
    FeedStatus.WARNING: "Works, with a warning",
    FeedStatus.ERROR: "Failing",
    FeedStatus.GONE: "Gone — the server says the feed was removed",
}


def when_text(moment: datetime | None, now: datetime | None = None) -> str:
    """ "Never", "just now", "12 min ago", "3 h ago", else the date: how long ago, in words."""
    if moment is None:
        return "Never"
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    local = moment.astimezone().strftime("%d %b %Y, %H:%M")
    if seconds < 60:
        return f"Just now ({local})"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago ({local})"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago ({local})"
    return local


class FeedInspector(QDialog):
    sig_changes = Signal(object)  # Changes written here, for the window's dispatcher
    sig_refresh = Signal(int)  # fetch this feed now (Retry, or a new address)

    def __init__(self, reader: Reader, feed_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feed-inspector")
        self.reader, self.feed_id = reader, feed_id
        self.setMinimumWidth(520)

        self.title = QLabel()
        self.title.setObjectName("feed-inspector-title")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.address_error = QLabel()
        self.address_error.setObjectName("feed-inspector-address-error")
        self.address_error.setWordWrap(True)
        self.address_error.setStyleSheet("color: palette(highlight);")
        self.address_error.hide()
        self.address = QLineEdit()
        self.address.setAccessibleName("Feed address")
        self.address.textEdited.connect(lambda _t: self.address_error.hide())
        self.site = QLabel()
        self.site.setOpenExternalLinks(True)
        self.site.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.status = QLabel()
        self.status.setObjectName("feed-inspector-status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry = QPushButton("&Retry Now")
        self.retry.setToolTip("Fetch this feed now")
        self.retry.clicked.connect(self._retry)
        self.updated = QLabel()
        self.updated.setObjectName("feed-inspector-checked")
        self.reached = QLabel()
        self.reached.setObjectName("feed-inspector-reached")

        self.interval = QSpinBox()
        self.interval.setAccessibleName("Refresh interval")
        self.interval.setRange(FOLLOW_DEFAULT, 7 * 24 * 60)
        self.interval.setSuffix(" min")
        self.full = QComboBox()
        self.full.setAccessibleName("Full articles")

        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignTop)
        form = QFormLayout()
        form.addRow("&Address:", self.address)
        form.addRow("", self.address_error)
        form.addRow("Site:", self.site)
        form.addRow("Status:", status_row)
        form.addRow("Last checked:", self.updated)
        form.addRow("Last reached:", self.reached)
        form.addRow("&Refresh every:", self.interval)
        form.addRow("&Full articles:", self.full)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.load()

    # ------------------------------------------------------------------ showing

    def feed(self) -> Feed | None:
        return self.reader.feed(self.feed_id) if not self.reader.closed else None

    def load(self) -> None:
        feed = self.feed()
        if feed is None:
            return
        self.setWindowTitle(f"{feed.title} — Properties")
        self.title.setText(feed.title)
        self.address.setText(feed.url)
        editable = feed.url.startswith(("http://", "https://"))
        self.address.setReadOnly(not editable)  # a sync account's feed: the server's
        self.address.setToolTip(
            ""
            if editable
            else "This feed is not fetched over the web (a sync account's "
            "or the demo's): its address cannot be changed here."
        )
        self.retry.setEnabled(editable)
        self.show_status()
        default = self.reader.setting(REFRESH_MINUTES)
        self.interval.setSpecialValueText(
            f"As in Preferences ({default} min)" if default else "As in Preferences (manual)"
        )
        self.interval.setValue(
            self.reader.setting(REFRESH_MINUTES, self.feed_id)
            if self.reader.has_override(REFRESH_MINUTES, self.feed_id)
            else FOLLOW_DEFAULT
        )
        self.full.clear()
        on = "download" if self.reader.setting(FETCH_FULL) else "feed text only"
        self.full.addItem(f"As in Preferences ({on})", None)
        self.full.addItem("Download the full article and its images", True)
        self.full.addItem("Keep the feed's text only", False)
        if self.reader.has_override(FETCH_FULL, self.feed_id):
            self.full.setCurrentIndex(1 if self.reader.setting(FETCH_FULL, self.feed_id) else 2)

    def show_status(self, note: str = "") -> None:
        feed = self.feed()
        if feed is None:
            self.status.setText("This feed is no longer in the library.")
            self.retry.setEnabled(False)
            return
        site = feed.site_url or ""
        self.site.setText(
            f'<a href="{_attr(site)}">{_text(site)}</a>'
            if site.startswith(("http://", "https://"))
            else "Not given by the feed"
        )
        words = _STATUS_WORDS.get(feed.status, feed.status.value)
        message = feed.status_message
        text = f"{words}: {message}" if message and message != words else words
        checked = when_text(feed.last_checked)
        if feed.unreached_at_last_check:
            # The kept status is the answer from before: say the last try never got there.
            offline = "Could not be reached at the last refresh: you seemed to be offline."
            text = offline if feed.status is FeedStatus.NEW else f"{offline} Before that: {text}"
            checked += " — could not connect (offline)"
        self.status.setText(f"{text}\n{note}" if note else text)
        self.updated.setText(checked)
        self.reached.setText(when_text(feed.last_reached))

    def feed_stored(self, feed_id: int) -> None:
        """The window's refresh stored a feed's result: ours shows its new status."""
        if feed_id == self.feed_id:
            self.retry.setEnabled(True)
            self.show_status()

    def _retry(self) -> None:
        self.retry.setEnabled(False)
        self.status.setText("Checking…")
        self.sig_refresh.emit(self.feed_id)

    # ------------------------------------------------------------------ saving

    def save(self) -> bool:
        """Store what changed; False (the dialog stays open) if the address is refused."""
        feed = self.feed()
        if feed is None:
            return True
        changes = Changes()
        new_address = self.address.text().strip()
        moved = not self.address.isReadOnly() and new_address != feed.url
        if moved:
            try:
                feed, changes = self.reader.change_feed_url(self.feed_id, new_address)
            except ReaderError as exc:
                self.address_error.setText(str(exc))
                self.address_error.show()
                self.address.setFocus()
                return False
            self.address.setText(feed.url)
        interval = self.interval.value()
        full = self.full.currentData()
        self.reader.change_settings(
            [
                SettingChange(
                    REFRESH_MINUTES, None if interval == FOLLOW_DEFAULT else interval, self.feed_id
                ),
                SettingChange(FETCH_FULL, None if full is None else bool(full), self.feed_id),
            ]
        )
        if changes:
            self.sig_changes.emit(changes)
        if moved:
            self.sig_refresh.emit(self.feed_id)
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")
