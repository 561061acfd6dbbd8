"""Peers benchmark: our refresh beside newsboat, RSS Guard and QuiteRSS on one farm.

    .venv/bin/python benchmarks/peers.py [--feeds 200] [--entries 50] [--rounds 3]
                                         [--no-gui-peers]

Every reader runs as a subprocess on the same feedfarm in the same run, so the
process model is the same for all: ours is `python -m desktop_reader --data-dir D
refresh --feeds-only -q`. Per run: wall time, CPU seconds (getrusage(RUSAGE_CHILDREN)
before/after, plus the worker processes a reader starts but does not wait for, sampled
from /proc by proctree.py), peak RSS (the rusage os.wait4 returns for that one child,
plus each such worker's peak) and the 304s the farm served. Each round uses fresh data
dirs; figures are medians over --rounds rounds.

The GUI readers (RSS Guard, QuiteRSS) have no command-line refresh. Where installed,
each runs on a private Xvfb display with a private HOME, gets the farm's feeds written
into its own database after a first (unmeasured) start, and is launched twice with
"update feeds on start-up": cold, then again. A refresh counts from launch until the
farm has served every feed and neither it nor the reader's database has changed for
1.5 s (so it includes the reader's start-up); CPU and peak memory (VmHWM) are read from
/proc before the reader is stopped (peer_gui.py). When a reader cannot be driven,
the reason is printed instead of figures.
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import peer_quiterss
import peer_rssguard
from peer_gui import Display
from peer_runs import ROOT, Farm, Run, Unavailable, feed_counts, newsboat_command
from proctree import TreeUsage


def run_process(farm: Farm, command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run one reader process to completion on the farm and measure it."""
    farm.reset_stats()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    with TreeUsage(root=process.pid) as tree:
        _pid, _status, usage = os.wait4(process.pid, 0)
        process.returncode = 0  # reaped by wait4; keep Popen from waiting again
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # Processes the reader started that it did not wait for (our forkserver's workers)
    # escape RUSAGE_CHILDREN: add what the /proc sampler saw of them, memory included.
    others = {pid: seconds for pid, seconds in tree.cpu_by_pid().items() if pid != process.pid}
    cpu += sum(others.values())
    rss = usage.ru_maxrss / 1024 + sum(tree.peak_rss_by_pid()[pid] for pid in others)
    requests, not_modified = feed_counts(farm)
    return Run(wall, cpu, rss, requests, not_modified)


# ---------------------------------------------------------------------- command-line readers


