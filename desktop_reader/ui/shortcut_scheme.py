"""The reader's own keyboard shortcuts: every menu action, its default keys, the keys
the reader chose (stored in settings, applied at once), conflicts refused.

Built once the window's menus are complete. An action is known by its object name
(set by `ActionRegistry.add`, or here from its menu and text), so a stored choice
finds its action again in the next session. Keys that are not on a keyboard one types
on (the "Find" or "Exit" keys some platforms add to a standard action) are left on
the action but never shown or stored. The window's fixed keys (Space, Down, zoom,
Backspace in a cited article) cannot be taken by an action.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMenu

SETTINGS_GROUP = "shortcuts"
PORTABLE = QKeySequence.SequenceFormat.PortableText
NATIVE = QKeySequence.SequenceFormat.NativeText


def typeable(sequence: QKeySequence) -> bool:
    """Whether every key of the sequence is on an ordinary keyboard (not a media or
    "Find"/"Exit" key, nor F13 and beyond, which some platforms give Undo or Copy)."""
    combos = [sequence[i] for i in range(sequence.count())]  # type: ignore[index]
    rare = range(Qt.Key.Key_F13.value, Qt.Key.Key_F35.value + 1)
    return bool(combos) and all(
        c.key().value <= Qt.Key.Key_Help.value and c.key().value not in rare for c in combos
    )


def key_text(sequences: Sequence[QKeySequence]) -> str:
    """Keys as the platform writes them ("Ctrl+F", "⌘F"), ", " between."""
    return ", ".join(s.toString(NATIVE) for s in sequences)


def clean_text(text: str) -> str:
    """A menu item's text without its mnemonic "&" and trailing "…"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def action_id(menu_key: str, text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", clean_text(text).casefold()).strip("-")
    return f"{menu_key}.{slug}"


class ShortcutConflict(ValueError):
    """The keys belong to another action (the message names it)."""


@dataclass(frozen=True)
class Binding:
    id: str
    group: str  # the menu's title
    name: str  # what the action does
    action: QAction
    defaults: tuple[QKeySequence, ...]

    @property
    def keys(self) -> list[QKeySequence]:
        return [s for s in self.action.shortcuts() if typeable(s)]


@dataclass(frozen=True)
class FixedKey:
    name: str
    keys: QKeySequence


class ShortcutScheme:
    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        self._window, self._settings = window, settings
        self.bindings: list[Binding] = list(self._collect())
        self._by_id = {b.id: b for b in self.bindings}
        self._apply_stored()

    # ------------------------------------------------------------------ what there is

    def _collect(self) -> Iterator[Binding]:
        seen: set[int] = set()

        def visit(group: str, key: str, menu: QMenu) -> Iterator[Binding]:
            for action in menu.actions():
                submenu = action.menu()
                if isinstance(submenu, QMenu):
                    yield from visit(group, key, submenu)
                    continue
                if action.isSeparator() or not action.text() or id(action) in seen:
                    continue
                seen.add(id(action))
                if not action.objectName():
                    action.setObjectName(action_id(key, action.text()))
                yield Binding(
                    action.objectName(),
                    group,
                    clean_text(action.text()),
                    action,
                    tuple(s for s in action.shortcuts() if typeable(s)),
                )

        for top in self._window.menuBar().actions():
            menu = top.menu()
            if isinstance(menu, QMenu):
                title = clean_text(top.text())
                yield from visit(title, title.casefold(), menu)

    def binding(self, binding_id: str) -> Binding:
        return self._by_id[binding_id]

    def fixed_keys(self) -> list[FixedKey]:
        """Keys of the window that are not menu actions (named by their What's This)."""
        return [
            FixedKey(s.whatsThis() or s.key().toString(NATIVE), s.key())
            for s in self._window.findChildren(QShortcut)
            if s.isEnabled() and not s.key().isEmpty()
        ]

    def owner_of(self, sequence: QKeySequence, *, besides: str = "") -> str | None:
        """Who already answers these keys ("Find (Edit)"), other than `besides`."""
        for binding in self.bindings:
            if binding.id != besides and any(
                s.matches(sequence) == QKeySequence.SequenceMatch.ExactMatch
                for s in binding.action.shortcuts()
            ):
                return f"{binding.name} ({binding.group} menu)"
        for fixed in self.fixed_keys():
            if fixed.keys.matches(sequence) == QKeySequence.SequenceMatch.ExactMatch:
                return f"{fixed.name} (a fixed key)"
        return None

    # ------------------------------------------------------------------ changes

    def assign(self, binding_id: str, sequences: Sequence[QKeySequence]) -> None:
        """Give an action these keys (none: no shortcut), at once and for next time.
        Raises ShortcutConflict, changing nothing, if another action has one of them."""
        binding = self._by_id[binding_id]
        wanted = [s for s in sequences if not s.isEmpty()]
        for sequence in wanted:
            if not typeable(sequence):
                raise ShortcutConflict(
                    f"{sequence.toString(NATIVE)} is not a key this reader can use."
                )
            owner = self.owner_of(sequence, besides=binding_id)
            if owner is not None:
                raise ShortcutConflict(
                    f"{sequence.toString(NATIVE)} is already the shortcut for {owner}. "
                    "Give that one other keys first, or choose different keys."
                )
        binding.action.setShortcuts(wanted)
        if [s.toString(PORTABLE) for s in wanted] == [
            s.toString(PORTABLE) for s in binding.defaults
        ]:
            self._settings.remove(f"{SETTINGS_GROUP}/{binding_id}")
        else:
            self._settings.setValue(
                f"{SETTINGS_GROUP}/{binding_id}", "\t".join(s.toString(PORTABLE) for s in wanted)
            )
        self._settings.sync()

    def reset(self, binding_id: str) -> None:
        """Back to the default keys (refused like any change if another action took them)."""
        self.assign(binding_id, self._by_id[binding_id].defaults)

    def reset_all(self) -> None:
        """Every action back to its default keys."""
        for binding in self.bindings:  # defaults never conflict with each other
            binding.action.setShortcuts(list(binding.defaults))
        self._settings.remove(SETTINGS_GROUP)
        self._settings.sync()

    def is_default(self, binding_id: str) -> bool:
        binding = self._by_id[binding_id]
        return [s.toString(PORTABLE) for s in binding.keys] == [
            s.toString(PORTABLE) for s in binding.defaults
        ]

    def _apply_stored(self) -> None:
        """The reader's choices from earlier sessions; one that no longer fits (its
        action is gone, or its keys were taken since) is dropped, not half-applied."""
        self._settings.beginGroup(SETTINGS_GROUP)
        stored = {key: str(self._settings.value(key, "")) for key in self._settings.childKeys()}
        self._settings.endGroup()
        stored = {k: v for k, v in stored.items() if k in self._by_id}
        for binding_id in stored:  # first let go of them all: a swap of two keys fits
            self._by_id[binding_id].action.setShortcuts([])
        for binding_id, text in stored.items():
            sequences = [QKeySequence(t, PORTABLE) for t in text.split("\t") if t]
            try:
                self.assign(binding_id, sequences)
            except ShortcutConflict:
                try:
                    self.reset(binding_id)  # also forgets the stored choice
                except ShortcutConflict:
                    self._settings.remove(f"{SETTINGS_GROUP}/{binding_id}")


def install(window: QMainWindow, settings: QSettings) -> ShortcutScheme:
    return ShortcutScheme(window, settings)
