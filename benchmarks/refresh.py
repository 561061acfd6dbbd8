"""Refresh benchmark: Desktop Reader against newsboat on the same feed farm, in one run.

    .venv/bin/python benchmarks/refresh.py [--feeds 200] [--entries 50] [--no-newsboat]
        [--no-window] [--cold-only]

Starts ../shared/feedfarm, imports its OPML through our CLI into a fresh data dir, then
measures: the cold refresh until every feed is stored and readable; the time until every
article page, story and image is stored (`complete_library`, what the app runs after a
refresh); requests per class and 304s from /_farm/stats; a second refresh with nothing
changed; each process's peak RSS. The real main window runs offscreen meanwhile, the work
on a worker thread as the app's tasks do: the GUI event loop's lateness and the time the
article list, the open story and a mark-read take are printed (`--no-window` skips it).
Where newsboat is installed it reloads the same farm (three times, so its conditional
GETs show) and the ratios are printed.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.peer_runs import Unavailable, newsboat_command  # noqa: E402
from benchmarks.proctree import TreeUsage  # noqa: E402
from desktop_reader.core import long_lived  # noqa: E402
from desktop_reader.core.changes import Changes, completion_changes, refresh_changes  # noqa: E402
from desktop_reader.core.fetch import Fetcher  # noqa: E402
from desktop_reader.core.pipeline import refresh, update  # noqa: E402
from desktop_reader.core.pipeline.library import Library  # noqa: E402
from desktop_reader.core.reader import Reader  # noqa: E402
from desktop_reader.core.storage import articles  # noqa: E402
from tests.feedfarm import Farm  # noqa: E402

T = TypeVar("T")


def _cli(data: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "desktop_reader", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return result.stdout


def _counts(stats: dict) -> str:  # type: ignore[type-arg]
    by_class = stats.get("by_class", {})
    return ", ".join(f"{k} {v}" for k, v in sorted(by_class.items()) if v)


class WindowProbe:
    """The real main window, offscreen, beside the work: event-loop lateness and the time
    the article list, the open story and a mark-read take while the pipeline runs.

    A 10 ms timer measures how late the GUI thread serves it. Every second the window does
    what a reader would: re-read the article list, mark an article read and unread again
    (a GUI-thread write, which must not wait on the writer); every 5 s it opens the top
    story. The
    tick right after such a probe is not counted as lateness: the probe is timed itself.
    """

    def __init__(self, library: Library) -> None:
        from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
        from PySide6.QtWidgets import QApplication

        from desktop_reader.ui.gui_thread import favour_gui_thread
        from desktop_reader.ui.main_window import MainWindow

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self._tmp = tempfile.TemporaryDirectory()
        settings = QSettings(str(Path(self._tmp.name) / "settings.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(library, settings=settings, refresh_minutes=0)
        self.window.resize(1280, 800)
        self.window.show()
        long_lived.freeze()  # as the app does once its window is made
        favour_gui_thread()
        self.lateness_ms: list[float] = []
        self.probes: dict[str, list[float]] = {
            "article list": [],
            "open story": [],
            "mark read (GUI write)": [],
            "apply changes": [],
        }
        self.cpu: dict[str, list[float]] = {name: [] for name in self.probes}
        self._clock = QElapsedTimer()
        self._last = 0.0
        self._skip = False
        self._probes = 0
        self._tick = QTimer()
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self._on_tick)
        self._probe = QTimer()
        self._probe.timeout.connect(self._on_probe)

    def _now(self) -> float:
        return self._clock.nsecsElapsed() / 1e6

    def _on_tick(self) -> None:
        now = self._now()
        if not self._skip:
            self.lateness_ms.append(max(0.0, now - self._last - 10.0))
        self._skip = False
        self._last = now

    def _timed(self, name: str, fn: Callable[[], object]) -> None:
        start, cpu = time.perf_counter(), time.thread_time()
        fn()
        self.probes[name].append((time.perf_counter() - start) * 1000)
        # The GUI thread's own CPU meanwhile: the rest of the wall time is waiting (for
        # the writer, the interpreter lock, or a core on a loaded machine).
        self.cpu[name].append((time.thread_time() - cpu) * 1000)
        self._skip = True

    def _on_probe(self) -> None:
        window = self.window
        self._probes += 1
        self._timed("article list", window.article_model.reload)
        row = window.article_model.article_row(0)
        if row is not None:
            self._timed(
                "mark read (GUI write)",
                lambda: (
                    window.reader.mark_read([row.id]),
                    window.reader.mark_read([row.id], False),
                ),
            )
        # Every 5 s, as before the story pane described in a task (then a story not
        # described was described on the GUI thread, and the probe became the workload).
        top = window.reader.top_headlines(limit=1) if self._probes % 5 == 0 else []
        if top:
            self._timed("open story", lambda: window.stories.pane.show_story(top[0].id))

    def open_until_described(self) -> tuple[float, float] | None:
        """Open the first Top Headline not described yet (the probes may have opened the
        top one) as a reader would right after the refresh: (ms until the pane shows it,
        ms until its summary is on screen), None without one."""
        window = self.window
        top = [
            row
            for row in window.reader.top_headlines(limit=50)
            if (detail := window.reader.story(row.id)) is not None and not detail.described
        ]
        if not top:
            return None
        pane = window.stories.pane
        start = time.perf_counter()
        pane.show_story(top[0].id)
        shown = (time.perf_counter() - start) * 1000
        while pane.describing:
            self.app.processEvents()
            time.sleep(0.002)
        self.app.processEvents()
        return shown, (time.perf_counter() - start) * 1000

    def apply(self, changes: Changes) -> None:
        self._timed("apply changes", lambda: self.window.changes.apply(changes))

    def run(self, work: Callable[[], T]) -> T:
        """`work()` on a worker thread (as the app's tasks run) while the window lives."""
        outcome: list[T] = []
        failure: list[BaseException] = []

        def target() -> None:
            try:
                outcome.append(work())
            except BaseException as exc:  # noqa: BLE001 - re-raised on the GUI thread
                failure.append(exc)

        thread = threading.Thread(target=target, name="benchmark-task")
        self._clock.start()
        self._last = self._now()
        self._tick.start(10)
        self._probe.start(1000)
        thread.start()
        while thread.is_alive():
            self.app.processEvents()
            thread.join(0.002)
        self._tick.stop()
        self._probe.stop()
        if failure:
            raise failure[0]
        return outcome[0]

    def close(self) -> None:
        self.window.close()
        self.app.processEvents()
        self._tmp.cleanup()


class GcPauses:
    """The collector's pauses (any thread: a collection stops every thread of the
    process) while the pipeline runs, from `gc.callbacks`: (generation, ms) each."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []
        self._start = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append((info["generation"], (time.perf_counter() - self._start) * 1000))

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def summary(self) -> str:
        long = [ms for _, ms in self.pauses if ms >= 5]
        full = [ms for gen, ms in self.pauses if gen == 2]
        return (
            f"{len(self.pauses)} collections, {len(long)} of 5 ms or more adding up to "
            f"{sum(long):.0f} ms; {len(full)} full (generation 2), longest "
            f"{max(full, default=0.0):.0f} ms; {len(gc.get_objects())} objects tracked, "
            f"{gc.get_freeze_count()} frozen"
        )


def run_ours(farm: Farm, work: Path, *, gui: bool, pages: bool = True) -> dict[str, Any]:
    data = work / "ours"
    opml = work / "farm.opml"
    opml.write_bytes(farm.get_bytes("/opml"))
    print(_cli(data, "import-opml", str(opml)).strip())
    library = Library.open(data)
    figures: dict[str, Any] = {}
    probe = WindowProbe(library) if gui else None
    pauses = GcPauses()
    figures["gc"] = pauses
    run = probe.run if probe is not None else (lambda fn: fn())
    with Fetcher() as fetcher:
        farm.reset_stats()
        start = time.perf_counter()
        with TreeUsage(exclude=(farm.process.pid,)) as usage, pauses:
            summary = run(lambda: refresh.refresh_feeds(library, fetcher))
        figures["cold"] = time.perf_counter() - start
        figures["cold_cpu"] = usage.cpu_seconds
        figures["cold_rss"] = usage.peak_rss_by_pid()
        figures["cold_cpu_by_pid"] = usage.cpu_by_pid()
        if probe is not None:
            probe.apply(refresh_changes(summary))
        figures["articles"] = articles.count_articles(library.connect())
        figures["failed"] = sum(r.status.value in ("error", "gone") for r in summary.results)
        if not pages:
            return figures
        farm_cpu = farm.stats().get("cpu_s_since_reset", 0.0)
        start = time.perf_counter()
        with TreeUsage(exclude=(farm.process.pid,)) as usage, pauses:
            # What the app runs after storing feeds: pages, stories, images, icons.
            _, changed = run(
                lambda: update.complete_library(library, fetcher, per_host=None)
            )  # the farm is one host
        figures["pages"] = time.perf_counter() - start
        figures["pages_cpu"] = usage.cpu_seconds
        figures["pages_rss"] = usage.peak_rss_by_pid()
        if probe is not None:
            probe.apply(completion_changes(changed))
            figures["lateness"] = probe.lateness_ms
            figures["probes"] = probe.probes
            figures["probe_cpu"] = probe.cpu
            figures["open_top"] = probe.open_until_described()
        # What the app runs next, in a task of its own: the first Top Headlines described
        # ahead (the rest are described when opened).
        start = time.perf_counter()
        with TreeUsage(exclude=(farm.process.pid,)) as usage:
            reader = Reader(library)
            ahead = reader.describe_ahead()
            reader.close()
        figures["ahead"] = (time.perf_counter() - start, usage.cpu_seconds, len(ahead))
        if probe is not None:
            probe.close()
        stats = farm.stats()
        # The farm shares the cores: its CPU is reported apart, beside ours (this process
        # and its worker processes).
        figures["pages_farm_cpu"] = stats.get("cpu_s_since_reset", 0.0) - farm_cpu
        conn = library.connect()
        figures["pages_stored"] = conn.execute(
            "SELECT COUNT(*) FROM articles WHERE page_state = 'done'"
        ).fetchone()[0]
        figures["images_stored"] = conn.execute(
            "SELECT COUNT(*) FROM article_images WHERE sha256 IS NOT NULL"
        ).fetchone()[0]
        figures["stories"], figures["described"] = conn.execute(
            "SELECT COUNT(*), COUNT(summary_json) FROM stories"
        ).fetchone()
        print(f"  farm requests during cold refresh + pages: {_counts(stats)}")
        farm.reset_stats()
        start = time.perf_counter()
        refresh.refresh_feeds(library, fetcher)
        figures["second"] = time.perf_counter() - start
        stats = farm.stats()
        figures["second_304"] = stats.get("not_modified", {}).get("feed", 0)
        figures["second_requests"] = stats.get("by_class", {}).get("feed", 0)
    return figures


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _memory(label: str, by_pid: dict[int, float]) -> None:
    """Each process's peak and their sum (an upper bound: forked workers share pages)."""
    me = os.getpid()
    parts = sorted(by_pid.items(), key=lambda kv: (kv[0] != me, -kv[1]))
    listed = ", ".join(f"{'main' if pid == me else pid} {mb:.0f}" for pid, mb in parts)
    print(f"  peak RSS, {label}: sum {sum(by_pid.values()):.0f} MB ({listed})")


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
            after.ru_stime - before.ru_stime
        )
        figures[label + "_304"] = farm.stats().get("not_modified", {}).get("feed", 0)
    figures["rss"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--no-newsboat", action="store_true")
    parser.add_argument(
        "--no-window",
        action="store_true",
        help="run the pipeline without the offscreen main window beside it",
    )
    parser.add_argument(
        "--cold-only",
        action="store_true",
        help="stop after the cold refresh (no pages, no second refresh, no window)",
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    farm = Farm(
        "--feeds", str(args.feeds), "--entries", str(args.entries), "--warm-articles", ttl=1800
    )
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            print(
                f"Farm: {args.feeds} feeds x {args.entries} entries at {farm.base}; "
                f"load average {os.getloadavg()[0]:.1f}"
            )
            theirs = None if args.no_newsboat else run_newsboat(farm, work)
            ours = run_ours(
                farm, work, gui=not (args.no_window or args.cold_only), pages=not args.cold_only
            )
    finally:
        farm.stop()
    feeds = args.feeds
    print()
    print(f"{'':38}{'Desktop Reader':>16}{'newsboat':>12}{'ratio':>8}")

    def row(label: str, mine: float, other: float | None, unit: str = "s") -> None:
        other_text = f"{other:.2f}{unit}" if other is not None else "-"
        ratio = f"{mine / other:.2f}" if other else "-"
        print(f"{label:38}{mine:>15.2f}{unit}{other_text:>12}{ratio:>8}")

    row("cold refresh, feeds stored", ours["cold"], theirs["cold"] if theirs else None)
    row("cold refresh CPU (with workers)", ours["cold_cpu"], theirs["cold_cpu"] if theirs else None)
    if args.cold_only:
        row(
            "peak RSS, cold refresh (sum of tree)",
            sum(ours["cold_rss"].values()),
            theirs["rss"] if theirs else None,
            " MB",
        )
        by_pid = sorted(
            ours["cold_cpu_by_pid"].items(), key=lambda kv: (kv[0] != os.getpid(), -kv[1])
        )
        print(
            "  cold refresh CPU by process: "
            + ", ".join(
                f"{'main' if pid == os.getpid() else pid} {cpu:.2f} s"
                for pid, cpu in by_pid
                if cpu >= 0.01
            )
        )
        print(
            f"Articles stored: {int(ours['articles'])} ({int(ours['failed'])} feeds failed); "
            f"load average at the end: {os.getloadavg()[0]:.1f}"
        )
        return 0
    row("second refresh (nothing changed)", ours["second"], theirs["second"] if theirs else None)
    print(
        f"{'304s on second refresh':38}{int(ours['second_304']):>13}/{feeds}"
        f"{(str(int(theirs['second_304'])) + '/' + str(feeds)) if theirs else '-':>12}"
    )
    if theirs:
        print(
            f"{'304s on third refresh':38}{'-':>16}"
            f"{str(int(theirs['third_304'])) + '/' + str(feeds):>12}"
        )
    row(
        "peak RSS, cold refresh (sum of tree)",
        sum(ours["cold_rss"].values()),
        theirs["rss"] if theirs else None,
        " MB",
    )
    _memory("cold refresh", ours["cold_rss"])
    _memory("pages, stories, images", ours["pages_rss"])
    print()
    print(f"Articles stored: {int(ours['articles'])} ({int(ours['failed'])} feeds failed)")
    print(
        f"Pages + stories + images for all entries: {ours['pages']:.1f} s "
        f"({int(ours['pages_stored'])} pages, {int(ours['images_stored'])} images, "
        f"{ours['stories']} stories of which {ours['described']} described)"
    )
    print(
        f"  CPU in that phase: Desktop Reader {ours['pages_cpu']:.0f} s (with its worker "
        f"processes), the farm {ours['pages_farm_cpu']:.0f} s, on {os.cpu_count()} cores"
    )
    wall, cpu, count = ours["ahead"]
    print(
        f"Then {count} Top Headlines described ahead (a task after the refresh): "
        f"{wall:.1f} s, {cpu:.1f} CPU s"
    )
    if ours.get("open_top"):
        shown, summary = ours["open_top"]
        print(
            f"Opening the top story right after: shown in {shown:.0f} ms, its summary "
            f"on screen after {summary:.0f} ms (described in a task)"
        )
    if "lateness" in ours:
        late = ours["lateness"]
        print(
            f"Window during refresh and pages (offscreen): 10 ms timer late by p50 "
            f"{_percentile(late, 0.5):.1f} / p99 {_percentile(late, 0.99):.1f} / max "
            f"{max(late, default=0.0):.1f} ms over {len(late)} ticks"
        )
        for name, times in ours["probes"].items():
            if times:
                cpu = ours["probe_cpu"][name]
                print(
                    f"  {name}: p50 {_percentile(times, 0.5):.1f} / max {max(times):.1f} ms "
                    f"({len(times)} times); the GUI thread's CPU p50 "
                    f"{_percentile(cpu, 0.5):.1f} / max {max(cpu):.1f} ms"
                )
    print(f"Garbage collector during refresh and pages: {ours['gc'].summary()}")
    print(f"Load average at the end: {os.getloadavg()[0]:.1f}")
    print(
        "Targets: feeds stored <= newsboat; second refresh >= "
        f"{feeds - 1}/{feeds} 304; pages + stories + images for 10,000 entries <= 60 s; "
        "timer lateness p99 <= 50 ms, max <= 200 ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