def ours(farm: Farm, work: Path) -> list[Run]:
    data = work / "ours"
    opml = work / "farm.opml"
    opml.write_bytes(farm.get_bytes("/opml"))
    subprocess.run(
        [sys.executable, "-m", "desktop_reader", "--data-dir", str(data), "import-opml", str(opml)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    command = [
        sys.executable,
        "-m",
        "desktop_reader",
        "--data-dir",
        str(data),
        "refresh",
        "--feeds-only",
        "-q",
    ]
    return [run_process(farm, command) for _ in range(2)]


def newsboat(farm: Farm, work: Path) -> list[Run]:
    command, env = newsboat_command(farm, work)
    # Three reloads: newsboat keeps no validators from its first download (farm README).
    return [run_process(farm, command, env=env) for _ in range(3)]


# ---------------------------------------------------------------------- GUI readers

GUI_PEERS = {peer_rssguard.NAME: peer_rssguard.run, peer_quiterss.NAME: peer_quiterss.run}


def _unavailable(reason: str) -> Callable[[Farm, Path], list[Run]]:
    def run(farm: Farm, work: Path) -> list[Run]:
        raise Unavailable(reason)

    return run


def _version(package: str) -> str:
    """The installed Debian package's version, for the footnotes."""
    if shutil.which("dpkg-query") is None:
        return ""
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
    )
    return done.stdout.split("+")[0] if done.returncode == 0 else ""


# ---------------------------------------------------------------------- report

_METRICS: tuple[tuple[str, Callable[[list[Run]], float], str], ...] = (
    ("cold refresh (s)", lambda runs: runs[0].wall, "{:.2f}"),
    ("cold refresh CPU (s)", lambda runs: runs[0].cpu, "{:.2f}"),
    ("second refresh (s)", lambda runs: runs[1].wall, "{:.2f}"),
    ("second refresh CPU (s)", lambda runs: runs[1].cpu, "{:.2f}"),
    ("304s on second refresh", lambda runs: runs[1].not_modified, "{:.0f}"),
    (
        "304s on third refresh",
        lambda runs: runs[2].not_modified if len(runs) > 2 else float("nan"),
        "{:.0f}",
    ),
    ("peak RSS (MB)", lambda runs: max(r.peak_mb for r in runs), "{:.0f}"),
)


def _cell(value: float, fmt: str) -> str:
    return "-" if math.isnan(value) else fmt.format(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-gui-peers", action="store_true")
    args = parser.parse_args()
    readers: dict[str, Callable[[Farm, Path], list[Run]]] = {
        "Desktop Reader": ours,
        "newsboat": newsboat,
    }
    missing: dict[str, str] = {}
    with ExitStack() as resources:
        farm = Farm("--feeds", str(args.feeds), "--entries", str(args.entries), ttl=3600)
        resources.callback(farm.stop)
        if not args.no_gui_peers:
            try:
                display = resources.enter_context(Display()).name
                readers.update(
                    {
                        name: functools.partial(drive, display=display)
                        for name, drive in GUI_PEERS.items()
                    }
                )
            except Unavailable as exc:
                readers.update({name: _unavailable(str(exc)) for name in GUI_PEERS})
        results: dict[str, list[list[Run]]] = {name: [] for name in readers}
        print(
            f"Farm: {args.feeds} feeds x {args.entries} entries at {farm.base}; "
            f"{args.rounds} rounds"
        )
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
                print(
                    f"  round {round_number + 1} {name}: "
                    + ", ".join(
                        f"{r.wall:.2f} s / {r.cpu:.2f} CPU s / {r.not_modified} 304"
                        + (f" / {r.articles} articles stored" if r.articles is not None else "")
                        for r in runs
                    ),
                    flush=True,
                )

    measured = [name for name in readers if results[name]]
    print(
        f"\nMedians over {args.rounds} rounds; ratio = Desktop Reader / peer "
        f"(below 1 means we use less). Load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores.\n"
    )
    header = f"{'':26}{'Desktop Reader':>15}"
    for name in measured[1:]:
        header += f"{name:>12}{'ratio':>7}"
    print(header)
    for label, pick, fmt in _METRICS:
        values = {
            name: statistics.median(pick(runs) for runs in results[name]) for name in measured
        }
        line = f"{label:26}{_cell(values['Desktop Reader'], fmt):>15}"
        for name in measured[1:]:
            theirs = values[name]
            ratio = values["Desktop Reader"] / theirs if theirs else math.nan
            line += f"{_cell(theirs, fmt):>12}{_cell(ratio, '{:.2f}'):>7}"
        print(line)
    print(
        f"\nfeeds on the farm: {args.feeds}; newsboat 2.21 cannot read JSON Feed and sends no "
        "validators until its third reload (see the farm's README)."
    )
    for name, package in (("RSS Guard", "rssguard"), ("QuiteRSS", "quiterss")):
        if results.get(name):
            cpu = statistics.median(r.helpers_cpu for runs in results[name] for r in runs)
            peak = statistics.median(r.helpers_peak_mb for runs in results[name] for r in runs)
            helpers = (
                f"; the helper processes it starts (QtWebEngine) add {cpu:.2f} CPU s "
                f"and {peak:.0f} MB a run (medians), not in the table"
                if peak
                else ""
            )
            print(
                f"{name} {_version(package)}: timed from launch (its start-up included); "
                f"CPU and peak RSS of its main process{helpers}."
            )
    for name, reason in missing.items():
        print(f"{name}: not available ({reason})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
