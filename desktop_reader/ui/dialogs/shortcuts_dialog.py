"""Help ▸ Keyboard Shortcuts: every key of the window, named by what it does.

The list is built from the window's menus and actions (and its named QShortcuts) when
it opens, so it can never disagree with what the keys do. Only keys one can type are
listed (not the "Find" or "Exit" keys a platform may add to a standard action), in the
platform's own notation (⌘ on macOS). Keys are changed in Preferences ▸ Shortcuts.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_reader.ui.shortcut_scheme import clean_text, key_text, typeable

OTHER = "Other"
# Keys a widget reads itself, not through a QShortcut (StoryView.keyPressEvent): listed
# so a keyboard user learns them; they are not changeable.
WIDGET_KEYS = (("Open citation [n] (in a story)", "1 … 9"),)


@dataclass(frozen=True)
class ShortcutEntry:
    group: str  # the menu it lives in (OTHER for keys without a menu)
    name: str  # what it does
    keys: str  # all its key sequences, platform notation, ", " between


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
            keys = key_text([s for s in action.shortcuts() if typeable(s)])
            if keys and id(action) not in seen:
                seen[id(action)] = action
                found.append(ShortcutEntry(menu_title, clean_text(action.text()), keys))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            visit(clean_text(top.text()), menu.actions())
    visit(OTHER, [a for a in window.actions() if id(a) not in seen])
    fixed: dict[str, list[QKeySequence]] = {}  # one row a name: Ctrl+= and Ctrl++ zoom in
    for shortcut in window.findChildren(QShortcut):
        if shortcut.isEnabled() and typeable(shortcut.key()):
            name = shortcut.whatsThis() or "Unnamed key"
            fixed.setdefault(name, []).append(shortcut.key())
    found += [ShortcutEntry(OTHER, name, key_text(keys)) for name, keys in fixed.items()]
    found += [ShortcutEntry(OTHER, name, keys) for name, keys in WIDGET_KEYS]
    return found


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(560, 600)
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
        hint = QLabel("Change them in Preferences ▸ Shortcuts.")
        hint.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(hint)
        layout.addWidget(buttons)
