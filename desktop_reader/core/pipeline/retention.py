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
from desktop_reader.core.storage import cleanup, feeds, settings

# The table work lives in storage; re-exported for callers of the clean-up steps.
from desktop_reader.core.storage.cleanup import (
    delete_articles,
    remove_unused_images,
    vacuum,
    vacuum_worthwhile,
)

__all__ = [
    "CleanupReport",
    "LibrarySizes",
    "RetentionPolicy",
    "delete_articles",
    "expired_article_ids",
    "library_sizes",
    "policy_for",
    "remove_unused_images",
    "run_cleanup",
    "vacuum",
    "vacuum_worthwhile",
]


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
    return RetentionPolicy(
        settings.read(conn, settings.KEEP_DAYS, feed_id),
        settings.read(conn, settings.KEEP_ARTICLES, feed_id),
    )


def expired_article_ids(conn: sqlite3.Connection, now: float | None = None) -> list[int]:
    """Articles every listing feed's policy lets go, minus unread and kept ones."""
    now = time.time() if now is None else now
    wanted_gone: dict[int, int] = {}  # article id -> feeds that let it go
    listings = cleanup.listing_counts(conn)
    for feed in feeds.list_feeds(conn):
        policy = policy_for(conn, feed.id)
        if not policy.active:
            continue
        cutoff = now - policy.keep_days * 86400 if policy.keep_days else None
        rows = cleanup.feed_listing_newest_first(conn, feed.id)
        for position, (article_id, published) in enumerate(rows):
            too_many = policy.keep_articles and position >= policy.keep_articles
            too_old = cutoff is not None and published < cutoff
            if too_many or too_old:
                wanted_gone[article_id] = wanted_gone.get(article_id, 0) + 1
    candidates = {a for a, n in wanted_gone.items() if n == listings.get(a)}
    if not candidates:
        return []
    return sorted(candidates - cleanup.protected_article_ids(conn))


def run_cleanup(
    library: Library, *, now: float | None = None, cancel: CancelToken | None = None
) -> CleanupReport:
    """Apply every feed's retention policy, drop unused images, VACUUM if worthwhile."""
    cancel = cancel or CancelToken()
    conn = library.connect()
    try:
        expired = expired_article_ids(conn, now)
        cancel.raise_if_cancelled()
        deleted, images, freed = (
            delete_articles(conn, library.media, expired)
            if expired
            else (0, *remove_unused_images(conn, library.media, now=now))
        )
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
