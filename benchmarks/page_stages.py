"""Pages, stories and images of a farm refresh, each stage alone, with its CPU.

    PYTHONPATH=. .venv/bin/python benchmarks/page_stages.py --feeds 40 --entries 50

Starts ../shared/feedfarm, refreshes its feeds into a fresh library, then runs what
`complete_library` runs, one stage at a time and without a window: `download_pages`,
`update_stories` (grouping only) and `download_images`, each measured with `TreeUsage`
(CPU of this process and of its worker processes; the farm's is left out). Prints a
digest of the stories built, over what does not depend on the clock or on the order
the feeds happened to be stored in (articles are named by URL): two runs, or two
branches, that group the same way print the same digest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.proctree import TreeUsage  # noqa: E402
from desktop_reader.core.fetch import Fetcher  # noqa: E402
from desktop_reader.core.pipeline import opml_io, pages, refresh, stories, update  # noqa: E402
from desktop_reader.core.pipeline.library import Library  # noqa: E402
from tests.feedfarm import Farm  # noqa: E402


def stories_digest(conn: sqlite3.Connection) -> tuple[str, int, list[str]]:
    """(digest, stories, its lines): one line per membership, with the article's story
    (as its members' URLs), score, reasons, vector and names; ids are left out."""
    urls = {int(r[0]): r[1] for r in conn.execute("SELECT id, url FROM articles")}
    members: dict[int, list[str]] = {}
    rows = conn.execute(
        "SELECT article_id, story_id, score, reasons_json, vector, entities_json "
        "FROM story_articles"
    ).fetchall()
    for row in rows:
        members.setdefault(int(row[1]), []).append(urls[int(row[0])])
    lines = []
    for article_id, story_id, score, reasons, vector, entities in rows:
        why = json.loads(reasons)
        # Ids of other articles and stories named in the reasons: as URLs / members.
        if why.get("best_member_id") is not None:
            why["best_member_id"] = urls[int(why["best_member_id"])]
        lines.append(
            json.dumps(
                [
                    urls[int(article_id)],
                    sorted(members[int(story_id)]),
                    score,
                    why,
                    bytes(vector).hex(),
                    entities,
                ],
                sort_keys=True,
            )
        )
    lines.sort()
    return hashlib.sha256("\n".join(lines).encode()).hexdigest(), len(members), lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument(
        "--compare",
        action="store_true",
        help="also group a copy without the page workers' features and compare digests",
    )
    parser.add_argument("--dump", type=Path, help="write the digested lines to this file")
    parser.add_argument("--keep", type=Path, help="copy the library file here at the end")
    args = parser.parse_args()
    farm = Farm("--feeds", str(args.feeds), "--entries", str(args.entries), ttl=1800)
    try:
        with tempfile.TemporaryDirectory() as tmp, Fetcher() as fetcher:
            library = Library.open(Path(tmp))
            conn = library.connect()
            opml_io.import_opml(conn, farm.get_bytes("/opml"))
            stages: list[tuple[str, float, float, float]] = []

            def measure(name: str, work: object) -> None:
                start = time.perf_counter()
                with TreeUsage(exclude=(farm.process.pid,)) as usage:
                    work()  # type: ignore[operator]
                own = usage.cpu_by_pid().get(os.getpid(), 0.0)
                stages.append((name, time.perf_counter() - start, usage.cpu_seconds, own))

            measure("cold refresh", lambda: refresh.refresh_feeds(library, fetcher))
            measure(
                "pages: fetch, extract (workers), store",
                lambda: pages.download_pages(library, fetcher, per_host=None),
            )
            if args.compare:
                (Path(tmp) / "unprepared").mkdir()
                unprepared = Library.open(Path(tmp) / "unprepared").connect()
                conn.backup(unprepared)
            measure(
                "stories: grouping",
                lambda: stories.update_stories(
                    conn, update.unclustered_articles(conn), summaries=False
                ),
            )
            measure("images", lambda: pages.download_images(library, fetcher))
            digest, count, lines = stories_digest(conn)
            if args.compare:
                # The same library as the pages left it, grouped without the features
                # the page workers computed (as an older version of the app would).
                unprepared.execute("DELETE FROM article_features")
                stories.update_stories(
                    unprepared, update.unclustered_articles(unprepared), summaries=False
                )
                plain = stories_digest(unprepared)[0]
                print(f"  grouped without the workers' features: digest {plain}")
                print(f"  identical: {plain == digest}")
                unprepared.close()
            if args.dump:
                args.dump.write_text("\n".join(lines) + "\n")
            if args.keep:
                conn.execute("VACUUM INTO ?", (str(args.keep),))
            articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            conn.close()
    finally:
        farm.stop()
    print(
        f"{args.feeds} x {args.entries}: {articles:,} articles, {count:,} stories "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(f"  {'stage':<40} {'wall s':>7} {'CPU s':>7} {'this process':>13}")
    for name, wall, cpu, own in stages:
        print(f"  {name:<40} {wall:7.2f} {cpu:7.2f} {own:13.2f}")
    phase = stages[1:]
    print(
        f"  {'pages + stories + images':<40} {sum(s[1] for s in phase):7.2f} "
        f"{sum(s[2] for s in phase):7.2f} {sum(s[3] for s in phase):13.2f}"
    )
    print(f"  stories digest {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
