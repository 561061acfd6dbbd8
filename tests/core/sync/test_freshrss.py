"""Sync end to end against a real FreshRSS: login, first sync, both directions of
subscriptions, folders, read, starred and mark-all-read, the offline queue, the conflict
rule, and errors a person understands."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.storage import accounts, articles, feeds, sync_queue
from desktop_reader.core.storage.sync_queue import queue_subscribe
from desktop_reader.core.sync import engine, secrets
from desktop_reader.core.sync.client import WRONG_PASSWORD, SyncError, long_item_id
from desktop_reader.core.sync.queue import mark_all_read
from tests.core.sync.conftest import Setup
from tests.freshrss import API_PASSWORD, USER

pytestmark = pytest.mark.slow


def _account_feeds(conn: sqlite3.Connection, account_id: int) -> dict[str, tuple[str, str]]:
    """feed url on the server -> (title, folder) of the account's local feeds."""
    return {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            "SELECT s.feed_url, f.title, f.folder FROM sync_feeds s "
            "JOIN feeds f ON f.id = s.feed_id "
            "WHERE s.account_id = ?",
            (account_id,),
        )
    }


def _items(conn: sqlite3.Connection, account_id: int) -> dict[str, tuple[int, int, int]]:
    """item id -> (article id, read, starred) as stored locally."""
    return {
        r[0]: (r[1], r[2], r[3])
        for r in conn.execute(
            "SELECT i.item_id, i.article_id, s.read, s.starred FROM sync_items i "
            "JOIN article_state s ON s.article_id = i.article_id WHERE i.account_id = ?",
            (account_id,),
        )
    }


def _server_feed(setup: Setup, url: str) -> dict:  # type: ignore[type-arg]
    return next(s for s in setup.server.subscriptions() if s["url"] == url)


def test_first_sync_shows_folders_feeds_and_complete_articles(
    setup: Setup, fetcher: Fetcher
) -> None:
    setup.server.subscribe(setup.feed(1), folder="World")
    setup.server.subscribe(setup.feed(2), folder="World")
    setup.server.subscribe(setup.feed(3), folder="Tech")
    on_server = setup.server.all_ids()

    [summary] = engine.sync_all(setup.library, fetcher)

    assert summary.error == ""
    conn = setup.library.connect()
    assert _account_feeds(conn, setup.account.id).keys() == {
        setup.feed(1),
        setup.feed(2),
        setup.feed(3),
    }
    assert sorted(f for _, f in _account_feeds(conn, setup.account.id).values()) == [
        "Tech",
        "World",
        "World",
    ]
    assert set(_items(conn, setup.account.id)) == on_server
    # Completed locally as a local feed's articles are: page text, images, stories.
    ids = list(summary.new_article_ids)
    assert len(ids) == len(on_server)
    done = conn.execute("SELECT COUNT(*) FROM articles WHERE page_state = 'done'").fetchone()[0]
    assert done >= len(ids) * 0.8
    cached = conn.execute("SELECT COUNT(*) FROM article_images WHERE sha256 IS NOT NULL")
    assert cached.fetchone()[0] > 0
    clustered = conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
    assert clustered == len(ids)
    account = accounts.get_account(conn, setup.account.id)
    assert account is not None and account.status == "ok"
    # Refreshing local feeds never fetches an account's feeds.
    assert all(f.url.startswith("sync://") for f in feeds.list_feeds(conn))


def test_wrong_password_is_said_plainly_and_nothing_is_stored(setup: Setup) -> None:
    with pytest.raises(SyncError) as caught:
        engine.add_account(setup.library, setup.server.base, USER, "not-the-password")
    assert str(caught.value) == WRONG_PASSWORD
    conn = setup.library.connect()
    assert len(accounts.list_accounts(conn)) == 1  # the fixture's own account only


