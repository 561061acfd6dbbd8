"""Help ▸ Keyboard Shortcuts: every key of the window, read from its actions.

The list is built from the window's menus and actions (and its QShortcuts) when
it opens, so it can never disagree with what the keys do. Keys are shown in the
platform's own notation (⌘ on macOS).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ShortcutEntry:
    group: str  # the menu it lives in ("Other" for keys without a menu)
    name: str
    keys: str  # all its key sequences, platform notation, ", " between


def _keys(sequences: list[QKeySequence]) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText)
                     for s in sequences if not s.isEmpty())


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def collect_shortcuts(window: QMainWindow) -> list[ShortcutEntry]:
    """Every action with a key, grouped by menu in menu-bar order, then other keys."""
    found: list[ShortcutEntry] = []
    # Keyed by id() but holding the action: a wrapper kept alive keeps its id unique.
    seen: dict[int, QAction] = {}

    def visit(menu_title: str, actions: list[QAction]) -> None:
        for action in actions:
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                visit(menu_title, submenu.actions())
                continue
            keys = _keys(action.shortcuts())
            if keys and id(action) not in seen:
                seen[id(action)] = action
                found.append(ShortcutEntry(menu_title, _clean(action.text()), keys))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            visit(_clean(top.text()), menu.actions())
    visit("Other", [a for a in window.actions() if id(a) not in seen])
    for shortcut in window.findChildren(QShortcut):
        keys = _keys([shortcut.key()])
        if keys and shortcut.isEnabled():
            found.append(ShortcutEntry("Other", shortcut.whatsThis() or keys, keys))
    return found


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(520, 560)
        self.entries = collect_shortcuts(window)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Keyboard shortcuts")
        groups: dict[str, QTreeWidgetItem] = {}
        for entry in self.entries:
            if entry.group not in groups:
                group = QTreeWidgetItem([entry.group, ""])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setData(1, Qt.ItemDataRole.AccessibleTextRole, f"{entry.group} group")
                self.tree.addTopLevelItem(group)
                groups[entry.group] = group
            groups[entry.group].addChild(QTreeWidgetItem([entry.name, entry.keys]))
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
