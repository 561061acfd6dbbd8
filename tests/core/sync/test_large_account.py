"""A FreshRSS account of more than 10,000 items: the first sync stores every one, an
incremental sync with nothing changed stays small, a thousand changes go in a few calls."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, sync_queue
from desktop_reader.core.sync import engine
from tests.feedfarm import FARM_SCRIPT, Farm
from tests.freshrss import API_PASSWORD, USER, FreshRSS

pytestmark = pytest.mark.slow
FEEDS, ENTRIES = 22, 500  # FreshRSS keeps ~94% of them (wire copies are one item)


@pytest.fixture
def big_farm() -> Iterator[Farm]:
    if not FARM_SCRIPT.is_file():
        pytest.skip("../shared/feedfarm is absent: sync tests need it")
    running = Farm("--feeds", str(FEEDS), "--entries", str(ENTRIES), ttl=1500)
    yield running
    running.stop()


@pytest.mark.timeout(900)
def test_ten_thousand_items(
    freshrss: FreshRSS, big_farm: Farm, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    freshrss.unsubscribe_all()
    freshrss.import_opml(big_farm.get_bytes("/opml"))
    try:
        on_server = freshrss.all_ids()
        assert len(on_server) >= 10_000
        library = Library.open(data_dir)
        account = engine.add_account(library, freshrss.base, USER, API_PASSWORD)

        started = time.perf_counter()
        first = engine.sync_account(library, account.id)
        seconds = time.perf_counter() - started

        conn = library.connect()
        stored = {r[0] for r in conn.execute("SELECT item_id FROM sync_items")}
        assert stored == on_server
        assert first.requests <= 3 + len(on_server) // engine.PAGE_SIZE + 2
        assert seconds < 300, f"first sync of {len(on_server)} items took {seconds:.0f} s"

        again = engine.sync_account(library, account.id)
        assert again.requests == 4 and again.new_article_ids == ()

        chosen = [
            r[0]
            for r in conn.execute("SELECT article_id FROM sync_items ORDER BY item_id LIMIT 1000")
        ]
        articles.set_read(conn, chosen)
        changed = engine.sync_account(library, account.id)
        # An article that is two items (a wire copy in two feeds) is sent as both.
        assert changed.pushed >= 1000
        edit_tags = -(-changed.pushed // 250)
        assert changed.requests == 4 + edit_tags + 1  # the edit-tags and their token
        assert len(freshrss.unread()) == len(on_server) - changed.pushed
        assert sync_queue.queue_length(conn, account.id) == 0
    finally:
        freshrss.unsubscribe_all()
