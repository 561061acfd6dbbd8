"""Preferences: refresh, downloads, retention, theme, notifications, what opening a
story marks read; library sizes.

Everything is read from and written to the library's typed settings (core/storage/
settings.py) when the dialog is accepted. Per-feed values: pick a feed, then set
its own interval, downloads and retention, or leave each "As for all feeds". The library's
sizes are measured in a task (walking a large image cache takes a while) and show
"Calculating…" until they arrive.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_reader.core import values as settings  # the declared settings
from desktop_reader.core.reader import Reader, SettingChange
from desktop_reader.core.values import LibrarySizes
from desktop_reader.ui.feed_labels import feed_labels
from desktop_reader.ui.tasks import TaskContext, TaskRunner, user_message
from desktop_reader.ui.theme import THEMES

GLOBAL = -1  # spin box / combo value meaning "use the global setting"
SAME_AS_ALL = "As for all feeds"  # what GLOBAL reads as in the Feeds tab
CALCULATING = "Calculating…"


def size_text(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def _spin(minimum: int, maximum: int, suffix: str, special: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(minimum, maximum)
    spin.setSuffix(suffix)
    spin.setSpecialValueText(special)  # shown at the minimum
    return spin


@dataclass
class FeedChoices:
    """One feed's own values; GLOBAL where it follows the global setting."""

    refresh_minutes: int = GLOBAL
    fetch_full: int = GLOBAL  # GLOBAL, 1 yes, 0 no
    keep_days: int = GLOBAL
    keep_articles: int = GLOBAL


_FEED_SETTINGS = (
    ("refresh_minutes", settings.REFRESH_MINUTES),
    ("keep_days", settings.KEEP_DAYS),
    ("keep_articles", settings.KEEP_ARTICLES),
)


