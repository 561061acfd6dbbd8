"""Refresh benchmark: Desktop Reader against newsboat on the same feed farm, in one run.

    .venv/bin/python benchmarks/refresh.py [--feeds 200] [--entries 50] [--no-newsboat]

Starts ../shared/feedfarm, imports its OPML through our CLI into a fresh data dir, then
measures: the cold refresh until every feed is stored and readable; the time until every
article page and image is stored; requests per class and 304s from /_farm/stats; a second
refresh with nothing changed; peak RSS. Where newsboat is installed it reloads the same
farm (three times, so its conditional GETs show) and the ratios are printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.peer_runs import Unavailable, newsboat_command  # noqa: E402
from benchmarks.proctree import TreeUsage  # noqa: E402
from desktop_reader.core.fetch import Fetcher  # noqa: E402
from desktop_reader.core.pipeline import pages, refresh  # noqa: E402
from desktop_reader.core.pipeline.library import Library  # noqa: E402
from desktop_reader.core.storage import articles  # noqa: E402
from tests.feedfarm import Farm  # noqa: E402


def _cli(data: Path, *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "desktop_reader", "--data-dir", str(data),
                             *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return result.stdout


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _counts(stats: dict) -> str:  # type: ignore[type-arg]
    by_class = stats.get("by_class", {})
    return ", ".join(f"{k} {v}" for k, v in sorted(by_class.items()) if v)


def run_ours(farm: Farm, work: Path) -> dict[str, float]:
    data = work / "ours"
    opml = work / "farm.opml"
    opml.write_bytes(farm.get_bytes("/opml"))
    print(_cli(data, "import-opml", str(opml)).strip())
    library = Library.open(data)
    figures: dict[str, float] = {}
    with Fetcher() as fetcher:
        farm.reset_stats()
        start = time.perf_counter()
        with TreeUsage(exclude=(farm.process.pid,)) as usage:
            summary = refresh.refresh_feeds(library, fetcher)
        figures["cold"] = time.perf_counter() - start
        figures["cold_cpu"] = usage.cpu_seconds
        figures["articles"] = articles.count_articles(library.connect())
        figures["failed"] = sum(r.status.value in ("error", "gone") for r in summary.results)
        farm_cpu = farm.stats().get("cpu_s_since_reset", 0.0)
        start = time.perf_counter()
        with TreeUsage(exclude=(farm.process.pid,)) as usage:
            pages.download_articles(library, fetcher, per_host=None)  # the farm is one host
        figures["pages"] = time.perf_counter() - start
        figures["pages_cpu"] = usage.cpu_seconds
        figures["workers_rss"] = usage.peak_rss_mb
        stats = farm.stats()
        # The farm renders every image on demand (JPEG in pure Python) on the same cores:
        # its CPU is reported apart, beside ours (this process and its worker processes).
        figures["pages_farm_cpu"] = stats.get("cpu_s_since_reset", 0.0) - farm_cpu
        figures["pages_stored"] = library.connect().execute(
            "SELECT COUNT(*) FROM articles WHERE page_state = 'done'").fetchone()[0]
        figures["images_stored"] = library.connect().execute(
            "SELECT COUNT(*) FROM article_images WHERE sha256 IS NOT NULL").fetchone()[0]
        print(f"  farm requests during cold refresh + pages: {_counts(stats)}")
        farm.reset_stats()
        start = time.perf_counter()
        refresh.refresh_feeds(library, fetcher)
        figures["second"] = time.perf_counter() - start
        stats = farm.stats()
        figures["second_304"] = stats.get("not_modified", {}).get("feed", 0)
        figures["second_requests"] = stats.get("by_class", {}).get("feed", 0)
    figures["rss"] = max(_peak_rss_mb(), figures["workers_rss"])
    return figures


def run_newsboat(farm: Farm, work: Path) -> dict[str, float] | None:
    try:
        command, env = newsboat_command(farm, work)
    except Unavailable:
        return None
    figures: dict[str, float] = {}
    for label in ("cold", "second", "third"):
        farm.reset_stats()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True, env=env)
        figures[label] = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        figures[label + "_cpu"] = (after.ru_utime - before.ru_utime) + (
            after.ru_stime - before.ru_stime)
        figures[label + "_304"] = farm.stats().get("not_modified", {}).get("feed", 0)
    figures["rss"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--no-newsboat", action="store_true")
    args = parser.parse_args()
    farm = Farm("--feeds", str(args.feeds), "--entries", str(args.entries), "--warm-articles",
                ttl=1800)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            print(f"Farm: {args.feeds} feeds x {args.entries} entries at {farm.base}")
            theirs = None if args.no_newsboat else run_newsboat(farm, work)
            ours = run_ours(farm, work)
    finally:
        farm.stop()
    feeds = args.feeds
    print()
    print(f"{'':38}{'Desktop Reader':>16}{'newsboat':>12}{'ratio':>8}")

    def row(label: str, mine: float, other: float | None, unit: str = "s") -> None:
        other_text = f"{other:.2f}{unit}" if other is not None else "-"
        ratio = f"{mine / other:.2f}" if other else "-"
        print(f"{label:38}{mine:>15.2f}{unit}{other_text:>12}{ratio:>8}")

    row("cold refresh, feeds stored", ours["cold"], theirs and theirs["cold"])
    row("cold refresh CPU (with workers)", ours["cold_cpu"], theirs and theirs["cold_cpu"])
    row("second refresh (nothing changed)", ours["second"], theirs and theirs["second"])
    print(f"{'304s on second refresh':38}{int(ours['second_304']):>13}/{feeds}"
          f"{(str(int(theirs['second_304'])) + '/' + str(feeds)) if theirs else '-':>12}")
    if theirs:
        print(f"{'304s on third refresh':38}{'-':>16}"
              f"{str(int(theirs['third_304'])) + '/' + str(feeds):>12}")
    row("peak RSS", ours["rss"], theirs and theirs["rss"], " MB")
    print()
    print(f"Articles stored: {int(ours['articles'])} ({int(ours['failed'])} feeds failed)")
    print(f"Pages + images for all entries: {ours['pages']:.1f} s "
          f"({int(ours['pages_stored'])} pages, {int(ours['images_stored'])} images stored)")
    print(f"  CPU in that phase: Desktop Reader {ours['pages_cpu']:.0f} s (with its worker "
          f"processes), the farm {ours['pages_farm_cpu']:.0f} s, on {os.cpu_count()} cores")
    print("Targets: feeds stored <= newsboat; second refresh >= "
          f"{feeds - 1}/{feeds} 304; pages + images for 10,000 entries <= 60 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
