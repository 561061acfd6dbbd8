"""Folders: the paths feeds are filed under, plus the empty ones the user made.

A feed's folder is its `feeds.folder` path ("World/Europe"); the `folders` table keeps
folders the user created, so a new folder shows before any feed is in it. Renaming a
folder renames its subfolders and the saved searches scoped to it; deleting one moves
its feeds to the top level, never deletes them.
"""

from __future__ import annotations

import sqlite3
import time

from desktop_reader.core.errors import StorageError
from desktop_reader.core.storage import database

MAX_DEPTH = 8


def clean_path(text: str) -> str:
    """A folder path as stored: trimmed parts joined by "/"; StorageError if unusable."""
    parts = [p.strip() for p in text.strip().strip("/").split("/")]
    if not text.strip() or any(not p for p in parts):
        raise StorageError("A folder needs a name (and no empty part between slashes).")
    if len(parts) > MAX_DEPTH:
        raise StorageError(f"Folders nest at most {MAX_DEPTH} deep.")
    return "/".join(parts)


def _with_parents(paths: set[str]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        parts = path.split("/")
        found.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    return found


def all_folders(conn: sqlite3.Connection) -> list[str]:
    """Every folder, with its parents, sorted as the tree shows them."""
    paths = {r[0] for r in conn.execute("SELECT DISTINCT folder FROM feeds WHERE folder != ''")}
    paths |= {r[0] for r in conn.execute("SELECT path FROM folders")}
    return sorted(_with_parents(paths), key=str.casefold)


def _inside(path: str) -> tuple[str, str]:
    """SQL arguments matching a folder and its subfolders (LIKE with escaped wildcards)."""
    escaped = path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return path, escaped + "/%"


def create_folder(conn: sqlite3.Connection, path: str) -> str:
    path = clean_path(path)
    if path in all_folders(conn):
        raise StorageError(f"There is already a folder “{path}”.")
    conn.execute("INSERT INTO folders(path, created) VALUES (?, ?)", (path, time.time()))
    return path


def feeds_in(conn: sqlite3.Connection, path: str) -> list[int]:
    """Feeds filed in a folder or its subfolders."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT id FROM feeds WHERE folder = ? OR folder LIKE ? ESCAPE '\\'", _inside(path)
        )
    ]


def rename_folder(conn: sqlite3.Connection, old: str, new: str) -> str:
    """Rename (or move) a folder with everything under it; the new path."""
    existing = all_folders(conn)
    if old not in existing:
        raise StorageError(f"There is no folder “{old}”.")
    new = clean_path(new)
    if new == old:
        return new
    if new in existing:
        raise StorageError(f"There is already a folder “{new}”.")
    if new.startswith(old + "/"):
        raise StorageError("A folder cannot go inside itself.")
    tail = len(old) + 1  # substr() is 1-based: keeps "/Europe" of "World/Europe"
    with database.transaction(conn):
        conn.execute(
            "UPDATE feeds SET folder = ? || substr(folder, ?) "
            "WHERE folder = ? OR folder LIKE ? ESCAPE '\\'",
            (new, tail, *_inside(old)),
        )
        conn.execute(
            "UPDATE folders SET path = ? || substr(path, ?) "
            "WHERE path = ? OR path LIKE ? ESCAPE '\\'",
            (new, tail, *_inside(old)),
        )
        conn.execute(
            "UPDATE saved_searches SET scope = 'folder:' || ? || substr(scope, ?) "
            "WHERE scope = 'folder:' || ? OR scope LIKE 'folder:' || ? ESCAPE '\\'",
            (new, tail + len("folder:"), *_inside(old)),
        )
    return new


def delete_folder(conn: sqlite3.Connection, path: str) -> list[int]:
    """Remove a folder and its subfolders; their feeds move to the top level (ids)."""
    moved = feeds_in(conn, path)
    with database.transaction(conn):
        conn.execute(
            "UPDATE feeds SET folder = '' WHERE folder = ? OR folder LIKE ? ESCAPE '\\'",
            _inside(path),
        )
        conn.execute("DELETE FROM folders WHERE path = ? OR path LIKE ? ESCAPE '\\'", _inside(path))
    return moved
