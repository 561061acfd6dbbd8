"""The feed tree: Top Headlines, All Articles, then folders and feeds with unread counts.

`reload(reader)` rebuilds the tree from the library. When only counts or statuses
changed (the usual case after a refresh) the nodes are updated in place with
dataChanged, so the view keeps its selection and does not flicker; a structural
change (subscribe, unsubscribe, move) resets the model.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon

from desktop_reader.core.reader import FeedCounts, Reader
from desktop_reader.core.values import Account, Feed, FeedStatus, MediaCache, SavedSearch
from desktop_reader.ui.icons import icon, media_icon

FEED_IDS_ROLE = Qt.ItemDataRole.UserRole + 1  # tuple[int, ...] | None (None = every feed)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # NodeKind
FEED_ID_ROLE = Qt.ItemDataRole.UserRole + 3  # int | None
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 4  # full folder path ("" outside folders)
SEARCH_ID_ROLE = Qt.ItemDataRole.UserRole + 5  # saved search id (SEARCH nodes)
ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 6  # sync account id (ACCOUNT nodes and below)
TITLE_ROLE = Qt.ItemDataRole.UserRole + 7  # the node's name, without its count
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 8  # its unread count

FEEDS_MIME = "application/x-desktop-reader-feeds"  # dragged feeds: a JSON list of ids

_Index = QModelIndex | QPersistentModelIndex


class NodeKind(str, Enum):
    TOP = "top"
    ALL = "all"
    FOLDER = "folder"
    FEED = "feed"
    STARRED = "starred"
    STARRED_STORIES = "starred-stories"  # the "Stories" child of Starred
    SEARCH = "search"  # a saved search
    ACCOUNT = "account"  # a sync account: its folders and feeds below it


@dataclass(eq=False)
class Node:
    kind: NodeKind
    key: str  # stable identity across reloads: "feed:12", "folder:World/Europe"
    title: str
    folder: str = ""
    feed: Feed | None = None
    unread: int = 0
    search_id: int | None = None
    account: Account | None = None  # ACCOUNT nodes
    parent: Node | None = None
    row: int = 0
    children: list[Node] = field(default_factory=list)

    def add(self, child: Node) -> Node:
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child

    def feed_ids(self) -> tuple[int, ...]:
        if self.feed is not None:
            return (self.feed.id,)
        return tuple(i for c in self.children for i in c.feed_ids())

    def walk(self) -> list[Node]:
        return [self] + [n for c in self.children for n in c.walk()]

    def account_id(self) -> int | None:
        """The sync account this node is (or is under); None for local feeds."""
        node: Node | None = self
        while node is not None:
            if node.account is not None:
                return node.account.id
            node = node.parent
        return None


def _shape(node: Node) -> list[tuple[str, int]]:
    return [(n.key, len(n.children)) for n in node.walk()]


def _add_feeds(
    top: Node,
    feed_list: list[Feed],
    unread: dict[int, int],
    prefix: str,
    empty_folders: Sequence[str] = (),
) -> None:
    """Folders (sorted by name, before loose feeds) and feeds under `top`."""
    folder_nodes: dict[str, Node] = {"": top}

    def folder_node(path: str) -> Node:
        if path not in folder_nodes:
            parent_path, _, name = path.rpartition("/")
            parent = folder_node(parent_path)
            folder_nodes[path] = parent.add(
                Node(NodeKind.FOLDER, f"{prefix}folder:{path}", name, folder=path)
            )
        return folder_nodes[path]

    paths = {f.folder for f in feed_list if f.folder} | set(empty_folders)
    for path in sorted(paths, key=str.casefold):
        folder_node(path)
    for feed in sorted(feed_list, key=lambda f: (f.folder != "", f.position, f.id)):
        folder_node(feed.folder).add(
            Node(
                NodeKind.FEED,
                f"feed:{feed.id}",
                feed.title or feed.url,
                folder=feed.folder,
                feed=feed,
                unread=unread.get(feed.id, 0),
            )
        )


def build_tree(
    feed_list: list[Feed],
    unread: dict[int, int],
    all_unread: int,
    *,
    starred_unread: int = 0,
    searches: Sequence[SavedSearch] = (),
    starred_stories_unread: int = 0,
    accounts: Sequence[Account] = (),
    account_feeds: dict[int, int] | None = None,
    folders: Sequence[str] = (),
) -> Node:
    """`account_feeds` maps the feeds of sync accounts to their account: those feeds show
    under their account's node (after the local feeds), with the account's folders.
    `folders` adds local folders no feed is in yet (made by the user)."""
    root = Node(NodeKind.FOLDER, "root", "")
    root.add(Node(NodeKind.TOP, "top", "Top Headlines"))
    root.add(Node(NodeKind.ALL, "all", "All Articles", unread=all_unread))
    kept = root.add(Node(NodeKind.STARRED, "starred", "Starred", unread=starred_unread))
    kept.add(
        Node(NodeKind.STARRED_STORIES, "starred:stories", "Stories", unread=starred_stories_unread)
    )
    for saved in searches:
        root.add(Node(NodeKind.SEARCH, f"search:{saved.id}", saved.name, search_id=saved.id))
    owners = account_feeds or {}
    local = [f for f in feed_list if f.id not in owners]
    theirs = {f.folder for f in feed_list if f.id in owners} - {f.folder for f in local}
    _add_feeds(
        root,
        local,
        unread,
        "",
        [p for p in folders if not any(t == p or t.startswith(p + "/") for t in theirs)],
    )
    for account in accounts:
        node = root.add(
            Node(NodeKind.ACCOUNT, f"account:{account.id}", account.name, account=account)
        )
        _add_feeds(
            node,
            [f for f in feed_list if owners.get(f.id) == account.id],
            unread,
            f"account:{account.id}/",
        )
    for node in reversed(root.walk()):  # children first, so nested folders sum up
        if node.kind in (NodeKind.FOLDER, NodeKind.ACCOUNT) and node is not root:
            node.unread = sum(c.unread for c in node.children)
    return root


class FeedTreeModel(QAbstractItemModel):
    # Feeds dropped on a folder (or the top level, ""): whoever owns the library moves them.
    # Connect it queued: the tree is rebuilt by the move, not inside the view's drop.
    sig_feeds_dropped = Signal(object, str)  # tuple of feed ids, destination folder

    def __init__(self, media: MediaCache | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._media = media
        self._root = build_tree([], {}, 0)
        self._updating: set[int] = set()
        self._icons: dict[str, QIcon | None] = {}

    # ------------------------------------------------------------------ loading

    def reload(self, reader: Reader) -> None:
        counts = reader.feed_counts()
        new_root = build_tree(
            reader.feeds(),
            counts.per_feed,
            counts.all_unread,
            starred_unread=counts.starred_unread,
            searches=reader.saved_searches(),
            starred_stories_unread=counts.starred_stories_unread,
            accounts=reader.accounts(),
            account_feeds=reader.account_of_feeds(),
            folders=reader.folders(),
        )
        if _shape(new_root) != _shape(self._root):
            self.beginResetModel()
            self._root = new_root
            self.endResetModel()
            return
        for old, new in zip(self._root.walk(), new_root.walk(), strict=True):
            if (old.title, old.unread, old.feed, old.account) != (
                new.title,
                new.unread,
                new.feed,
                new.account,
            ):
                old.title, old.unread, old.feed = new.title, new.unread, new.feed
                old.account = new.account
                index = self._index_of(old)
                if index.isValid():
                    self.dataChanged.emit(index, index)

    def update_counts(self, counts: FeedCounts) -> None:
        """New unread counts, same tree: changed rows are redrawn in place (after a read
        toggle or one feed's refresh); no query here, whatever the library's size."""
        special = {
            NodeKind.ALL: counts.all_unread,
            NodeKind.STARRED: counts.starred_unread,
            NodeKind.STARRED_STORIES: counts.starred_stories_unread,
        }
        changed: list[Node] = []
        for node in reversed(self._root.walk()):  # children first, so folders sum up
            if node.feed is not None:
                unread = counts.per_feed.get(node.feed.id, 0)
            elif node.kind in special:
                unread = special[node.kind]
            elif node.kind is NodeKind.FOLDER and node is not self._root:
                unread = sum(c.unread for c in node.children)
            else:
                continue
            if unread != node.unread:
                node.unread = unread
                changed.append(node)
        for node in changed:
            index = self._index_of(node)
            if index.isValid():
                self.dataChanged.emit(index, index)

    def set_updating(self, feed_ids: set[int]) -> None:
        """Mark feeds as being refreshed (an icon shows it); empty set when done."""
        changed = self._updating ^ set(feed_ids)
        self._updating = set(feed_ids)
        for node in self._root.walk():
            if node.feed is not None and node.feed.id in changed:
                index = self._index_of(node)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def is_updating(self, feed_id: int) -> bool:
        return feed_id in self._updating

    def feed_stored(self, reader: Reader, feed_id: int) -> None:
        """One feed's refresh result is stored: its row shows its new status and unread
        count at once and no longer shows as updating, while the others keep waiting.

        Only this feed, its folders and All Articles are updated (counts are kept by
        triggers), not the whole tree: this runs once per feed during a refresh.
        """
        self._updating.discard(feed_id)
        node = next(
            (n for n in self._root.walk() if n.feed is not None and n.feed.id == feed_id), None
        )
        if node is None:  # unsubscribed meanwhile; the next reload settles it
            return
        if reader.closed:  # the window closed meanwhile
            return
        feed = reader.feed(feed_id)
        unread = reader.unread_counts().get(feed_id, 0)
        all_unread = reader.count_articles(unread_only=True)
        if feed is not None:
            node.feed, node.title = feed, feed.title or feed.url
        node.unread = unread
        changed = [node]
        folder = node.parent
        while folder is not None and folder is not self._root:
            folder.unread = sum(c.unread for c in folder.children)
            changed.append(folder)
            folder = folder.parent
        everything = self.node(self.find("all"))
        if everything is not self._root:
            everything.unread = all_unread
            changed.append(everything)
        for changed_node in changed:
            index = self._index_of(changed_node)
            self.dataChanged.emit(index, index)

    # ------------------------------------------------------------------ lookup

    def node(self, index: _Index) -> Node:
        return index.internalPointer() if index.isValid() else self._root

    def _index_of(self, node: Node) -> QModelIndex:
        if node is self._root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def find(self, key: str) -> QModelIndex:
        """The index of a node by key ("all", "feed:3", "folder:World"), invalid if absent."""
        for node in self._root.walk():
            if node.key == key:
                return self._index_of(node)
        return QModelIndex()

    def feed_index(self, feed_id: int) -> QModelIndex:
        return self.find(f"feed:{feed_id}")

    def has_feeds(self) -> bool:
        return any(n.feed is not None or n.account is not None for n in self._root.walk())

    # ------------------------------------------------------------------ Qt model API

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        node = self.node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: Node = index.internalPointer()
        return self._index_of(node.parent) if node.parent is not None else QModelIndex()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        if parent.column() > 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # the empty space below: the top level
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        node: Node = index.internalPointer()
        if node.feed is not None and node.account_id() is None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if self.drop_folder(index) is not None:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    # ------------------------------------------------------------------ drag and drop

    def drop_folder(self, index: _Index) -> str | None:
        """The folder feeds dropped here go to ("" = top level); None where they cannot."""
        node = self.node(index)
        if node.account_id() is not None:
            return None  # a sync account's folders are the server's
        if node is self._root or node.kind is NodeKind.ALL:
            return ""
        if node.kind in (NodeKind.FOLDER, NodeKind.FEED):
            return node.folder
        return None

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [FEEDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = sorted(
            {
                n.feed.id
                for n in (self.node(i) for i in indexes)
                if n.feed is not None and n.account_id() is None
            }
        )
        data = QMimeData()
        data.setData(FEEDS_MIME, json.dumps(ids).encode())
        return data

    def _dropped_ids(self, data: QMimeData) -> tuple[int, ...]:
        if not data.hasFormat(FEEDS_MIME):
            return ()
        try:
            ids = json.loads(bytes(data.data(FEEDS_MIME).data()))
        except ValueError:
            return ()
        return tuple(i for i in ids if isinstance(i, int)) if isinstance(ids, list) else ()

    def canDropMimeData(  # noqa: N802
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        return bool(self._dropped_ids(data)) and self.drop_folder(parent) is not None

    def dropMimeData(  # noqa: N802
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        ids, folder = self._dropped_ids(data), self.drop_folder(parent)
        if not ids or folder is None or action == Qt.DropAction.IgnoreAction:
            return False
        self.sig_feeds_dropped.emit(ids, folder)
        return True

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{node.title} ({node.unread})" if node.unread else node.title
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(node)
        if role == Qt.ItemDataRole.FontRole and node.unread:
            font = QFont()
            font.setBold(True)
            return font
        if role == FEED_IDS_ROLE:
            return None if node.kind in (NodeKind.TOP, NodeKind.ALL) else node.feed_ids()
        if role == KIND_ROLE:
            return node.kind
        if role == FEED_ID_ROLE:
            return node.feed.id if node.feed else None
        if role == FOLDER_ROLE:
            return node.folder
        if role == SEARCH_ID_ROLE:
            return node.search_id
        if role == ACCOUNT_ID_ROLE:
            return node.account_id()
        if role == TITLE_ROLE:
            return node.title
        if role == UNREAD_ROLE:
            return node.unread
        return None

    def _decoration(self, node: Node) -> QIcon:
        if node.kind is NodeKind.TOP:
            return icon("top-headlines")
        if node.kind is NodeKind.ALL:
            return icon("all-articles")
        if node.kind in (NodeKind.STARRED, NodeKind.STARRED_STORIES):
            return icon("starred")
        if node.kind is NodeKind.SEARCH:
            return icon("saved-search")
        if node.account is not None:
            return icon("feed-error") if node.account.status == "error" else icon("account")
        if node.feed is None:
            return icon("folder")
        feed = node.feed
        if feed.id in self._updating:
            return icon("feed-updating")
        if feed.status in (FeedStatus.ERROR, FeedStatus.GONE):
            return icon("feed-error")
        if feed.status is FeedStatus.WARNING:
            return icon("feed-warning")
        if feed.icon_hash and self._media is not None:
            if feed.icon_hash not in self._icons:
                self._icons[feed.icon_hash] = media_icon(self._media, feed.icon_hash)
            own = self._icons[feed.icon_hash]
            if own is not None:
                return own
        return icon("feed")

    def _spoken(self, node: Node) -> str:
        """What a screen reader says for a row: words for what the count, the bold
        and the icon show ("Demo, 31 unread", "Global Desk, 2 unread, error: …")."""
        parts = [node.title, f"{node.unread} unread" if node.unread else "all read"]
        feed = node.feed
        if feed is not None and feed.id in self._updating:
            parts.append("updating")
        elif feed is not None and feed.status in (
            FeedStatus.ERROR,
            FeedStatus.GONE,
            FeedStatus.WARNING,
        ):
            parts.append(f"{feed.status.value}: {feed.status_message}".rstrip(": "))
        return ", ".join(parts)

    def _tooltip(self, node: Node) -> str:
        if node.account is not None:
            account = node.account
            status = account.status_message or (
                "Not synced yet" if account.status == "new" else account.status
            )
            return f"{account.name}\n{account.user} at {account.server_url}\n{status}"
        if node.feed is None:
            return f"{node.title}: {node.unread} unread" if node.unread else node.title
        feed = node.feed
        if feed.id in self._updating:
            return f"{feed.title}: updating…"
        if feed.status in (FeedStatus.ERROR, FeedStatus.GONE, FeedStatus.WARNING):
            return f"{feed.title}\n{feed.status_message or feed.status.value}"
        return f"{feed.title}\n{feed.url}"
