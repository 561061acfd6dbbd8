"""The article list with more than feeds behind it: search results and Starred.

`ReaderListModel` is the article list model plus two sources of rows: the
starred articles (paged like a feed) and a full-text search (best match first,
one page of results). `reload()` after a refresh re-reads whichever is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from enum import Enum

from PySide6.QtCore import QModelIndex

from desktop_reader.core.storage import saved_searches, starred
from desktop_reader.core.storage.articles import ArticleRow
from desktop_reader.ui.models.article_list import PAGE_SIZE, ArticleListModel, _Index

SEARCH_LIMIT = 500


class ListSource(str, Enum):
    FEEDS = "feeds"
    STARRED = "starred"
    SEARCH = "search"


class ReaderListModel(ArticleListModel):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.source = ListSource.FEEDS
        self.query = ""
        self._search_ids: tuple[int, ...] | None = None

    # ------------------------------------------------------------------ sources

    def set_scope(self, feed_ids: Sequence[int] | None, *, unread_only: bool = False) -> None:
        self.source, self.query = ListSource.FEEDS, ""
        super().set_scope(feed_ids, unread_only=unread_only)

    def show_starred(self) -> None:
        self.source, self.query = ListSource.STARRED, ""
        self._load_starred(PAGE_SIZE)

    def show_search(self, query: str, feed_ids: Sequence[int] | None) -> None:
        """Best matches for `query` within these feeds (None: every feed)."""
        self.source, self.query = ListSource.SEARCH, " ".join(query.split())
        self._search_ids = tuple(feed_ids) if feed_ids is not None else None
        self._load_search()

    def show_search_rows(self, query: str, feed_ids: Sequence[int] | None,
                         rows: Sequence[ArticleRow]) -> None:
        """Results of `query` found off the GUI thread; `reload()` runs the search again."""
        self.source, self.query = ListSource.SEARCH, " ".join(query.split())
        self._search_ids = tuple(feed_ids) if feed_ids is not None else None
        self.beginResetModel()
        self._now = datetime.now(UTC)
        self._rows = list(rows)
        self._total = len(self._rows)
        self.endResetModel()

    def reload(self) -> None:
        if self.source is ListSource.STARRED:
            self._load_starred(max(len(self._rows), PAGE_SIZE))
        elif self.source is ListSource.SEARCH:
            self._load_search()
        else:
            super().reload()

    def _load_starred(self, limit: int) -> None:
        self.beginResetModel()
        self._now = datetime.now(UTC)
        self._total = starred.count_starred(self._conn)
        self._rows = starred.list_starred(self._conn, limit=limit)
        self.endResetModel()

    def _load_search(self) -> None:
        self.beginResetModel()
        self._now = datetime.now(UTC)
        self._rows = saved_searches.search_rows(self._conn, self.query, self._search_ids,
                                                limit=SEARCH_LIMIT)
        self._total = len(self._rows)
        self.endResetModel()

    def row_ids(self) -> list[int]:
        """The articles shown (loaded rows), e.g. for "mark all read" on search results."""
        return [row.id for row in self._rows]

    # ------------------------------------------------------------------ lazy loading

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802
        if self.source is ListSource.SEARCH:
            return False
        return super().canFetchMore(parent)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802
        if self.source is ListSource.FEEDS:
            super().fetchMore(parent)
            return
        if parent.isValid() or self.source is not ListSource.STARRED:
            return
        more = starred.list_starred(self._conn, offset=len(self._rows), limit=PAGE_SIZE)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()
