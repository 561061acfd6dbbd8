"""Refreshing feeds: fetch and parse on worker threads, store on the calling thread.

One writer: only the thread that called `refresh_feeds` writes to the database, each
feed's new entries in one transaction, so a refresh cut off at any point leaves every
finished feed complete and the others untouched.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from desktop_reader.core.errors import FetchError, ParseError, ReaderError
from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.fetch.limits import FEED_MAX_BYTES
from desktop_reader.core.fetch.messages import format_duration, timed_out
from desktop_reader.core.models import (
    Feed,
    FeedRefreshResult,
    FeedStatus,
    FetchResult,
    ParsedFeed,
    RefreshProgress,
    RefreshSummary,
)
from desktop_reader.core.parse.detect import parse_feed
from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.pipeline.entries import prepare_entries
from desktop_reader.core.pipeline.entry_policy import apply_feed_policy
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.schedule import refreshable
from desktop_reader.core.pipeline.workers import CpuPool, FetchPool
from desktop_reader.core.storage import articles, database, feeds, settings
from desktop_reader.core.storage.articles import NewEntry

Progress = Callable[[RefreshProgress], None]

WORKERS = 8
# Offline: at least this many feeds tried, and this share of them could not even connect.
OFFLINE_MIN_FEEDS = 2
OFFLINE_SHARE = 0.8
OFFLINE_MESSAGE = "Not checked: you seem to be offline"


@dataclass(frozen=True)
class _Fetched:
    """What a worker brings back for one feed."""

    feed: Feed
    result: FetchResult | None = None
    parsed: ParsedFeed | None = None
    body_hash: str | None = None
    unchanged_body: bool = False
    error: ReaderError | None = None
    followed_from_page: str | None = None  # the HTML page whose rel=alternate we followed
    entries: tuple[NewEntry, ...] = ()  # parsed entries made ready to store


@dataclass(frozen=True)
class _Read:
    """A feed body read in a worker process (exceptions do not cross it intact)."""

    parsed: ParsedFeed | None
    entries: tuple[NewEntry, ...] = ()
    error: str = ""
    alternate_url: str | None = None


def read_feed(content: bytes, url: str, content_type: str, charset: str | None) -> _Read:
    """Parse a body and prepare its entries: the CPU-heavy part of a refresh."""
    try:
        parsed = parse_feed(content, url=url, content_type=content_type, charset=charset)
    except ParseError as exc:
        return _Read(None, error=str(exc), alternate_url=exc.alternate_url)
    # Only the feed's own fields travel back with the prepared entries: the parsed
    # entries are in them already, and pickling each body twice cost the writer's
    # process (which unpickles) more CPU than storing.
    return _Read(replace(parsed, entries=()), tuple(prepare_entries(parsed.entries)))


def refresh_feeds(
    library: Library,
    fetcher: Fetcher,
    feed_ids: Sequence[int] | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    deadline: float | None = None,
) -> RefreshSummary:
    """Fetch every (or the given) feed and store new entries; pages come later.

    Feeds are fetched in parallel (the fetcher limits requests per host); results are
    stored as they arrive. Cancelling stops storing further feeds at once. No feed takes
    longer than `deadline` seconds (default: the FEED_DEADLINE setting), hanging host or not.
    Feeds that could not connect are stored last: when (nearly) all of them failed so,
    the machine is offline and they keep the status they had (`summary.offline`).
    """
    cancel = cancel or CancelToken()
    conn = library.connect()
    try:
        chosen = (
            feeds.list_feeds(conn)
            if feed_ids is None
            else [f for f in (feeds.get_feed(conn, i) for i in feed_ids) if f is not None]
        )
        todo = [f for f in chosen if refreshable(f)]
        seconds = (
            deadline if deadline is not None else float(settings.read(conn, settings.FEED_DEADLINE))
        )
        results: list[FeedRefreshResult] = []
        unreachable: list[_Fetched] = []  # decided once every feed has answered
        new_ids: list[int] = []
        total = len(todo)
        if progress:
            progress(RefreshProgress(0, total, "Refreshing feeds…"))

        def late(index: int) -> _Fetched:
            return _Fetched(
                todo[index],
                error=FetchError(timed_out(seconds), url=todo[index].url, kind="timeout"),
            )

        offline = False
        # feedparser is pure Python: parsing many feeds is faster in worker processes.
        # In-flight fetches end by their own timeouts; nothing waits for them (nor for a
        # fetch given up at its deadline).
        with FetchPool(len(todo), cancel, name="refresh", threads=WORKERS) as pool:
            jobs = [
                partial(_fetch_and_parse, fetcher, pool.cpu, feed, cancel, seconds) for feed in todo
            ]
            for fetched in pool.results_within(jobs, seconds, late):
                if cancel.cancelled:
                    break
                if isinstance(fetched.error, FetchError) and fetched.error.unreachable:
                    unreachable.append(fetched)
                    if progress:
                        progress(
                            RefreshProgress(
                                len(results) + len(unreachable), total, str(fetched.error)
                            )
                        )
                    continue
                outcome = _store(conn, fetched)
                results.append(outcome[0])
                new_ids.extend(outcome[1])
                if progress:
                    progress(
                        RefreshProgress(
                            len(results) + len(unreachable),
                            total,
                            outcome[0].message,
                            outcome[0].feed_id,
                        )
                    )
            offline = not cancel.cancelled and seems_offline(
                len(unreachable), len(results) + len(unreachable)
            )
            if offline:
                with database.transaction(conn):
                    feeds.record_attempt(conn, [f.feed.id for f in unreachable])
            if not cancel.cancelled:
                for fetched in unreachable:
                    kept = (
                        FeedRefreshResult(fetched.feed.id, fetched.feed.status, OFFLINE_MESSAGE)
                        if offline
                        else _store(conn, fetched)[0]
                    )
                    results.append(kept)
                    if progress:
                        progress(RefreshProgress(len(results), total, kept.message, kept.feed_id))
        return RefreshSummary(
            tuple(results),
            cancelled=cancel.cancelled,
            new_article_ids=tuple(new_ids),
            offline=offline,
        )
    finally:
        conn.close()


def seems_offline(unreachable: int, tried: int) -> bool:
    """Nearly every feed tried could not connect: the network, not the feeds, is down.
    One feed alone says nothing (its host may be down), so it is reported as failing."""
    return tried >= OFFLINE_MIN_FEEDS and unreachable >= OFFLINE_SHARE * tried


def _fetch_and_parse(
    fetcher: Fetcher, cpu: CpuPool, feed: Feed, cancel: CancelToken, seconds: float
) -> _Fetched:
    if cancel.cancelled:
        return _Fetched(feed, error=ReaderError("Cancelled"))
    ends = time.monotonic() + seconds  # one budget for the feed, a followed page included
    try:
        result = fetcher.fetch(
            feed.url,
            etag=feed.etag,
            last_modified=feed.last_modified,
            max_bytes=FEED_MAX_BYTES,
            timeout=seconds,
        )
        if result.not_modified:
            return _Fetched(feed, result)
        body_hash = hashlib.sha256(result.content).hexdigest()
        if body_hash == feed.body_hash:
            # Same bytes under new validators: nothing to parse (NetNewsWire's trick).
            return _Fetched(feed, result, body_hash=body_hash, unchanged_body=True)
        read = cpu.run(
            read_feed, result.content, result.base_url, result.content_type, result.charset
        )
        page_url = None
        if read.parsed is None and read.alternate_url:
            # An HTML page pointing at its feed: follow it once.
            page_url = result.url
            result = fetcher.fetch(
                read.alternate_url,
                max_bytes=FEED_MAX_BYTES,
                timeout=max(0.1, ends - time.monotonic()),
            )
            body_hash = hashlib.sha256(result.content).hexdigest()
            read = cpu.run(
                read_feed, result.content, result.base_url, result.content_type, result.charset
            )
        if read.parsed is None:
            raise ParseError(read.error)
        return _Fetched(
            feed, result, read.parsed, body_hash, followed_from_page=page_url, entries=read.entries
        )
    except ReaderError as exc:
        return _Fetched(feed, error=exc)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not take the refresh down
        return _Fetched(feed, error=ReaderError(f"Unexpected problem: {exc!r}"))


def _store(conn: sqlite3.Connection, fetched: _Fetched) -> tuple[FeedRefreshResult, list[int]]:
    feed = fetched.feed
    if fetched.error is not None:
        return _record_error(conn, feed, fetched.error), []
    result = fetched.result
    assert result is not None
    moved = _apply_moves(conn, feed, result, fetched.followed_from_page)
    if result.not_modified or fetched.unchanged_body:
        with database.transaction(conn):
            feeds.record_fetch(
                conn,
                feed.id,
                status=_keep_ok(feed),
                message=moved or "Up to date",
                etag=result.etag or feed.etag,
                last_modified=result.last_modified or feed.last_modified,
                body_hash=fetched.body_hash or feed.body_hash,
            )
        return FeedRefreshResult(
            feed.id, _keep_ok(feed), moved or "Up to date", not_modified=True
        ), []
    parsed = fetched.parsed
    assert parsed is not None
    # The user's filters and download choice for this feed (see entry_policy).
    entries = apply_feed_policy(conn, feed.id, fetched.entries).entries
    outlet = feed.title if feed.title and feed.title != feed.url else parsed.title or feed.url
    status = FeedStatus.WARNING if parsed.warning else FeedStatus.OK
    message = moved or parsed.warning or ""
    with database.transaction(conn):
        new_ids = articles.store_entries(conn, feed.id, entries, outlet=outlet)
        if not message:
            message = f"{len(new_ids)} new" if new_ids else "No new articles"
        feeds.record_fetch(
            conn,
            feed.id,
            status=status,
            message=message,
            etag=result.etag,
            last_modified=result.last_modified,
            body_hash=fetched.body_hash,
            title=parsed.title,
            site_url=parsed.site_url,
        )
    return FeedRefreshResult(feed.id, status, message, new_articles=len(new_ids)), new_ids


def _keep_ok(feed: Feed) -> FeedStatus:
    """After a 304 the feed is as fine as its last parse was (warning stays warning)."""
    return FeedStatus.WARNING if feed.status is FeedStatus.WARNING else FeedStatus.OK


def _apply_moves(
    conn: sqlite3.Connection, feed: Feed, result: FetchResult, page_url: str | None
) -> str:
    """Store a new address after a permanent redirect or a followed rel=alternate."""
    if page_url:
        feeds.change_url(conn, feed.id, result.url)
        return f"Not a feed; found {result.url} instead — address updated"
    if result.permanent_url and result.permanent_url != feed.url:
        feeds.change_url(conn, feed.id, result.permanent_url)
        return "Feed moved — address updated"
    return ""


def _record_error(conn: sqlite3.Connection, feed: Feed, error: ReaderError) -> FeedRefreshResult:
    status = FeedStatus.ERROR
    retry_after = None
    message = str(error)
    if isinstance(error, FetchError):
        if error.status == 410:
            status = FeedStatus.GONE
        if error.retry_after:
            retry_after = error.retry_after
            if "retry" not in message.lower():
                message += f", retrying after {format_duration(error.retry_after)}"
    with database.transaction(conn):
        feeds.record_fetch(
            conn,
            feed.id,
            status=status,
            message=message,
            retry_after=retry_after,
            keep_validators=True,
        )
    return FeedRefreshResult(feed.id, status, message)
