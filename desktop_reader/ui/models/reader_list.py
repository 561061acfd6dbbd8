"""The article list with more than feeds behind it: search results and Starred.

`ReaderListModel` is the article list model plus two sources of rows: the
starred articles (paged like a feed) and a full-text search (best match first,
one page of results). `reload()` after a refresh re-reads whichever is shown.

A search can run off the GUI thread: `expect_search()` records it while the old
rows stay on screen, and once a receiver is connected to `sig_search_wanted`,
`reload()` asks for the search again instead of running it here (a common word
over a large library takes long enough to stall the window after every refresh).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from enum import Enum

from PySide6.QtCore import QModelIndex, Signal

from desktop_reader.core.changes import Changes
from desktop_reader.core.values import ArticleRow
from desktop_reader.ui.models.article_list import PAGE_SIZE, ArticleListModel, _Index

SEARCH_LIMIT = 500


class ListSource(str, Enum):
    FEEDS = "feeds"
    STARRED = "starred"
    SEARCH = "search"


class ReaderListModel(ArticleListModel):
    # words, feed ids (None: every feed), the caller's tag: run it, then show_search_rows()
    sig_search_wanted = Signal(str, object, str)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.source = ListSource.FEEDS
        self.query = ""
        self._search_ids: tuple[int, ...] | None = None
        self.background_search = False  # True once something answers sig_search_wanted
        self._expected: tuple[str, tuple[int, ...] | None, str] | None = None

    # ------------------------------------------------------------------ sources

    def set_scope(self, feed_ids: Sequence[int] | None, *, unread_only: bool | None = None) -> None:
        self.source, self.query, self._expected = ListSource.FEEDS, "", None
        super().set_scope(feed_ids, unread_only=unread_only)

    def show_starred(self) -> None:
        self.source, self.query, self._expected = ListSource.STARRED, "", None
        self._load_starred(PAGE_SIZE)

    def expect_search(self, query: str, feed_ids: Sequence[int] | None, tag: str = "") -> None:
        """A search started elsewhere will show here: until its rows arrive the old rows
        stay, and a `reload()` meanwhile asks for this search, not the one shown."""
        self._expected = (
            " ".join(query.split()),
            tuple(feed_ids) if feed_ids is not None else None,
            tag,
        )

    def forget_expected_search(self) -> None:
        self._expected = None

    @property
    def expected_search(self) -> tuple[str, tuple[int, ...] | None, str] | None:
        return self._expected

    def show_search(self, query: str, feed_ids: Sequence[int] | None) -> None:
        """Best matches for `query` within these feeds (None: every feed), found here."""
        self.source, self.query = ListSource.SEARCH, " ".join(query.split())
        self._expected = None
        self._search_ids = tuple(feed_ids) if feed_ids is not None else None
        self._load_search()

    def show_search_rows(
        self, query: str, feed_ids: Sequence[int] | None, rows: Sequence[ArticleRow]
    ) -> None:
        """Results of `query` found off the GUI thread; `reload()` runs the search again."""
        self.source, self.query = ListSource.SEARCH, " ".join(query.split())
        self._search_ids = tuple(feed_ids) if feed_ids is not None else None
        self._expected = None
        self.beginResetModel()
        self._now = datetime.now(UTC)
        self._rows = list(rows)
        self._total = len(self._rows)
        self.endResetModel()

    def reload(self) -> None:
        """Re-read what is shown; a search (shown or expected) is asked for again when it
        runs in the background, keeping the rows shown until the new ones arrive."""
        if self.background_search and (
            self._expected is not None or self.source is ListSource.SEARCH
        ):
            words, ids, tag = self._expected or (self.query, self._search_ids, "")
            self._expected = (words, ids, tag)
            self.sig_search_wanted.emit(words, ids, tag)
            return
        if self.source is ListSource.STARRED:
            loaded = max(len(self._rows), PAGE_SIZE)
            self._total = self._reader.count_starred()
            self.show_rows(self._reader.starred_rows(limit=loaded))
        elif self.source is ListSource.SEARCH:
            self.show_rows(self._reader.search(self.query, self._search_ids, limit=SEARCH_LIMIT))
            self._total = len(self._rows)
        else:
            super().reload()

    def _load_starred(self, limit: int) -> None:
        self.beginResetModel()
        self._now = datetime.now(UTC)
        self._total = self._reader.count_starred()
        self._rows = self._reader.starred_rows(limit=limit)
        self.endResetModel()

    def _load_search(self) -> None:
        self.beginResetModel()
        self._now = datetime.now(UTC)
        self._rows = self._reader.search(self.query, self._search_ids, limit=SEARCH_LIMIT)
        self._total = len(self._rows)
        self.endResetModel()

    def may_gain_rows(self, changes: Changes) -> bool:
        """Whether these changes can add or remove rows here (not just restyle them)."""
        if changes.everything:
            return True
        if not changes.new_articles:
            return False
        if self.source is not ListSource.FEEDS or self._feed_ids is None:
            return True  # Starred (filters star), searches, All Articles
        return bool(changes.feeds.intersection(self._feed_ids))

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
        more = self._reader.starred_rows(offset=len(self._rows), limit=PAGE_SIZE)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()
