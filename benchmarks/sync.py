"""Sync benchmark: the first sync of a large FreshRSS account, then incremental syncs.

    .venv/bin/python benchmarks/sync.py [--feeds 200] [--entries 50] [--complete]

Starts ../shared/servers/freshrss (a real FreshRSS) and ../shared/feedfarm, subscribes
FreshRSS to every farm feed (its OPML import; FreshRSS fetches them itself), then, on a
fresh library: the first sync (subscriptions, every item stored and clustered into stories
with --complete, which also stores pages and images), an incremental sync with nothing
changed (requests, time), and one with 100 read-state changes made here and 100 on the
server. Requests are counted by our client.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_reader.core.fetch import Fetcher  # noqa: E402
from desktop_reader.core.pipeline import update  # noqa: E402
from desktop_reader.core.pipeline.library import Library  # noqa: E402
from desktop_reader.core.storage import articles  # noqa: E402
from desktop_reader.core.sync import engine  # noqa: E402
from desktop_reader.core.sync.client import long_item_id  # noqa: E402
from tests.feedfarm import Farm  # noqa: E402
from tests.freshrss import API_PASSWORD, USER, FreshRSS  # noqa: E402


def load_server(server: FreshRSS, farm: Farm) -> float:
    """Subscribe FreshRSS to the whole farm; returns the seconds it took to fetch it."""
    started = time.perf_counter()
    server.import_opml(farm.get_bytes("/opml"))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument(
        "--complete",
        action="store_true",
        help="also store pages and images and build stories (slow)",
    )
    args = parser.parse_args()
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    server = FreshRSS(ttl=3600)
    farm = Farm("--feeds", str(args.feeds), "--entries", str(args.entries), ttl=3600)
    try:
        loaded = load_server(server, farm)
        total = len(server.all_ids())
        print(
            f"FreshRSS fetched {len(server.subscriptions())} farm feeds, {total} items, "
            f"in {loaded:.1f} s"
        )
        library = Library.open(Path(tempfile.mkdtemp(prefix="sync-bench-")))
        account = engine.add_account(library, server.base, USER, API_PASSWORD)
        rows = []
        started = time.perf_counter()
        first = engine.sync_account(library, account.id)
        synced = time.perf_counter() - started
        rows.append(
            (
                "first sync: items stored",
                f"{synced:.1f} s",
                first.requests,
                f"{len(first.new_article_ids)} articles",
            )
        )
        with Fetcher() as fetcher:
            started = time.perf_counter()
            update.complete_library(library, fetcher, full_articles=args.complete)
            rows.append(
                (
                    "first sync: stories" + (", pages, images" if args.complete else ""),
                    f"{time.perf_counter() - started:.1f} s",
                    "",
                    "",
                )
            )
        started = time.perf_counter()
        again = engine.sync_account(library, account.id)
        rows.append(
            (
                "incremental, nothing changed",
                f"{time.perf_counter() - started:.2f} s",
                again.requests,
                f"{len(again.new_article_ids)} new",
            )
        )
        conn = library.connect()
        items = sorted(r[0] for r in conn.execute("SELECT item_id FROM sync_items"))
        local = [
            r[0]
            for r in conn.execute(
                "SELECT article_id FROM sync_items i JOIN article_state s USING (article_id) "
                "WHERE s.read = 0 ORDER BY item_id LIMIT 100"
            )
        ]
        articles.set_read(conn, local)
        theirs = [long_item_id(i) for i in items[-100:]]
        server.edit_tag(theirs, add="read")
        started = time.perf_counter()
        changed = engine.sync_account(library, account.id)
        rows.append(
            (
                "incremental, 100 read here + 100 there",
                f"{time.perf_counter() - started:.2f} s",
                changed.requests,
                f"{changed.pushed} sent, {changed.state_changes} received",
            )
        )
        print(f"\n{'':42} {'time':>9} {'requests':>9}  result")
        for name, seconds, requests, result in rows:
            print(f"{name:42} {seconds:>9} {requests!s:>9}  {result}")
    finally:
        server.stop()
        farm.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