def test_password_never_stored_token_file_private(setup: Setup) -> None:
    token_file = setup.library.root / "tokens"
    files = list(token_file.iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o700
    for path in setup.library.root.rglob("*"):
        if path.is_file():
            assert API_PASSWORD.encode() not in path.read_bytes(), path
    assert secrets.load_token(setup.library.root, setup.account.key)


def test_an_address_without_the_api_and_a_tls_failure(setup: Setup) -> None:
    with pytest.raises(SyncError) as caught:
        engine.add_account(setup.library, setup.farm.base, USER, API_PASSWORD)
    assert caught.value.kind == "unsupported"
    assert "No Google Reader API" in str(caught.value)
    https = setup.proxy.url.replace("http://", "https://")
    with pytest.raises(SyncError) as caught:
        engine.add_account(setup.library, https, USER, API_PASSWORD)
    assert caught.value.kind == "tls"
    assert "secure connection" in str(caught.value)


def test_subscriptions_from_server_to_local(setup: Setup) -> None:
    for number in (1, 2, 3):
        setup.server.subscribe(setup.feed(number), folder="World")
    engine.sync_account(setup.library, setup.account.id)
    renamed, moved, dropped = (_server_feed(setup, setup.feed(n)) for n in (1, 2, 3))
    edit = "/reader/api/0/subscription/edit"
    setup.server.post(edit, [("ac", "edit"), ("s", renamed["id"]), ("t", "Renamed there")])
    setup.server.post(edit, [("ac", "edit"), ("s", moved["id"]), ("a", "user/-/label/Elsewhere")])
    setup.server.post(edit, [("ac", "unsubscribe"), ("s", dropped["id"])])
    setup.server.subscribe(setup.feed(4), folder="Tech")

    summary = engine.sync_account(setup.library, setup.account.id)

    conn = setup.library.connect()
    local = _account_feeds(conn, setup.account.id)
    assert local[setup.feed(1)] == ("Renamed there", "World")
    assert local[setup.feed(2)][1] == "Elsewhere"
    assert setup.feed(3) not in local
    assert local[setup.feed(4)][1] == "Tech"
    assert (summary.feeds_added, summary.feeds_removed) == (1, 1)
    # The unsubscribed feed's articles went with it; nothing was queued back.
    assert sync_queue.queue_length(conn, setup.account.id) == 0
    assert len(_items(conn, setup.account.id)) == len(setup.server.all_ids())


def test_subscriptions_from_local_to_server(setup: Setup) -> None:
    for number in (1, 2, 3):
        setup.server.subscribe(setup.feed(number), folder="World")
    engine.sync_account(setup.library, setup.account.id)
    conn = setup.library.connect()
    ids = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT feed_url, feed_id FROM sync_feeds WHERE account_id = ?", (setup.account.id,)
        )
    }
    feeds.rename_feed(conn, ids[setup.feed(1)], "Renamed here")
    feeds.move_feed(conn, ids[setup.feed(2)], "Moved here")
    feeds.delete_feed(conn, ids[setup.feed(3)])
    queue_subscribe(conn, setup.account.id, setup.feed(5), folder="Added here")
    assert sync_queue.queue_length(conn, setup.account.id) == 4

    engine.sync_account(setup.library, setup.account.id)

    server = {s["url"]: s for s in setup.server.subscriptions()}
    assert server[setup.feed(1)]["title"] == "Renamed here"
    assert server[setup.feed(2)]["categories"][0]["label"] == "Moved here"
    assert setup.feed(3) not in server
    assert server[setup.feed(5)]["categories"][0]["label"] == "Added here"
    assert sync_queue.queue_length(conn, setup.account.id) == 0
    # The new subscription is in the library too, with its items.
    assert _account_feeds(conn, setup.account.id)[setup.feed(5)][1] == "Added here"


def test_read_and_starred_both_ways(setup: Setup) -> None:
    setup.server.subscribe(setup.feed(1))
    setup.server.subscribe(setup.feed(2))
    engine.sync_account(setup.library, setup.account.id)
    conn = setup.library.connect()
    items = _items(conn, setup.account.id)
    mine, theirs = sorted(items)[:3], sorted(items)[3:6]
    # Here: two read, one starred.
    articles.set_read(conn, [items[i][0] for i in mine[:2]])
    articles.set_starred(conn, items[mine[2]][0])
    # There: one read, one starred, one unread again after reading.
    setup.server.edit_tag([long_item_id(theirs[0]), long_item_id(theirs[2])], add="read")
    setup.server.edit_tag([long_item_id(theirs[1])], add="starred")
    setup.server.edit_tag([long_item_id(theirs[2])], remove="read")

    summary = engine.sync_account(setup.library, setup.account.id)

    unread, starred = setup.server.unread(), setup.server.starred()
    assert mine[0] not in unread and mine[1] not in unread
    assert mine[2] in starred
    after = _items(conn, setup.account.id)
    assert after[theirs[0]][1:] == (1, 0)
    assert after[theirs[1]][1:] == (0, 1)
    assert after[theirs[2]][1:] == (0, 0)
    assert summary.pushed == 3 and summary.state_changes == 2
    # Every item agrees with the server now.
    for item, (_, read, star) in after.items():
        assert (item not in unread, item in starred) == (bool(read), bool(star))


def test_mark_all_read_both_ways(setup: Setup) -> None:
    setup.server.subscribe(setup.feed(1), folder="A")
    setup.server.subscribe(setup.feed(2), folder="B")
    setup.server.subscribe(setup.feed(3), folder="B")
    engine.sync_account(setup.library, setup.account.id)
    conn = setup.library.connect()
    ids = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT feed_url, feed_id FROM sync_feeds WHERE account_id = ?", (setup.account.id,)
        )
    }
    marked = mark_all_read(conn, [ids[setup.feed(1)]])
    assert marked > 0
    setup.server.post(
        "/reader/api/0/mark-all-as-read", [("s", "user/-/label/B"), ("ts", str(10**19))]
    )

    summary = engine.sync_account(setup.library, setup.account.id)

    assert summary.requests <= 10  # one mark-all, not one call per article
    feed1 = _server_feed(setup, setup.feed(1))["id"]
    assert not setup.server.unread() & setup.server.ids(feed1)
    assert articles.count_articles(conn, unread_only=True) == 0


