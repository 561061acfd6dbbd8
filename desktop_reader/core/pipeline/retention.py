"""Cleanup after refresh: old articles leave, their unused images too, the file shrinks.

A policy keeps the newest N articles of a feed and/or those younger than N days
(per feed, else global; 0 means no limit). Whatever the policy, unread articles,
starred ones and members of starred stories are never deleted. An article listed
by several feeds goes only when every one of them lets it go. Images leave the
cache once no article (and no feed icon) uses their file any more.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import database, feeds, settings
from desktop_reader.core.storage.media import MediaCache
from desktop_reader.core.storage.starred import KEPT_ARTICLES_SQL

#: VACUUM when at least this share of the file is free pages…
VACUUM_FREE_SHARE = 0.25
#: …and they add up to at least this much (rewriting a small file gains nothing).
VACUUM_MIN_FREE_BYTES = 1024 * 1024
#: Unreferenced images younger than this may belong to a download being stored.
ORPHAN_GRACE_SECONDS = 3600
_CHUNK = 500


@dataclass(frozen=True)
class RetentionPolicy:
    keep_days: int = 0  # 0: no age limit
    keep_articles: int = 0  # 0: no count limit

    @property
    def active(self) -> bool:
        return self.keep_days > 0 or self.keep_articles > 0


@dataclass(frozen=True)
class CleanupReport:
    deleted_articles: int = 0
    deleted_images: int = 0
    freed_image_bytes: int = 0
    vacuumed: bool = False


@dataclass(frozen=True)
class LibrarySizes:
    database_bytes: int  # the database file with its write-ahead log
    cache_bytes: int  # image files and thumbnails
    cache_files: int


def policy_for(conn: sqlite3.Connection, feed_id: int | None = None) -> RetentionPolicy:
    return RetentionPolicy(settings.read(conn, settings.KEEP_DAYS, feed_id),
                           settings.read(conn, settings.KEEP_ARTICLES, feed_id))


def expired_article_ids(conn: sqlite3.Connection, now: float | None = None) -> list[int]:
    """Articles every listing feed's policy lets go, minus unread and kept ones."""
    now = time.time() if now is None else now
    wanted_gone: dict[int, int] = {}  # article id -> feeds that let it go
    listings: dict[int, int] = {}
    for article_id, count in conn.execute(
            "SELECT article_id, COUNT(*) FROM feed_articles GROUP BY article_id"):
        listings[article_id] = count
    for feed in feeds.list_feeds(conn):
        policy = policy_for(conn, feed.id)
        if not policy.active:
            continue
        cutoff = now - policy.keep_days * 86400 if policy.keep_days else None
        rows = conn.execute("SELECT article_id, published FROM feed_articles WHERE feed_id = ? "
                            "ORDER BY published DESC, article_id DESC", (feed.id,))
        for position, (article_id, published) in enumerate(rows):
            too_many = policy.keep_articles and position >= policy.keep_articles
            too_old = cutoff is not None and published < cutoff
            if too_many or too_old:
                wanted_gone[article_id] = wanted_gone.get(article_id, 0) + 1
    candidates = {a for a, n in wanted_gone.items() if n == listings.get(a)}
    if not candidates:
        return []
    protected = {r[0] for r in conn.execute(
        f"SELECT article_id FROM article_state WHERE read = 0 UNION {KEPT_ARTICLES_SQL}")}
    return sorted(candidates - protected)


def delete_articles(conn: sqlite3.Connection, cache: MediaCache, article_ids: list[int]
                    ) -> tuple[int, int, int]:
    """Delete articles, then the images only they used; (articles, images, bytes freed)."""
    used: set[str] = set()
    with database.transaction(conn):
        for start in range(0, len(article_ids), _CHUNK):
            chunk = article_ids[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            used.update(r[0] for r in conn.execute(
                f"SELECT DISTINCT sha256 FROM article_images WHERE sha256 IS NOT NULL "
                f"AND article_id IN ({marks})", chunk))
            conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
        # A story whose every member left has nothing to show.
        conn.execute("DELETE FROM stories WHERE NOT EXISTS ("
                     "SELECT 1 FROM story_articles sa WHERE sa.story_id = stories.id)")
    images, freed = remove_unused_images(conn, cache, candidates=used)
    return len(article_ids), images, freed


def remove_unused_images(conn: sqlite3.Connection, cache: MediaCache, *,
                         candidates: set[str] | None = None, now: float | None = None
                         ) -> tuple[int, int]:
    """Drop images no article or feed icon uses: the given ones, plus old strays.

    Rows go first (in a transaction), files after: a crash in between leaves an
    unused file, never a row pointing at a missing one.
    """
    now = time.time() if now is None else now
    check = set(candidates or ())
    check.update(r[0] for r in conn.execute(
        "SELECT sha256 FROM media WHERE created < ?", (now - ORPHAN_GRACE_SECONDS,)))
    gone: list[tuple[str, int]] = []
    with database.transaction(conn):
        for sha in sorted(check):
            in_use = conn.execute(
                "SELECT EXISTS(SELECT 1 FROM article_images WHERE sha256 = ?) OR "
                "EXISTS(SELECT 1 FROM feeds WHERE icon_hash = ?)", (sha, sha)).fetchone()[0]
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
    return bool(pages > 0 and free / pages > VACUUM_FREE_SHARE
                and free * size >= VACUUM_MIN_FREE_BYTES)


def vacuum(conn: sqlite3.Connection) -> None:
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the log shrinks too


def run_cleanup(library: Library, *, now: float | None = None,
                cancel: CancelToken | None = None) -> CleanupReport:
    """Apply every feed's retention policy, drop unused images, VACUUM if worthwhile."""
    cancel = cancel or CancelToken()
    conn = library.connect()
    try:
        expired = expired_article_ids(conn, now)
        cancel.raise_if_cancelled()
        deleted, images, freed = delete_articles(conn, library.media, expired) if expired else (
            0, *remove_unused_images(conn, library.media, now=now))
        cancel.raise_if_cancelled()
        vacuumed = False
        if vacuum_worthwhile(conn):
            vacuum(conn)
            vacuumed = True
        return CleanupReport(deleted, images, freed, vacuumed)
    finally:
        conn.close()


def library_sizes(library: Library) -> LibrarySizes:
    db_bytes = 0
    for suffix in ("", "-wal"):
        path = library.db_path.with_name(library.db_path.name + suffix)
        if path.exists():
            db_bytes += path.stat().st_size
    cache_bytes = files = 0
    for path in library.media.root.rglob("*"):
        if path.is_file():
            cache_bytes += path.stat().st_size
            files += 1
    return LibrarySizes(db_bytes, cache_bytes, files)