class PreferencesDialog(QDialog):
    sig_clean_up = Signal()  # the user asked for a cleanup now

    def __init__(
        self,
        reader: Reader,
        parent: QWidget | None = None,
        feed_id: int | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.reader = reader
        # The window's runner when given; else one of the dialog's own (a dialog opened alone).
        self._runner = (
            runner if runner is not None else TaskRunner(reader.library, self, max_threads=1)
        )
        self._sizes_generation = 0  # only the newest measurement is shown
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), "General")
        self.tabs.addTab(self._feed_tab(), "Feeds")
        self.tabs.addTab(self._storage_tab(), "Storage")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self._choices: dict[int, FeedChoices] = {}
        self._shown_feed: int | None = None
        self.load()
        if feed_id is not None and self.feed.findData(feed_id) >= 0:
            self.feed.setCurrentIndex(self.feed.findData(feed_id))

    # ------------------------------------------------------------------ tabs

    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.refresh_minutes = _spin(0, 24 * 60, " min", "Only when I ask")
        self.fetch_full = QComboBox()
        self.fetch_full.addItem("Yes, for offline reading", 1)
        self.fetch_full.addItem("No, keep what the feed gives", 0)
        self.theme = QComboBox()
        for name in THEMES:
            self.theme.addItem(
                name.capitalize() if name != "system" else "Same as the system", name
            )
        self.notify_outlets = _spin(0, 50, " outlets", "Never")
        self.story_open_marks = QComboBox()
        self.story_open_marks.addItem("The story; each article as I read it", "story")
        self.story_open_marks.addItem("The story and all its articles", "articles")
        self.story_open_marks.setAccessibleName("Opening a story marks read")
        form.addRow("Refresh every:", self.refresh_minutes)
        self.feed_deadline = QSpinBox()  # no special value: a feed always has a deadline
        self.feed_deadline.setRange(1, 600)
        self.feed_deadline.setSuffix(" s")
        self.feed_deadline.setToolTip(
            "A feed whose site takes longer is given up for this "
            "refresh, so one slow site never holds the others."
        )
        form.addRow("Give up on a feed after:", self.feed_deadline)
        form.addRow("Download full articles and images:", self.fetch_full)
        form.addRow("Theme:", self.theme)
        form.addRow("Notify when a new story is covered by:", self.notify_outlets)
        form.addRow("Opening a story marks read:", self.story_open_marks)
        return page

    def _feed_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.feed = QComboBox()
        every = self.reader.feeds()
        labels = feed_labels(every)  # "Meridian Wire — News": alike titles told apart
        for feed in sorted(every, key=lambda f: labels[f.id].casefold()):
            self.feed.addItem(labels[feed.id], feed.id)
            self.feed.setItemData(self.feed.count() - 1, feed.url, Qt.ItemDataRole.ToolTipRole)
        self.feed.currentIndexChanged.connect(lambda _i: self._show_feed())
        self.feed_refresh = _spin(GLOBAL, 24 * 60, " min", SAME_AS_ALL)
        self.feed_fetch = QComboBox()
        self.feed_fetch.addItem(SAME_AS_ALL, GLOBAL)
        self.feed_fetch.addItem("Yes", 1)
        self.feed_fetch.addItem("No", 0)
        self.feed_days = _spin(GLOBAL, 3650, " days", SAME_AS_ALL)
        self.feed_articles = _spin(GLOBAL, 100_000, " articles", SAME_AS_ALL)
        form.addRow("Feed:", self.feed)
        form.addRow("Refresh every (0: only when I ask):", self.feed_refresh)
        form.addRow("Download full articles and images:", self.feed_fetch)
        form.addRow("Keep articles for (0: always):", self.feed_days)
        form.addRow("Keep at most (0: no limit):", self.feed_articles)
        for widget in (self.feed_refresh, self.feed_fetch, self.feed_days, self.feed_articles):
            widget.setEnabled(self.feed.count() > 0)
        return page

    def _storage_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.keep_days = _spin(0, 3650, " days", "Always")
        self.keep_articles = _spin(0, 100_000, " per feed", "No limit")
        self.database_size = QLabel()
        self.cache_size = QLabel()
        self.clean_button = QPushButton("Clean Up Now")
        self.clean_button.clicked.connect(self.sig_clean_up.emit)
        form.addRow("Keep read articles for:", self.keep_days)
        form.addRow("Keep at most:", self.keep_articles)
        form.addRow(QLabel("Unread and starred articles are always kept."))
        form.addRow("Database:", self.database_size)
        form.addRow("Image cache:", self.cache_size)
        form.addRow(self.clean_button)
        return page

    # ------------------------------------------------------------------ values

    def load(self) -> None:
        r = self.reader
        self.refresh_minutes.setValue(r.setting(settings.REFRESH_MINUTES))
        self.fetch_full.setCurrentIndex(
            self.fetch_full.findData(int(r.setting(settings.FETCH_FULL)))
        )
        self.theme.setCurrentIndex(max(self.theme.findData(r.setting(settings.THEME)), 0))
        self.notify_outlets.setValue(r.setting(settings.NOTIFY_OUTLETS))
        self.story_open_marks.setCurrentIndex(
            max(self.story_open_marks.findData(r.setting(settings.STORY_OPEN_MARKS)), 0)
        )
        self.feed_deadline.setValue(r.setting(settings.FEED_DEADLINE))
        self.keep_days.setValue(r.setting(settings.KEEP_DAYS))
        self.keep_articles.setValue(r.setting(settings.KEEP_ARTICLES))
        self.update_sizes()
        self._show_feed()

    def update_sizes(self) -> None:
        """Measure the database and image cache in a task; "Calculating…" until then."""
        self._sizes_generation += 1
        generation = self._sizes_generation
        self.database_size.setText(CALCULATING)
        self.cache_size.setText(CALCULATING)

        def work(ctx: TaskContext) -> tuple[int, LibrarySizes]:
            return generation, ctx.reader.sizes()

        self._runner.start(
            "sizes", work, on_finished=self._show_sizes, on_failed=self._sizes_failed
        )

    def _show_sizes(self, result: tuple[int, LibrarySizes]) -> None:
        generation, sizes = result
        if generation != self._sizes_generation:
            return
        self.database_size.setText(size_text(sizes.database_bytes))
        self.cache_size.setText(f"{size_text(sizes.cache_bytes)} in {sizes.cache_files} files")

    def _sizes_failed(self, error: BaseException) -> None:
        self.database_size.setText("Unknown")
        self.cache_size.setText(f"Unknown: {user_message(error)}")

    def _stored_choices(self, feed_id: int) -> FeedChoices:
        choices = FeedChoices()
        for name, setting in _FEED_SETTINGS:
            if self.reader.has_override(setting, feed_id):
                setattr(choices, name, self.reader.setting(setting, feed_id))
        if self.reader.has_override(settings.FETCH_FULL, feed_id):
            choices.fetch_full = int(self.reader.setting(settings.FETCH_FULL, feed_id))
        return choices

    def _keep_shown_feed(self) -> None:
        if self._shown_feed is not None:
            self._choices[self._shown_feed] = FeedChoices(
                self.feed_refresh.value(),
                self.feed_fetch.currentData(),
                self.feed_days.value(),
                self.feed_articles.value(),
            )

    def _show_feed(self) -> None:
        self._keep_shown_feed()
        feed_id = self.feed.currentData()
        self._shown_feed = feed_id
        if feed_id is None:
            return
        if feed_id not in self._choices:
            self._choices[feed_id] = self._stored_choices(feed_id)
        choices = self._choices[feed_id]
        self.feed_refresh.setValue(choices.refresh_minutes)
        self.feed_fetch.setCurrentIndex(self.feed_fetch.findData(choices.fetch_full))
        self.feed_days.setValue(choices.keep_days)
        self.feed_articles.setValue(choices.keep_articles)

    def save(self) -> None:
        """Write every value (in one transaction)."""
        self._keep_shown_feed()
        changes = [
            SettingChange(settings.REFRESH_MINUTES, self.refresh_minutes.value()),
            SettingChange(settings.FETCH_FULL, bool(self.fetch_full.currentData())),
            SettingChange(settings.THEME, str(self.theme.currentData())),
            SettingChange(settings.NOTIFY_OUTLETS, self.notify_outlets.value()),
            SettingChange(settings.STORY_OPEN_MARKS, str(self.story_open_marks.currentData())),
            SettingChange(settings.FEED_DEADLINE, self.feed_deadline.value()),
            SettingChange(settings.KEEP_DAYS, self.keep_days.value()),
            SettingChange(settings.KEEP_ARTICLES, self.keep_articles.value()),
        ]
        for feed_id, choices in self._choices.items():
            for name, setting in _FEED_SETTINGS:
                value = getattr(choices, name)
                changes.append(SettingChange(setting, None if value == GLOBAL else value, feed_id))
            changes.append(
                SettingChange(
                    settings.FETCH_FULL,
                    None if choices.fetch_full == GLOBAL else bool(choices.fetch_full),
                    feed_id,
                )
            )
        self.reader.change_settings(changes)

    def accept(self) -> None:
        self.save()
        super().accept()