def test_offline_changes_survive_a_restart_and_replay(setup: Setup) -> None:
    setup.server.subscribe(setup.feed(1))
    engine.sync_account(setup.library, setup.account.id)
    conn = setup.library.connect()
    items = _items(conn, setup.account.id)
    first, second = sorted(items)[:2]
    setup.proxy.down = True
    articles.set_read(conn, [items[first][0]])
    articles.set_starred(conn, items[second][0])
    with pytest.raises(SyncError) as caught:
        engine.sync_account(setup.library, setup.account.id)
    assert caught.value.kind == "network"
    conn.close()
    # A restart: a new connection to the same file; the queue is still there.
    conn = setup.library.connect()
    account = accounts.get_account(conn, setup.account.id)
    assert account is not None and account.status == "error"
    assert (
        "Could not reach the server" in account.status_message
        or "connection" in account.status_message
    )
    assert sync_queue.queue_length(conn, setup.account.id) == 2
    setup.proxy.down = False

    engine.sync_account(setup.library, setup.account.id)

    assert first not in setup.server.unread()
    assert second in setup.server.starred()
    assert sync_queue.queue_length(conn, setup.account.id) == 0


def test_server_stopping_mid_sync_keeps_the_queue(setup: Setup) -> None:
    setup.server.subscribe(setup.feed(1))
    engine.sync_account(setup.library, setup.account.id)
    conn = setup.library.connect()
    items = _items(conn, setup.account.id)
    articles.set_read(conn, [items[i][0] for i in sorted(items)[:4]])
    before = articles.count_articles(conn)

    def stop_at_edit(path: str) -> None:
        if "edit-tag" in path:
            setup.proxy.down = True

    setup.proxy.on_request = stop_at_edit
    with pytest.raises(SyncError):
        engine.sync_account(setup.library, setup.account.id)
    assert sync_queue.queue_length(conn, setup.account.id) == 4
    assert articles.count_articles(conn) == before
    setup.proxy.on_request = None
    setup.proxy.down = False
    engine.sync_account(setup.library, setup.account.id)
    assert not set(sorted(items)[:4]) & setup.server.unread()
    assert sync_queue.queue_length(conn, setup.account.id) == 0


def test_a_5xx_mid_sync_is_an_account_status_and_the_library_stays(setup: Setup) -> None:
    setup.server.subscribe(setup.feed(1))
    engine.sync_account(setup.library, setup.account.id)
    conn = setup.library.connect()
    before = articles.count_articles(conn)
    setup.proxy.fail_status = 503
    with pytest.raises(SyncError) as caught:
        engine.sync_account(setup.library, setup.account.id)
    assert caught.value.kind == "server"
    account = accounts.get_account(conn, setup.account.id)
    assert account is not None and account.status == "error"
    assert "The server had a problem (HTTP 503)" in account.status_message
    assert articles.count_articles(conn) == before
    setup.proxy.fail_status = None


def test_conflict_the_later_action_wins(setup: Setup) -> None:
    """Ours queued while offline; the server changes the same item meanwhile: the
    server's change is the later one (docs/notes/sync.md) and stays. Ours on an item the
    server did not touch is sent."""
    setup.server.subscribe(setup.feed(1))
    engine.sync_account(setup.library, setup.account.id)
    conn = setup.library.connect()
    items = _items(conn, setup.account.id)
    contested, untouched = sorted(items)[:2]
    setup.proxy.down = True
    articles.set_read(conn, [items[contested][0]])
    articles.set_read(conn, [items[contested][0]], read=False)  # kept unread, here
    articles.set_read(conn, [items[untouched][0]])
    with pytest.raises(SyncError):
        engine.sync_account(setup.library, setup.account.id)
    setup.server.edit_tag([long_item_id(contested)], add="read")  # read, there, later
    setup.proxy.down = False

    summary = engine.sync_account(setup.library, setup.account.id)

    assert summary.conflicts == 1
    assert contested not in setup.server.unread()
    assert untouched not in setup.server.unread()
    after = _items(conn, setup.account.id)
    assert after[contested][1] == 1 and after[untouched][1] == 1
    assert sync_queue.queue_length(conn, setup.account.id) == 0


