"""View ▸ Show Unread Only: article and story lists leave out what has been read.

The choice is stored in the window's settings and applies to feeds, folders, All
Articles and story lists (Starred and searches always list everything they hold).
An item read while shown stays in the list until the list is shown again, so the
reader does not lose their place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from desktop_reader.ui.models.story_list import StoryListModel
    from desktop_reader.ui.window_surface import ReaderWindow

UNREAD_ONLY_KEY = "view/unread_only"


class UnreadFilter(QObject):
    def __init__(self, window: ReaderWindow, story_model: StoryListModel) -> None:
        super().__init__(window)
        self.window = window
        self.story_model = story_model
        self.action = window.menus.add("view", "Show &Unread Only", self._toggled)
        self.action.setObjectName("view.show-unread-only")
        self.action.setCheckable(True)
        self.action.setChecked(bool(window.settings.value(UNREAD_ONLY_KEY, False, type=bool)))
        self._set_models(self.action.isChecked())

    @property
    def on(self) -> bool:
        return self.action.isChecked()

    def set_on(self, on: bool) -> None:
        if on != self.on:
            self.action.setChecked(on)
            self._toggled()

    def _toggled(self) -> None:
        on = self.action.isChecked()
        self.window.settings.setValue(UNREAD_ONLY_KEY, on)
        self._set_models(on)
        self.window.show_tree_node(self.window.feed_tree.currentIndex())  # shown again

    def _set_models(self, on: bool) -> None:
        self.window.article_model.only_unread = on
        self.story_model.only_unread = on


def install(window: ReaderWindow, story_model: StoryListModel) -> UnreadFilter:
    return UnreadFilter(window, story_model)
