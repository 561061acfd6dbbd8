"""What the reading keys do, whichever list is shown: one protocol, two modes.

The Article menu's actions (J/K next and previous, N/P next and previous unread, M toggle
read, S star,
O open original, Mark All Read) call the window's current `ReadingMode`: `ArticleMode`
over the article list and view, or story mode (ui/story_mode.py) over the story list and
pane. Each mode gets its collaborators explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from desktop_reader.core.changes import Changes
from desktop_reader.core.reader import Reader
from desktop_reader.ui.models.reader_list import ListSource, ReaderListModel
from desktop_reader.ui.open_link import open_in_browser
from desktop_reader.ui.widgets.article_list_view import ArticleListView
from desktop_reader.ui.widgets.article_view import ArticleView


class ReadingMode(Protocol):
    def next(self) -> bool: ...
    def previous(self) -> bool: ...
    def next_unread(self) -> bool: ...
    def previous_unread(self) -> bool: ...
    def toggle_read(self) -> None: ...
    def toggle_star(self) -> None: ...
    def mark_all_read(self) -> None: ...
    def open_original(self) -> bool: ...


class ArticleMode:
    """Reading articles: the article list and the article view."""

    def __init__(
        self,
        reader: Reader,
        model: ReaderListModel,
        view: ArticleListView,
        article: ArticleView,
        *,
        apply: Callable[[Changes], None],
        feed_ids: Callable[[], Sequence[int] | None],
        tell: Callable[[str], None],
    ) -> None:
        self._reader, self._model, self._view, self._article = reader, model, view, article
        self._apply, self._feed_ids, self._tell = apply, feed_ids, tell

    def _current_row(self) -> int:
        index = self._view.currentIndex()
        return index.row() if index.isValid() else -1

    def set_read(self, article_id: int, read: bool) -> None:
        changes = self._reader.mark_read([article_id], read)
        self._model.mark(article_id, read=read)
        self._apply(changes)

    def next(self) -> bool:
        row = self._current_row() + 1
        if row >= self._model.rowCount() and self._model.canFetchMore():
            self._model.fetchMore()
        return self._view.select_row(row)

    def previous(self) -> bool:
        return self._view.select_row(max(self._current_row() - 1, 0))

    def next_unread(self) -> bool:
        """The next unread article below the current one, loading more rows as needed."""
        row = self._current_row() + 1
        while True:
            while row < self._model.rowCount():
                item = self._model.article_row(row)
                if item is not None and not item.read:
                    return self._view.select_row(row)
                row += 1
            if not self._model.canFetchMore():
                self._tell("No more unread articles here.")
                return False
            self._model.fetchMore()

    def previous_unread(self) -> bool:
        """The nearest unread article above the current one (all above are loaded)."""
        for row in range(self._current_row() - 1, -1, -1):
            item = self._model.article_row(row)
            if item is not None and not item.read:
                return self._view.select_row(row)
        self._tell("No unread articles above this one.")
        return False

    def toggle_read(self) -> None:
        article_id = self._view.current_id()
        item = self._model.article_row(self._current_row())
        if article_id is not None and item is not None:
            self.set_read(article_id, not item.read)

    def toggle_star(self) -> None:
        item = self._model.article_row(self._current_row())
        if item is not None:
            changes = self._reader.set_starred(item.id, not item.starred)
            self._model.mark(item.id, starred=not item.starred)
            self._apply(changes)  # the Starred node's count

    def mark_all_read(self) -> None:
        if self._model.source is not ListSource.FEEDS:  # Starred, search results
            with self._reader.undoable("Mark All Read"):
                changes = self._reader.mark_read(self._model.row_ids(), True)
        else:
            changes = self._reader.mark_feeds_read(self._feed_ids())
        self._model.mark_all_read()
        self._apply(changes)

    def open_original(self) -> bool:
        article = self._article.article
        if article is None or not article.url or not article.url.startswith(("http:", "https:")):
            return False
        open_in_browser(article.url, self._article.window())
        return True
