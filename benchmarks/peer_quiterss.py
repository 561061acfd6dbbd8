"""QuiteRSS (0.19, Debian's package) on the farm, driven headless through its own files.

QuiteRSS.ini is written before every launch: [Settings] autoUpdatefeedsStartUp=true
(update every feed at start-up), no splash screen, no update check or usage
statistics, and storeDBMemory=false. That last one differs from QuiteRSS's default,
which keeps the database in memory and writes it to disk at exit; on disk, its
progress can be watched. A first start (not measured) creates feeds.db; the farm's
feeds are then inserted into its `feeds` table with the columns QuiteRSS's own OPML
import fills (text, title, xmlUrl, created, parentId, rowToParent).
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from peer_gui import App, db_count, measure_refresh, private_env, wait_for
from peer_runs import Farm, Run, Unavailable

NAME = "QuiteRSS"
_SETTINGS = """[Settings]
autoUpdatefeedsStartUp=true
autoUpdatefeeds=false
storeDBMemory=false
showSplashScreen=false
updateCheckEnabled=false
statisticsEnabled2=false
"""


def run(farm: Farm, work: Path, display: str) -> list[Run]:
    binary = shutil.which("quiterss")
    if binary is None:
        raise Unavailable("not installed (Debian has it: apt-get install quiterss)")
    home = work / "quiterss"
    env = private_env(home, display)
    ini = home / ".config" / "QuiteRss" / "QuiteRss.ini"
    db = home / ".local" / "share" / "QuiteRss" / "QuiteRss" / "feeds.db"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(_SETTINGS)

    def created() -> bool:
        return db.exists() and db_count(db, "SELECT count(*) FROM news") != "busy"

    first = App(NAME, [binary], env, home / "app.log")
    try:
        # QuiteRSS allows one instance per user: if another runs, this one hands over
        # to it and exits, which check_alive reports.
        wait_for(first, created, "create its database")
    finally:
        first.stop()
    urls = farm.get_bytes("/urls.txt").decode().split()
    subscribe(db, urls)

    runs = []
    for _ in range(2):
        ini.write_text(_SETTINGS)  # QuiteRSS rewrites it on exit
        farm.reset_stats()
        app = App(NAME, [binary], env, home / "app.log")
        try:
            runs.append(
                measure_refresh(
                    app,
                    farm,
                    len(urls),
                    lambda: db_count(
                        db, "SELECT (SELECT count(*) FROM news), (SELECT max(updated) FROM feeds)"
                    ),
                )
            )
        finally:
            app.stop()
        runs[-1].articles = _count(db, "SELECT count(*) FROM news")
    return runs


def subscribe(db: Path, urls: list[str]) -> None:
    """Add `urls` as top-level feeds."""
    created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with closing(sqlite3.connect(db)) as conn, conn:
        for row, url in enumerate(urls):
            conn.execute(
                "INSERT INTO feeds (text, title, xmlUrl, created, parentId, rowToParent) "
                "VALUES (?, ?, ?, ?, 0, ?)",
                (f"farm feed {row + 1}", f"farm feed {row + 1}", url, created, row),
            )


def _count(db: Path, sql: str) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute(sql).fetchone()[0])
