"""The story list: headline, outlets, age, "N articles", unread/updated; loaded in pages.

Four scopes: Top Headlines (ranked), the stories of some feeds, the stories naming
an entity and the starred stories (these three newest first). Qt asks for more rows
through canFetchMore/fetchMore as the user scrolls, so a list of 10,000 stories loads
PAGE_SIZE rows at a time; there is no count query, the list simply stops when a page
comes back short. Newest-first lists seek past the last row loaded (keyset paging), so
a deep page costs what the first does; Top Headlines still pages by offset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop_reader.core.reader import Reader
from desktop_reader.core.values import StoryRow
from desktop_reader.ui.models.article_list import age_text, display_title
from desktop_reader.ui.models.row_update import replace_rows, restyle_where

PAGE_SIZE = 100
STARRED_SCOPE = "Starred Stories"
SHOWN_OUTLETS = 2
STORY_ID_ROLE = Qt.ItemDataRole.UserRole + 20
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 21
UPDATED_ROLE = Qt.ItemDataRole.UserRole + 22
OUTLETS_ROLE = Qt.ItemDataRole.UserRole + 23  # "Harbour Courier, Meridian Wire +3"
AGE_ROLE = Qt.ItemDataRole.UserRole + 24
COUNT_ROLE = Qt.ItemDataRole.UserRole + 25  # "3 articles"

_Index = QModelIndex | QPersistentModelIndex
# (reader, limit, offset, last row loaded or None) -> the next rows
Loader = Callable[[Reader, int, int, StoryRow | None], list[StoryRow]]


def outlets_text(names: Sequence[str], shown: int = SHOWN_OUTLETS) -> str:
    if not names:
        return ""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" +{more}" if more > 0 else "")


def count_text(count: int) -> str:
    return f"{count} article" + ("" if count == 1 else "s")


@dataclass(frozen=True)
class _Item:
    row: StoryRow
    outlets: tuple[str, ...]


class StoryListModel(QAbstractListModel):
    def __init__(self, reader: Reader, parent: Any = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._loader: Loader = lambda c, limit, offset, after: []
        self._items: list[_Item] = []
        self._exhausted = True
        self._now = datetime.now(UTC)
        self.scope_name = ""
        self.only_unread = False  # View ▸ Show Unread Only: read stories are left out
        self._raw_read = 0  # rows the loader has given (kept or not), for its next page
        self._raw_last: StoryRow | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    # ------------------------------------------------------------------ scopes

    def show_top_headlines(self) -> None:
        self._set_loader(
            "Top Headlines",
            lambda c, limit, offset, _after: c.top_headlines(limit=limit, offset=offset),
        )

    def show_feeds(self, feed_ids: Sequence[int], name: str = "") -> None:
        ids = list(feed_ids)
        self._set_loader(
            name or "Stories",
            lambda c, limit, _offset, after: c.stories_for_feeds(ids, limit=limit, after=after),
        )

    def show_entity(self, name: str) -> None:
        """Stories naming this person/organisation/place (after a click on a chip)."""
        self._set_loader(
            f"Stories about {name}",
            lambda c, limit, _offset, after: c.stories_with_entity(name, limit=limit, after=after),
        )

    def show_starred(self) -> None:
        """The stories the reader starred (the Stories node under Starred)."""
        self._set_loader(
            STARRED_SCOPE,
            lambda c, limit, _offset, after: c.starred_stories(limit=limit, after=after),
        )

    def _set_loader(self, name: str, loader: Loader) -> None:
        self.beginResetModel()
        self.scope_name = name
        self._loader = loader
        self._now = datetime.now(UTC)
        self._items = self._load(0, PAGE_SIZE)
        self._exhausted = len(self._items) < PAGE_SIZE
        self.endResetModel()

    def reload(self) -> None:
        """Re-read the scope (after a refresh), keeping as many rows as were loaded."""
        wanted = max(len(self._items), PAGE_SIZE)
        fresh = self._load(0, wanted)
        before, self._now = self._now, datetime.now(UTC)
        self._exhausted = len(fresh) < wanted
        # In place where the stories kept their order (the view keeps its selection and
        # lays out only what moved); a story that grew may move up: then a reset.
        if replace_rows(self, self._items, fresh, key=lambda item: item.row.id):
            items, now = self._items, self._now
            restyle_where(  # the ages that moved on with the clock
                self,
                len(items),
                lambda row: (
                    (published := items[row].row.last_published) is not None
                    and age_text(published, before) != age_text(published, now)
                ),
            )
            return
        self.beginResetModel()
        self._items = fresh
        self.endResetModel()

    def _load(self, offset: int, limit: int) -> list[_Item]:
        """At least `limit` rows after the first `offset` (loaded, if offset > 0); fewer
        only when the scope has no more. Pages continue where the loader stopped, since
        with Show Unread Only the rows kept are fewer than the rows read."""
        if offset == 0:
            self._raw_read, self._raw_last = 0, None
        rows: list[StoryRow] = []
        while True:
            page = self._loader(self._reader, limit, self._raw_read, self._raw_last)
            self._raw_read += len(page)
            self._raw_last = page[-1] if page else self._raw_last
            rows += [r for r in page if r.unread or not self.only_unread]
            if len(page) < limit or len(rows) >= limit:
                break
        outlets = self._reader.outlets_of([r.id for r in rows])
        return [_Item(r, tuple(outlets.get(r.id, ()))) for r in rows]

    # ------------------------------------------------------------------ lazy loading

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        more = self._load(len(self._items), PAGE_SIZE)
        self._exhausted = len(more) < PAGE_SIZE
        if not more:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._items.extend(more)
        self.endInsertRows()

    # ------------------------------------------------------------------ rows

    def story_row(self, row: int) -> StoryRow | None:
        return self._items[row].row if 0 <= row < len(self._items) else None

    def row_of(self, story_id: int) -> int:
        return next((n for n, item in enumerate(self._items) if item.row.id == story_id), -1)

    def mark(self, story_id: int, read: bool) -> None:
        """Reflect a read/unread change written to the library by the caller."""
        row = self.row_of(story_id)
        if row < 0:
            return
        item = self._items[row]
        seen = item.row.article_count if read else 0
        self._items[row] = replace(item, row=replace(item.row, seen_count=seen))
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def set_seen(self, story_id: int, seen_count: int) -> None:
        """Reflect a story's read state as stored (after an undo, say)."""
        row = self.row_of(story_id)
        if row < 0 or self._items[row].row.seen_count == seen_count:
            return
        item = self._items[row]
        self._items[row] = replace(item, row=replace(item.row, seen_count=seen_count))
        self.dataChanged.emit(self.index(row), self.index(row))

    def mark_all_read(self) -> None:
        if not self._items:
            return
        self._items = [
            replace(i, row=replace(i.row, seen_count=i.row.article_count)) for i in self._items
        ]
        self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        row = item.row
        if role == Qt.ItemDataRole.DisplayRole:
            return display_title(row.headline)
        if role == Qt.ItemDataRole.ToolTipRole:
            return display_title(row.headline)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = "updated, " if row.updated_since_read else ("unread, " if row.unread else "")
            return (
                f"{state}{display_title(row.headline)}. {outlets_text(item.outlets, 9)}. "
                f"{count_text(row.article_count)}, {self._age(row)}"
            )
        if role == Qt.ItemDataRole.FontRole and row.unread:
            return self._bold
        if role == STORY_ID_ROLE:
            return row.id
        if role == UNREAD_ROLE:
            return row.unread
        if role == UPDATED_ROLE:
            return row.updated_since_read
        if role == OUTLETS_ROLE:
            return outlets_text(item.outlets)
        if role == AGE_ROLE:
            return self._age(row)
        if role == COUNT_ROLE:
            return count_text(row.article_count)
        return None

    def _age(self, row: StoryRow) -> str:
        return age_text(row.last_published, self._now) if row.last_published else ""
