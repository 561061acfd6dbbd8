"""The feeds table: subscriptions, their folders, HTTP validators and status."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from datetime import UTC, datetime

from desktop_reader.core.errors import StorageError
from desktop_reader.core.models import Feed, FeedStatus
from desktop_reader.core.storage import database


def _ts(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if value is not None else None


def _feed(row: sqlite3.Row) -> Feed:
    return Feed(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        folder=row["folder"],
        site_url=row["site_url"],
        status=FeedStatus(row["status"]),
        status_message=row["status_message"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        body_hash=row["body_hash"],
        last_checked=_ts(row["last_checked"]),
        retry_after=_ts(row["retry_after"]),
        icon_hash=row["icon_hash"],
        position=row["position"],
        last_reached=_ts(row["last_reached"]),
    )


def add_feed(
    conn: sqlite3.Connection,
    url: str,
    *,
    title: str = "",
    folder: str = "",
    site_url: str | None = None,
) -> Feed:
    """Subscribe; subscribing twice to one URL returns the existing feed unchanged."""
    existing = feed_by_url(conn, url)
    if existing is not None:
        return existing
    position = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM feeds").fetchone()[0]
    cur = conn.execute(
        "INSERT INTO feeds(url, title, folder, site_url, position, created) VALUES (?,?,?,?,?,?)",
        (url, title or url, folder.strip("/"), site_url, position, time.time()),
    )
    feed = get_feed(conn, int(cur.lastrowid or 0))
    assert feed is not None
    return feed


def get_feed(conn: sqlite3.Connection, feed_id: int) -> Feed | None:
    row = conn.execute("SELECT * FROM feeds WHERE id = ?", (feed_id,)).fetchone()
    return _feed(row) if row else None


def feed_by_url(conn: sqlite3.Connection, url: str) -> Feed | None:
    row = conn.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
    return _feed(row) if row else None


def list_feeds(conn: sqlite3.Connection, folder: str | None = None) -> list[Feed]:
    """All feeds ordered by folder then position; `folder` limits to one folder and its
    subfolders."""
    if folder is None:
        rows = conn.execute("SELECT * FROM feeds ORDER BY folder, position, id")
    else:
        rows = conn.execute(
            "SELECT * FROM feeds WHERE folder = ? OR folder LIKE ? ORDER BY position, id",
            (folder, folder + "/%"),
        )
    return [_feed(r) for r in rows]


def folders(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT folder FROM feeds WHERE folder != '' ORDER BY folder"
        )
    ]


def rename_feed(conn: sqlite3.Connection, feed_id: int, title: str) -> None:
    if not title.strip():
        raise StorageError("A feed needs a name.")
    conn.execute("UPDATE feeds SET title = ? WHERE id = ?", (title.strip(), feed_id))


def move_feed(conn: sqlite3.Connection, feed_id: int, folder: str) -> None:
    conn.execute("UPDATE feeds SET folder = ? WHERE id = ?", (folder.strip().strip("/"), feed_id))


def rename_folder(conn: sqlite3.Connection, old: str, new: str) -> None:
    new = new.strip().strip("/")
    conn.execute(
        "UPDATE feeds SET folder = ? || substr(folder, ?) WHERE folder = ? OR folder LIKE ?",
        (new, len(old) + 1, old, old + "/%"),
    )


def change_url(conn: sqlite3.Connection, feed_id: int, url: str) -> None:
    """A permanent redirect: store the new address (unless another feed already has it)."""
    if feed_by_url(conn, url) is None:
        conn.execute("UPDATE feeds SET url = ? WHERE id = ?", (url, feed_id))


def set_url(conn: sqlite3.Connection, feed_id: int, url: str) -> None:
    """The user gave a feed a new address: fetch it afresh (no validators, no body hash),
    keeping its articles, title and folder."""
    other = feed_by_url(conn, url)
    if other is not None and other.id != feed_id:
        raise StorageError(f"“{other.title}” already has the address {url}.")
    conn.execute(
        "UPDATE feeds SET url = ?, etag = NULL, last_modified = NULL, body_hash = NULL, "
        "status = 'new', status_message = '', retry_after = NULL WHERE id = ?",
        (url, feed_id),
    )


def delete_feed(conn: sqlite3.Connection, feed_id: int) -> None:
    """Unsubscribe: the feed and the articles only it listed go; shared articles stay."""
    with database.writing():
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Articles listed by another feed move to that feed instead of being deleted.
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
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def record_fetch(
    conn: sqlite3.Connection,
    feed_id: int,
    *,
    status: FeedStatus,
    message: str = "",
    etag: str | None = None,
    last_modified: str | None = None,
    body_hash: str | None = None,
    retry_after: float | None = None,
    title: str | None = None,
    site_url: str | None = None,
    keep_validators: bool = False,
) -> None:
    """Record the outcome of one refresh of a feed.

    Validators and body hash are only replaced when the fetch produced a body
    (`keep_validators=False`); a 304 or an error keeps the previous ones.
    """
    now = time.time()
    sets = ["status = ?", "status_message = ?", "last_checked = ?", "retry_after = ?"]
    args: list[object] = [status.value, message, now, now + retry_after if retry_after else None]
    if status in (FeedStatus.OK, FeedStatus.WARNING):
        sets.append("last_reached = ?")
        args.append(now)
    if not keep_validators:
        sets += ["etag = ?", "last_modified = ?", "body_hash = ?"]
        args += [etag, last_modified, body_hash]
    if title:
        # Only fill in a title the user has not chosen (still the URL).
        sets.append("title = CASE WHEN title = url OR title = '' THEN ? ELSE title END")
        args.append(title)
    if site_url:
        sets.append("site_url = COALESCE(site_url, ?)")
        args.append(site_url)
    args.append(feed_id)
    conn.execute(f"UPDATE feeds SET {', '.join(sets)} WHERE id = ?", args)


def record_attempt(conn: sqlite3.Connection, feed_ids: Iterable[int]) -> None:
    """Tried while offline: the schedule waits its interval again, status and validators
    stay as the last real answer left them."""
    conn.executemany(
        "UPDATE feeds SET last_checked = ? WHERE id = ?", [(time.time(), i) for i in feed_ids]
    )


def set_icon(conn: sqlite3.Connection, feed_id: int, sha256: str | None) -> None:
    conn.execute("UPDATE feeds SET icon_hash = ? WHERE id = ?", (sha256, feed_id))


def unread_counts(conn: sqlite3.Connection) -> dict[int, int]:
    """Unread articles per feed (an article listed in two feeds counts in both)."""
    # feed_unread is kept by triggers (migration feed_unread_counts): no counting at redraw time.
    rows = conn.execute("SELECT feed_id, unread FROM feed_unread WHERE unread > 0")
    return {feed_id: count for feed_id, count in rows}


def feeds_listing(conn: sqlite3.Connection, article_ids: Iterable[int]) -> set[int]:
    """The feeds that list any of these articles (an article can be in several)."""
    ids = sorted(set(article_ids))
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(
            int(r[0])
            for r in conn.execute(
                f"SELECT DISTINCT feed_id FROM feed_articles WHERE article_id IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            )
        )
    return found
