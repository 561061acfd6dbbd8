"""Edit filter rules (killfiles): which articles to hide, mark read or star at refresh.

Rules are saved as soon as they are added, switched or removed; they apply to
articles arriving from the next refresh on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_reader.core.reader import Reader
from desktop_reader.core.values import FilterRule, ReaderError, RuleAction, RuleField, RuleMatch
from desktop_reader.ui.feed_labels import feed_labels

FIELD_NAMES = {RuleField.TITLE: "Title", RuleField.TEXT: "Text", RuleField.ANY: "Title or text"}
MATCH_NAMES = {RuleMatch.CONTAINS: "contains", RuleMatch.REGEX: "matches regex"}
ACTION_NAMES = {RuleAction.HIDE: "Hide", RuleAction.MARK_READ: "Mark read", RuleAction.STAR: "Star"}


def _combo(names: dict) -> QComboBox:  # type: ignore[type-arg]
    combo = QComboBox()
    for value, name in names.items():
        combo.addItem(name, value)
    return combo


FEED_CHARS = 24  # the feed picker is this wide (longer names are elided in it)
PATTERN_MIN_WIDTH = 320  # px: room for a phrase or a regular expression


class FiltersDialog(QDialog):
    COLUMNS = ("On", "Feed", "Where", "How", "Pattern", "Action")

    def __init__(
        self, reader: Reader, parent: QWidget | None = None, feed_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Filters")
        self.resize(760, 420)
        self.reader = reader
        self._feed_titles = feed_labels(reader.feeds())  # alike titles told apart
        self.rules: list[FilterRule] = []

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._toggled)
        self.table.setAccessibleName("Filter rules")

        self.feed = QComboBox()
        # A long feed name must not take the row: the pattern needs the room.
        self.feed.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.feed.setMinimumContentsLength(FEED_CHARS)
        self.feed.addItem("All feeds", None)
        for fid, title in sorted(self._feed_titles.items(), key=lambda p: p[1].casefold()):
            self.feed.addItem(title, fid)
        if feed_id is not None:
            self.feed.setCurrentIndex(max(self.feed.findData(feed_id), 0))
        self.field = _combo(FIELD_NAMES)
        self.match = _combo(MATCH_NAMES)
        self.pattern = QLineEdit()
        self.pattern.setPlaceholderText("Words or a regular expression")
        self.pattern.setMinimumWidth(PATTERN_MIN_WIDTH)
        self.action = _combo(ACTION_NAMES)
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(self.add_from_form)
        self.pattern.returnPressed.connect(self.add_from_form)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b")
        self.error.setWordWrap(True)

        for named, name in (
            (self.feed, "Feed"),
            (self.field, "Field to match"),
            (self.match, "How to match"),
            (self.pattern, "Pattern"),
            (self.action, "Action"),
        ):
            named.setAccessibleName(name)  # the form has no labels on screen
        # Two rows: which articles (feed, where, how), then the pattern with the room
        # it needs, its action and Add.
        form = QVBoxLayout()
        which = QHBoxLayout()
        for widget in (self.feed, self.field, self.match):
            which.addWidget(widget)
        which.addStretch(1)
        what = QHBoxLayout()
        what.addWidget(self.pattern, 1)
        what.addWidget(self.action)
        what.addWidget(self.add_button)
        form.addLayout(which)
        form.addLayout(what)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Rules apply to new articles at each refresh. Matching ignores case.")
        )
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.rules = self.reader.filter_rules()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rules))
        for row, rule in enumerate(self.rules):
            on = QTableWidgetItem()
            on.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            on.setCheckState(Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, on)
            feed = "All feeds" if rule.feed_id is None else self._feed_titles.get(rule.feed_id, "?")
            for column, text in enumerate(
                (
                    feed,
                    FIELD_NAMES[rule.field],
                    MATCH_NAMES[rule.match],
                    rule.pattern,
                    ACTION_NAMES[rule.action],
                ),
                start=1,
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()

    def add_from_form(self) -> bool:
        try:
            self.reader.add_filter_rule(
                pattern=self.pattern.text(),
                action=RuleAction(self.action.currentData()),
                field=RuleField(self.field.currentData()),
                match=RuleMatch(self.match.currentData()),
                feed_id=self.feed.currentData(),
            )
        except ReaderError as exc:
            self.error.setText(str(exc))
            return False
        self.error.clear()
        self.pattern.clear()
        self.reload()
        return True

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        for row in rows:
            self.reader.delete_filter_rule(self.rules[row].id)
        self.reload()

    def _toggled(self, item: QTableWidgetItem) -> None:
        if item.column() != 0 or not 0 <= item.row() < len(self.rules):
            return
        rule = self.rules[item.row()]
        enabled = item.checkState() == Qt.CheckState.Checked
        if enabled != rule.enabled:
            self.reader.update_filter_rule(
                FilterRule(
                    rule.id,
                    rule.feed_id,
                    rule.field,
                    rule.match,
                    rule.pattern,
                    rule.action,
                    enabled,
                )
            )
            self.rules[item.row()] = self.reader.filter_rules()[item.row()]