def test_incremental_sync_asks_only_for_what_changed(setup: Setup) -> None:
    setup.server.subscribe(setup.feed(1))
    setup.server.subscribe(setup.feed(2))
    engine.sync_account(setup.library, setup.account.id)
    setup.proxy.paths.clear()
    summary = engine.sync_account(setup.library, setup.account.id)
    assert summary.new_article_ids == () and summary.requests == 4
    assert not [p for p in setup.proxy.paths if "/contents" in p]  # no item bodies
    since = [p for p in setup.proxy.paths if "/items/ids" in p and "ot=" in p]
    assert len(since) == 1
    # A new item on the server: the next sync fetches its body alone.
    setup.server.subscribe(setup.feed(3))
    setup.proxy.paths.clear()
    summary = engine.sync_account(setup.library, setup.account.id)
    assert len(summary.new_article_ids) == 8
    assert [p for p in setup.proxy.paths if "/contents" in p] == [
        "/api/greader.php/reader/api/0/stream/items/contents?output=json"
    ]


def test_removing_an_account_keeps_local_feeds(setup: Setup, fetcher: Fetcher) -> None:
    setup.server.subscribe(setup.feed(1))
    engine.sync_account(setup.library, setup.account.id)
    conn = setup.library.connect()
    local = feeds.add_feed(conn, setup.feed(7), title="Local")
    shared_url = conn.execute("SELECT url FROM articles LIMIT 1").fetchone()[0]
    with conn:
        pass
    engine.remove_account(setup.library, setup.account.id)
    assert accounts.list_accounts(conn) == []
    assert [f.id for f in feeds.list_feeds(conn)] == [local.id]
    assert (
        conn.execute("SELECT COUNT(*) FROM articles WHERE url = ?", (shared_url,)).fetchone()[0]
        == 0
    )
    assert not list((setup.library.root / "tokens").iterdir())
    assert conn.execute("SELECT COUNT(*) FROM sync_queue").fetchone()[0] == 0
    assert os.path.exists(setup.library.db_path)


def _cli(setup: Setup, *args: str) -> subprocess.Popen[str]:
    env = dict(
        os.environ,
        DESKTOP_READER_DATA=str(setup.library.root),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_reader", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.PIPE,
    )


def test_a_kill_during_sync_leaves_a_sound_library_and_the_queue_replays(setup: Setup) -> None:
    setup.server.subscribe(setup.feed(1))
    setup.server.subscribe(setup.feed(2))
    engine.sync_account(setup.library, setup.account.id)
    conn = setup.library.connect()
    items = _items(conn, setup.account.id)
    chosen = sorted(items)[:5]
    articles.set_read(conn, [items[i][0] for i in chosen])
    setup.server.subscribe(setup.feed(3))  # new items for the killed sync to be storing
    child: list[subprocess.Popen[str]] = []

    def kill_after_server_took_it(path: str) -> None:
        if "edit-tag" in path:  # the server applied our changes; we never hear so
            child[0].kill()

    setup.proxy.after_forward = kill_after_server_took_it
    child.append(_cli(setup, "sync", "--no-pages"))
    child[0].wait(timeout=60)
    child[0].communicate()
    assert child[0].returncode == -signal.SIGKILL
    setup.proxy.after_forward = None

    conn.close()
    conn = setup.library.connect()
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sync_queue.queue_length(conn, setup.account.id) == 5  # not known to be sent
    process = _cli(setup, "sync", "--no-pages")
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert sync_queue.queue_length(conn, setup.account.id) == 0
    assert not set(chosen) & setup.server.unread()
    # Sent twice, applied once: the state is the same, nothing else changed.
    assert len(_items(conn, setup.account.id)) == len(setup.server.all_ids())
    assert conn.execute("SELECT COUNT(*) FROM sync_applying").fetchone()[0] == 0


def test_cli_account_add_list_sync_remove(setup: Setup, tmp_path: Path) -> None:
    setup.server.subscribe(setup.feed(1), folder="World")
    engine.remove_account(setup.library, setup.account.id)
    process = _cli(
        setup,
        "account",
        "add",
        setup.server.base,
        "--user",
        USER,
        "--name",
        "Home server",
        "--no-sync",
    )
    out, err = process.communicate(API_PASSWORD + "\n", timeout=60)
    assert process.returncode == 0, err
    process = _cli(setup, "sync", "--no-pages")
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert out.startswith("Home server: 8 new")
    process = _cli(setup, "account", "list")
    out, _ = process.communicate(timeout=60)
    assert "Home server" in out and "1 feeds" in out and "0 queued" in out and "ok" in out
    process = _cli(setup, "account", "remove", "Home server")
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    conn = setup.library.connect()
    assert accounts.list_accounts(conn) == []
    assert articles.count_articles(conn) == 0
    process = _cli(setup, "account", "add", setup.server.base, "--user", USER)
    out, err = process.communicate("wrong\n", timeout=60)
    assert process.returncode == 1
    assert WRONG_PASSWORD in err
