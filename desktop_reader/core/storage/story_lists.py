"""Extra reads for story lists: outlet names per story, stories naming an entity.

Kept beside `stories.py` (same tables) so the list model stays free of SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from desktop_reader.core.storage.stories import _ROW, StoryRow, _row


def outlets_of(conn: sqlite3.Connection, story_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each story's distinct outlets, earliest reporter first."""
    found: dict[int, list[str]] = {i: [] for i in story_ids}
    ids = list(story_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = conn.execute(
            "SELECT story_id, outlet FROM story_articles WHERE story_id IN "
            f"({','.join('?' * len(chunk))}) ORDER BY story_id, published IS NULL, published",
            chunk)
        for story_id, outlet in rows:
            names = found[story_id]
            if outlet and outlet not in names:
                names.append(outlet)
    return found


def stories_with_entity(conn: sqlite3.Connection, name: str, *, limit: int = 100,
                        offset: int = 0) -> list[StoryRow]:
    """Stories naming this person, organisation or place, newest first."""
    key = " ".join(name.lower().split())
    rows = conn.execute(
        f"SELECT {_ROW} FROM story_entities e JOIN stories s ON s.id = e.story_id "
        "WHERE e.key = ? ORDER BY s.last_published DESC, s.id DESC LIMIT ? OFFSET ?",
        (key, limit, offset))
    return [_row(r) for r in rows]


def member_ids(conn: sqlite3.Connection, story_id: int) -> list[int]:
    """The member article ids of a story (to refresh article rows after a read change)."""
    return [r[0] for r in conn.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,))]
