"""Feed management in the main window: context menus, folders, drag and drop, the inspector.

The context menus hold the window's own actions (`window.act_*`, the registry's), so a
right click does exactly what the menu bar and the keys do; a right click first makes
the clicked row current, as the actions act on the current feed, article or story.
Actions are enabled only where they apply (a folder action needs a folder, Unsubscribe a
feed). Folders are made, renamed and deleted here (deleting moves the feeds to the top
level); feeds dragged onto a folder, a feed or the empty space below move there.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
)

from desktop_reader.core.changes import Changes
from desktop_reader.core.values import Feed, ReaderError
from desktop_reader.ui import library_actions
from desktop_reader.ui.dialogs.feed_inspector import FeedInspector
from desktop_reader.ui.models.feed_tree import (
    ACCOUNT_ID_ROLE,
    FEED_ID_ROLE,
    FOLDER_ROLE,
    KIND_ROLE,
    NodeKind,
)

if TYPE_CHECKING:
    from desktop_reader.ui.story_mode import StoryMode
    from desktop_reader.ui.window_surface import ReaderWindow

TOP_LEVEL = "Top Level"


class FeedActions(QObject):
    def __init__(self, window: ReaderWindow, stories: StoryMode) -> None:
        super().__init__(window)
        self.window = window
        self.stories = stories
        self.inspector: FeedInspector | None = None
        self.last_menu: QMenu | None = None  # the context menu shown last (tests look at it)
        self._build_actions()
        tree = window.feed_tree
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._tree_menu)
        tree.setDragEnabled(True)
        tree.setAcceptDrops(True)
        tree.setDropIndicatorShown(True)
        tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        # Queued: the move rebuilds the tree, which must not happen inside the view's drop.
        window.feed_model.sig_feeds_dropped.connect(
            self.move_feeds, Qt.ConnectionType.QueuedConnection
        )
        for view, slot in (
            (window.article_list, self._article_menu),
            (stories.list, self._story_menu),
        ):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(slot)
        tree.selectionModel().currentChanged.connect(lambda *_a: self.update_enabled())
        window.feed_model.modelReset.connect(self.update_enabled)
        self.update_enabled()

    # ------------------------------------------------------------------ actions

    def _build_actions(self) -> None:
        w, add = self.window, self.window.menus.add
        feed = w.menus.menu("feed")
        first = feed.actions()[0] if feed.actions() else None
        self.act_refresh_selected = add(
            "feed", "Re&fresh Selected", self.refresh_selected, "Shift+F5"
        )
        self.act_properties = add("feed", "&Properties…", self.show_properties, "Ctrl+I")
        self.act_open_site = add("feed", "Open &Site", self.open_site)
        self.act_copy_feed_url = add("feed", "&Copy Feed Address", self.copy_feed_url)
        if first is not None:  # the feed's own actions first, as in the peers' Feed menus
            for action in (
                self.act_refresh_selected,
                self.act_properties,
                self.act_open_site,
                self.act_copy_feed_url,
            ):
                feed.removeAction(action)
                feed.insertAction(first, action)
            feed.insertSeparator(first)
        feed.addSeparator()
        self.act_new_folder = add("feed", "&New Folder…", lambda: self.new_folder())
        self.act_rename_folder = add("feed", "Rena&me Folder…", lambda: self.rename_folder())
        self.act_delete_folder = add("feed", "&Delete Folder…", lambda: self.delete_folder())
        self.act_copy_link = add("article", "Copy &Link", self.copy_link, "Ctrl+Shift+C")

    def _node(self) -> tuple[NodeKind | None, bool]:
        """The current tree node's kind, and whether it belongs to a sync account."""
        index = self.window.feed_tree.currentIndex()
        if not index.isValid():
            return None, False
        return NodeKind(index.data(KIND_ROLE)), index.data(ACCOUNT_ID_ROLE) is not None

    def update_enabled(self) -> None:
        """Each action on where it can act: a feed, a local folder, an article."""
        w = self.window
        kind, synced = self._node()
        on_feed = kind is NodeKind.FEED
        on_folder = kind is NodeKind.FOLDER and not synced
        for action in (
            w.act_rename,
            w.act_move,
            w.act_unsubscribe,
            self.act_properties,
            self.act_open_site,
            self.act_copy_feed_url,
        ):
            action.setEnabled(on_feed)
        for action in (self.act_rename_folder, self.act_delete_folder):
            action.setEnabled(on_folder)
        self.act_refresh_selected.setEnabled(on_feed or on_folder)
        self.act_new_folder.setEnabled(not synced)
        w.act_mark_all.setEnabled(kind is not None)

    def current_feed(self) -> Feed | None:
        feed_id = self.window.feed_tree.currentIndex().data(FEED_ID_ROLE)
        return self.window.reader.feed(feed_id) if feed_id is not None else None

    def current_folder(self) -> str | None:
        index = self.window.feed_tree.currentIndex()
        if index.data(KIND_ROLE) != NodeKind.FOLDER or index.data(ACCOUNT_ID_ROLE) is not None:
            return None
        return str(index.data(FOLDER_ROLE))

    def _tell(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 5000)

    def _apply(self, changes: Changes) -> None:
        self.window.changes.apply(changes)

    # ------------------------------------------------------------------ one feed

    def refresh_selected(self) -> None:
        ids = self.window.selected_feed_ids()
        if ids:
            self.window.refresher.refresh(ids)

    def show_properties(self) -> FeedInspector | None:
        feed = self.current_feed()
        if feed is None:
            self._tell("Select a feed first.")
            return None
        w = self.window
        if self.inspector is not None:
            self.inspector.close()
        dialog = FeedInspector(w.reader, feed.id, w)
        dialog.sig_changes.connect(self._apply)
        dialog.sig_refresh.connect(lambda feed_id: self._refresh_for(dialog, feed_id))
        w.refresher.sig_feed_stored.connect(dialog.feed_stored)
        w.refresher.sig_feeds_stored.connect(lambda _s: dialog.show_status())
        dialog.finished.connect(lambda _r: self._inspector_closed(dialog))
        self.inspector = dialog
        dialog.open()
        return dialog

    def _refresh_for(self, dialog: FeedInspector, feed_id: int) -> None:
        if not self.window.refresher.refresh([feed_id]):
            dialog.show_status("A refresh is running; this feed is checked with it.")

    def _inspector_closed(self, dialog: FeedInspector) -> None:
        r = self.window.refresher
        r.sig_feed_stored.disconnect(dialog.feed_stored)
        if self.inspector is dialog:
            self.inspector = None

    def open_site(self) -> None:
        feed = self.current_feed()
        if feed is None:
            return
        url = QUrl(feed.site_url or feed.url)
        if not feed.site_url:  # no site named by the feed: its host's home page
            url = QUrl(f"{url.scheme()}://{url.authority()}/")
        if url.scheme() not in ("http", "https") or not QDesktopServices.openUrl(url):
            self._tell(f"Could not open {url.toString()} in a browser.")

    def copy_feed_url(self) -> None:
        feed = self.current_feed()
        if feed is not None:
            QGuiApplication.clipboard().setText(feed.url)
            self._tell(f"Copied {feed.url}")

    def move_feeds(self, feed_ids: tuple[int, ...], folder: str) -> None:
        """Feeds dropped on a folder (or moved by the menu): one redraw for all."""
        changes = Changes()
        for feed_id in feed_ids:
            feed = self.window.reader.feed(feed_id)
            if feed is None or feed.folder == folder:
                continue
            try:
                changes |= self.window.reader.move_feed(feed_id, folder)
            except ReaderError as exc:
                QMessageBox.warning(self.window, "Move to Folder", str(exc))
                break
        if changes:
            self._apply(changes)
            self.window.select_feed(feed_ids[0])
            self._tell(f"Moved to {folder or 'the top level'}.")

    # ------------------------------------------------------------------ folders

    def new_folder(self, name: str | None = None) -> str | None:
        w = self.window
        if name is None:
            name, ok = QInputDialog.getText(
                w, "New Folder", "Folder name:", QLineEdit.EchoMode.Normal, ""
            )
            if not ok:
                return None
        try:
            made, changes = w.reader.create_folder(name)
        except ReaderError as exc:
            QMessageBox.warning(w, "New Folder", str(exc))
            return None
        self._apply(changes)
        w.feed_tree.setCurrentIndex(w.feed_model.find(f"folder:{made}"))
        return made

    def rename_folder(self, new: str | None = None) -> None:
        w = self.window
        old = self.current_folder()
        if old is None:
            self._tell("Select a folder first.")
            return
        parent, _, name = old.rpartition("/")
        if new is None:
            new, ok = QInputDialog.getText(
                w, "Rename Folder", "Folder name:", QLineEdit.EchoMode.Normal, name
            )
            if not ok:
                return
        try:  # the name within its parent folder: renaming does not move it
            renamed, changes = w.reader.rename_folder(
                old, f"{parent}/{new.strip().strip('/')}" if parent else new
            )
        except ReaderError as exc:
            QMessageBox.warning(w, "Rename Folder", str(exc))
            return
        self._apply(changes)
        w.feed_tree.setCurrentIndex(w.feed_model.find(f"folder:{renamed}"))

    def delete_folder(self, *, confirm: bool = True) -> None:
        w = self.window
        path = self.current_folder()
        if path is None:
            self._tell("Select a folder first.")
            return
        count = len(w.selected_feed_ids() or ())
        if confirm:
            feeds_text = (
                f"Its {count} feed{'s move' if count != 1 else ' moves'} to the "
                "top level; no feed is unsubscribed."
                if count
                else "It is empty."
            )
            answer = QMessageBox.question(
                w,
                "Delete Folder",
                f"Delete the folder “{path}”?\n\n{feeds_text}",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._apply(w.reader.delete_folder(path))
        w.feed_tree.setCurrentIndex(w.feed_model.find("all"))
        self._tell(f"Deleted the folder “{path}”.")

    # ------------------------------------------------------------------ links

    def _story_link(self) -> str | None:
        """The link of the story selected: its first (lead) article's."""
        story_id = self.stories.list.current_id()
        if story_id is None:
            return None
        for article_id in self.window.reader.story_member_ids(story_id):
            article = self.window.reader.article(article_id)
            if article is not None and article.url:
                return article.url
        return None

    def current_link(self) -> str | None:
        w = self.window
        if self.stories.active:
            return self._story_link()
        article_id = w.article_list.current_id()
        article = w.reader.article(article_id) if article_id is not None else None
        return article.url if article is not None and article.url else None

    def copy_link(self) -> None:
        link = self.current_link()
        if link is None:
            self._tell("Nothing with a link is selected.")
            return
        QGuiApplication.clipboard().setText(link)
        self._tell(f"Copied {link}")

    def open_story_original(self) -> None:
        link = self._story_link()
        if link is None or not QDesktopServices.openUrl(QUrl(link)):
            self._tell("Could not open the story's article in a browser.")

    # ------------------------------------------------------------------ context menus

    def _popup(self, menu: QMenu, view: QAbstractItemView, pos: QPoint) -> None:
        self.last_menu = menu
        menu.popup(view.viewport().mapToGlobal(pos))

    def tree_menu(self, index: QModelIndex) -> QMenu:
        """The context menu of a tree row (invalid: the empty space below the rows)."""
        w = self.window
        menu = QMenu(w.feed_tree)
        kind = NodeKind(index.data(KIND_ROLE)) if index.isValid() else None
        synced = index.data(ACCOUNT_ID_ROLE) is not None if index.isValid() else False
        if kind is NodeKind.FEED:
            menu.addActions([self.act_refresh_selected, w.act_mark_all])
            menu.addSeparator()
            menu.addActions([self.act_properties, self.act_open_site, self.act_copy_feed_url])
            menu.addSeparator()
            menu.addAction(w.act_rename)
            if not synced:
                menu.addMenu(self._move_menu(menu))
            menu.addSeparator()
            menu.addAction(w.act_unsubscribe)
        elif kind is NodeKind.FOLDER and not synced:
            menu.addActions([self.act_refresh_selected, w.act_mark_all])
            menu.addSeparator()
            menu.addActions([self.act_new_folder, self.act_rename_folder, self.act_delete_folder])
        elif kind in (NodeKind.ALL, NodeKind.TOP, None):
            menu.addActions([w.act_refresh] + ([w.act_mark_all] if kind else []))
            menu.addSeparator()
            menu.addAction(self.act_new_folder)
        else:  # Starred, its Stories, saved searches, sync accounts and their folders
            menu.addAction(w.act_mark_all)
        return menu

    def _move_menu(self, parent: QMenu) -> QMenu:
        """Move to Folder ▸ Top Level, every folder, New Folder…"""
        feed = self.current_feed()
        menu = QMenu("&Move to Folder", parent)
        if feed is None:
            return menu
        for folder in ["", *self.window.reader.folders()]:
            action = menu.addAction(folder.replace("&", "&&") or TOP_LEVEL)  # not a mnemonic
            action.setCheckable(True)
            action.setChecked(folder == feed.folder)
            action.triggered.connect(
                lambda _c=False, f=folder: library_actions.move_feed(self.window, f)
            )
        menu.addSeparator()
        menu.addAction("New Folder…", partial(self._move_to_new_folder, feed.id))
        return menu

    def _move_to_new_folder(self, feed_id: int) -> None:
        made = self.new_folder()
        if made is not None:
            self.move_feeds((feed_id,), made)

    def _tree_menu(self, pos: QPoint) -> None:
        tree = self.window.feed_tree
        index = tree.indexAt(pos)
        if index.isValid():
            tree.setCurrentIndex(index)
        self._popup(self.tree_menu(index), tree, pos)

    def _proxy(self, menu: QMenu, text: str, action: QAction) -> QAction:
        """An entry worded for the row's state ("Mark as Unread") that triggers the
        window's own action, its keys shown beside it."""
        keys = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
        proxy = menu.addAction(f"{text}\t{keys}" if keys else text)
        proxy.triggered.connect(action.trigger)
        proxy.setEnabled(action.isEnabled())
        return proxy

    def article_menu(self) -> QMenu:
        """The context menu of the current article row."""
        w = self.window
        menu = QMenu(w.article_list)
        row = w.article_model.article_row(w.article_list.currentIndex().row())
        if row is None:
            return menu
        self._proxy(menu, "Mark as Unread" if row.read else "Mark as Read", w.act_toggle_read)
        self._proxy(menu, "Unstar" if row.starred else "Star", w.act_star)
        menu.addSeparator()
        menu.addAction(w.act_open)
        menu.addAction(self.act_copy_link)
        menu.addSeparator()
        menu.addAction(w.act_mark_all)
        return menu

    def _article_menu(self, pos: QPoint) -> None:
        view = self.window.article_list
        index = view.indexAt(pos)
        if not index.isValid():
            return
        view.menu_pick.pick(index)  # the menu's row; opening it would mark it read
        self._popup(self.article_menu(), view, pos)

    def story_menu(self) -> QMenu:
        """The context menu of the current story row: the story-level actions."""
        w = self.window
        stories = self.stories
        menu = QMenu(stories.list)
        row = stories.model.story_row(stories.list.currentIndex().row())
        if row is None:
            return menu
        self._proxy(
            menu, "Mark Story as Read" if row.unread else "Mark Story as Unread", w.act_toggle_read
        )
        starred = w.reader.is_story_starred(row.id)
        self._proxy(menu, "Unstar Story" if starred else "Star Story", w.act_star)
        menu.addSeparator()
        menu.addAction("Open Lead Article in Browser", self.open_story_original)
        menu.addAction(self.act_copy_link)
        menu.addSeparator()
        menu.addAction(w.act_mark_all)
        return menu

    def _story_menu(self, pos: QPoint) -> None:
        view = self.stories.list
        index = view.indexAt(pos)
        if not index.isValid():
            return
        view.menu_pick.pick(index)  # the menu's row; opening it would mark it read
        self._popup(self.story_menu(), view, pos)


def install(window: ReaderWindow, stories: StoryMode) -> FeedActions:
    return FeedActions(window, stories)
