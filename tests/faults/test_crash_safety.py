"""The refresh process killed at random points, and a full disk: the library stays whole.

A real `desktop-reader refresh` (feeds, pages, images) runs against a farm of 30
feeds and is sent SIGKILL after a seeded random delay, twenty times, with churn ticks
in between so every run has new work. After each kill the database must open, pass
`PRAGMA integrity_check`, and still hold every article stored before.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_reader.core import paths
from desktop_reader.core.storage.database import MAX_PAGES_ENV
from tests.feedfarm import FARM_SCRIPT, Farm

pytestmark = pytest.mark.skipif(not FARM_SCRIPT.is_file(), reason="needs ../shared/feedfarm")

REPO = Path(__file__).resolve().parents[2]
KILLS = 20


def _cli(
    data_dir: Path, *args: str, env: dict[str, str] | None = None, start_only: bool = False
) -> subprocess.Popen[str] | subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "desktop_reader", "--data-dir", str(data_dir), *args]
    environment = {**os.environ, **(env or {})}
    if start_only:  # its own process group: the kill reaches its worker processes too
        return subprocess.Popen(
            command,
            cwd=REPO,
            env=environment,
            text=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    return subprocess.run(
        command, cwd=REPO, env=environment, text=True, capture_output=True, timeout=120
    )


def _check(db: Path) -> set[int]:
    """Open the library as the app would; it must be whole. Returns the article ids."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # An article whose images are all settled shows local copies only: its HTML was
        # rewritten in the transaction that settled the last one.
        remote = conn.execute(
            "SELECT COUNT(*) FROM articles a WHERE content_html LIKE '%<img%src=\"http%' "
            "AND EXISTS (SELECT 1 FROM article_images i WHERE i.article_id = a.id) "
            "AND NOT EXISTS (SELECT 1 FROM article_images i WHERE i.article_id = a.id "
            "AND i.sha256 IS NULL AND i.error = '')"
        ).fetchone()[0]
        assert remote == 0
        return {r[0] for r in conn.execute("SELECT id FROM articles")}
    finally:
        conn.close()


@pytest.fixture
def farm() -> Iterator[Farm]:
    running = Farm("--feeds", "30", "--entries", "2", "--churn-fraction", "0.1")
    yield running
    running.stop()


@pytest.fixture
def library_dir(tmp_path: Path, farm: Farm) -> Path:
    data = tmp_path / "library"
    opml = tmp_path / "farm.opml"
    opml.write_bytes(farm.get_bytes("/opml"))
    done = _cli(data, "import-opml", str(opml))
    assert done.returncode == 0, done.stderr
    return data


@pytest.mark.slow
def test_sigkill_at_random_points_never_corrupts_or_loses(farm: Farm, library_dir: Path) -> None:
    db = paths.database_path(library_dir)
    rng = random.Random(6)
    stored = _check(db)
    killed_mid_work = 0
    # Start-up (imports) takes ~0.4 s on a quiet machine, the refresh ~1 s. On a loaded one
    # start-up alone can pass 1 s, and every kill would land before any work: shift the
    # kills by the start-up this machine takes now.
    begun = time.monotonic()
    assert _cli(library_dir, "feeds").returncode == 0
    late_start = max(0.0, time.monotonic() - begun - 0.4)
    started = time.monotonic()
    for _ in range(KILLS):
        farm.get_bytes("/_farm/tick?n=1")  # new entries, so each run has work to cut
        process = _cli(library_dir, "refresh", "-q", start_only=True)
        time.sleep(late_start + rng.uniform(0.3, 1.1))
        if process.poll() is None:
            killed_mid_work += 1
            with contextlib.suppress(ProcessLookupError):  # it may end as we look
                os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        now = _check(db)
        assert stored <= now, f"lost articles {sorted(stored - now)[:5]}"
        stored = now
    assert killed_mid_work >= KILLS * 3 // 4  # the kills really landed mid-refresh
    assert len(stored) > 0
    kill_phase = time.monotonic() - started
    final = _cli(library_dir, "refresh", "-q")
    assert final.returncode == 0, final.stderr
    final_s = time.monotonic() - started - kill_phase
    print(f"kills {kill_phase:.1f} s, final refresh {final_s:.1f} s")
    assert "feeds," in final.stdout and "failed" in final.stdout
    after = _check(db)
    assert stored <= after
    conn = sqlite3.connect(db)
    pending = conn.execute("SELECT COUNT(*) FROM articles WHERE page_state = 'pending'")
    assert pending.fetchone()[0] == 0  # the final run finished what the kills cut short
    conn.close()
    assert time.monotonic() - started < 75  # ~45 s on 2 shared cores


def test_full_disk_gives_a_clear_error_and_no_corruption(farm: Farm, library_dir: Path) -> None:
    db = paths.database_path(library_dir)
    first = _cli(library_dir, "refresh", "-q", "--no-pages")
    assert first.returncode == 0, first.stderr
    before = _check(db)
    conn = sqlite3.connect(db)
    page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    for _ in range(3):
        farm.get_bytes("/_farm/tick?n=1")
    # The disk "fills up" two pages past what the library uses now.
    full = _cli(library_dir, "refresh", "-q", env={MAX_PAGES_ENV: str(page_count + 2)})
    assert full.returncode == 1, full.stdout + full.stderr
    assert "The disk is full" in full.stderr
    assert "Traceback" not in full.stderr
    assert before <= _check(db)
    # Space freed: the next refresh stores what the full disk refused.
    again = _cli(library_dir, "refresh", "-q", "--no-pages")
    assert again.returncode == 0, again.stderr
    assert len(_check(db)) > len(before)
