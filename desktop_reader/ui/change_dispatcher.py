"""The one place where a `Changes` value becomes model updates on the GUI thread.

Every write (a facade call, a refresh stage, a clean-up) hands its `Changes` here; each
model is redrawn only when the change can show in it:
- the feed tree is rebuilt when feeds, folders or saved searches changed, else only its
  unread counts are re-read (a fixed handful of queries, whatever the library's size);
- the article list re-reads its page when articles may have joined it, else restyles the
  rows of the articles named (an undo, a story marked read);
- the story list re-reads when stories grew, else restyles the stories named;
- the open article is re-read when its text or images may have changed;
- the open story (and the article cited in it) is re-read when stories grew or pages and
  images arrived (title, count, pictures), keeping the reader's place and focus.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop_reader.core.changes import Changes
from desktop_reader.core.reader import Reader
from desktop_reader.ui.models.feed_tree import FeedTreeModel

Redraw = Callable[[Changes], None]


class ChangeDispatcher(QObject):
    sig_applied = Signal(object)  # the Changes, once every model is up to date

    def __init__(
        self,
        reader: Reader,
        tree: FeedTreeModel,
        *,
        rebuild_tree: Callable[[], None],
        article_list: Redraw,
        story_list: Redraw,
        open_article: Redraw,
        open_story: Redraw | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader, self._tree, self._rebuild_tree = reader, tree, rebuild_tree
        self._article_list, self._story_list = article_list, story_list
        self._open_article, self._open_story = open_article, open_story

    def apply(self, changes: Changes) -> None:
        if not changes or self._reader.closed:
            return
        if changes.everything or changes.feed_list:
            self._rebuild_tree()
        elif (
            changes.feeds
            or changes.articles
            or changes.new_articles
            or changes.stories
            or changes.starred
        ):
            self._tree.update_counts(self._reader.feed_counts())
        self._article_list(changes)
        self._story_list(changes)
        self._open_article(changes)
        if self._open_story is not None:
            self._open_story(changes)
        self.sig_applied.emit(changes)
