"""The SQL of clean-up: which articles feeds list, which are protected, deleting
articles and the images only they used, and compacting the file.

The policy (what may go) is decided in `pipeline/retention`; this module only reads
and writes the tables.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator

from desktop_reader.core.storage import database
from desktop_reader.core.storage.media import MediaCache
from desktop_reader.core.storage.starred import KEPT_ARTICLES_SQL

#: VACUUM when at least this share of the file is free pages…
VACUUM_FREE_SHARE = 0.25
#: …and they add up to at least this much (rewriting a small file gains nothing).
VACUUM_MIN_FREE_BYTES = 1024 * 1024
#: Unreferenced images younger than this may belong to a download being stored.
ORPHAN_GRACE_SECONDS = 3600
_CHUNK = 500


def listing_counts(conn: sqlite3.Connection) -> dict[int, int]:
    """Article id -> how many feeds list it."""
    return {
        int(a): int(n)
        for a, n in conn.execute(
            "SELECT article_id, COUNT(*) FROM feed_articles GROUP BY article_id"
        )
    }


def feed_listing_newest_first(
    conn: sqlite3.Connection, feed_id: int
) -> Iterator[tuple[int, float]]:
    """(article id, published) of one feed's listing, newest first."""
    rows = conn.execute(
        "SELECT article_id, published FROM feed_articles WHERE feed_id = ? "
        "ORDER BY published DESC, article_id DESC",
        (feed_id,),
    )
    for article_id, published in rows:
        yield int(article_id), published


def protected_article_ids(conn: sqlite3.Connection) -> set[int]:
    """Articles no policy deletes: unread, starred, members of starred stories."""
    return {
        int(r[0])
        for r in conn.execute(
            f"SELECT article_id FROM article_state WHERE read = 0 UNION {KEPT_ARTICLES_SQL}"
        )
    }


def delete_articles(
    conn: sqlite3.Connection, cache: MediaCache, article_ids: list[int]
) -> tuple[int, int, int]:
    """Delete articles, then the images only they used; (articles, images, bytes freed)."""
    used: set[str] = set()
    with database.transaction(conn):
        for start in range(0, len(article_ids), _CHUNK):
            chunk = article_ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            used.update(
                r[0]
                for r in conn.execute(
                    f"SELECT DISTINCT sha256 FROM article_images WHERE sha256 IS NOT NULL "
                    f"AND article_id IN ({marks})",
                    chunk,
                )
            )
            conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
        # A story whose every member left has nothing to show.
        conn.execute(
            "DELETE FROM stories WHERE NOT EXISTS ("
            "SELECT 1 FROM story_articles sa WHERE sa.story_id = stories.id)"
        )
    images, freed = remove_unused_images(conn, cache, candidates=used)
    return len(article_ids), images, freed


def remove_unused_images(
    conn: sqlite3.Connection,
    cache: MediaCache,
    *,
    candidates: set[str] | None = None,
    now: float | None = None,
) -> tuple[int, int]:
    """Drop images no article or feed icon uses: the given ones, plus old strays.

    Rows go first (in a transaction), files after: a crash in between leaves an
    unused file, never a row pointing at a missing one.
    """
    now = time.time() if now is None else now
    check = set(candidates or ())
    check.update(
        r[0]
        for r in conn.execute(
            "SELECT sha256 FROM media WHERE created < ?", (now - ORPHAN_GRACE_SECONDS,)
        )
    )
    gone: list[tuple[str, int]] = []
    with database.transaction(conn):
        for sha in sorted(check):
            in_use = conn.execute(
                "SELECT EXISTS(SELECT 1 FROM article_images WHERE sha256 = ?) OR "
                "EXISTS(SELECT 1 FROM feeds WHERE icon_hash = ?)",
                (sha, sha),
            ).fetchone()[0]
            if in_use:
                continue
            row = conn.execute("SELECT bytes FROM media WHERE sha256 = ?", (sha,)).fetchone()
            conn.execute("DELETE FROM media WHERE sha256 = ?", (sha,))
            gone.append((sha, int(row[0]) if row else 0))
    for sha, _size in gone:
        cache.remove(sha)
    return len(gone), sum(size for _sha, size in gone)


def vacuum_worthwhile(conn: sqlite3.Connection) -> bool:
    """True when free pages are a large share of the file and add up to enough bytes."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    return bool(
        pages > 0 and free / pages > VACUUM_FREE_SHARE and free * size >= VACUUM_MIN_FREE_BYTES
    )


def vacuum(conn: sqlite3.Connection) -> None:
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the log shrinks too
