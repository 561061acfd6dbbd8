"""Cold refresh CPU per stage, on one core, independent of the machine's load.

    .venv/bin/python benchmarks/cold_stages.py [--feeds 200] [--entries 50] [--profile STAGE]

Fetches every feed of a fresh farm once, then times each stage of a refresh over the
same bodies in this process (CPU seconds, `time.process_time`): feedparser itself, our
side of parsing (encoding, entity screen, Media RSS pass, entries, dates, GUIDs),
preparing entries (sanitising, text, image lists), the hand-off between processes
(pickling a worker's result and reading it back) and storing into a fresh library
(with the FTS5 index, and again without its trigger to show the index's share).
`--profile parse|prepare|store` prints cProfile's top functions for that stage.
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from desktop_reader.core.parse import feeds as xml_feeds  # noqa: E402
from desktop_reader.core.parse.detect import parse_feed  # noqa: E402
from desktop_reader.core.pipeline.entries import prepare_entries  # noqa: E402
from desktop_reader.core.pipeline.library import Library  # noqa: E402
from desktop_reader.core.pipeline.refresh import read_feed  # noqa: E402
from desktop_reader.core.storage import articles, database, feeds  # noqa: E402
from tests.feedfarm import Farm  # noqa: E402

CONTENT_TYPE = "application/rss+xml"


def _timed(label: str, profile: str | None, fn: Callable[[], Any]) -> tuple[float, Any]:
    profiler = cProfile.Profile() if profile == label else None
    start = time.process_time()
    if profiler is not None:
        profiler.enable()
    value = fn()
    if profiler is not None:
        profiler.disable()
    seconds = time.process_time() - start
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return seconds, value


def _store(urls: list[str], prepared: list[list[articles.NewEntry]], *, fts: bool) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        conn = Library.open(Path(tmp)).connect()
        with database.transaction(conn):
            for url in urls:
                feeds.add_feed(conn, url)
        if not fts:
            conn.execute("DROP TRIGGER articles_fts_ai")
        ids = [feed.id for feed in feeds.list_feeds(conn)]
        start = time.process_time()
        for feed_id, entries in zip(ids, prepared, strict=True):
            with database.transaction(conn):  # one transaction a feed, as a refresh does
                articles.store_entries(conn, feed_id, entries, outlet="farm")
        seconds = time.process_time() - start
        conn.close()
        return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--profile", choices=("parse", "prepare", "store"))
    args = parser.parse_args()
    farm = Farm("--feeds", str(args.feeds), "--entries", str(args.entries), ttl=600)
    try:
        urls = re.findall(r'xmlUrl="([^"]+)"', farm.get_bytes("/opml").decode())
        with httpx.Client() as client:
            bodies = [client.get(url).content for url in urls]
    finally:
        farm.stop()
    print(f"{len(bodies)} feeds, {sum(map(len, bodies)) / 1e6:.1f} MB of XML/JSON")

    feedparser_seconds = [0.0]
    real_parse = xml_feeds.feedparser.parse

    def counted(*a: Any, **k: Any) -> Any:
        start = time.process_time()
        try:
            return real_parse(*a, **k)
        finally:
            feedparser_seconds[0] += time.process_time() - start

    xml_feeds.feedparser.parse = counted
    try:
        parse_s, parsed = _timed(
            "parse",
            args.profile,
            lambda: [
                parse_feed(body, url=url, content_type=CONTENT_TYPE)
                for body, url in zip(bodies, urls, strict=True)
            ],
        )
    finally:
        xml_feeds.feedparser.parse = real_parse
    prepare_s, prepared = _timed(
        "prepare", args.profile, lambda: [prepare_entries(feed.entries) for feed in parsed]
    )
    reads = [
        read_feed(body, url, CONTENT_TYPE, None) for body, url in zip(bodies, urls, strict=True)
    ]
    pickle_s, blobs = _timed("pickle", None, lambda: [pickle.dumps(read) for read in reads])
    unpickle_s, _ = _timed("unpickle", None, lambda: [pickle.loads(blob) for blob in blobs])
    profiler = cProfile.Profile() if args.profile == "store" else None
    if profiler is not None:
        profiler.enable()
    store_s = _store(urls, prepared, fts=True)
    if profiler is not None:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    store_no_fts_s = _store(urls, prepared, fts=False)
    entries = sum(len(p) for p in prepared)
    rows = [
        ("feedparser (workers)", feedparser_seconds[0]),
        ("our parsing side (workers)", parse_s - feedparser_seconds[0]),
        ("preparing entries: sanitise, text, images (workers)", prepare_s),
        (f"hand-off: pickle in the worker ({sum(map(len, blobs)) / 1e6:.1f} MB)", pickle_s),
        ("hand-off: unpickle in the writer's process", unpickle_s),
        ("storing, FTS5 included (writer thread)", store_s),
        ("  of which the FTS5 index", store_s - store_no_fts_s),
    ]
    print(f"{entries} entries; CPU seconds on one core:")
    for label, seconds in rows:
        print(f"  {label:58}{seconds:6.2f}")
    total = sum(seconds for label, seconds in rows if not label.startswith("  "))
    print(f"  {'total (fetching and process start-up not included)':58}{total:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
