"""The first-start page, shown while the library has no feeds.

It offers the ways in: Subscribe…, Import OPML…, a bundled starter list of
well-known outlets' feeds grouped by section (tick and subscribe), and the demo
library, which needs no network at all.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_reader import APP_NAME
from desktop_reader.core.values import OutlineFeed

_FEED_ROLE = Qt.ItemDataRole.UserRole + 1


class WelcomeView(QWidget):
    sig_subscribe = Signal()
    sig_import_opml = Signal()
    sig_open_demo = Signal()
    sig_subscribe_starter = Signal(list)  # list[OutlineFeed] the user ticked

    def __init__(self, starter: list[OutlineFeed], parent: QWidget | None = None) -> None:
        super().__init__(parent)

        title = QLabel(f"Welcome to {APP_NAME}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            "Your news, stored on this computer and readable offline. "
            "No account, no tracking. Start with one of these:"
        )
        intro.setWordWrap(True)

        self.subscribe_button = QPushButton("Subscribe…")
        self.import_button = QPushButton("Import OPML…")
        self.demo_button = QPushButton("Open the Demo Library")
        self.subscribe_button.clicked.connect(self.sig_subscribe.emit)
        self.import_button.clicked.connect(self.sig_import_opml.emit)
        self.demo_button.clicked.connect(self.sig_open_demo.emit)
        buttons = QHBoxLayout()
        for button in (self.subscribe_button, self.import_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        starter_label = QLabel("Or pick well-known news feeds:")
        self.starter_tree = QTreeWidget()
        self.starter_tree.setHeaderHidden(True)
        self.starter_tree.setAccessibleName("Well-known news feeds")
        self.starter_tree.setAccessibleDescription("Tick feeds, then Subscribe to Selected")
        starter_label.setBuddy(self.starter_tree)
        self.starter_tree.setMinimumHeight(220)
        self._fill_starter(starter)
        self.starter_tree.itemChanged.connect(lambda *_: self._update_starter_button())
        self.starter_button = QPushButton("Subscribe to Selected")
        self.starter_button.clicked.connect(self._subscribe_selected)
        self._update_starter_button()
        has_starter = bool(starter)
        for widget in (starter_label, self.starter_tree, self.starter_button):
            widget.setVisible(has_starter)

        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(8)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(starter_label)
        column.addWidget(self.starter_tree, 1)
        column.addWidget(self.starter_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(0)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(720)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        outer.addWidget(holder, 4)
        outer.addStretch(1)

    def _fill_starter(self, starter: list[OutlineFeed]) -> None:
        sections: dict[str, QTreeWidgetItem] = {}
        for feed in starter:
            name = feed.folder or "Other"
            if name not in sections:
                section = QTreeWidgetItem(self.starter_tree, [name])
                section.setFlags(
                    section.flags()
                    | Qt.ItemFlag.ItemIsAutoTristate
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                section.setCheckState(0, Qt.CheckState.Unchecked)
                sections[name] = section
            item = QTreeWidgetItem(sections[name], [feed.title or feed.url])
            item.setToolTip(0, feed.url)
            item.setData(0, _FEED_ROLE, feed)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
        self.starter_tree.expandAll()

    def checked_feeds(self) -> list[OutlineFeed]:
        found: list[OutlineFeed] = []
        for i in range(self.starter_tree.topLevelItemCount()):
            section = self.starter_tree.topLevelItem(i)
            for j in range(section.childCount() if section is not None else 0):
                item = section.child(j) if section is not None else None
                if item is not None and item.checkState(0) == Qt.CheckState.Checked:
                    found.append(item.data(0, _FEED_ROLE))
        return found

    def _update_starter_button(self) -> None:
        count = len(self.checked_feeds())
        self.starter_button.setEnabled(count > 0)
        self.starter_button.setText(
            f"Subscribe to Selected ({count})" if count else "Subscribe to Selected"
        )

    def _subscribe_selected(self) -> None:
        chosen = self.checked_feeds()
        if chosen:
            self.sig_subscribe_starter.emit(chosen)
