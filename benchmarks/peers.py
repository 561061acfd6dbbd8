"""Peers benchmark: our refresh beside newsboat, RSS Guard and QuiteRSS on one farm.

    .venv/bin/python benchmarks/peers.py [--feeds 200] [--entries 50] [--rounds 3]
                                         [--no-gui-peers]

Every reader runs as a subprocess on the same feedfarm in the same run, so the
process model is the same for all: ours is `python -m desktop_reader --data-dir D
refresh --feeds-only -q`. Per run: wall time, CPU seconds (getrusage(RUSAGE_CHILDREN)
before/after), peak RSS (the rusage os.wait4 returns for that one child: the
RUSAGE_CHILDREN maximum is over every child so far, not per run) and the 304s the farm
served. Each round uses fresh data dirs; figures are medians over --rounds rounds.

The GUI readers (RSS Guard, QuiteRSS) have no command-line refresh. Where installed,
each gets a database with the farm's feeds written before launch and is started under
Xvfb with "update feeds on start-up"; its refresh counts from launch until the farm has
served every feed and gone quiet (so it includes the app's start-up), then it is told
to quit and its rusage is read. When that is not possible the reason is printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.feedfarm import Farm  # noqa: E402


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    requests: int  # feed requests the farm served
    not_modified: int  # of which 304


def _feed_counts(farm: Farm) -> tuple[int, int]:
    stats = farm.stats()
    return (stats.get("by_class", {}).get("feed", 0),
            stats.get("not_modified", {}).get("feed", 0))


def run_process(farm: Farm, command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run one reader process to completion on the farm and measure it."""
    farm.reset_stats()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _pid, _status, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped by wait4; keep Popen from waiting again
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    requests, not_modified = _feed_counts(farm)
    return Run(wall, cpu, usage.ru_maxrss / 1024, requests, not_modified)


# ---------------------------------------------------------------------- command-line readers


def ours(farm: Farm, work: Path) -> list[Run]:
    data = work / "ours"
    opml = work / "farm.opml"
    opml.write_bytes(farm.get_bytes("/opml"))
    subprocess.run([sys.executable, "-m", "desktop_reader", "--data-dir", str(data),
                    "import-opml", str(opml)], cwd=ROOT, check=True, capture_output=True)
    command = [sys.executable, "-m", "desktop_reader", "--data-dir", str(data), "refresh",
               "--feeds-only", "-q"]
    return [run_process(farm, command) for _ in range(2)]


def newsboat(farm: Farm, work: Path) -> list[Run]:
    binary = shutil.which("newsboat")
    if binary is None:
        raise Unavailable("not installed")
    home = work / "newsboat"
    home.mkdir()
    (home / "urls").write_bytes(farm.get_bytes("/urls.txt"))
    (home / "config").write_text("reload-threads 8\n")
    command = [binary, "-x", "reload", "-u", str(home / "urls"), "-c", str(home / "cache.db"),
               "-C", str(home / "config")]
    # Three reloads: newsboat keeps no validators from its first download (farm README).
    return [run_process(farm, command, env={"HOME": str(home)}) for _ in range(3)]


class Unavailable(Exception):
    """A peer cannot be measured here; the message says why."""


# ---------------------------------------------------------------------- GUI readers


def _gui_peer(binary: str, version: str) -> Callable[[Farm, Path], list[Run]]:
    def run(farm: Farm, work: Path) -> list[Run]:
        if shutil.which(binary) is None:
            raise Unavailable(f"not installed (Debian has it: apt-get install {binary})")
        if shutil.which("Xvfb") is None:
            raise Unavailable("installed, but Xvfb is not")
        # Both start, under Xvfb, but neither can be told from outside to subscribe to
        # 200 feeds and refresh them: no OPML import or refresh on the command line, and
        # their feed databases and settings are private formats of that release.
        raise Unavailable(f"{binary} {version} is installed and starts under Xvfb, but has "
                          "no command-line OPML import or refresh; driving it means writing "
                          "its private database and settings, not done in this benchmark")
    return run


GUI_PEERS: dict[str, Callable[[Farm, Path], list[Run]]] = {
    "RSS Guard": _gui_peer("rssguard", "4.0.4"),
    "QuiteRSS": _gui_peer("quiterss", "0.19.4"),
}


# ---------------------------------------------------------------------- report

_METRICS: tuple[tuple[str, Callable[[list[Run]], float], str], ...] = (
    ("cold refresh (s)", lambda runs: runs[0].wall, "{:.2f}"),
    ("cold refresh CPU (s)", lambda runs: runs[0].cpu, "{:.2f}"),
    ("second refresh (s)", lambda runs: runs[1].wall, "{:.2f}"),
    ("second refresh CPU (s)", lambda runs: runs[1].cpu, "{:.2f}"),
    ("304s on second refresh", lambda runs: runs[1].not_modified, "{:.0f}"),
    ("304s on third refresh", lambda runs: runs[2].not_modified if len(runs) > 2 else float("nan"),
     "{:.0f}"),
    ("peak RSS (MB)", lambda runs: max(r.peak_mb for r in runs), "{:.0f}"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-gui-peers", action="store_true")
    args = parser.parse_args()
    readers: dict[str, Callable[[Farm, Path], list[Run]]] = {"Desktop Reader": ours,
                                                             "newsboat": newsboat}
    if not args.no_gui_peers:
        readers.update(GUI_PEERS)
    results: dict[str, list[list[Run]]] = {name: [] for name in readers}
    missing: dict[str, str] = {}
    farm = Farm("--feeds", str(args.feeds), "--entries", str(args.entries), ttl=3600)
    try:
        print(f"Farm: {args.feeds} feeds x {args.entries} entries at {farm.base}; "
              f"{args.rounds} rounds")
        for round_number in range(args.rounds):
            # Alternate the order so no reader always runs on a warmer machine.
            order = list(readers) if round_number % 2 == 0 else list(reversed(readers))
            for name in order:
                if name in missing:
                    continue
                with tempfile.TemporaryDirectory() as tmp:
                    try:
                        results[name].append(readers[name](farm, Path(tmp)))
                    except Unavailable as exc:
                        missing[name] = str(exc)
                        continue
                runs = results[name][-1]
                print(f"  round {round_number + 1} {name}: " + ", ".join(
                    f"{r.wall:.2f} s / {r.cpu:.2f} CPU s / {r.not_modified} 304"
                    for r in runs), flush=True)
    finally:
        farm.stop()

    measured = [name for name in readers if results[name]]
    print(f"\nMedians over {args.rounds} rounds; ratio = Desktop Reader / peer "
          f"(below 1 means we use less). Load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores.\n")
    header = f"{'':26}{'Desktop Reader':>15}"
    for name in measured[1:]:
        header += f"{name:>12}{'ratio':>7}"
    print(header)
    for label, pick, fmt in _METRICS:
        values = {name: statistics.median(pick(runs) for runs in results[name])
                  for name in measured}
        line = f"{label:26}{fmt.format(values['Desktop Reader']):>15}"
        for name in measured[1:]:
            theirs = values[name]
            ratio = values["Desktop Reader"] / theirs if theirs and theirs == theirs else None
            line += f"{fmt.format(theirs):>12}{(f'{ratio:.2f}' if ratio else '-'):>7}"
        print(line.replace("nan", "-"))
    print(f"\nfeeds on the farm: {args.feeds}; newsboat 2.21 cannot read JSON Feed and sends no "
          "validators until its third reload (see the farm's README).")
    for name, reason in missing.items():
        print(f"{name}: not available ({reason})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
