"""The main window as its features see it: the parts they may use, named and typed.

`library_actions`, `reader_features`, `story_mode` and the subscribe confirmation take a
`ReaderWindow`; `MainWindow` is one. Features reach these public parts only (a test
checks that none touches a private member), and importing this module instead of the
window keeps ui/ free of import cycles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QSplitter, QTreeView

# Feeds, list, reading pane: the splitter's proportions before the window is shown (the
# reading pane gets ~470 px of a 1024 px window, room for a 420 px story column).
PANE_PROPORTIONS = (240, 450, 710)

if TYPE_CHECKING:
    from desktop_reader.core.pipeline.library import Library
    from desktop_reader.core.reader import Reader
    from desktop_reader.ui.actions import ActionRegistry
    from desktop_reader.ui.change_dispatcher import ChangeDispatcher
    from desktop_reader.ui.models.feed_tree import FeedTreeModel
    from desktop_reader.ui.models.reader_list import ReaderListModel
    from desktop_reader.ui.refresh_controller import RefreshController
    from desktop_reader.ui.shortcut_scheme import ShortcutScheme
    from desktop_reader.ui.tasks import TaskRunner
    from desktop_reader.ui.widgets.article_list_view import ArticleListView
    from desktop_reader.ui.widgets.article_view import ArticleView
    from desktop_reader.ui.widgets.welcome_view import WelcomeView


class ReaderWindow(QMainWindow):
    library: Library
    reader: Reader  # the GUI thread's front door to the library
    settings: QSettings
    runner: TaskRunner  # background work
    refresher: RefreshController
    changes: ChangeDispatcher  # every write's Changes go here
    menus: ActionRegistry  # menus by key, actions added to them
    feed_tree: QTreeView
    feed_model: FeedTreeModel
    article_model: ReaderListModel
    article_list: ArticleListView
    article_view: ArticleView
    splitter: QSplitter
    shortcuts: ShortcutScheme  # the menus' keys, as the reader set them
    welcome: WelcomeView
    act_refresh: QAction
    act_quit: QAction
    # Feed menu
    act_rename: QAction
    act_move: QAction
    act_unsubscribe: QAction
    act_mark_all: QAction
    # Article menu (in story mode they act on the story selected)
    act_toggle_read: QAction
    act_star: QAction
    act_open: QAction

    @property
    def closed(self) -> bool:
        raise NotImplementedError

    def select_feed(self, feed_id: int) -> None:
        raise NotImplementedError

    def selected_feed_ids(self) -> tuple[int, ...] | None:
        raise NotImplementedError

    def reload_feeds(self) -> None:
        raise NotImplementedError

    def show_tree_node(self, current: QModelIndex) -> None:
        raise NotImplementedError
