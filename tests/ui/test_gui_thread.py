"""The GUI thread is not kept waiting for the interpreter by a worker busy in Python:
every repaint calls into Python hundreds of times, and each call waits for its turn."""

from __future__ import annotations

import statistics
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from desktop_reader.ui.gui_thread import favour_gui_thread


@pytest.fixture
def restored_switch_interval() -> Iterator[None]:
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


# Qt's own work between two calls into Python (laying out, painting a cell).
_QT_WORK_S = 0.0003


def _waits_beside_busy_worker(rounds: int = 200) -> list[float]:
    """Milliseconds this thread waited to run Python again after letting go of the
    interpreter, as the GUI thread does around each call from Qt, with a worker busy."""
    stop = threading.Event()
    started = threading.Event()

    def busy() -> None:
        started.set()
        count = 0
        while not stop.is_set():
            count += 1

    worker = threading.Thread(target=busy, daemon=True)
    worker.start()
    started.wait()
    waits = []
    try:
        for _ in range(rounds):
            start = time.perf_counter()
            time.sleep(_QT_WORK_S)  # without the interpreter, as Qt's own work runs
            waits.append((time.perf_counter() - start - _QT_WORK_S) * 1000)
    finally:
        stop.set()
        worker.join()
    return waits


def test_the_gui_thread_gets_the_interpreter_back_within_a_millisecond_or_so(
    restored_switch_interval: None,
) -> None:
    sys.setswitchinterval(0.005)  # Python's default
    slow = statistics.median(_waits_beside_busy_worker())
    favour_gui_thread()
    fast = statistics.median(_waits_beside_busy_worker())
    # By default a busy worker keeps the interpreter ~5 ms each time: a repaint of a
    # list (hundreds of calls) then took hundreds of milliseconds.
    assert fast < 2.0, (slow, fast)
    assert fast < slow / 2, (slow, fast)
