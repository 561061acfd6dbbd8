import sqlite3
from pathlib import Path

import pytest

from desktop_reader.core.errors import StorageError
from desktop_reader.core.storage import database


def test_new_library_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    conn = database.connect(tmp_path / "lib.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == database.schema_version()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"feeds", "articles", "feed_articles", "article_state", "articles_fts"} <= tables


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    database.connect(path).execute("INSERT INTO settings VALUES ('k', 'v')")
    conn = database.connect(path)
    assert conn.execute("SELECT value FROM settings").fetchone()[0] == "v"


def test_library_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    sqlite3.connect(path).execute("PRAGMA user_version = 999")
    with pytest.raises(StorageError, match="newer"):
        database.connect(path)


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    conn = database.connect(tmp_path / "lib.sqlite3")
    with pytest.raises(RuntimeError), database.transaction(conn):
        conn.execute("INSERT INTO settings VALUES ('a', '1')")
        raise RuntimeError("boom")
    assert conn.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0


def test_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="Cannot open the library"):
        database.connect(path)
