"""A library on disk: its database file and media cache, opened once per process."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop_reader.core import paths
from desktop_reader.core.storage import database
from desktop_reader.core.storage.media import MediaCache


@dataclass(frozen=True)
class Library:
    root: Path
    db_path: Path
    media: MediaCache

    @classmethod
    def open(cls, root: Path | None = None) -> Library:
        """Open (creating and migrating) the library in `root`, default the user data dir."""
        root = root or paths.data_dir()
        root.mkdir(parents=True, exist_ok=True)
        library = cls(
            root=root, db_path=paths.database_path(root), media=MediaCache(paths.media_dir(root))
        )
        database.connect(library.db_path).close()  # migrate once, up front
        return library

    def connect(self) -> sqlite3.Connection:
        """A new connection for the calling thread (SQLite connections are per thread)."""
        return database.connect(self.db_path)
