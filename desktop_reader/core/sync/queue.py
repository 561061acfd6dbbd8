"""Local changes waiting for the server, and their replay in order.

Read and starred changes are queued by triggers (migration 008) in the transaction that
makes them, so a change is queued exactly when it is stored, whatever made it. Replay
sends them in the order they were made; a run of read/starred changes is sent as batched
edit-tag calls (the last change of each item and flag is what counts). A queued row is
deleted in the transaction that records the server's acceptance; a kill in between sends
it again, which is harmless: every call sets a state, none toggles one.

Conflict rule (docs/notes/sync.md): the later action wins. The Google Reader API does not
say when an item was marked on the server, so a server change is dated when a sync first
sees it — after any change of ours still queued. Hence, for each item and flag: if the
server's value differs from the one the last sync saw, the server changed it while ours
waited, and the server's value stays (ours is dropped and the local state follows it).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop_reader.core.storage import accounts, articles, database, sync_items, sync_queue
from desktop_reader.core.storage.sync_queue import QueuedChange
from desktop_reader.core.sync.client import READ, STARRED, GReaderClient, SyncError

_STATE_OPS = ("read", "starred")


@dataclass
class ServerState:
    """The server's unread and starred item ids, as fetched at the start of a sync."""

    unread: set[str]
    starred: set[str]

    def value(self, item_id: str, op: str) -> int:
        if op == "read":
            return int(item_id not in self.unread)
        return int(item_id in self.starred)

    def set(self, item_id: str, op: str, value: int) -> None:
        chosen = self.unread if op == "read" else self.starred
        present = (not value) if op == "read" else bool(value)
        if present:
            chosen.add(item_id)
        else:
            chosen.discard(item_id)


@dataclass
class ReplayResult:
    pushed: int = 0  # queued changes the server took
    conflicts: int = 0  # queued changes dropped: the server changed the same thing since
    stale_unread: bool = False  # a mark-all was sent: the unread ids must be fetched again
    subscriptions_changed: bool = False
    errors: list[str] = field(default_factory=list)


def replay(
    conn: sqlite3.Connection, client: GReaderClient, account_id: int, server: ServerState
) -> ReplayResult:
    """Send every queued change of the account, oldest first."""
    result = ReplayResult()
    batch: list[QueuedChange] = []
    for change in sync_queue.queued_changes(conn, account_id):
        if change.op in _STATE_OPS:
            batch.append(change)
            continue
        _send_states(conn, client, account_id, batch, server, result)
        batch = []
        _send_other(conn, client, change, server, result)
    _send_states(conn, client, account_id, batch, server, result)
    return result


def _send_states(
    conn: sqlite3.Connection,
    client: GReaderClient,
    account_id: int,
    changes: Sequence[QueuedChange],
    server: ServerState,
    result: ReplayResult,
) -> None:
    if not changes:
        return
    latest: dict[tuple[str, str], int] = {}
    for change in changes:
        latest[(change.item_id or "", change.op)] = int(change.value or 0)
    baseline = sync_items.server_states(conn, account_id, {item for item, _ in latest})
    groups: dict[tuple[str, int], list[str]] = {}
    dropped = 0
    for (item, op), value in latest.items():
        if item not in baseline:
            continue  # the item is gone from the library: nothing to say about it
        seen = baseline[item][1 if op == "read" else 2]
        now = server.value(item, op)
        if now != seen:
            dropped += 1  # the server changed it while ours waited: the server's stays
        elif now != value:
            groups.setdefault((op, value), []).append(item)
    sent: list[tuple[str, str, int]] = []
    for (op, value), items in groups.items():
        tag = READ if op == "read" else STARRED
        if value:
            client.edit_tag(items, add=tag)
        else:
            client.edit_tag(items, remove=tag)
        sent.extend((item, op, value) for item in items)
    with accounts.applying(conn):
        for item, op, value in sent:
            sync_items.set_server_flag(conn, account_id, item, op, value)
            server.set(item, op, value)
        sync_queue.delete_changes(conn, [change.id for change in changes])
    result.pushed += len(sent)
    result.conflicts += dropped


def _send_other(
    conn: sqlite3.Connection,
    client: GReaderClient,
    change: QueuedChange,
    server: ServerState,
    result: ReplayResult,
) -> None:
    op = change.op
    marked: list[str] = []
    try:
        if op == "subscribe":
            client.subscribe(change.arg or "", title=change.title or "", folder=change.value or "")
        elif op == "unsubscribe":
            client.unsubscribe(change.stream_id or "")
        elif op == "rename":
            client.edit_subscription(change.stream_id or "", title=change.title or "")
        elif op == "move":
            client.edit_subscription(
                change.stream_id or "", folder=change.value or "", old_folder=change.arg or ""
            )
        elif op == "mark_all":
            client.mark_all_read(change.stream_id or "", int(change.value or 0))
            result.stale_unread = True
            # The server has these read now: a later change of ours to one of them (an
            # undone Mark All Read, still queued) is measured against that, and sent.
            marked = sync_items.stream_items(conn, change.account_id, change.stream_id or "")
    except SyncError as exc:
        if exc.kind != "protocol":
            raise  # the server is away or refuses us: keep the change for the next sync
        # The server rejects this one change (already subscribed, feed gone): it can never
        # succeed, so it is dropped rather than block every later change.
        result.errors.append(f"{op}: {exc}")
    else:
        result.pushed += 1
    if op != "mark_all":
        result.subscriptions_changed = True
    with accounts.applying(conn):
        for item in marked:
            sync_items.set_server_flag(conn, change.account_id, item, "read", 1)
            server.set(item, "read", 1)
        sync_queue.delete_changes(conn, [change.id])


def mark_all_read(conn: sqlite3.Connection, feed_ids: Sequence[int]) -> int:
    """Mark every article of these feeds read. Account feeds are marked on the server by
    one mark-all-as-read per feed (older than now) instead of one change per article;
    local feeds' articles that are account items too are queued one by one (triggers)."""
    now = time.time()
    marked = 0
    local: list[int] = []
    for feed_id in feed_ids:
        owner = accounts.account_of_feed(conn, feed_id)
        if owner is None:
            local.append(feed_id)
            continue
        with accounts.applying(conn):
            sync_queue.queue_mark_all(conn, owner[0], owner[1], now)
            marked += articles.set_feed_read(conn, [feed_id])
    if local:
        with database.transaction(conn):
            marked += articles.set_feed_read(conn, local)
    return marked
