"""The article list: title, outlet, age; loaded in pages of 200 as the view scrolls.

A feed of 10,000 articles shows its first page at once; Qt asks for more through
canFetchMore/fetchMore when the user scrolls near the end. Rows are cheap
`ArticleRow`s (no article text), read on the GUI thread's own connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop_reader.core.reader import Reader
from desktop_reader.core.values import ArticleRow
from desktop_reader.ui.models.row_update import replace_rows, restyle_where

PAGE_SIZE = 200
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
READ_ROLE = Qt.ItemDataRole.UserRole + 2
STARRED_ROLE = Qt.ItemDataRole.UserRole + 3
# A title is cut to this many characters before Qt measures it: enough for any
# window width, and a 20,000-character title costs no more than a short one.
DISPLAY_TITLE_LIMIT = 300

_Index = QModelIndex | QPersistentModelIndex


def state_text(item: ArticleRow) -> str:
    """Read/unread and starred in words (the list shows them as bold and ★)."""
    return ("Unread" if not item.read else "Read") + (", starred" if item.starred else "")


def age_text(published: datetime, now: datetime | None = None) -> str:
    """How long ago, compactly: "now", "12 min", "3 h", "2 d", then the date."""
    now = now or datetime.now(UTC)
    seconds = (now - published).total_seconds()
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h"
    if seconds < 30 * 86400:
        return f"{int(seconds // 86400)} d"
    local = published.astimezone()
    return local.strftime("%d %b %Y") if local.year != now.year else local.strftime("%d %b")


def display_title(title: str) -> str:
    title = " ".join(title[:DISPLAY_TITLE_LIMIT].split())
    return title or "(untitled)"


class ArticleListModel(QAbstractTableModel):
    COLUMNS = ("Title", "Outlet", "Age")
    TITLE, OUTLET, AGE = range(3)

    def __init__(self, reader: Reader, parent: Any = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._feed_ids: tuple[int, ...] | None = ()
        self._unread_only = False
        self.only_unread = False  # View ▸ Show Unread Only: what set_scope does by default
        self._rows: list[ArticleRow] = []
        self._total = 0
        self._now = datetime.now(UTC)
        self._bold = QFont()
        self._bold.setBold(True)

    # ------------------------------------------------------------------ scope

    def set_scope(self, feed_ids: Sequence[int] | None, *, unread_only: bool | None = None) -> None:
        """Show the articles of these feeds (None: every feed), newest first; only the
        unread ones if asked, or (unread_only None) as View ▸ Show Unread Only says."""
        unread_only = self.only_unread if unread_only is None else unread_only
        self.beginResetModel()
        self._feed_ids = tuple(feed_ids) if feed_ids is not None else None
        self._unread_only = unread_only
        self._now = datetime.now(UTC)
        self._total = self._reader.count_articles(self._feed_ids, unread_only=unread_only)
        self._rows = self._reader.article_rows(
            self._feed_ids, offset=0, limit=PAGE_SIZE, unread_only=unread_only
        )
        self.endResetModel()

    def reload(self) -> None:
        """Re-read the scope (after a refresh), keeping as many rows as were loaded."""
        loaded = max(len(self._rows), PAGE_SIZE)
        total = self._reader.count_articles(self._feed_ids, unread_only=self._unread_only)
        fresh = self._reader.article_rows(
            self._feed_ids, offset=0, limit=loaded, unread_only=self._unread_only
        )
        self._total = total
        self.show_rows(fresh)

    def show_rows(self, fresh: list[ArticleRow]) -> None:
        """These rows instead of the ones shown: in place (rows removed, inserted or
        restyled, the view keeping its selection), else by a reset."""
        before, self._now = self._now, datetime.now(UTC)
        if replace_rows(self, self._rows, fresh, key=lambda r: r.id, columns=len(self.COLUMNS)):
            rows, now = self._rows, self._now
            restyle_where(  # the ages that moved on with the clock
                self,
                len(rows),
                lambda row: (
                    age_text(rows[row].published, before) != age_text(rows[row].published, now)
                ),
                columns=(self.AGE, self.AGE),
            )
            return
        self.beginResetModel()
        self._rows = fresh
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many articles the scope holds (loaded or not)."""
        return self._total

    # ------------------------------------------------------------------ lazy loading

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = self._reader.article_rows(
            self._feed_ids, offset=len(self._rows), limit=PAGE_SIZE, unread_only=self._unread_only
        )
        if not more:
            self._total = len(self._rows)  # the library shrank meanwhile
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # ------------------------------------------------------------------ rows

    def row_of(self, article_id: int) -> int:
        for row, item in enumerate(self._rows):
            if item.id == article_id:
                return row
        return -1

    def article_row(self, row: int) -> ArticleRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def mark(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Reflect a state change made in the library (the caller wrote it)."""
        row = self.row_of(article_id)
        if row < 0:
            return
        item = self._rows[row]
        self._rows[row] = replace(
            item,
            read=item.read if read is None else read,
            starred=item.starred if starred is None else starred,
        )
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def mark_all_read(self) -> None:
        if not self._rows:
            return
        self._rows = [replace(r, read=True) for r in self._rows]
        self.dataChanged.emit(
            self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
        )

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return ("★ " if item.starred else "") + display_title(item.title)
            if column == self.OUTLET:
                return item.outlet
            if column == self.AGE:
                return age_text(item.published, self._now)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return f"{display_title(item.title)}\n{state_text(item)}"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.TITLE:
            return f"{state_text(item)}, {display_title(item.title)}"
        if role == Qt.ItemDataRole.ToolTipRole and column == self.AGE:
            return item.published.astimezone().strftime("%A %d %B %Y, %H:%M")
        if role == Qt.ItemDataRole.FontRole and not item.read:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.AGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ARTICLE_ID_ROLE:
            return item.id
        if role == READ_ROLE:
            return item.read
        if role == STARRED_ROLE:
            return item.starred
        return None
