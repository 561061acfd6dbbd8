"""Which feeds a refresh fetches, and which are due for an automatic refresh.

A feed's interval is its own setting, else the global one (30 minutes by
default); 0 means "only when I ask". A feed never checked is due at once.
"""

from __future__ import annotations

import sqlite3
import time
from urllib.parse import urlsplit

from desktop_reader.core.models import Feed, FeedStatus
from desktop_reader.core.storage import feeds, settings


def refreshable(feed: Feed, now: float | None = None) -> bool:
    """Feeds we fetch: http(s), not gone, not asked to wait (Retry-After)."""
    now = time.time() if now is None else now
    if urlsplit(feed.url).scheme not in ("http", "https") or feed.status is FeedStatus.GONE:
        return False
    return feed.retry_after is None or feed.retry_after.timestamp() <= now


def due_feed_ids(conn: sqlite3.Connection, now: float | None = None) -> list[int]:
    now = time.time() if now is None else now
    due = []
    for feed in feeds.list_feeds(conn):
        minutes = settings.read(conn, settings.REFRESH_MINUTES, feed.id)
        if minutes <= 0:
            continue
        checked = feed.last_checked.timestamp() if feed.last_checked else None
        if checked is None or checked + minutes * 60 <= now:
            due.append(feed.id)
    return due
