"""The `sync_items` table: which article each server item is, and its read/starred state
on the server as of the last sync (what tells a server change from ours, docs/notes/sync.md).

Writes here take the server's state, so they belong in an `accounts.applying()`
transaction: the queue triggers then send nothing back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

#: Items looked up per statement: well under SQLite's limit on bound parameters.
_CHUNK = 500


def known_items(conn: sqlite3.Connection, account_id: int) -> set[str]:
    """The (short) ids of the account's items already in the library."""
    return {
        r[0]
        for r in conn.execute("SELECT item_id FROM sync_items WHERE account_id = ?", (account_id,))
    }


def server_states(
    conn: sqlite3.Connection, account_id: int, items: Iterable[str] | None = None
) -> dict[str, tuple[int, int, int]]:
    """item id -> (article id, read, starred) as the server had them at the last sync;
    of these items, or of every item of the account (None)."""
    sql = (
        "SELECT item_id, article_id, server_read, server_starred FROM sync_items "
        "WHERE account_id = ?"
    )
    if items is None:
        return {r[0]: (r[1], r[2], r[3]) for r in conn.execute(sql, (account_id,))}
    found: dict[str, tuple[int, int, int]] = {}
    ordered = sorted(set(items))
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        for r in conn.execute(
            sql + f" AND item_id IN ({','.join('?' * len(chunk))})", [account_id, *chunk]
        ):
            found[r[0]] = (r[1], r[2], r[3])
    return found


def set_server_flag(
    conn: sqlite3.Connection, account_id: int, item_id: str, op: str, value: int
) -> None:
    """The server took our change of `op` ("read" or "starred") for this item."""
    column = "server_read" if op == "read" else "server_starred"
    conn.execute(
        f"UPDATE sync_items SET {column} = ? WHERE account_id = ? AND item_id = ?",
        (value, account_id, item_id),
    )


def stream_items(conn: sqlite3.Connection, account_id: int, stream_id: str) -> list[str]:
    """The account's items listed by the feed that is this stream on the server."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT i.item_id FROM sync_items i "
            "JOIN feed_articles fa ON fa.article_id = i.article_id "
            "JOIN sync_feeds f ON f.feed_id = fa.feed_id "
            "WHERE i.account_id = ? AND f.account_id = ? AND f.stream_id = ?",
            (account_id, account_id, stream_id),
        )
    ]


def record_item(
    conn: sqlite3.Connection,
    account_id: int,
    item_id: str,
    article_id: int,
    read: int,
    starred: int,
) -> None:
    """A server item stored as this article; an article a local feed already had takes
    the server's state."""
    conn.execute(
        "INSERT OR REPLACE INTO sync_items VALUES (?,?,?,?,?)",
        (account_id, item_id, article_id, read, starred),
    )
    conn.execute(
        "UPDATE article_state SET read = ?, starred = ? "
        "WHERE article_id = ? AND (read != ? OR starred != ?)",
        (read, starred, article_id, read, starred),
    )


def take_server_state(
    conn: sqlite3.Connection,
    account_id: int,
    item_id: str,
    article_id: int,
    read: int,
    starred: int,
    changed: float,
) -> None:
    """The server changed an item's state since the last sync: the article follows."""
    conn.execute(
        "UPDATE sync_items SET server_read = ?, server_starred = ? "
        "WHERE account_id = ? AND item_id = ?",
        (read, starred, account_id, item_id),
    )
    conn.execute(
        "UPDATE article_state SET read = ?, starred = ?, changed = ? WHERE article_id = ?",
        (read, starred, changed, article_id),
    )


def article_for_entry(conn: sqlite3.Connection, guid: str, link: str | None) -> int | None:
    """The stored article an item became: by its storage GUID, else by its link (an
    article a local feed had first)."""
    row = conn.execute("SELECT id FROM articles WHERE guid = ?", (guid,)).fetchone()
    if row is None and link:
        row = conn.execute("SELECT id FROM articles WHERE url = ? LIMIT 1", (link,)).fetchone()
    return int(row[0]) if row else None
