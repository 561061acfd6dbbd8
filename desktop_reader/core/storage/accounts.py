"""Sync accounts: the `accounts` and `sync_feeds` tables, and how account feeds map onto `feeds`.

An account's feed is a row of `feeds` whose url is `sync://ACCOUNT/STREAM` (see migration
008): refresh never fetches it, and it never collides with a local subscription to the
same address. Changes that come from the server are written inside `applying()`, which
stops the queue triggers from sending them back. The sync logic is in core/sync.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from desktop_reader.core.errors import StorageError
from desktop_reader.core.storage import database, feeds

SCHEME = "sync://"


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    server_url: str
    api_url: str
    user: str
    status: str  # new | ok | error | syncing
    status_message: str
    last_sync: float | None

    @property
    def key(self) -> str:
        """What names the account's token in the keyring or token file."""
        return f"{self.user}@{self.api_url}"


def _account(row: sqlite3.Row) -> Account:
    return Account(
        row["id"],
        row["name"],
        row["server_url"],
        row["api_url"],
        row["user"],
        row["status"],
        row["status_message"],
        row["last_sync"],
    )


def account_feed_url(account_id: int, stream_id: str) -> str:
    return f"{SCHEME}{account_id}/{stream_id}"


def add_account(
    conn: sqlite3.Connection, *, name: str, server_url: str, api_url: str, user: str
) -> Account:
    existing = conn.execute(
        "SELECT * FROM accounts WHERE api_url = ? AND user = ?", (api_url, user)
    ).fetchone()
    if existing is not None:
        raise StorageError(f"{user} on {server_url} is already an account here.")
    position = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM accounts").fetchone()[0]
    cur = conn.execute(
        "INSERT INTO accounts(name, server_url, api_url, user, position, created) "
        "VALUES (?,?,?,?,?,?)",
        (name, server_url, api_url, user, position, time.time()),
    )
    account = get_account(conn, int(cur.lastrowid or 0))
    assert account is not None
    return account


def get_account(conn: sqlite3.Connection, account_id: int) -> Account | None:
    row = conn.execute("SELECT * FROM accounts WHERE id = ?", (account_id,)).fetchone()
    return _account(row) if row else None


def list_accounts(conn: sqlite3.Connection) -> list[Account]:
    return [_account(r) for r in conn.execute("SELECT * FROM accounts ORDER BY position, id")]


def find_account(conn: sqlite3.Connection, what: str) -> Account | None:
    """An account by id, name, user@server or server URL (what the CLI accepts)."""
    for account in list_accounts(conn):
        if what in (
            str(account.id),
            account.name,
            account.server_url,
            account.api_url,
            f"{account.user}@{account.server_url}",
        ):
            return account
    return None


def set_status(
    conn: sqlite3.Connection,
    account_id: int,
    status: str,
    message: str = "",
    *,
    synced_at: float | None = None,
) -> None:
    conn.execute(
        "UPDATE accounts SET status = ?, status_message = ?, "
        "last_sync = COALESCE(?, last_sync) WHERE id = ?",
        (status, message, synced_at, account_id),
    )


def account_feed_ids(conn: sqlite3.Connection, account_id: int | None = None) -> set[int]:
    """Feeds that belong to an account (any account when None)."""
    if account_id is None:
        return {r[0] for r in conn.execute("SELECT feed_id FROM sync_feeds")}
    return {
        r[0]
        for r in conn.execute("SELECT feed_id FROM sync_feeds WHERE account_id = ?", (account_id,))
    }


def account_of_feeds(conn: sqlite3.Connection) -> dict[int, int]:
    """feed id -> account id, for every account feed."""
    return {r[0]: r[1] for r in conn.execute("SELECT feed_id, account_id FROM sync_feeds")}


def feed_streams(conn: sqlite3.Connection, account_id: int) -> dict[str, int]:
    """stream id -> feed id of an account's feeds."""
    return {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT stream_id, feed_id FROM sync_feeds WHERE account_id = ?", (account_id,)
        )
    }


def account_of_feed(conn: sqlite3.Connection, feed_id: int) -> tuple[int, str] | None:
    """(account id, stream id) of an account's feed; None for a local feed."""
    row = conn.execute(
        "SELECT account_id, stream_id FROM sync_feeds WHERE feed_id = ?", (feed_id,)
    ).fetchone()
    return (row[0], row[1]) if row else None


@contextmanager
def applying(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction whose changes come from the server: nothing is queued."""
    with database.transaction(conn):
        conn.execute("INSERT OR IGNORE INTO sync_applying(marker) VALUES (1)")
        yield conn
        conn.execute("DELETE FROM sync_applying")


def delete_feeds(conn: sqlite3.Connection, feed_ids: list[int]) -> None:
    """Remove account feeds in the caller's `applying()` transaction. Articles that a
    local feed lists too move to that feed and stay; the others go with the feed."""
    for feed_id in feed_ids:
        conn.execute(
            """UPDATE articles SET feed_id = (
                   SELECT fa.feed_id FROM feed_articles fa
                   WHERE fa.article_id = articles.id AND fa.feed_id != ? LIMIT 1)
               WHERE feed_id = ? AND EXISTS (
                   SELECT 1 FROM feed_articles fa
                   WHERE fa.article_id = articles.id AND fa.feed_id != ?)""",
            (feed_id, feed_id, feed_id),
        )
        conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))


def remove_account(conn: sqlite3.Connection, account_id: int) -> None:
    """The account, its feeds, queue and the articles only it listed; local feeds stay."""
    with applying(conn):
        delete_feeds(conn, sorted(account_feed_ids(conn, account_id)))
        conn.execute("DELETE FROM accounts WHERE id = ?", (account_id,))


def since_server(conn: sqlite3.Connection, account_id: int) -> int | None:
    """The server time the next sync asks for new items from (None before the first)."""
    row = conn.execute("SELECT since_server FROM accounts WHERE id = ?", (account_id,)).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def set_since_server(conn: sqlite3.Connection, account_id: int, since: int) -> None:
    conn.execute("UPDATE accounts SET since_server = ? WHERE id = ?", (since, account_id))


def add_account_feed(
    conn: sqlite3.Connection,
    account_id: int,
    *,
    stream_id: str,
    feed_url: str,
    title: str,
    folder: str,
    site_url: str | None,
) -> int:
    """A server subscription as a feed of the account (in the caller's `applying()`);
    its id. It is never fetched, so it is "ok" from the start."""
    feed = feeds.add_feed(
        conn, account_feed_url(account_id, stream_id), title=title, folder=folder, site_url=site_url
    )
    conn.execute(
        "INSERT INTO sync_feeds(feed_id, account_id, stream_id, feed_url) VALUES (?,?,?,?)",
        (feed.id, account_id, stream_id, feed_url),
    )
    conn.execute("UPDATE feeds SET status = 'ok' WHERE id = ?", (feed.id,))
    return feed.id


def update_account_feed(
    conn: sqlite3.Connection, feed_id: int, *, title: str, folder: str, feed_url: str
) -> None:
    """Take the server's title, folder and address of an account feed (in `applying()`)."""
    conn.execute(
        "UPDATE feeds SET title = ?, folder = ? WHERE id = ? AND (title != ? OR folder != ?)",
        (title, folder, feed_id, title, folder),
    )
    conn.execute("UPDATE sync_feeds SET feed_url = ? WHERE feed_id = ?", (feed_url, feed_id))
