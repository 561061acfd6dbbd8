"""The `sync_queue` table: local changes waiting for an account's server.

Read and starred changes are queued by triggers (migration 008) in the transaction that
makes them; the other operations are queued here. core/sync/queue.py replays them.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass

#: Ids deleted per statement: well under SQLite's limit on bound parameters.
_CHUNK = 500


@dataclass(frozen=True)
class QueuedChange:
    """One queued row; which fields are set depends on `op` (see migration 008)."""

    id: int
    account_id: int
    op: str  # read | starred | subscribe | unsubscribe | rename | move | mark_all
    item_id: str | None
    stream_id: str | None
    value: str | None
    arg: str | None
    title: str | None


def queued_changes(conn: sqlite3.Connection, account_id: int) -> list[QueuedChange]:
    """Every queued change of the account, oldest first."""
    return [
        QueuedChange(
            r["id"],
            account_id,
            r["op"],
            r["item_id"],
            r["stream_id"],
            None if r["value"] is None else str(r["value"]),
            r["arg"],
            r["title"],
        )
        for r in conn.execute(
            "SELECT id, op, item_id, stream_id, value, arg, title "
            "FROM sync_queue WHERE account_id = ? ORDER BY id",
            (account_id,),
        )
    ]


def queue_length(conn: sqlite3.Connection, account_id: int) -> int:
    return int(
        conn.execute(
            "SELECT COUNT(*) FROM sync_queue WHERE account_id = ?", (account_id,)
        ).fetchone()[0]
    )


def delete_changes(conn: sqlite3.Connection, change_ids: Sequence[int]) -> None:
    """Drop changes the server took (or can never take)."""
    ids = list(change_ids)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        conn.execute(f"DELETE FROM sync_queue WHERE id IN ({','.join('?' * len(chunk))})", chunk)


def queue_subscribe(
    conn: sqlite3.Connection, account_id: int, url: str, *, folder: str = "", title: str = ""
) -> None:
    """Subscribe the account to a feed at the next sync."""
    conn.execute(
        "INSERT INTO sync_queue(account_id, op, arg, value, title, made_at) "
        "VALUES (?, 'subscribe', ?, ?, ?, ?)",
        (account_id, url, folder.strip("/"), title, time.time()),
    )


def queue_mark_all(
    conn: sqlite3.Connection, account_id: int, stream_id: str, made_at: float
) -> None:
    """Mark a whole stream read on the server: items older than `made_at` (sent in
    microseconds, as the API counts)."""
    conn.execute(
        "INSERT INTO sync_queue(account_id, op, stream_id, value, made_at) "
        "VALUES (?, 'mark_all', ?, ?, ?)",
        (account_id, stream_id, str(int(made_at * 1_000_000)), made_at),
    )
