"""The window's menus and actions, by name: features add theirs here instead of finding a
menu by its title or calling the window's private helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


class ActionRegistry:
    """Menus of one window's menu bar, keyed ("file", "edit", …), and actions added to them."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        self._menus: dict[str, QMenu] = {}

    def add_menu(self, key: str, title: str, *, before: str | None = None) -> QMenu:
        bar = self._window.menuBar()
        menu = QMenu(title, bar)
        if before is not None and before in self._menus:
            bar.insertMenu(self._menus[before].menuAction(), menu)
        else:
            bar.addMenu(menu)
        self._menus[key] = menu
        return menu

    def menu(self, key: str) -> QMenu:
        return self._menus[key]

    def add(self, menu: str, text: str, slot: Callable[[], Any], *keys: Any) -> QAction:
        """An action in a menu whose shortcuts work whichever pane has focus."""
        action = QAction(text, self._window)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda _checked=False: slot())
        self._menus[menu].addAction(action)
        self._window.addAction(action)
        return action
