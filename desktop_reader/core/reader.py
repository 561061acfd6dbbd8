"""The library's front door: what the UI (and any other front end) may ask of it.

A `Reader` owns one connection for the thread that made it and speaks in intents —
`mark_read(ids)`, `story(id)`, `subscribe(url)` — returning values (core/values.py),
never connections or rows. Every call that writes returns a `Changes` naming what it
touched, so the caller redraws only that. Slow work (refresh, pages, clean-up) stays in
`core/pipeline` and runs in tasks, each with a `Reader` of its own thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_reader.core import undo
from desktop_reader.core.changes import NOTHING, Changes, completion_changes
from desktop_reader.core.errors import StorageError
from desktop_reader.core.models import (
    Article,
    DiscoveredFeed,
    Feed,
    OutlineFeed,
    RefreshProgress,
    RefreshSummary,
    StoredImage,
    SyncSummary,
)
from desktop_reader.core.pipeline import opml_io, schedule
from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.retention import CleanupReport, LibrarySizes
from desktop_reader.core.pipeline.story_alerts import StoryAlert, new_broad_stories
from desktop_reader.core.storage import accounts as sync_accounts
from desktop_reader.core.storage import (
    articles,
    database,
    feeds,
    filters,
    folders,
    media,
    read_state,
    saved_searches,
    settings,
    starred,
    stories,
    story_lists,
)
from desktop_reader.core.storage.accounts import Account
from desktop_reader.core.storage.articles import ArticleRow
from desktop_reader.core.storage.filters import FilterRule, RuleAction, RuleField, RuleMatch
from desktop_reader.core.storage.media import MediaCache
from desktop_reader.core.storage.read_state import ReadState
from desktop_reader.core.storage.saved_searches import SavedSearch
from desktop_reader.core.storage.settings import Setting, T
from desktop_reader.core.storage.stories import StoryDetail, StoryRow

if TYPE_CHECKING:
    from desktop_reader.core.fetch import Fetcher


def open_fetcher() -> Fetcher:
    """The HTTP client the tasks of a window share (connection pool, per-host limits).
    Imported on first use: start-up does not need the network stack."""
    from desktop_reader.core.fetch import Fetcher

    return Fetcher()


class SearchInterrupted(StorageError):
    """A search was stopped by `Reader.interrupt()` from another thread."""


@dataclass(frozen=True)
class FeedCounts:
    """Every unread count the feed tree shows."""

    per_feed: dict[int, int]
    all_unread: int
    starred_unread: int
    starred_stories_unread: int


@dataclass(frozen=True)
class SettingChange:
    """One setting to write (`value`) or to drop back to the default (`value` None)."""

    setting: Setting[int] | Setting[bool] | Setting[str]
    value: int | bool | str | None
    feed_id: int | None = None


class Reader:
    """The library as one thread sees it. Not shared between threads."""

    def __init__(self, library: Library, *, readonly: bool = False) -> None:
        self.library = library
        self._conn = (
            database.connect(library.db_path, readonly=True) if readonly else library.connect()
        )
        self._closed = False
        # Read and starred changes made through this reader, to undo and redo.
        self.history = undo.UndoHistory()
        self._group: tuple[str, ReadState, ReadState] | None = None

    @property
    def media(self) -> MediaCache:
        return self.library.media

    def close(self) -> None:
        self._closed = True
        self._conn.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def interrupt(self) -> None:
        """Stop the query running on this reader (safe from any thread)."""
        self._conn.interrupt()

    def trace(self, callback: object) -> None:
        """Call `callback(sql)` for every statement run (query counts in tests, profiling)."""
        self._conn.set_trace_callback(callback)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ slow work (in tasks)
    # The network stack, readability and Pillow load on first use, not at start-up.

    def refresh(
        self,
        fetcher: Fetcher,
        feed_ids: Sequence[int] | None = None,
        *,
        progress: Callable[[RefreshProgress], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> RefreshSummary:
        """Fetch every (or these) feed(s) and store new entries (see `refresh_changes`)."""
        from desktop_reader.core.pipeline.refresh import refresh_feeds

        return refresh_feeds(self.library, fetcher, feed_ids, progress=progress, cancel=cancel)

    def complete(
        self, fetcher: Fetcher, *, cancel: CancelToken | None = None
    ) -> tuple[int, Changes]:
        """Pages, stories, images and icons after a refresh: (pages handled, Changes)."""
        from desktop_reader.core.pipeline.update import complete_library

        done, changed = complete_library(self.library, fetcher, cancel=cancel)
        return done, completion_changes(changed)

    def find_feeds(self, fetcher: Fetcher, address: str) -> list[DiscoveredFeed]:
        """The feeds behind what the user typed (a feed or a site address)."""
        from desktop_reader.core.pipeline.subscribe import find_feeds

        return find_feeds(fetcher, address)

    def clean_up(self, *, cancel: CancelToken | None = None) -> tuple[CleanupReport, Changes]:
        """Apply retention, drop unused images, compact the file when worthwhile."""
        from desktop_reader.core.pipeline.retention import run_cleanup

        report = run_cleanup(self.library, cancel=cancel)
        return report, Changes(everything=bool(report.deleted_articles))

    def sizes(self) -> LibrarySizes:
        from desktop_reader.core.pipeline.retention import library_sizes

        return library_sizes(self.library)

    def load_demo(self) -> tuple[int, Changes]:
        """Add the bundled demo library (offline); how many articles it holds."""
        from desktop_reader.core.pipeline.demo import load_demo

        return int(load_demo(self.library)), Changes(everything=True)

    # ------------------------------------------------------------------ feeds

    def feeds(self) -> list[Feed]:
        return feeds.list_feeds(self._conn)

    def feed(self, feed_id: int) -> Feed | None:
        return feeds.get_feed(self._conn, feed_id)

    def feed_by_url(self, url: str) -> Feed | None:
        return feeds.feed_by_url(self._conn, url)

    def folders(self) -> list[str]:
        """Every folder (with its parents), the empty ones the user made included."""
        return folders.all_folders(self._conn)

    def create_folder(self, path: str) -> tuple[str, Changes]:
        """A new, empty folder; StorageError for an empty name or one already there."""
        made = folders.create_folder(self._conn, path)
        return made, Changes(feed_list=True)

    def rename_folder(self, old: str, new: str) -> tuple[str, Changes]:
        """Rename a folder (its subfolders and saved searches follow); the new path."""
        moved = folders.feeds_in(self._conn, old)
        renamed = folders.rename_folder(self._conn, old, new)
        return renamed, Changes.of(feeds=moved, feed_list=True)

    def delete_folder(self, path: str) -> Changes:
        """Remove a folder; its feeds move to the top level (none is unsubscribed)."""
        return Changes.of(feeds=folders.delete_folder(self._conn, path), feed_list=True)

    def change_feed_url(self, feed_id: int, address: str) -> tuple[Feed, Changes]:
        """A new address for a feed (typed by the user: a bare host gets https://); the
        feed is fetched afresh by the next refresh. ParseError/StorageError if refused."""
        from desktop_reader.core.pipeline.subscribe import normalise_address

        url = normalise_address(address)
        feeds.set_url(self._conn, feed_id, url)
        feed = feeds.get_feed(self._conn, feed_id)
        if feed is None:
            raise StorageError("That feed is no longer in the library.")
        return feed, Changes.of(feeds=[feed_id], feed_list=True)

    def refreshable_feed_ids(self) -> set[int]:
        """Feeds a refresh would fetch now (not gone, not waiting out a Retry-After)."""
        return {f.id for f in feeds.list_feeds(self._conn) if schedule.refreshable(f)}

    def due_feed_ids(self) -> list[int]:
        """Feeds whose own refresh interval has passed."""
        return schedule.due_feed_ids(self._conn)

    def unread_counts(self) -> dict[int, int]:
        """Feed id -> its unread articles (kept by triggers: one cheap query)."""
        return feeds.unread_counts(self._conn)

    def feed_counts(self) -> FeedCounts:
        c = self._conn
        return FeedCounts(
            feeds.unread_counts(c),
            articles.count_articles(c, unread_only=True),
            starred.count_starred(c, unread_only=True),
            story_lists.count_starred_stories(c, unread_only=True),
        )

    def subscribe(self, url: str, *, title: str = "", folder: str = "") -> tuple[Feed, Changes]:
        """Add a feed (the existing one if already subscribed)."""
        # Imported here: it brings the network stack, which start-up does not need.
        from desktop_reader.core.pipeline.subscribe import normalise_address

        feed = feeds.add_feed(self._conn, normalise_address(url), title=title, folder=folder)
        return feed, Changes.of(feeds=[feed.id], feed_list=True)

    def subscribe_found(
        self, fetcher: Fetcher, found: DiscoveredFeed, *, folder: str = ""
    ) -> tuple[Feed, RefreshSummary]:
        """Add a feed `find_feeds` found and store its entries (in a task): from the
        lookup's reading when it read the feed, else by refreshing it. Either way the feed
        is fetched once; `refresh_changes(summary)` says what changed."""
        from desktop_reader.core.pipeline.subscribe import subscribe_found

        feed, summary = subscribe_found(self._conn, found, folder=folder)
        if summary is None:
            summary = self.refresh(fetcher, [feed.id])
        return feed, summary

    def subscribe_all(self, chosen: Sequence[OutlineFeed]) -> tuple[list[Feed], Changes]:
        """Add several feeds in one transaction (all or none)."""
        with database.transaction(self._conn):
            added = [
                feeds.add_feed(
                    self._conn, f.url, title=f.title, folder=f.folder, site_url=f.site_url
                )
                for f in chosen
            ]
        return added, Changes.of(feeds=[f.id for f in added], feed_list=True)

    def rename_feed(self, feed_id: int, title: str) -> Changes:
        feeds.rename_feed(self._conn, feed_id, title)
        return Changes.of(feeds=[feed_id], feed_list=True)

    def move_feed(self, feed_id: int, folder: str) -> Changes:
        folder = folders.clean_path(folder) if folder.strip().strip("/") else ""
        feeds.move_feed(self._conn, feed_id, folder)
        return Changes.of(feeds=[feed_id], feed_list=True)

    def unsubscribe(self, feed_id: int) -> Changes:
        feeds.delete_feed(self._conn, feed_id)
        return Changes(everything=True)  # its articles left every list and story

    def import_opml(self, data: bytes) -> tuple[opml_io.OpmlImport, Changes]:
        report = opml_io.import_opml(self._conn, data)
        return report, Changes(feed_list=bool(report.added))

    def export_opml(self) -> bytes:
        return opml_io.export_opml(self._conn)

    @staticmethod
    def starter_feeds() -> list[OutlineFeed]:
        """The feeds the welcome page offers a new library (bundled, offline)."""
        return opml_io.starter_feeds()

    # ------------------------------------------------------------------ articles

    def article(self, article_id: int) -> Article | None:
        return articles.get_article(self._conn, article_id)

    def article_images(self, article_id: int) -> list[StoredImage]:
        return media.article_images(self._conn, article_id)

    def newest_article_with_image(self) -> tuple[int, int] | None:
        """(article id, feed id) of the newest article with a downloaded image."""
        return media.newest_article_with_image(self._conn)

    def count_articles(
        self, feed_ids: Sequence[int] | None = None, *, unread_only: bool = False
    ) -> int:
        return articles.count_articles(self._conn, feed_ids, unread_only=unread_only)

    def article_rows(
        self,
        feed_ids: Sequence[int] | None = None,
        *,
        offset: int = 0,
        limit: int = 200,
        unread_only: bool = False,
    ) -> list[ArticleRow]:
        return articles.list_rows(
            self._conn, feed_ids, offset=offset, limit=limit, unread_only=unread_only
        )

    def count_starred(self) -> int:
        return starred.count_starred(self._conn)

    def starred_rows(self, *, offset: int = 0, limit: int = 200) -> list[ArticleRow]:
        return starred.list_starred(self._conn, offset=offset, limit=limit)

    def search(
        self, words: str, feed_ids: Sequence[int] | None, *, limit: int = 500
    ) -> list[ArticleRow]:
        """Full-text search, newest first; `SearchInterrupted` if `interrupt()` stopped it."""
        try:
            return saved_searches.search_rows(self._conn, words, feed_ids, limit=limit)
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc):
                raise SearchInterrupted(str(exc)) from exc
            raise StorageError(f"The search could not be run: {exc}") from exc

    def mark_read(self, article_ids: Sequence[int], read: bool = True) -> Changes:
        self._recorded(
            "Mark Read" if read else "Mark Unread",
            article_ids,
            (),
            lambda: articles.set_read(self._conn, article_ids, read),
        )
        return Changes.of(
            articles=article_ids, feeds=feeds.feeds_listing(self._conn, article_ids), starred=True
        )

    def mark_feeds_read(self, feed_ids: Sequence[int] | None) -> Changes:
        """Every article of these feeds (None: of every feed) read. A sync account's feed
        is marked on its server by one mark-all-as-read, not one change per article."""
        unread = read_state.unread_article_ids(self._conn, feed_ids)
        ids = list(feed_ids) if feed_ids is not None else [f.id for f in self.feeds()]
        from desktop_reader.core.sync import queue

        self._recorded("Mark All Read", unread, (), lambda: queue.mark_all_read(self._conn, ids))
        return Changes.of(feeds=ids, starred=True)

    def set_starred(self, article_id: int, on: bool) -> Changes:
        self._recorded(
            "Star" if on else "Unstar",
            [article_id],
            (),
            lambda: articles.set_starred(self._conn, article_id, on),
        )
        return Changes.of(articles=[article_id], starred=True)

    # ------------------------------------------------------------------ stories

    def count_stories(self, *, top_only: bool = False) -> int:
        return stories.count_stories(self._conn, top_only=top_only)

    def top_headlines(self, *, limit: int = 50, offset: int = 0) -> list[StoryRow]:
        return stories.top_headlines(self._conn, limit=limit, offset=offset)

    def stories_for_feeds(
        self, feed_ids: Sequence[int], *, limit: int = 200, after: StoryRow | None = None
    ) -> list[StoryRow]:
        return stories.stories_for_feeds(self._conn, feed_ids, limit=limit, after=after)

    def stories_with_entity(
        self, name: str, *, limit: int = 100, after: StoryRow | None = None
    ) -> list[StoryRow]:
        return story_lists.stories_with_entity(self._conn, name, limit=limit, after=after)

    def starred_stories(self, *, limit: int = 100, after: StoryRow | None = None) -> list[StoryRow]:
        return story_lists.starred_stories(self._conn, limit=limit, after=after)

    def outlets_of(self, story_ids: Sequence[int]) -> dict[int, list[str]]:
        return story_lists.outlets_of(self._conn, story_ids)

    def story(self, story_id: int) -> StoryDetail | None:
        """One story as stored, at once (safe on the GUI thread): never describes. A
        story not described yet, or whose members changed since, says so
        (`detail.described` False); `describe_story` makes its summary, in a task."""
        return stories.story(self._conn, story_id)

    def describe_story(
        self, story_id: int, *, cancel: CancelToken | None = None
    ) -> StoryDetail | None:
        """Make the summary and timeline of a story not described (or stale), then
        return it as stored. Slow (about half a second of CPU): call it in a task."""
        from desktop_reader.core.pipeline.stories import describe_stories

        describe_stories(self._conn, [story_id], cancel=cancel, min_articles=1)
        return stories.story(self._conn, story_id)

    def describe_ahead(self, *, cancel: CancelToken | None = None) -> list[int]:
        """After a refresh, in a task: describe the few Top Headlines a reader is likely
        to open first (`DESCRIBE_AHEAD`), so they open complete; the ids described. Lists
        show nothing of a description, so there is no Changes to apply."""
        from desktop_reader.core.pipeline.stories import describe_ahead

        return describe_ahead(self._conn, cancel=cancel)

    def story_holding(self, article_ids: Sequence[int]) -> int | None:
        """The story these articles are in now: a story merged into another by a refresh
        is gone, and its articles tell where it went."""
        return stories.story_holding(self._conn, article_ids)

    def story_member_ids(self, story_id: int) -> list[int]:
        return story_lists.member_ids(self._conn, story_id)

    def is_story_starred(self, story_id: int) -> bool:
        return starred.is_story_starred(self._conn, story_id)

    def set_story_starred(self, story_id: int, on: bool) -> Changes:
        self._recorded(
            "Star Story" if on else "Unstar Story",
            (),
            [story_id],
            lambda: starred.set_story_starred(self._conn, story_id, on),
        )
        return Changes.of(stories=[story_id], starred=True)

    def mark_story_read(
        self, story_id: int, read: bool = True, *, with_articles: bool = True
    ) -> Changes:
        """A story read (or unread), and its member articles with it unless told not to."""
        name = "Mark Story Read" if read else "Mark Story Unread"
        if not with_articles:
            self._recorded(
                name, (), [story_id], lambda: read_state.mark_story_seen(self._conn, story_id, read)
            )
            return Changes.of(stories=[story_id])
        members = story_lists.member_ids(self._conn, story_id)
        self._recorded(
            name, members, [story_id], lambda: stories.mark_story_read(self._conn, story_id, read)
        )
        return Changes.of(
            stories=[story_id],
            articles=members,
            feeds=feeds.feeds_listing(self._conn, members),
            starred=True,
        )

    def story_opened(self, story_id: int) -> Changes:
        """What opening a story marks read, as Preferences say (`STORY_OPEN_MARKS`)."""
        return self.mark_story_read(story_id, True, with_articles=self.story_marks_articles())

    def story_marks_articles(self) -> bool:
        """Whether marking a story read or unread takes its articles along."""
        return settings.read(self._conn, settings.STORY_OPEN_MARKS) == "articles"

    # ------------------------------------------------------------------ undo

    @contextmanager
    def undoable(self, name: str) -> Iterator[None]:
        """Every read or star change made inside is one action to undo, called `name`."""
        if self._group is not None:  # already inside one: it takes these changes too
            yield
            return
        self._group = (name, ReadState(), ReadState())
        try:
            yield
        finally:
            group, self._group = self._group, None
            self.history.record(*group)

    def _recorded(
        self,
        name: str,
        article_ids: Iterable[int],
        story_ids: Iterable[int],
        write: Callable[[], object],
    ) -> None:
        article_ids, story_ids = list(article_ids), list(story_ids)
        before = read_state.capture(self._conn, article_ids, story_ids)
        write()
        after = read_state.capture(self._conn, article_ids, story_ids)
        if self._group is None:
            self.history.record(name, before, after)
            return
        group_name, first, latest = self._group  # earliest "before", latest "after" win
        self._group = (group_name, undo.combine(before, first), undo.combine(latest, after))

    @property
    def undo_name(self) -> str | None:
        """The action Undo would reverse ("Mark All Read"), if any."""
        return self.history.undo_name

    @property
    def redo_name(self) -> str | None:
        return self.history.redo_name

    def undo(self) -> Changes:
        """Put back the state before the newest action (only what it changed)."""
        action = self.history.newest
        if action is None:
            return NOTHING
        changes = self._put_back(action.before)  # a failed write leaves the history as is
        self.history.take_undo()
        return changes

    def redo(self) -> Changes:
        action = self.history.next_redo
        if action is None:
            return NOTHING
        changes = self._put_back(action.after)
        self.history.take_redo()
        return changes

    def _put_back(self, state: ReadState) -> Changes:
        read_state.restore(self._conn, state)
        ids = undo.article_ids(state)
        return Changes.of(
            articles=ids,
            stories=undo.story_ids(state),
            feeds=feeds.feeds_listing(self._conn, ids),
            starred=True,
        )

    def read_states(
        self, article_ids: Iterable[int] = (), story_ids: Iterable[int] = ()
    ) -> ReadState:
        """Read and starred state as stored now (lists restyle their rows from it)."""
        return read_state.capture(self._conn, article_ids, story_ids)

    def new_broad_stories(self) -> list[StoryAlert]:
        """Stories that reached the notification breadth since the last call."""
        return new_broad_stories(self._conn, settings.read(self._conn, settings.NOTIFY_OUTLETS))

    # ------------------------------------------------------------------ sync accounts

    def accounts(self) -> list[Account]:
        return sync_accounts.list_accounts(self._conn)

    def account(self, account_id: int) -> Account | None:
        return sync_accounts.get_account(self._conn, account_id)

    def account_of_feeds(self) -> dict[int, int]:
        """Which account each account feed belongs to (feed id -> account id)."""
        return sync_accounts.account_of_feeds(self._conn)

    def add_account(
        self,
        server_url: str,
        user: str,
        password: str,
        *,
        name: str = "",
        cancel: CancelToken | None = None,
    ) -> tuple[Account, Changes]:
        """Log in to a Google Reader API server and keep the account (its token goes to
        the keyring, never the password). Network: SyncError says what went wrong;
        cancelled (in a task): `Cancelled`, and nothing is kept."""
        from desktop_reader.core.sync import engine

        account = engine.add_account(
            self.library, server_url, user, password, name=name, cancel=cancel
        )
        return account, Changes(feed_list=True)

    def remove_account(self, account_id: int) -> Changes:
        """The account, its feeds and the articles only they listed; nothing on the server."""
        from desktop_reader.core.sync import engine

        engine.remove_account(self.library, account_id)
        return Changes(everything=True)

    def sync_accounts(
        self,
        fetcher: Fetcher,
        *,
        progress: Callable[[RefreshProgress], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> tuple[list[SyncSummary], Changes]:
        """Sync every account, then complete new articles as a refresh does (in a task)."""
        from desktop_reader.core.sync import engine

        summaries = engine.sync_all(self.library, fetcher, progress=progress, cancel=cancel)
        return summaries, Changes(everything=True)

    # ------------------------------------------------------------------ saved searches

    def saved_searches(self) -> list[SavedSearch]:
        return saved_searches.list_searches(self._conn)

    def saved_search(self, search_id: int) -> SavedSearch | None:
        return saved_searches.get_search(self._conn, search_id)

    def search_scope(self, saved: SavedSearch) -> tuple[int, ...] | None:
        """The feeds a saved search looks in (None: every feed)."""
        return saved_searches.scope_feed_ids(self._conn, saved.scope)

    def save_search(self, name: str, words: str, scope: str) -> tuple[SavedSearch, Changes]:
        saved = saved_searches.add_search(self._conn, name, words, scope)
        return saved, Changes(feed_list=True)

    def delete_search(self, search_id: int) -> Changes:
        saved_searches.delete_search(self._conn, search_id)
        return Changes(feed_list=True)

    # ------------------------------------------------------------------ filters

    def filter_rules(self) -> list[FilterRule]:
        return filters.list_rules(self._conn)

    def add_filter_rule(
        self,
        *,
        pattern: str,
        action: RuleAction,
        field: RuleField = RuleField.TITLE,
        match: RuleMatch = RuleMatch.CONTAINS,
        feed_id: int | None = None,
        enabled: bool = True,
    ) -> FilterRule:
        return filters.add_rule(
            self._conn,
            pattern=pattern,
            action=action,
            field=field,
            match=match,
            feed_id=feed_id,
            enabled=enabled,
        )

    def update_filter_rule(self, rule: FilterRule) -> None:
        filters.update_rule(self._conn, rule)

    def delete_filter_rule(self, rule_id: int) -> None:
        filters.delete_rule(self._conn, rule_id)

    # ------------------------------------------------------------------ settings

    def setting(self, setting: Setting[T], feed_id: int | None = None) -> T:
        """The setting's value for this feed (its own, else the global one), else global."""
        return settings.read(self._conn, setting, feed_id)

    def has_override(self, setting: Setting[T], feed_id: int) -> bool:
        return settings.has_override(self._conn, setting.key, feed_id)

    def change_settings(self, changes: Sequence[SettingChange]) -> None:
        """Write (or clear) several settings in one transaction: all or none."""
        with database.transaction(self._conn):
            for change in changes:
                if change.value is None:
                    settings.clear(self._conn, change.setting.key, feed_id=change.feed_id)
                else:
                    settings.write(
                        self._conn,
                        change.setting,
                        change.value,  # type: ignore[misc]
                        feed_id=change.feed_id,
                    )
