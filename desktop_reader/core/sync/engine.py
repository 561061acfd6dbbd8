"""One sync of an account: send queued changes, then take the server's subscriptions,
new items and read/starred state; new items are then completed like any article.

Order: the server's unread and starred ids first (what conflict checks compare against),
then the queue (our changes, oldest first), then subscriptions, new items (stream contents
since the last sync, `ot` + continuation), then state. Each step commits on its own, so a
sync cut off anywhere leaves a consistent library, and the next sync takes up what is left.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import httpx

from desktop_reader.core.errors import StorageError
from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import ImageRef, ParsedEntry, RefreshProgress, SyncSummary
from desktop_reader.core.pipeline import update
from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.pipeline.entries import prepare_entries
from desktop_reader.core.pipeline.entry_policy import apply_feed_policy
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import accounts, articles, feeds, sync_items
from desktop_reader.core.storage.accounts import Account
from desktop_reader.core.sync import secrets
from desktop_reader.core.sync.client import (
    READ,
    READING_LIST,
    STARRED,
    GReaderClient,
    Subscription,
    SyncError,
    api_candidates,
    item_id,
)
from desktop_reader.core.sync.queue import ServerState, replay

Progress = Callable[[RefreshProgress], None]
#: Items asked for since the last sync start minus this much: the server's clock and ours
#: may differ, and an item may be stored a little after it is stamped.
SINCE_MARGIN = 60
PAGE_SIZE = 500


def add_account(
    library: Library,
    server_url: str,
    user: str,
    password: str,
    *,
    name: str = "",
    transport: httpx.BaseTransport | None = None,
    cancel: CancelToken | None = None,
) -> Account:
    """Log in, then store the account and its token (never the password). Cancelled
    while the server was answering: `Cancelled`, and nothing is stored."""
    last: SyncError | None = None
    for api_url in api_candidates(server_url):
        with GReaderClient(api_url, transport=transport) as client:
            try:
                token = client.login(user, password)
            except SyncError as exc:
                if exc.kind in ("unsupported", "protocol"):
                    last = exc
                    continue
                raise
            finally:
                if cancel is not None:
                    cancel.raise_if_cancelled()  # whatever the server said, too late
        conn = library.connect()
        try:
            account = accounts.add_account(
                conn,
                name=name or _default_name(server_url, user),
                server_url=server_url,
                api_url=api_url,
                user=user,
            )
        finally:
            conn.close()
        secrets.save_token(library.root, account.key, token)
        return account
    raise SyncError(
        f"No Google Reader API answers at {server_url}" + (f" ({last})" if last else ""),
        kind="unsupported",
    )


def remove_account(library: Library, account_id: int) -> None:
    conn = library.connect()
    try:
        account = accounts.get_account(conn, account_id)
        if account is None:
            return
        accounts.remove_account(conn, account_id)
    finally:
        conn.close()
    secrets.delete_token(library.root, account.key)


def _default_name(server_url: str, user: str) -> str:
    host = httpx.URL(api_candidates(server_url)[-1]).host
    return f"{user} on {host}"


def sync_account(
    library: Library,
    account_id: int,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    transport: httpx.BaseTransport | None = None,
) -> SyncSummary:
    """Sync one account. A failure is recorded on the account (and raised as SyncError)."""
    cancel = cancel or CancelToken()
    conn = library.connect()
    try:
        account = accounts.get_account(conn, account_id)
        if account is None:
            raise StorageError(f"No account {account_id}")
        token = secrets.load_token(library.root, account.key)
        with GReaderClient(account.api_url, token=token, transport=transport) as client:
            try:
                return _sync(conn, client, account, progress, cancel)
            except SyncError as exc:
                accounts.set_status(conn, account.id, "error", str(exc))
                raise
    finally:
        conn.close()


def _sync(
    conn: sqlite3.Connection,
    client: GReaderClient,
    account: Account,
    progress: Progress | None,
    cancel: CancelToken,
) -> SyncSummary:
    started = time.time()

    def step(done: int, message: str) -> None:
        if progress:
            progress(RefreshProgress(done, 5, f"{account.name}: {message}"))

    step(0, "reading the server's state…")
    server = _server_state(client)
    step(1, "sending changes…")
    replayed = replay(conn, client, account.id, server)
    if replayed.stale_unread:
        server.unread = set(client.stream_ids(READING_LIST, exclude=READ))
    step(2, "subscriptions…")
    added, removed = apply_subscriptions(conn, account.id, client.subscriptions())
    known = sync_items.known_items(conn, account.id)
    step(3, "new articles…")
    since = accounts.since_server(conn, account.id)
    new_ids, server_time = _pull_items(conn, client, account.id, set(known), since, added, cancel)
    step(4, "read and starred state…")
    changes = apply_state(conn, account.id, server, known)
    summary = SyncSummary(
        account.id,
        tuple(new_ids),
        replayed.pushed,
        replayed.conflicts,
        changes,
        len(added),
        removed,
        client.requests,
    )
    if cancel.cancelled:
        accounts.set_status(conn, account.id, "ok", "Sync cancelled")
        return summary
    accounts.set_since_server(conn, account.id, int((server_time or started) - SINCE_MARGIN))
    accounts.set_status(conn, account.id, "ok", summary.message, synced_at=started)
    step(5, summary.message)
    return summary


def _server_state(client: GReaderClient) -> ServerState:
    return ServerState(
        set(client.stream_ids(READING_LIST, exclude=READ)), set(client.stream_ids(STARRED))
    )


def apply_subscriptions(
    conn: sqlite3.Connection, account_id: int, subscriptions: Sequence[Subscription]
) -> tuple[list[str], int]:
    """Make the account's feeds those of the server: add, rename, move, remove. Returns
    the stream ids added and how many feeds went."""
    existing = accounts.feed_streams(conn, account_id)
    added: list[str] = []
    with accounts.applying(conn):
        for sub in subscriptions:
            folder = sub.folders[0] if sub.folders else ""
            feed_id = existing.pop(sub.stream_id, None)
            if feed_id is None:
                accounts.add_account_feed(
                    conn,
                    account_id,
                    stream_id=sub.stream_id,
                    feed_url=sub.url,
                    title=sub.title,
                    folder=folder,
                    site_url=sub.site_url or None,
                )
                added.append(sub.stream_id)
            else:
                accounts.update_account_feed(
                    conn, feed_id, title=sub.title, folder=folder, feed_url=sub.url
                )
        accounts.delete_feeds(conn, sorted(existing.values()))
    return added, len(existing)


def _pull_items(
    conn: sqlite3.Connection,
    client: GReaderClient,
    account_id: int,
    known: set[str],
    since: int | None,
    new_streams: Sequence[str],
    cancel: CancelToken,
) -> tuple[list[int], float | None]:
    """New items. The first sync reads whole pages of contents; later ones ask for the
    ids added since the last sync, and every id of a feed subscribed since (a server may
    date a new feed's items by their publication), and fetch those not stored yet."""
    new_ids: list[int] = []
    asked_at = client.server_time  # before asking: items added meanwhile come next time
    if not known or not since:
        for page, _updated in client.stream_contents_pages(READING_LIST, page_size=PAGE_SIZE):
            fresh = [item for item in page if item_id(str(item["id"])) not in known]
            new_ids.extend(store_items(conn, account_id, fresh))
            known.update(item_id(str(item["id"])) for item in fresh)
            if cancel.cancelled:
                break
        return new_ids, asked_at
    wanted = client.stream_ids(READING_LIST, since=since)
    for stream in new_streams:
        wanted.extend(client.stream_ids(stream))
    missing = list(dict.fromkeys(i for i in wanted if i not in known))
    for start in range(0, len(missing), PAGE_SIZE):
        if cancel.cancelled:
            break
        new_ids.extend(
            store_items(conn, account_id, client.items(missing[start : start + PAGE_SIZE]))
        )
    return new_ids, asked_at


def store_items(
    conn: sqlite3.Connection, account_id: int, items: Iterable[dict[str, Any]]
) -> list[int]:
    """Store server items as articles of their feeds (one transaction per call)."""
    streams = accounts.feed_streams(conn, account_id)
    by_feed: dict[int, list[tuple[str, ParsedEntry, int, int]]] = {}
    for item in items:
        feed_id = streams.get(str(item.get("origin", {}).get("streamId", "")))
        if feed_id is None:
            continue  # a feed the subscription list did not have a moment ago
        categories = set(item.get("categories", []))
        by_feed.setdefault(feed_id, []).append(
            (
                item_id(str(item["id"])),
                _entry(item, account_id),
                int(READ in categories),
                int(STARRED in categories),
            )
        )
    new_ids: list[int] = []
    with accounts.applying(conn):
        for feed_id, rows in by_feed.items():
            feed = feeds.get_feed(conn, feed_id)
            assert feed is not None
            prepared = [
                replace(entry, read=bool(read), starred=bool(star))
                for entry, (_, _, read, star) in zip(
                    prepare_entries(r[1] for r in rows), rows, strict=True
                )
            ]
            kept = apply_feed_policy(conn, feed_id, prepared).entries
            new_ids.extend(articles.store_entries(conn, feed_id, kept, outlet=feed.title))
            kept_guids = {e.entry.guid for e in kept}
            for short, entry, read, star in rows:
                if entry.guid not in kept_guids:
                    continue
                article_id = sync_items.article_for_entry(conn, entry.guid, entry.link)
                if article_id is not None:
                    sync_items.record_item(conn, account_id, short, article_id, read, star)
    return new_ids


def _entry(item: dict[str, Any], account_id: int) -> ParsedEntry:
    links = item.get("canonical") or item.get("alternate") or []
    link = str(links[0].get("href") or "") if links else ""
    body = (item.get("content") or item.get("summary") or {}).get("content", "")
    published = item.get("published")
    images = tuple(
        ImageRef(url=str(e["href"]))
        for e in item.get("enclosure", [])
        if str(e.get("type", "")).startswith("image") and e.get("href")
    )
    return ParsedEntry(
        guid=f"sync:{account_id}:{item_id(str(item['id']))}",
        link=link or None,
        title=" ".join(str(item.get("title") or "").split()),
        author=str(item.get("author") or ""),
        published=datetime.fromtimestamp(int(published), UTC) if published else None,
        content_html=str(body or ""),
        images=images,
    )


def apply_state(
    conn: sqlite3.Connection, account_id: int, server: ServerState, items: set[str]
) -> int:
    """Take the server's read/starred state where it changed since the last sync."""
    states = sync_items.server_states(conn, account_id)
    changed = 0
    with accounts.applying(conn):
        for short, (article_id, seen_read, seen_star) in states.items():
            if short not in items:
                continue  # stored by this sync, with the state its item carried
            read = server.value(short, "read")
            star = server.value(short, "starred")
            if read == seen_read and star == seen_star:
                continue
            sync_items.take_server_state(
                conn, account_id, short, article_id, read, star, time.time()
            )
            changed += 1
    return changed


def sync_all(
    library: Library,
    fetcher: Fetcher,
    account_ids: Sequence[int] | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    full_articles: bool = True,
    transport: httpx.BaseTransport | None = None,
) -> list[SyncSummary]:
    """Sync accounts, then complete new articles (pages, stories, images) as a refresh does.
    One account's failure is recorded on it and does not stop the others."""
    cancel = cancel or CancelToken()
    conn = library.connect()
    try:
        chosen = (
            [a.id for a in accounts.list_accounts(conn)]
            if account_ids is None
            else list(account_ids)
        )
    finally:
        conn.close()
    summaries = []
    for account_id in chosen:
        if cancel.cancelled:
            break
        try:
            summaries.append(
                sync_account(
                    library, account_id, progress=progress, cancel=cancel, transport=transport
                )
            )
        except SyncError as exc:
            summaries.append(SyncSummary(account_id, error=str(exc)))
    if not cancel.cancelled:
        update.complete_library(
            library, fetcher, progress=progress, cancel=cancel, full_articles=full_articles
        )
    return summaries
