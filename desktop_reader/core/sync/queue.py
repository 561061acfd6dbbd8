"""Local changes waiting for the server, and their replay in order.

Read and starred changes are queued by triggers (migration 007) in the transaction that
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

from desktop_reader.core.storage import database
from desktop_reader.core.sync import accounts
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


def replay(conn: sqlite3.Connection, client: GReaderClient, account_id: int,
           server: ServerState) -> ReplayResult:
    """Send every queued change of the account, oldest first."""
    result = ReplayResult()
    rows = conn.execute("SELECT * FROM sync_queue WHERE account_id = ? ORDER BY id",
                        (account_id,)).fetchall()
    batch: list[sqlite3.Row] = []
    for row in rows:
        if row["op"] in _STATE_OPS:
            batch.append(row)
            continue
        _send_states(conn, client, account_id, batch, server, result)
        batch = []
        _send_other(conn, client, row, result)
    _send_states(conn, client, account_id, batch, server, result)
    return result


def _send_states(conn: sqlite3.Connection, client: GReaderClient, account_id: int,
                 rows: Sequence[sqlite3.Row], server: ServerState,
                 result: ReplayResult) -> None:
    if not rows:
        return
    latest: dict[tuple[str, str], int] = {}
    for row in rows:
        latest[(row["item_id"], row["op"])] = int(row["value"])
    baseline = _baselines(conn, account_id, {item for item, _ in latest})
    groups: dict[tuple[str, int], list[str]] = {}
    dropped = 0
    for (item, op), value in latest.items():
        if item not in baseline:
            continue  # the item is gone from the library: nothing to say about it
        seen = baseline[item][0 if op == "read" else 1]
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
            column = "server_read" if op == "read" else "server_starred"
            conn.execute(f"UPDATE sync_items SET {column} = ? WHERE account_id = ? "
                         "AND item_id = ?", (value, account_id, item))
            server.set(item, op, value)
        ids = [row["id"] for row in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            conn.execute(f"DELETE FROM sync_queue WHERE id IN ({','.join('?' * len(chunk))})",
                         chunk)
    result.pushed += len(sent)
    result.conflicts += dropped


def _baselines(conn: sqlite3.Connection, account_id: int,
               items: set[str]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    ordered = sorted(items)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        for r in conn.execute(
                "SELECT item_id, server_read, server_starred FROM sync_items "
                f"WHERE account_id = ? AND item_id IN ({','.join('?' * len(chunk))})",
                [account_id, *chunk]):
            found[r[0]] = (r[1], r[2])
    return found


def _send_other(conn: sqlite3.Connection, client: GReaderClient, row: sqlite3.Row,
                result: ReplayResult) -> None:
    op = row["op"]
    try:
        if op == "subscribe":
            client.subscribe(row["arg"], title=row["title"] or "", folder=row["value"] or "")
        elif op == "unsubscribe":
            client.unsubscribe(row["stream_id"])
        elif op == "rename":
            client.edit_subscription(row["stream_id"], title=row["title"] or "")
        elif op == "move":
            client.edit_subscription(row["stream_id"], folder=row["value"] or "",
                                     old_folder=row["arg"] or "")
        elif op == "mark_all":
            client.mark_all_read(row["stream_id"], int(row["value"]))
            result.stale_unread = True
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
        conn.execute("DELETE FROM sync_queue WHERE id = ?", (row["id"],))


def queue_subscribe(conn: sqlite3.Connection, account_id: int, url: str, *,
                    folder: str = "", title: str = "") -> None:
    """Subscribe the account to a feed at the next sync."""
    conn.execute("INSERT INTO sync_queue(account_id, op, arg, value, title, made_at) "
                 "VALUES (?, 'subscribe', ?, ?, ?, ?)",
                 (account_id, url, folder.strip("/"), title, time.time()))


def mark_all_read(conn: sqlite3.Connection, feed_ids: Sequence[int]) -> int:
    """Mark every article of these feeds read. Account feeds are marked on the server by
    one mark-all-as-read per feed (older than now) instead of one change per article;
    a local feed's articles that are account items too are queued one by one (triggers)."""
    now = time.time()
    marked = 0
    for feed_id in feed_ids:
        owner = accounts.account_of_feed(conn, feed_id)
        scope = accounts.applying(conn) if owner is not None else database.transaction(conn)
        with scope:
            if owner is not None:
                conn.execute("INSERT INTO sync_queue(account_id, op, stream_id, value, "
                             "made_at) VALUES (?, 'mark_all', ?, ?, ?)",
                             (owner[0], owner[1], str(int(now * 1_000_000)), now))
            marked += conn.execute(
                "UPDATE article_state SET read = 1, changed = ? WHERE read = 0 AND article_id "
                "IN (SELECT article_id FROM feed_articles WHERE feed_id = ?)",
                (now, feed_id)).rowcount
    return marked
