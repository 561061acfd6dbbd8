"""RSS Guard (4.x, Debian's package) on the farm, driven headless through its own files.

A first start (not measured) makes RSS Guard create its SQLite database. We then add
one 'std-rss' account and the farm's feeds, in the shape RSS Guard 4 itself writes:
Feeds.source is the URL, Feeds.custom_data a JSON object whose "type" is the
StandardFeed::Type that picks the parser (1 RSS 2.0, 2 RDF, 3 Atom, 4 JSON Feed;
the farm's file extension says which). update_type 1 is "default auto-update": feeds
left at 0 ("don't auto-update") are skipped by the start-up update. config.ini gets
[feeds] feeds_update_on_startup=true with no delay. Each measured launch then
refreshes every feed; the first is the cold refresh, the second the repeat.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from peer_gui import App, db_count, measure_refresh, private_env, wait_for
from peer_runs import Farm, Run, Unavailable

NAME = "RSS Guard"
_FEED_TYPES = {".xml": 1, ".rdf": 2, ".atom": 3, ".json": 4}
_CONFIG = """[main]
first_run=false

[feeds]
feeds_update_on_startup=true
feeds_update_on_startup_delay=0
auto_update_enabled=false
"""


def run(farm: Farm, work: Path, display: str) -> list[Run]:
    binary = shutil.which("rssguard")
    if binary is None:
        raise Unavailable("not installed (Debian has it: apt-get install rssguard)")
    home = work / "rssguard"
    env = private_env(home, display)
    command = [binary]
    config_root = home / ".config"

    def database() -> Path | None:
        found = sorted(config_root.glob("*/database/database.db"))
        return found[0] if found else None

    def created() -> bool:
        db = database()
        return db is not None and db_count(db, "SELECT count(*) FROM Feeds") != "busy"

    first = App(NAME, command, env, home / "app.log")
    try:
        wait_for(first, created, "create its database")
    finally:
        first.stop()
    db = database()
    assert db is not None
    (db.parents[1] / "config" / "config.ini").write_text(_CONFIG)
    urls = farm.get_bytes("/urls.txt").decode().split()
    subscribe(db, urls)

    runs = []
    for _ in range(2):
        farm.reset_stats()
        app = App(NAME, command, env, home / "app.log")
        try:
            runs.append(
                measure_refresh(
                    app,
                    farm,
                    len(urls),
                    lambda: (
                        db_count(db, "SELECT count(*) FROM Messages"),
                        (home / "app.log").read_bytes().count(b"Finished feed updates"),
                    ),
                )
            )
        finally:
            app.stop()
        runs[-1].articles = _count(db, "SELECT count(*) FROM Messages")
    return runs


def subscribe(db: Path, urls: list[str]) -> None:
    """Add a standard account holding `urls`, as top-level feeds."""
    with closing(sqlite3.connect(db)) as conn, conn:
        row = conn.execute("SELECT id FROM Accounts WHERE type = 'std-rss'").fetchone()
        account = (
            row[0]
            if row
            else conn.execute("INSERT INTO Accounts (type) VALUES ('std-rss')").lastrowid
        )
        for number, url in enumerate(urls, 1):
            kind = _FEED_TYPES.get(Path(url).suffix)
            if kind is None:
                raise Unavailable(f"cannot tell the feed format of {url}")
            custom = {
                "source_type": 0,
                "type": kind,
                "encoding": "UTF-8",
                "post_process": "",
                "protected": 0,
                "username": "",
                "password": "",
            }
            feed_id = conn.execute(
                "INSERT INTO Feeds (title, date_created, category, source, update_type, "
                "update_interval, account_id, custom_id, custom_data) "
                "VALUES (?, 0, -1, ?, 1, 15, ?, 'new', ?)",
                (f"farm feed {number}", url, account, json.dumps(custom)),
            ).lastrowid
            # A standard feed's custom ID is its row id, as RSS Guard writes it.
            conn.execute("UPDATE Feeds SET custom_id = ? WHERE id = ?", (str(feed_id), feed_id))


def _count(db: Path, sql: str) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute(sql).fetchone()[0])
