"""Everyday reader features wired into the main window: search, Starred and saved
searches in the tree, preferences, filters, cleanup after refresh, per-feed
schedule, tray and notifications, Help ▸ Keyboard Shortcuts.

`install(window)` adds the menus, toolbar and hooks once the window is built;
the window itself only routes Starred/saved-search nodes to `show_node`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QToolBar

from desktop_reader.core.changes import Changes
from desktop_reader.core.values import (
    EVERYWHERE,
    THEME,
    CleanupReport,
    ReaderError,
    feed_scope,
    folder_scope,
)
from desktop_reader.ui.background_search import BackgroundSearch
from desktop_reader.ui.cleanup_confirm import confirm_cleanup
from desktop_reader.ui.dialogs.filters_dialog import FiltersDialog
from desktop_reader.ui.dialogs.preferences_dialog import PreferencesDialog
from desktop_reader.ui.dialogs.shortcuts_dialog import ShortcutsDialog
from desktop_reader.ui.dialogs.shortcuts_editor import ShortcutsEditor
from desktop_reader.ui.empty_states import count_of
from desktop_reader.ui.models.feed_tree import (
    FEED_ID_ROLE,
    FEED_IDS_ROLE,
    FOLDER_ROLE,
    KIND_ROLE,
    SEARCH_ID_ROLE,
    NodeKind,
)
from desktop_reader.ui.tasks import TaskContext, user_message
from desktop_reader.ui.theme import apply_theme
from desktop_reader.ui.tray import ReaderTray
from desktop_reader.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from desktop_reader.ui.window_surface import ReaderWindow

SCHEDULE_TICK_MS = 60_000
# What a background search is for, which decides how its rows are shown.
TYPED, SAVED, AGAIN = "typed", "saved", ""  # AGAIN: the list's search re-run after a refresh


def _keys(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for a standard action, or ours where it has none."""
    keys = QKeySequence.keyBindings(standard)
    return keys or [QKeySequence(fallback)]


