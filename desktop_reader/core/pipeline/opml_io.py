"""OPML import and export of the subscription list (folders and titles round-trip)."""

from __future__ import annotations

import sqlite3

from desktop_reader.core.models import OutlineFeed
from desktop_reader.core.parse.opml import read_opml, write_opml
from desktop_reader.core.storage import database, feeds


def import_opml(conn: sqlite3.Connection, data: bytes) -> int:
    """Subscribe to every feed of an OPML file; returns how many were new.

    Feeds already subscribed keep their own title and folder.
    """
    outlines = read_opml(data)
    added = 0
    with database.transaction(conn):
        for outline in outlines:
            if feeds.feed_by_url(conn, outline.url) is None:
                feeds.add_feed(conn, outline.url, title=outline.title, folder=outline.folder,
                               site_url=outline.site_url)
                added += 1
    return added


def export_opml(conn: sqlite3.Connection, title: str = "Desktop Reader subscriptions") -> bytes:
    return write_opml(
        [OutlineFeed(url=f.url, title=f.title, site_url=f.site_url, folder=f.folder)
         for f in feeds.list_feeds(conn) if f.url.startswith(("http://", "https://"))],
        title=title)
