"""CPU seconds and memory of a process and everything it started (Linux /proc).

getrusage misses worker processes that a multiprocessing forkserver starts: they are
the forkserver's children, not ours. A sampler thread follows /proc's lists of children
a few times a second and keeps, for every process descended from the root, the largest CPU time
and peak resident size seen; processes that live the whole phase (pool workers) are
counted exactly, short-lived ones up to their last sample.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a process, or None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICK


def _peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class TreeUsage:
    """Use as a context manager around the work to measure."""

    def __init__(
        self, root: int | None = None, *, exclude: tuple[int, ...] = (), interval: float = 0.25
    ) -> None:
        self.root = root or os.getpid()
        self.exclude = set(exclude)  # subtrees not to count (a server we started)
        self.interval = interval
        self._start: dict[int, float] = {}
        self._cpu: dict[int, float] = {}
        self._rss: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _descendants(self) -> dict[int, float]:
        """CPU seconds of the root and its descendants, found through each task's
        `children` list (cheap: the sampler must not cost what it measures)."""
        found: dict[int, float] = {}
        todo = [self.root]
        while todo:
            pid = todo.pop()
            stat = _stat(pid)
            if stat is None or pid in found:
                continue
            found[pid] = stat[1]
            try:
                tasks = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            for task in tasks:
                try:
                    children = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
                except OSError:
                    continue
                todo.extend(int(c) for c in children if int(c) not in self.exclude)
        return found

    def _sample(self, *, first: bool = False) -> None:
        for pid, seconds in self._descendants().items():
            # Processes alive at the start count from there; later ones from zero.
            self._start.setdefault(pid, seconds if first else 0.0)
            self._cpu[pid] = max(self._cpu.get(pid, 0.0), seconds)
            self._rss[pid] = max(self._rss.get(pid, 0.0), _peak_rss_mb(pid))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeUsage:
        self._sample(first=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def cpu_by_pid(self) -> dict[int, float]:
        """CPU used during the measured span, per process of the tree."""
        return {pid: self._cpu[pid] - self._start.get(pid, 0.0) for pid in self._cpu}

    def peak_rss_by_pid(self) -> dict[int, float]:
        return dict(self._rss)

    @property
    def cpu_seconds(self) -> float:
        """CPU used during the measured span by the root and its descendants."""
        return sum(self._cpu[pid] - self._start.get(pid, 0.0) for pid in self._cpu)

    @property
    def peak_rss_mb(self) -> float:
        """Largest peak resident size of any one process of the tree."""
        return max(self._rss.values(), default=0.0)

    @property
    def total_peak_rss_mb(self) -> float:
        """Sum of every process's peak: an upper bound for the tree's memory at once."""
        return sum(self._rss.values())
