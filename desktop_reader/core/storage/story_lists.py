"""Extra reads for story lists: outlet names, stories naming an entity, starred stories.

Kept beside `stories.py` (same tables) so the list model stays free of SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from desktop_reader.core.storage.stories import StoryRow, newest_first_page


def outlets_of(conn: sqlite3.Connection, story_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each story's distinct outlets, earliest reporter first."""
    found: dict[int, list[str]] = {i: [] for i in story_ids}
    ids = list(story_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = conn.execute(
            "SELECT story_id, outlet FROM story_articles WHERE story_id IN "
            f"({','.join('?' * len(chunk))}) ORDER BY story_id, published IS NULL, published",
            chunk,
        )
        for story_id, outlet in rows:
            names = found[story_id]
            if outlet and outlet not in names:
                names.append(outlet)
    return found


def stories_with_entity(
    conn: sqlite3.Connection, name: str, *, limit: int = 100, after: StoryRow | None = None
) -> list[StoryRow]:
    """Stories naming this person, organisation or place, newest first; the page after
    the row `after` (None: the first page)."""
    key = " ".join(name.lower().split())
    source = "FROM stories s WHERE s.id IN (SELECT story_id FROM story_entities WHERE key = ?)"
    return newest_first_page(conn, source, [key], limit=limit, after=after)


def starred_stories(
    conn: sqlite3.Connection, *, limit: int = 100, after: StoryRow | None = None
) -> list[StoryRow]:
    """Stories the reader starred, newest first (the "Stories" node under Starred)."""
    source = "FROM stories s WHERE s.id IN (SELECT story_id FROM story_stars)"
    return newest_first_page(conn, source, [], limit=limit, after=after)


def count_starred_stories(conn: sqlite3.Connection, *, unread_only: bool = False) -> int:
    sql = "SELECT COUNT(*) FROM story_stars ss JOIN stories s ON s.id = ss.story_id"
    where = " WHERE s.seen_count < s.article_count" if unread_only else ""
    return int(conn.execute(sql + where).fetchone()[0])


def member_ids(conn: sqlite3.Connection, story_id: int) -> list[int]:
    """The member article ids of a story (to refresh article rows after a read change)."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,)
        )
    ]
