"""Starred articles and stories: what the reader keeps. Cleanup never removes them."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime

from desktop_reader.core.storage.articles import ArticleRow

# Articles the user keeps: starred themselves or members of a starred story.
KEPT_ARTICLES_SQL = """
    SELECT article_id FROM article_state WHERE starred = 1
    UNION SELECT sa.article_id FROM story_articles sa JOIN story_stars ss USING (story_id)
"""


def count_starred(conn: sqlite3.Connection, *, unread_only: bool = False) -> int:
    sql = "SELECT COUNT(*) FROM article_state WHERE starred = 1"
    return int(conn.execute(sql + (" AND read = 0" if unread_only else "")).fetchone()[0])


def list_starred(
    conn: sqlite3.Connection, *, offset: int = 0, limit: int = 200
) -> list[ArticleRow]:
    """Starred articles, newest first."""
    rows = conn.execute(
        "SELECT a.id, a.title, a.outlet, a.published, s.read, s.starred FROM article_state s "
        "JOIN articles a ON a.id = s.article_id WHERE s.starred = 1 "
        "ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [
        ArticleRow(r[0], r[1], r[2], datetime.fromtimestamp(r[3], UTC), bool(r[4]), bool(r[5]))
        for r in rows
    ]


def set_story_starred(conn: sqlite3.Connection, story_id: int, starred: bool = True) -> None:
    if starred:
        conn.execute(
            "INSERT OR IGNORE INTO story_stars(story_id, starred_at) VALUES (?, ?)",
            (story_id, time.time()),
        )
    else:
        conn.execute("DELETE FROM story_stars WHERE story_id = ?", (story_id,))


def is_story_starred(conn: sqlite3.Connection, story_id: int) -> bool:
    return (
        conn.execute("SELECT 1 FROM story_stars WHERE story_id = ?", (story_id,)).fetchone()
        is not None
    )


def starred_story_ids(conn: sqlite3.Connection) -> list[int]:
    """Starred stories, most recently starred first."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT story_id FROM story_stars ORDER BY starred_at DESC, story_id DESC"
        )
    ]
