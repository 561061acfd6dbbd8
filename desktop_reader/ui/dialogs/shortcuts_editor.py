"""Preferences ▸ Shortcuts: pick an action, press its new keys, Assign.

Changes apply at once (the Preferences dialog's Cancel does not undo them) and are
stored for the next session by the window's `ShortcutScheme`. Keys another action
already has are refused with a message naming it; Reset puts back one action's
default keys, Reset All every action's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_reader.ui.shortcut_scheme import ShortcutConflict, ShortcutScheme, key_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ShortcutsEditor(QWidget):
    def __init__(self, scheme: ShortcutScheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scheme = scheme
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Shortcut"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Actions and their shortcuts")
        self.tree.setMinimumSize(460, 320)  # a screenful of actions, not five rows
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda _c, _p: self._selected())
        self.keys = QKeySequenceEdit()
        self.keys.setMaximumSequenceLength(1)
        self.keys.setClearButtonEnabled(True)
        self.keys.setAccessibleName("New shortcut")
        for field in self.keys.findChildren(QLineEdit):  # the line edit inside is what is read
            field.setAccessibleName("New shortcut: press the keys")
        self.keys.setToolTip("Click here and press the new keys")
        self.assign_button = QPushButton("&Assign")
        self.assign_button.clicked.connect(self.assign)
        self.clear_button = QPushButton("&No Shortcut")
        self.clear_button.clicked.connect(self.clear)
        self.reset_button = QPushButton("&Reset to Default")
        self.reset_button.clicked.connect(self.reset)
        self.reset_all_button = QPushButton("Reset &All to Defaults")
        self.reset_all_button.clicked.connect(self.reset_all)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setObjectName("shortcut-message")
        grid = QGridLayout()
        grid.addWidget(QLabel("New shortcut:"), 0, 0)
        grid.addWidget(self.keys, 0, 1)
        grid.addWidget(self.assign_button, 0, 2)
        grid.addWidget(self.clear_button, 1, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.reset_button, 1, 2)
        grid.setColumnStretch(1, 1)
        note = QLabel("Changes apply at once and are kept for next time.")
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(note)
        layout.addWidget(self.reset_all_button, 0, Qt.AlignmentFlag.AlignRight)
        self._fill()

    # ------------------------------------------------------------------ list

    def _fill(self) -> None:
        current = self.current_id()
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for binding in self.scheme.bindings:
            if binding.group not in groups:
                group = QTreeWidgetItem([binding.group, ""])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                # Its empty second cell still reaches a screen reader: say what it is.
                group.setData(1, Qt.ItemDataRole.AccessibleTextRole, f"{binding.group} group")
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                self.tree.addTopLevelItem(group)
                groups[binding.group] = group
            item = QTreeWidgetItem([binding.name, self._keys_shown(binding.id)])
            item.setData(0, ID_ROLE, binding.id)
            groups[binding.group].addChild(item)
            if binding.id == current:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        chosen = self.tree.currentItem()
        if chosen is not None:
            self.tree.scrollToItem(chosen)
        self._selected()

    def _keys_shown(self, binding_id: str) -> str:
        keys = key_text(self.scheme.binding(binding_id).keys)
        changed = "" if self.scheme.is_default(binding_id) else "  (changed)"
        return (keys or "—") + changed

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return str(value) if value is not None else None

    def select(self, binding_id: str) -> None:
        for item in self._items():
            if item.data(0, ID_ROLE) == binding_id:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        found = []
        for group in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(group)
            if parent is not None:
                found += [
                    c
                    for c in (parent.child(r) for r in range(parent.childCount()))
                    if c is not None
                ]
        return found

    def _selected(self) -> None:
        binding_id = self.current_id()
        for button in (self.assign_button, self.clear_button, self.reset_button):
            button.setEnabled(binding_id is not None)
        self.keys.setEnabled(binding_id is not None)
        if binding_id is not None:
            keys = self.scheme.binding(binding_id).keys
            self.keys.setKeySequence(keys[0] if keys else QKeySequence())

    # ------------------------------------------------------------------ changes

    def _tell(self, text: str, *, refused: bool = False) -> None:
        self.message.setText(text)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        red = "#ff7b6b" if dark else "#c0392b"  # readable on either theme
        self.message.setStyleSheet(f"color: {red}; font-weight: bold;" if refused else "")

    def _change(self, binding_id: str, keys: list[QKeySequence], done: str) -> bool:
        try:
            self.scheme.assign(binding_id, keys)
        except ShortcutConflict as conflict:
            self._tell(str(conflict), refused=True)
            return False
        self._fill()
        self._tell(done)
        return True

    def assign(self) -> bool:
        binding_id = self.current_id()
        if binding_id is None:
            return False
        sequence = self.keys.keySequence()
        name = self.scheme.binding(binding_id).name
        if sequence.isEmpty():
            self._tell(
                "Press the new keys in the field first (or choose No Shortcut).", refused=True
            )
            return False
        return self._change(binding_id, [sequence], f"{name}: {key_text([sequence])}.")

    def clear(self) -> bool:
        binding_id = self.current_id()
        if binding_id is None:
            return False
        name = self.scheme.binding(binding_id).name
        return self._change(binding_id, [], f"{name} has no shortcut now.")

    def reset(self) -> bool:
        binding_id = self.current_id()
        if binding_id is None:
            return False
        binding = self.scheme.binding(binding_id)
        return self._change(
            binding_id,
            list(binding.defaults),
            f"{binding.name}: back to {key_text(binding.defaults) or 'none'}.",
        )

    def reset_all(self) -> None:
        self.scheme.reset_all()
        self._fill()
        self._tell("Every shortcut is back to its default.")
