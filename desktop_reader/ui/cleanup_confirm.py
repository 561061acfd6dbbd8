"""Clean Up Library asks first, saying what it will remove under the retention
settings (Preferences ▸ Storage, and each feed's own), and what it always keeps.

Only settings are read here (no counting over the library on the GUI thread); the
cleanup itself runs in a task and reports how many articles and images it removed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desktop_reader.core.values import KEEP_ARTICLES, KEEP_DAYS

if TYPE_CHECKING:
    from desktop_reader.ui.window_surface import ReaderWindow


def what_cleanup_removes(window: ReaderWindow) -> str:
    """The retention rules in words, e.g. "Read articles older than 30 days …"."""
    reader = window.reader
    days, most = reader.setting(KEEP_DAYS), reader.setting(KEEP_ARTICLES)
    own = sum(
        1
        for feed in reader.feeds()
        if reader.has_override(KEEP_DAYS, feed.id) or reader.has_override(KEEP_ARTICLES, feed.id)
    )
    rules = []
    if days:
        rules.append(f"older than {days} day{'s' if days != 1 else ''}")
    if most:
        rules.append(f"beyond the newest {most} of each feed")
    if rules:
        text = f"Read articles {' or '.join(rules)} will be removed"
    else:
        text = "No age or count limit is set, so no articles will be removed"
    if own:
        text += f" ({own} feed{'s follow their' if own != 1 else ' follows its'} own limits)"
    return (
        text + ". Unread and starred articles, and the articles of starred stories, "
        "are always kept.\n\nImages no article uses any more are deleted, and the "
        "library file is compacted if that frees space."
    )


def confirm_cleanup(window: ReaderWindow, run: Callable[[], object]) -> QMessageBox:
    """Ask (window-modal, not blocking); `run` starts the cleanup if the reader agrees."""
    box = QMessageBox(
        QMessageBox.Icon.Question, "Clean Up Library", "Clean up the library now?", parent=window
    )
    box.setObjectName("confirm-cleanup")
    box.setInformativeText(
        what_cleanup_removes(window) + "\n\nLimits are set in Preferences ▸ Storage."
    )
    clean = box.addButton("Clean Up", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(clean)
    clean.clicked.connect(lambda: run())
    box.open()
    return box
