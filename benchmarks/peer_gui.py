"""Drive a GUI feed reader headless, the way a user would, and measure one refresh.

Neither RSS Guard nor QuiteRSS can be told on the command line to refresh and quit.
So each runs on a private Xvfb display with a private HOME and XDG directories (the
machine's own settings are never read or touched), is set to update every feed at
start-up, and is watched from outside: the refresh is over once the farm has served
every feed and neither the farm's counters nor the reader's own database (read-only)
have changed for QUIET seconds. Its wall time runs from launch to the last change seen,
so it includes the reader's start-up. CPU and peak memory come from /proc while the
reader still runs; helper processes it spawned (QtWebEngine) are reported apart.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from peer_runs import Farm, Run, Unavailable, feed_counts

QUIET = 1.5  # seconds without change that mean the refresh is over
POLL = 0.05
TIMEOUT = 600.0
_TICKS = os.sysconf("SC_CLK_TCK")


class Display:
    """A private Xvfb display for the length of a `with` block."""

    def __init__(self) -> None:
        if shutil.which("Xvfb") is None:
            raise Unavailable("Xvfb is not installed (apt-get install xvfb)")
        read_end, write_end = os.pipe()
        # -displayfd: Xvfb picks a free display number and writes it to the pipe.
        self.process = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        if not number.isdigit():
            self.close()
            raise Unavailable("Xvfb did not start")
        self.name = f":{number}"

    def __enter__(self) -> Display:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def private_env(home: Path, display: str) -> dict[str, str]:
    """An environment that points every Qt/XDG location into `home`."""
    runtime = home / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "DISPLAY": display,
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "LANG": "C.UTF-8",
        # Chromium refuses its sandbox as root; RSS Guard's article view is QtWebEngine.
        "QTWEBENGINE_DISABLE_SANDBOX": "1",
    }


@dataclass
class Usage:
    cpu: float  # seconds, the reader's own process
    peak_mb: float  # its VmHWM
    helpers_cpu: float  # processes it spawned, summed
    helpers_peak_mb: float


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def usage(pid: int) -> Usage:
    helpers_cpu = helpers_peak = 0.0
    for child in descendants(pid):
        try:
            helpers_cpu += _cpu_seconds(child)
            helpers_peak += _peak_mb(child)
        except OSError:
            continue  # ended meanwhile
    return Usage(_cpu_seconds(pid), _peak_mb(pid), helpers_cpu, helpers_peak)


def db_count(path: Path, sql: str) -> object:
    """One read-only query; 'busy' while the reader holds its write lock."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.2)) as conn:
            return conn.execute(sql).fetchone()
    except sqlite3.Error:
        return "busy"


class App:
    """One launch of a GUI reader; `stop()` ends it and any helper it left."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path) -> None:
        self.name = name
        self._log = log.open("ab")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, env=env, cwd=env["HOME"], stdout=self._log, stderr=subprocess.STDOUT
        )

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise Unavailable(
                f"{self.name} exited (code {self.process.returncode}) before its refresh was over"
            )

    def stop(self) -> None:
        helpers = descendants(self.process.pid)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        for pid in helpers:  # only processes this launch spawned
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self._log.close()


def wait_for(app: App, ready: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Wait (not measured) until `ready()`, e.g. until a first start has made its database."""
    deadline = time.perf_counter() + timeout
    while not ready():
        app.check_alive()
        if time.perf_counter() > deadline:
            raise Unavailable(f"{app.name} did not {what} within {timeout:.0f} s")
        time.sleep(0.2)
    time.sleep(1.0)  # let it finish what it was writing before it is stopped


def measure_refresh(app: App, farm: Farm, feeds: int, signature: Callable[[], object]) -> Run:
    """Watch a launched reader until its refresh has settled; measure it (see module doc)."""
    last: object = None
    last_change = app.started
    next_db_poll = 0.0
    app_state: object = None
    while True:
        app.check_alive()
        requests, not_modified = feed_counts(farm)
        now = time.perf_counter()
        if now >= next_db_poll:  # the database less often: each read takes a shared lock
            app_state, next_db_poll = signature(), now + 0.2
        state = (requests, app_state)
        if state != last:
            last, last_change = state, now
        if requests >= feeds and now - last_change >= QUIET:
            spent = usage(app.process.pid)
            return Run(
                last_change - app.started,
                spent.cpu,
                spent.peak_mb,
                requests,
                not_modified,
                spent.helpers_cpu,
                spent.helpers_peak_mb,
            )
        if now - app.started > TIMEOUT:
            raise Unavailable(f"{app.name} fetched {requests} of {feeds} feeds in {TIMEOUT:.0f} s")
        time.sleep(POLL)
