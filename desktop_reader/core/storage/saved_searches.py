"""Saved searches: a named full-text query over every feed, a folder or one feed.

They show in the feed tree as their own nodes; opening one runs the query again,
so it always lists what the library holds now.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_reader.core.errors import StorageError
from desktop_reader.core.storage import articles, feeds
from desktop_reader.core.storage.articles import ArticleRow

EVERYWHERE = ""


def folder_scope(path: str) -> str:
    return f"folder:{path}"


def feed_scope(feed_id: int) -> str:
    return f"feed:{feed_id}"


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: str
    scope: str = EVERYWHERE  # '' every feed, 'folder:<path>', 'feed:<id>'


def _saved(row: sqlite3.Row) -> SavedSearch:
    return SavedSearch(row["id"], row["name"], row["query"], row["scope"])


def _check(name: str, query: str, scope: str) -> tuple[str, str]:
    name, query = " ".join(name.split()), " ".join(query.split())
    if not query:
        raise StorageError("A saved search needs some words to look for.")
    if scope and not (
        scope.startswith("folder:") or (scope.startswith("feed:") and scope[5:].isdigit())
    ):
        raise StorageError(f"Unknown search scope “{scope}”.")
    return name or query, query


def add_search(
    conn: sqlite3.Connection, name: str, query: str, scope: str = EVERYWHERE
) -> SavedSearch:
    name, query = _check(name, query, scope)
    position = conn.execute(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM saved_searches"
    ).fetchone()[0]
    cur = conn.execute(
        "INSERT INTO saved_searches(name, query, scope, position, created) VALUES (?,?,?,?,?)",
        (name, query, scope, position, time.time()),
    )
    return SavedSearch(int(cur.lastrowid or 0), name, query, scope)


def get_search(conn: sqlite3.Connection, search_id: int) -> SavedSearch | None:
    row = conn.execute("SELECT * FROM saved_searches WHERE id = ?", (search_id,)).fetchone()
    return _saved(row) if row else None


def list_searches(conn: sqlite3.Connection) -> list[SavedSearch]:
    return [_saved(r) for r in conn.execute("SELECT * FROM saved_searches ORDER BY position, id")]


def update_search(
    conn: sqlite3.Connection, search_id: int, *, name: str, query: str, scope: str = EVERYWHERE
) -> None:
    name, query = _check(name, query, scope)
    conn.execute(
        "UPDATE saved_searches SET name = ?, query = ?, scope = ? WHERE id = ?",
        (name, query, scope, search_id),
    )


def delete_search(conn: sqlite3.Connection, search_id: int) -> None:
    conn.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,))


def scope_feed_ids(conn: sqlite3.Connection, scope: str) -> tuple[int, ...] | None:
    """The feeds a scope covers now (None: every feed). A folder includes its subfolders."""
    if not scope:
        return None
    kind, _, value = scope.partition(":")
    if kind == "folder":
        return tuple(f.id for f in feeds.list_feeds(conn, folder=value))
    return (int(value),) if value.isdigit() else ()


def run_search(
    conn: sqlite3.Connection, saved: SavedSearch, *, limit: int = 500
) -> list[ArticleRow]:
    return articles.search(
        conn, saved.query, feed_ids=scope_feed_ids(conn, saved.scope), limit=limit
    )


def search_rows(
    conn: sqlite3.Connection, query: str, feed_ids: Sequence[int] | None, *, limit: int = 500
) -> list[ArticleRow]:
    """Results as you type: best matches first; an empty scope finds nothing."""
    if feed_ids is not None and not feed_ids:
        return []
    return articles.search(conn, query, feed_ids=feed_ids, limit=limit)
