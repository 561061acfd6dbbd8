"""The main window: feed tree | article list | article view, menus, refresh status.

The window reads the library on its own connection (GUI thread, short queries and
one-row writes such as marking read); everything slow (refresh, pages, OPML, demo)
runs in tasks. Feed management lives in `library_actions`, reading keys here.
Selecting an article marks it read at once.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QWidget,
)

from desktop_reader import APP_NAME
from desktop_reader.core.changes import Changes, refresh_changes
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from desktop_reader.core.values import RefreshSummary
from desktop_reader.ui import (
    about,
    account_actions,
    dialog_titles,
    empty_states,
    feed_actions,
    library_actions,
    reader_features,
    search_highlight,
    shortcut_scheme,
    story_mode,
    undo_actions,
    unread_filter,
)
from desktop_reader.ui.actions import ActionRegistry
from desktop_reader.ui.change_dispatcher import ChangeDispatcher
from desktop_reader.ui.focus import frame_on_focus
from desktop_reader.ui.icons import icon
from desktop_reader.ui.models.feed_tree import FEED_IDS_ROLE, KIND_ROLE, FeedTreeModel, NodeKind
from desktop_reader.ui.models.item_list import reload_keeping_place
from desktop_reader.ui.models.reader_list import ReaderListModel
from desktop_reader.ui.reading_modes import ArticleMode, ReadingMode
from desktop_reader.ui.refresh_controller import DEFAULT_INTERVAL_MINUTES, RefreshController
from desktop_reader.ui.tasks import TaskRunner
from desktop_reader.ui.widgets.article_list_view import ArticleListView
from desktop_reader.ui.widgets.article_view import ArticleView
from desktop_reader.ui.widgets.feed_tree_delegate import UnreadCountDelegate
from desktop_reader.ui.widgets.refresh_status import RefreshStatus
from desktop_reader.ui.widgets.welcome_view import WelcomeView
from desktop_reader.ui.window_surface import PANE_PROPORTIONS, ReaderWindow

QUIT_TIMEOUT_MS = 5000
FEED_TREE_MIN_WIDTH = 228  # px: at 1024 wide a feed name two folders deep is whole beside its count
FEED_TREE_INDENT = 14  # px a level (the style's 20 leaves little of a name two folders deep)


class MainWindow(ReaderWindow):
    sig_article_shown = Signal(int)

    def __init__(
        self,
        library: Library,
        *,
        settings: QSettings | None = None,
        refresh_minutes: int = DEFAULT_INTERVAL_MINUTES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icon("app"))
        self.library = library
        self.settings = settings if settings is not None else QSettings()
        self.reader = Reader(library)
        self.runner = TaskRunner(library, self)
        self.refresher = RefreshController(self.runner, self, refresh_minutes)
        self._closed = False
        self.menus = ActionRegistry(self)

        self.feed_model = FeedTreeModel(library.media, self)
        self.feed_tree = QTreeView()
        self.feed_tree.setHeaderHidden(True)
        self.feed_tree.setAccessibleName("Feeds")
        self.feed_tree.setAccessibleDescription(
            "Top Headlines, Starred, folders and feeds; the count is the number unread"
        )
        self.feed_tree.setModel(self.feed_model)
        self.feed_tree.setItemDelegate(UnreadCountDelegate(self.feed_tree))  # counts stay whole
        self.feed_tree.setMinimumWidth(FEED_TREE_MIN_WIDTH)
        self.feed_tree.setIndentation(FEED_TREE_INDENT)
        self.feed_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.feed_tree.selectionModel().currentChanged.connect(
            lambda current, _previous: self.show_tree_node(current)
        )

        self.article_model = ReaderListModel(self.reader, self)
        self.article_list = ArticleListView()
        self.article_list.setModel(self.article_model)
        self.article_list.sig_article_selected.connect(self.show_article)
        self.article_view = ArticleView(library.media)

        frame_on_focus(self.feed_tree, self.article_list, self.article_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("panes")
        for pane in (self.feed_tree, self.article_list, self.article_view):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes(list(PANE_PROPORTIONS))

        self.welcome = WelcomeView(Reader.starter_feeds())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)

        self.refresh_status = RefreshStatus()
        self.statusBar().addPermanentWidget(self.refresh_status)
        self.refresh_status.sig_cancel.connect(self.refresher.cancel)
        self._connect_refresher()
        self._build_menus()
        self.accounts = account_actions.install(
            self, self.menus.menu("file"), self.menus.menu("view")
        )
        self.stories = story_mode.install(self)  # Top Headlines and feeds as stories
        # Every write's Changes go through here; each model redraws only if it shows them.
        self.changes = ChangeDispatcher(
            self.reader,
            self.feed_model,
            rebuild_tree=self.reload_feeds,
            article_list=self._redraw_article_list,
            story_list=self.stories.changes_applied,
            open_article=self._redraw_open_article,
            open_story=self.stories.open_story_changed,
            parent=self,
        )
        self.article_mode = ArticleMode(
            self.reader,
            self.article_model,
            self.article_list,
            self.article_view,
            apply=self._apply,
            feed_ids=self.selected_feed_ids,
            tell=lambda text: self.statusBar().showMessage(text, 5000),
        )
        self.menus.menu("view").addAction(self.stories.act_grouping)
        # View ▸ Show Unread Only; the reading pane's note over a list (counts, failures).
        self.unread_filter = unread_filter.install(self, self.stories.model)
        self.empty_states = empty_states.install(self, lambda: self.stories.active)
        self.menus.menu("article").addSeparator()
        self.menus.menu("article").addAction(self.stories.act_mark_unread)
        self.menus.menu("article").addAction(self.stories.act_back)
        self.menus.menu("article").addAction(self.stories.act_forward)
        library_actions.connect_welcome(self)

        self.reload_feeds()
        self.feed_tree.setCurrentIndex(self.feed_model.find("all"))
        self._restore_settings()
        self.features = reader_features.install(self)  # search, prefs, tray, cleanup…
        self.undo = undo_actions.install(self)  # Edit ▸ Undo/Redo (the Edit menu exists now)
        # Context menus, folders, drag and drop, Feed ▸ Properties (enables feed actions).
        self.feed_actions = feed_actions.install(self, self.stories)
        self.about = about.install(self)  # Help ▸ About: version, licence, data folder
        dialog_titles.install(self)  # dialogs as wide as their title bar's text
        self.search_highlight = search_highlight.install(self)  # searched words marked
        # Last: every menu is built, so every action's default keys are known.
        self.shortcuts = shortcut_scheme.install(self, self.settings)
        if self.reader.count_stories(top_only=True):
            self.feed_tree.setCurrentIndex(self.feed_model.find("top"))

    # ------------------------------------------------------------------ menus

    def _build_menus(self) -> None:
        lib, add = library_actions, self.menus.add
        # Fee&d: Alt+E belongs to Edit (added between File and Feed by reader_features).
        for key, title in (
            ("file", "&File"),
            ("feed", "Fee&d"),
            ("view", "&View"),
            ("article", "&Article"),
        ):
            self.menus.add_menu(key, title)
        self.act_subscribe = add(
            "file", "&Subscribe…", lambda: lib.subscribe(self), QKeySequence.StandardKey.New
        )
        self.act_import = add("file", "&Import OPML…", lambda: lib.import_opml(self))
        self.act_export = add("file", "&Export OPML…", lambda: lib.export_opml(self))
        self.menus.menu("file").addSeparator()
        self.act_demo = add("file", "Open &Demo Library", lambda: lib.open_demo(self))
        self.menus.menu("file").addSeparator()
        self.act_quit = add("file", "&Quit", self.close, QKeySequence.StandardKey.Quit)

        self.act_rename = add("feed", "&Rename…", lambda: lib.rename_feed(self))
        self.act_move = add("feed", "&Move to Folder…", lambda: lib.move_feed(self))
        self.act_unsubscribe = add("feed", "&Unsubscribe…", lambda: lib.unsubscribe(self))
        self.menus.menu("feed").addSeparator()
        self.act_mark_all = add("feed", "Mark &All Read", self.mark_all_read)

        self.act_refresh = add("view", "&Refresh", lambda: self.refresher.refresh(), "F5")

        self.act_next = add("article", "&Next", self.next_article, "J")
        self.act_previous = add("article", "&Previous", self.previous_article, "K")
        self.act_next_unread = add("article", "Next &Unread", self.next_unread, "N")
        self.act_previous_unread = add("article", "Pre&vious Unread", self.previous_unread, "P")
        self.act_toggle_read = add("article", "Toggle &Read", self.toggle_read, "M")
        self.act_star = add("article", "&Star", self.toggle_star, "S")
        self.act_open = add("article", "&Open Original", self.open_original, "O", "Ctrl+Return")
        # Down moves on in the list natively; in the article pane it should too, and
        # Space pages through an article, then moves to the next unread one.
        QShortcut(
            QKeySequence("Down"),
            self.article_view,
            self.next_article,
            context=Qt.ShortcutContext.WidgetShortcut,
        ).setWhatsThis("Next article (in the article pane)")
        QShortcut(
            QKeySequence("Space"), self, self._space, context=Qt.ShortcutContext.WindowShortcut
        ).setWhatsThis("Page down, then next unread")

    # ------------------------------------------------------------------ feeds

    def reload_feeds(self) -> None:
        """Re-read feeds and counts; show the welcome page while there are no feeds."""
        self.feed_model.reload(self.reader)
        self.feed_tree.expandAll()
        has_feeds = self.feed_model.has_feeds()
        self.stack.setCurrentWidget(self.splitter if has_feeds else self.welcome)

    def selected_feed_ids(self) -> tuple[int, ...] | None:
        """The feeds of the selected tree node; None for every feed."""
        ids = self.feed_tree.currentIndex().data(FEED_IDS_ROLE)
        return tuple(ids) if ids is not None else None

    @property
    def closed(self) -> bool:
        """Shut down: late results (searches, tasks) must not touch the window."""
        return self._closed

    def show_tree_node(self, current: QModelIndex) -> None:
        """Show what a tree node lists (stories or articles); also to re-show the same one."""
        if self._closed:
            return  # a signal that arrives after shutdown: the reader is closed
        if current.data(KIND_ROLE) in (NodeKind.STARRED, NodeKind.SEARCH):
            self.stories.deactivate()  # else Top Headlines' list and note stay on screen
            reader_features.show_node(self, current)
            return
        feed_ids = current.data(FEED_IDS_ROLE) if current.isValid() else None
        kind = current.data(KIND_ROLE)
        if kind == NodeKind.TOP:
            self.stories.show_top_headlines()
            return
        if kind == NodeKind.STARRED_STORIES:
            self.stories.show_starred()
            return
        if kind in (NodeKind.FEED, NodeKind.FOLDER) and self.stories.grouping and feed_ids:
            name = str(current.data(Qt.ItemDataRole.DisplayRole)).rsplit(" (", 1)[0]
            if self.stories.show_feeds(feed_ids, name):
                return
        self.stories.deactivate()
        self.article_model.set_scope(feed_ids)
        self.article_view.show_message(self.empty_states.note_for_list() or "")

    def select_feed(self, feed_id: int) -> None:
        index = self.feed_model.feed_index(feed_id)
        if index.isValid():
            self.feed_tree.setCurrentIndex(index)

    # ------------------------------------------------------------------ refresh

    def _connect_refresher(self) -> None:
        r = self.refresher
        r.sig_started.connect(self._refresh_started)
        r.sig_progress.connect(self.refresh_status.update_progress)
        r.sig_feed_stored.connect(lambda feed_id: self.feed_model.feed_stored(self.reader, feed_id))
        r.sig_feeds_stored.connect(self._feeds_stored)
        r.sig_completed.connect(lambda changes: self._apply(changes))
        r.sig_finished.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        r.sig_failed.connect(self._refresh_failed)

    def _refresh_started(self, feed_ids: tuple[int, ...] | None) -> None:
        self.refresh_status.start()
        ids = feed_ids if feed_ids is not None else self.feed_model.node(QModelIndex()).feed_ids()
        # Only feeds the refresh will fetch: a gone or waiting one reports nothing back.
        fetched = self.reader.refreshable_feed_ids()
        self.feed_model.set_updating(set(ids) & fetched)

    def _feeds_stored(self, summary: RefreshSummary) -> None:
        self.refresh_status.stop()
        self.feed_model.set_updating(set())
        self._apply(refresh_changes(summary))

    def _refresh_failed(self, message: str) -> None:
        self.refresh_status.stop()
        self.feed_model.set_updating(set())
        self.statusBar().showMessage(message, 15_000)

    def _apply(self, changes: Changes) -> None:
        if not self._closed:
            self.changes.apply(changes)

    def _redraw_article_list(self, changes: Changes) -> None:
        """Articles may have joined (or left) the list: re-read it, keeping the selection;
        else rows of the articles named take their stored state."""
        if not self.article_model.may_gain_rows(changes):
            undo_actions.restyle_articles(self.reader, self.article_model, changes.articles)
            return
        reload_keeping_place(self.article_model, self.article_list)

    def _redraw_open_article(self, changes: Changes) -> None:
        """Its page or images may have arrived: show them, keeping the reader's place."""
        shown = self.article_view.article
        if shown is not None and (changes.content or changes.everything):
            fresh = self.reader.article(shown.id)
            images = self.reader.article_images(shown.id)
            if fresh is not None and (
                (fresh.content_html, fresh.page_state) != (shown.content_html, shown.page_state)
                or images != self.article_view.images
            ):
                position = self.article_view.verticalScrollBar().value()
                self.article_view.show_article(fresh, images)
                self.article_view.verticalScrollBar().setValue(position)

    # ------------------------------------------------------------------ reading

    def show_article(self, article_id: int) -> None:
        if article_id < 0:
            return
        shown = self.article_view.article
        if shown is not None and shown.id == article_id:
            return  # the list was redrawn around the same article: keep the reader's place
        article = self.reader.article(article_id)
        if article is None:
            self.article_view.show_message("This article is no longer in the library.")
            return
        self.article_view.show_article(article, self.reader.article_images(article_id))
        if not article.read:
            self.set_read(article_id, True)
        self.sig_article_shown.emit(article_id)

    @property
    def mode(self) -> ReadingMode:
        """What the reading keys act on: the story list and pane, or the article list."""
        return self.stories if self.stories.active else self.article_mode

    def set_read(self, article_id: int, read: bool) -> None:
        self.article_mode.set_read(article_id, read)

    def next_article(self) -> bool:
        return self.mode.next()

    def previous_article(self) -> bool:
        return self.mode.previous()

    def next_unread(self) -> bool:
        return self.mode.next_unread()

    def previous_unread(self) -> bool:
        return self.mode.previous_unread()

    def _space(self) -> None:
        bar = self.article_view.verticalScrollBar()
        if self.article_view.article is not None and bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep() - 40)
        else:
            self.next_unread()

    def toggle_read(self) -> None:
        self.mode.toggle_read()

    def toggle_star(self) -> None:
        self.mode.toggle_star()  # in story mode, S stars the story selected

    def open_original(self) -> None:
        # Story mode opens the cited article it shows; else the article view's, if any.
        if not self.mode.open_original() and self.mode is not self.article_mode:
            self.article_mode.open_original()

    def mark_all_read(self) -> None:
        # No question first: the status bar says what was marked, with Undo beside it.
        self.undo.mark_all_read(self.mode.mark_all_read)

    # ------------------------------------------------------------------ settings, quit

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        panes = self.settings.value("window/panes")
        if isinstance(panes, QByteArray) and not panes.isEmpty():
            self.splitter.restoreState(panes)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/panes", self.splitter.saveState())
        self.settings.sync()

    def shutdown(self) -> bool:
        """Cancel background work, wait (bounded), release the library. Idempotent."""
        if self._closed:
            return True
        self._closed = True
        self.save_settings()
        stopped = self.runner.shutdown(QUIT_TIMEOUT_MS)
        self.refresher.close()
        self.reader.close()
        return stopped

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(event)
