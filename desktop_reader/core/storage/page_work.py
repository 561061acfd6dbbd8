"""The SQL of downloading pages and images: the backlog's size, and an article's stored
HTML read and rewritten once its images are local (see `pipeline/pages`)."""

from __future__ import annotations

import sqlite3


def backlog(conn: sqlite3.Connection, now: float) -> tuple[int, int]:
    """(pages to fetch: new ones and retries due by `now`, images to fetch)."""
    row = conn.execute(
        "SELECT (SELECT COUNT(*) FROM articles WHERE page_state = 'pending') + "
        "(SELECT COUNT(*) FROM articles WHERE page_state = 'retrying' "
        "AND page_retry_after <= ?), "
        "(SELECT COUNT(*) FROM article_images WHERE sha256 IS NULL AND error = '')",
        (now,),
    ).fetchone()
    return int(row[0]), int(row[1])


def content_html(conn: sqlite3.Connection, article_id: int) -> str | None:
    row = conn.execute("SELECT content_html FROM articles WHERE id = ?", (article_id,)).fetchone()
    return str(row[0]) if row is not None else None


def set_content_html(conn: sqlite3.Connection, article_id: int, html: str) -> None:
    conn.execute("UPDATE articles SET content_html = ? WHERE id = ?", (html, article_id))
