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


def test_migration_7_keeps_every_stored_entry_known_to_its_feeds(tmp_path) -> None:
    """A library stored before GUIDs were per feed: each feed still knows what it stored
    (nothing is stored twice on the next refresh), and a bare id of another feed is new."""
    import sqlite3

    from desktop_reader.core.models import ParsedEntry
    from desktop_reader.core.storage import articles, feeds

    path = tmp_path / "library.sqlite3"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute("PRAGMA foreign_keys = ON")
    for number, _name, sql in database._migrations()[:6]:
        for statement in database._split_sql(sql):
            old.execute(statement)
        old.execute(f"PRAGMA user_version = {number}")
    old.execute(
        "INSERT INTO feeds(id, url, created) VALUES (1, 'http://a/feed', 0), "
        "(2, 'http://b/feed', 0), (3, 'http://c/feed', 0), (4, 'feed://d/rss', 0), "
        "(5, 'javascript:alert(1)', 0), (6, '/relative.xml', 0)"
    )
    old.execute(
        "INSERT INTO articles(id, feed_id, guid, url, title, published, first_seen) "
        "VALUES (10, 1, '1', 'http://a/one', 'One', 0, 0)"
    )
    old.execute("INSERT INTO feed_articles VALUES (1, 10, 0), (2, 10, 0)")
    old.execute("INSERT INTO article_state(article_id) VALUES (10)")
    old.close()

    conn = database.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == database.schema_version()
    entry = articles.NewEntry(ParsedEntry(guid="1", link="http://a/one", title="One"), "", "")
    with database.transaction(conn):
        assert articles.store_entries(conn, 1, [entry], outlet="A") == []
        assert articles.store_entries(conn, 2, [entry], outlet="B") == []
        other = articles.NewEntry(ParsedEntry(guid="1", link="http://c/x", title="Other"), "", "")
        assert len(articles.store_entries(conn, 3, [other], outlet="C")) == 1
    assert articles.count_articles(conn) == 2
    # Addresses OPML import let in before: feed:// is http, the others say why they wait.
    stored = {f.id: f for f in feeds.list_feeds(conn)}
    assert stored[4].url == "http://d/rss" and stored[4].status.value == "new"
    for bad in (5, 6):
        assert stored[bad].status.value == "error"
        assert stored[bad].status_message.startswith("Not a web address")
    conn.close()