class ReaderFeatures(QObject):
    def __init__(self, window: ReaderWindow) -> None:
        super().__init__(window)
        self.window = window
        self.cleanup_running = False
        self.last_cleanup: CleanupReport | None = None
        self.search_bar = SearchBar()
        self.searcher = BackgroundSearch(window.library, self)
        self.searcher.sig_found.connect(self._show_results)
        self._purpose = TYPED  # of the newest search started (only its rows ever arrive)
        # After a refresh the list asks for its search again instead of running it itself.
        window.article_model.background_search = True
        window.article_model.sig_search_wanted.connect(self._start)
        self.searcher.sig_failed.connect(lambda message: window.article_view.show_message(message))
        # Any keystroke makes running searches stale, before the debounce even ends.
        self.search_bar.field.textChanged.connect(lambda _text: self.searcher.supersede())
        self.search_bar.sig_search.connect(self.search)
        self.search_bar.sig_save.connect(self.save_search)
        self.search_bar.field.sig_escape.connect(window.article_list.setFocus)
        toolbar = QToolBar("Search")
        toolbar.setObjectName("search-toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.search_bar)
        window.addToolBar(toolbar)
        self.toolbar = toolbar
        self._build_menus()
        window.feed_tree.selectionModel().currentChanged.connect(self._node_changed)
        # Save Search needs words, Remove Saved Search a saved search selected.
        self.search_bar.field.textChanged.connect(lambda _text: self.update_search_actions())
        window.feed_tree.selectionModel().currentChanged.connect(
            lambda *_a: self.update_search_actions()
        )
        window.feed_model.modelReset.connect(self.update_search_actions)
        self.update_search_actions()

        self.tray = ReaderTray(self)
        self.tray.sig_activated.connect(self._raise_window)
        self.tray.sig_quit.connect(window.close)
        window.feed_model.modelReset.connect(self.update_unread)
        window.feed_model.dataChanged.connect(lambda *_a: self.update_unread())
        self.update_unread()
        self.tray.show()

        r = window.refresher
        r.sig_feeds_stored.connect(lambda _s: self.check_alerts())
        r.sig_pages_stored.connect(lambda _n: self.check_alerts())
        r.sig_pages_stored.connect(lambda _n: self.clean_up())  # slots run in this order
        # Per-feed intervals replace the single timer (when automatic refresh is on).
        self.schedule = QTimer(self)
        self.schedule.timeout.connect(self.refresh_due)
        if r.timer.isActive():
            r.set_interval(0)
            self.schedule.start(SCHEDULE_TICK_MS)
        theme = window.reader.setting(THEME)
        if theme != "system":  # "system" leaves the palette the app started with
            apply_theme(theme)

    # ------------------------------------------------------------------ menus

    def _build_menus(self) -> None:
        w = self.window
        add = w.menus.add
        edit = w.menus.add_menu("edit", "&Edit", before="feed")  # after File, as usual
        self.act_find = add("edit", "&Find…", self.search_bar.focus)
        self.act_find.setShortcuts(_keys(QKeySequence.StandardKey.Find, "Ctrl+F"))
        self.act_save_search = add(
            "edit",
            "&Save Search…",
            lambda: self.save_search(self.search_bar.text(), self.search_bar.in_selection()),
        )
        self.act_remove_search = add("edit", "&Remove Saved Search", self.remove_saved_search)
        edit.addSeparator()
        self.act_preferences = add("edit", "&Preferences…", self.open_preferences)
        self.act_preferences.setShortcuts(_keys(QKeySequence.StandardKey.Preferences, "Ctrl+,"))
        self.act_preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        w.menus.menu("feed").addSeparator()
        self.act_filters = add("feed", "&Filters…", self.open_filters)
        self.act_clean_up = add("view", "&Clean Up Library…", self.ask_clean_up)
        w.act_refresh.setShortcuts(_keys(QKeySequence.StandardKey.Refresh, "F5"))
        w.act_quit.setShortcuts(_keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        w.menus.add_menu("help", "&Help")
        self.act_shortcuts = add("help", "&Keyboard Shortcuts", self.show_shortcuts, "Ctrl+/")

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.window)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ search

    def _scope_ids(self, index: QModelIndex) -> tuple[int, ...] | None:
        if not index.isValid() or index.data(KIND_ROLE) not in (NodeKind.FOLDER, NodeKind.FEED):
            return None
        ids = index.data(FEED_IDS_ROLE)
        return tuple(ids) if ids is not None else None

    def search(self, text: str, in_selection: bool) -> None:
        """Start searching in a task (results arrive in `_show_results`); "" ends the search."""
        w = self.window
        current = w.feed_tree.currentIndex()
        if not text:
            self.searcher.supersede()  # a result still on its way must not come back
            w.article_model.forget_expected_search()
            w.show_tree_node(current)
            return
        self._start(text, self._scope_ids(current) if in_selection else None, TYPED)

    def show_saved_search(self, index: QModelIndex) -> None:
        """Run a saved-search node's search in a task; the list changes when its rows arrive."""
        w = self.window
        saved = w.reader.saved_search(index.data(SEARCH_ID_ROLE))
        if saved is not None:
            self._start(saved.query, w.reader.search_scope(saved), SAVED)

    def _start(self, words: str, ids: tuple[int, ...] | None, purpose: str) -> None:
        """Supersede any search under way; the list keeps its rows until these arrive."""
        self._purpose = purpose
        self.window.article_model.expect_search(words, ids, purpose)
        self.searcher.start(words, ids)

    def _show_results(self, text: str, ids: tuple[int, ...] | None, rows: list[Any]) -> None:
        w = self.window
        if w.closed:
            return
        kept = w.article_list.current_id() if self._purpose == AGAIN else None
        w.article_model.show_search_rows(text, ids, rows)
        count = len(rows)
        if self._purpose == SAVED:
            w.article_view.show_message(
                count_of(count, "article") if count else f"Nothing matches “{text}” yet."
            )
            return
        if self._purpose == AGAIN:
            row = w.article_model.row_of(kept) if kept is not None else -1
            if row >= 0:  # the same article: the view keeps the reader's place
                w.article_list.select_row(row)
            if w.article_view.article is not None:
                return  # keep reading; only a results message needs its count updated
        w.article_view.show_message(
            f"{count} result{'s' if count != 1 else ''} for “{text}”"
            if count
            else f"Nothing found for “{text}”."
        )

    def _node_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Another node: a search in the selection follows it; any other search ends."""
        kind = current.data(KIND_ROLE)
        if kind != NodeKind.SEARCH:  # a saved search's node starts its own search
            self.searcher.supersede()  # late rows of the node left behind must not show
        if not self.search_bar.text():
            return
        if self.search_bar.in_selection() and kind in (NodeKind.FOLDER, NodeKind.FEED):
            self.search(self.search_bar.text(), True)
            return
        self.search_bar.field.blockSignals(True)
        self.search_bar.clear()
        self.search_bar.save_button.setEnabled(False)
        self.search_bar.field.blockSignals(False)

    def save_search(self, text: str, in_selection: bool, name: str | None = None) -> int | None:
        w = self.window
        if not text:
            w.statusBar().showMessage("Type some words to search for first.", 5000)
            return None
        current = w.feed_tree.currentIndex()
        scope = EVERYWHERE
        if in_selection and current.data(KIND_ROLE) == NodeKind.FEED:
            scope = feed_scope(current.data(FEED_ID_ROLE))
        elif in_selection and current.data(KIND_ROLE) == NodeKind.FOLDER:
            scope = folder_scope(current.data(FOLDER_ROLE))
        if name is None:
            name, ok = QInputDialog.getText(
                w, "Save Search", "Name:", QLineEdit.EchoMode.Normal, text
            )
            if not ok:
                return None
        try:
            saved, changes = w.reader.save_search(name, text, scope)
        except ReaderError as exc:
            QMessageBox.warning(w, "Save Search", str(exc))
            return None
        w.changes.apply(changes)
        w.feed_tree.setCurrentIndex(w.feed_model.find(f"search:{saved.id}"))
        return saved.id

    def update_search_actions(self) -> None:
        # No search bar on the welcome page: there is nothing to search until a feed is in.
        has_library = self.window.feed_model.has_feeds()
        self.toolbar.setVisible(has_library)
        self.act_find.setEnabled(has_library)
        self.act_save_search.setEnabled(has_library and bool(self.search_bar.text()))
        self.act_remove_search.setEnabled(
            self.window.feed_tree.currentIndex().data(SEARCH_ID_ROLE) is not None
        )

    def remove_saved_search(self) -> None:
        w = self.window
        search_id = w.feed_tree.currentIndex().data(SEARCH_ID_ROLE)
        if search_id is None:
            w.statusBar().showMessage("Select a saved search first.", 5000)
            return
        w.changes.apply(w.reader.delete_search(search_id))
        w.feed_tree.setCurrentIndex(w.feed_model.find("all"))

    # ------------------------------------------------------------------ dialogs

    def open_preferences(self) -> PreferencesDialog:
        w = self.window
        dialog = PreferencesDialog(
            w.reader, w, feed_id=w.feed_tree.currentIndex().data(FEED_ID_ROLE), runner=w.runner
        )
        dialog.sig_clean_up.connect(lambda: self.ask_clean_up(then=dialog.update_sizes))
        dialog.accepted.connect(lambda: apply_theme(w.reader.setting(THEME)))
        dialog.tabs.addTab(ShortcutsEditor(w.shortcuts), "Shortcuts")
        dialog.open()
        return dialog

    def open_filters(self) -> FiltersDialog:
        w = self.window
        dialog = FiltersDialog(w.reader, w, feed_id=w.feed_tree.currentIndex().data(FEED_ID_ROLE))
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ background

    def refresh_due(self) -> None:
        w = self.window
        if w.refresher.busy:
            return
        due = w.reader.due_feed_ids()
        if due:
            w.refresher.refresh(due)

    def ask_clean_up(self, then: Any = None) -> QMessageBox:
        """Clean Up Library: say what goes, clean up if the reader agrees."""
        return confirm_cleanup(self.window, lambda: self.clean_up(manual=True, then=then))

    def clean_up(self, *, manual: bool = False, then: Any = None) -> bool:
        """Apply retention in a task; False if a cleanup is already running."""
        w = self.window
        if self.cleanup_running:
            return False
        self.cleanup_running = True

        def work(ctx: TaskContext) -> tuple[CleanupReport, Changes]:
            return ctx.reader.clean_up(cancel=ctx.cancel)

        def done(result: tuple[CleanupReport, Changes]) -> None:
            report, changes = result
            self.cleanup_running = False
            self.last_cleanup = report
            w.changes.apply(changes)
            if manual:
                w.statusBar().showMessage(
                    f"Removed {report.deleted_articles} old articles and "
                    f"{report.deleted_images} unused images"
                    f"{', compacted the library' if report.vacuumed else ''}.",
                    10_000,
                )
            if then is not None:
                then()

        def failed(error: BaseException) -> None:
            self.cleanup_running = False
            w.statusBar().showMessage(f"Cleanup failed: {user_message(error)}", 10_000)

        def cancelled() -> None:
            self.cleanup_running = False

        w.runner.start("cleanup", work, on_finished=done, on_failed=failed, on_cancelled=cancelled)
        return True

    def check_alerts(self) -> None:
        w = self.window
        if w.closed:
            return
        alerts = w.reader.new_broad_stories()
        if alerts and not self.tray.notify(alerts):
            title, _message = self.tray.last_message
            w.statusBar().showMessage(f"{title}: {alerts[0].headline}", 15_000)

    def update_unread(self) -> None:
        model = self.window.feed_model
        self.tray.set_unread(model.node(model.find("all")).unread)

    def _raise_window(self) -> None:
        w = self.window
        w.showNormal()
        w.raise_()
        w.activateWindow()


def show_node(window: ReaderWindow, index: QModelIndex) -> None:
    """Show a Starred or saved-search node's articles in the list."""
    model = window.article_model
    if index.data(KIND_ROLE) == NodeKind.STARRED:
        model.show_starred()
        empty = "Star articles (S) to keep them here; cleanup never removes them."
    else:
        features = getattr(window, "features", None)
        if features is not None:  # always, once the window is built
            features.show_saved_search(index)
            return
        saved = window.reader.saved_search(index.data(SEARCH_ID_ROLE))
        if saved is None:
            return
        model.show_search(saved.query, window.reader.search_scope(saved))
        empty = f"Nothing matches “{saved.query}” yet."
    count = model.total
    window.article_view.show_message(count_of(count, "article") if count else empty)


def install(window: ReaderWindow) -> ReaderFeatures:
    return ReaderFeatures(window)
