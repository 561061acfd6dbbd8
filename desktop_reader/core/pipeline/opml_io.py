"""OPML import and export of the subscription list (folders and titles round-trip)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop_reader.core.errors import ReaderError
from desktop_reader.core.models import OutlineFeed
from desktop_reader.core.parse.opml import (
    SkippedOutline,
    read_opml,
    read_opml_contents,
    write_opml,
)
from desktop_reader.core.paths import resources_dir
from desktop_reader.core.storage import database, feeds


@dataclass(frozen=True)
class OpmlImport:
    added: int  # feeds new to the library
    skipped: tuple[SkippedOutline, ...] = ()  # outlines that are not web feeds, with why
    recovered: bool = False  # the file was broken XML; what could be read was imported

    def message(self) -> str:
        """One line for the user: what was imported, and what was not and why."""
        text = f"Imported {self.added} new feed{'s' if self.added != 1 else ''}"
        if self.recovered:
            text += " from a damaged file (what could be read)"
        if self.skipped:
            shown = "; ".join(f"{s.title or s.url}: {s.reason}" for s in self.skipped[:5])
            more = f"; and {len(self.skipped) - 5} more" if len(self.skipped) > 5 else ""
            text += f". Skipped {len(self.skipped)}: {shown}{more}"
        return text + "."


def import_opml(conn: sqlite3.Connection, data: bytes) -> OpmlImport:
    """Subscribe to every feed of an OPML file; says how many were new and what was not
    imported. Feeds already subscribed keep their own title and folder.
    """
    contents = read_opml_contents(data)
    added = 0
    with database.transaction(conn):
        for outline in contents.feeds:
            if feeds.feed_by_url(conn, outline.url) is None:
                feeds.add_feed(
                    conn,
                    outline.url,
                    title=outline.title,
                    folder=outline.folder,
                    site_url=outline.site_url,
                )
                added += 1
    return OpmlImport(added, tuple(contents.skipped), contents.recovered)


def export_opml(conn: sqlite3.Connection, title: str = "Desktop Reader subscriptions") -> bytes:
    return write_opml(
        [
            OutlineFeed(url=f.url, title=f.title, site_url=f.site_url, folder=f.folder)
            for f in feeds.list_feeds(conn)
            if f.url.startswith(("http://", "https://"))
        ],
        title=title,
    )


def starter_feeds(path: Path | None = None) -> list[OutlineFeed]:
    """The bundled starter feeds (resources/starter_feeds.opml, or `path`) the welcome page
    offers; empty, never an error, if the file is missing or bad."""
    path = path or resources_dir() / "starter_feeds.opml"
    try:
        return read_opml(path.read_bytes())
    except (OSError, ReaderError):
        return []
