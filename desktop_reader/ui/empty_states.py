"""What the reading pane says while no article is open: the count of a list, or why
it is empty — never "nothing here" over a list that has rows.

A failed feed's empty list shows the feed's error and a Retry link (`reader:retry?feed=N`,
answered by `EmptyStates`); with View ▸ Show Unread Only on, an empty list says that
read articles are hidden. Counts read "1 article", "2 articles".
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, QUrlQuery

from desktop_reader.core.values import Feed, FeedStatus
from desktop_reader.ui.models.feed_tree import KIND_ROLE, NodeKind
from desktop_reader.ui.models.reader_list import ListSource

if TYPE_CHECKING:
    from desktop_reader.ui.window_surface import ReaderWindow

ACTION_SCHEME = "reader"


def count_of(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 article", "3 articles", "1 story", "2 stories"."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def retry_url(feed_id: int) -> QUrl:
    url = QUrl(f"{ACTION_SCHEME}:retry")
    query = QUrlQuery()
    query.addQueryItem("feed", str(feed_id))
    url.setQuery(query)
    return url


def article_list_note(total: int, *, unread_only: bool, feed: Feed | None = None) -> str:
    """The pane's note (HTML) for a feed, folder or All Articles list of `total` rows."""
    failed = feed is not None and feed.status in (FeedStatus.ERROR, FeedStatus.GONE)
    if total:
        text = count_of(total, "unread article" if unread_only else "article")
        if failed and feed is not None:  # the articles kept; still say the feed is failing
            text += "<br><br>" + _failure(feed)
        return text
    if failed and feed is not None:
        return _failure(feed)
    if unread_only:
        return (
            "No unread articles here.<br><small>View ▸ Show Unread Only is on: "
            "read articles are hidden.</small>"
        )
    if feed is not None and feed.status is FeedStatus.NEW:
        return "No articles here yet: they arrive with the first refresh."
    return "No articles here yet."


def _failure(feed: Feed) -> str:
    reason = feed.status_message or (
        "The feed is gone (the site says so)." if feed.status is FeedStatus.GONE else "It failed."
    )
    return (
        f"<b>{escape(feed.title)}</b> could not be updated:<br>{escape(reason)}"
        f'<br><br><a href="{retry_url(feed.id).toString()}">Retry</a>'
    )


class EmptyStates(QObject):
    """Keeps the pane's note true for the list shown, and answers its Retry link."""

    def __init__(self, window: ReaderWindow, stories_shown: Callable[[], bool]) -> None:
        super().__init__(window)
        self.window = window
        self._stories_shown = stories_shown  # story mode has its own pane and notes
        window.article_view.sig_link_clicked.connect(self._link_clicked)
        # Rows arrived (or left) under the note, or a feed's status changed: re-word it.
        window.article_model.modelReset.connect(self.update)
        window.refresher.sig_feeds_stored.connect(lambda _summary: self.update())

    def note_for_list(self) -> str | None:
        """The note for the article list shown (None: Starred or a search, whose
        callers word their own)."""
        w = self.window
        if w.article_model.source is not ListSource.FEEDS:
            return None
        index = w.feed_tree.currentIndex()
        node = w.feed_model.node(index) if index.isValid() else None
        feed = node.feed if node is not None and index.data(KIND_ROLE) == NodeKind.FEED else None
        return article_list_note(
            w.article_model.total, unread_only=w.article_model.only_unread, feed=feed
        )

    def update(self) -> None:
        """Re-word the note after the list or its feed changed (if no article is open)."""
        w = self.window
        if w.article_view.article is not None or self._stories_shown():
            return
        note = self.note_for_list()
        if note is not None:
            w.article_view.show_message(note)

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() != ACTION_SCHEME or url.path() != "retry":
            return
        feed = QUrlQuery(url).queryItemValue("feed")
        if feed.isdigit():
            started = self.window.refresher.refresh((int(feed),))
            self.window.statusBar().showMessage(
                "Retrying…" if started else "A refresh is running: retry when it has finished.",
                5000,
            )


def install(window: ReaderWindow, stories_shown: Callable[[], bool]) -> EmptyStates:
    return EmptyStates(window, stories_shown)
