"""Which feeds are due for an automatic refresh, each on its own interval.

A feed's interval is its own setting, else the global one (30 minutes by
default); 0 means "only when I ask". A feed never checked is due at once.
"""

from __future__ import annotations

import sqlite3
import time

from desktop_reader.core.storage import feeds, settings


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
