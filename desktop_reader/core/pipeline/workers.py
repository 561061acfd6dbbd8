"""A small process pool for CPU-bound steps (page extraction, image checks).

readability and lxml hold the GIL for most of their work, so threads alone run
extraction on one core. Fetching stays on threads; each thread hands its CPU step to
this pool and waits. Small batches skip the pool: starting processes costs more than
it saves. The pool uses `forkserver`, never `fork`, because the calling process has
threads (and, in the app, Qt) that a forked child must not inherit.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from desktop_reader.core.pipeline.cancel import CancelToken

T = TypeVar("T")

#: Below this many jobs, CPU steps run on the calling thread.
MIN_JOBS_FOR_PROCESSES = 40
#: Imported once by the fork server, so each worker starts with them loaded instead of
#: importing them itself (a few hundred milliseconds of CPU per worker).
PRELOAD = [
    "desktop_reader.core.pipeline.refresh",
    "desktop_reader.core.pipeline.pages",
    "desktop_reader.core.pipeline.stories",
]


class CpuPool:
    """Runs `fn(*args)` in a worker process when the pool is on, else inline."""

    def __init__(self, jobs: int, *, min_jobs: int = MIN_JOBS_FOR_PROCESSES) -> None:
        self._pool: ProcessPoolExecutor | None = None
        workers = min(4, os.cpu_count() or 1)
        if jobs >= min_jobs and workers > 1:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        pool = self._pool
        if pool is not None:
            try:
                future = pool.submit(fn, *args, **kwargs)
            except (BrokenProcessPool, RuntimeError):
                # The pool was closed on cancel, or a worker died: do the work here.
                self._pool = None
            else:
                try:
                    return future.result()
                except BrokenProcessPool:
                    self._pool = None  # a worker died (killed, out of memory)
                # Anything else is fn's own error (a RecursionError on a hostile page is
                # a RuntimeError): it goes to the caller, and the pool stays on.
        return fn(*args, **kwargs)

    def map(
        self, fn: Callable[..., T], calls: Iterable[tuple[Any, ...]], *, ahead: int = 8
    ) -> Iterator[T]:
        """`fn(*args)` for each args tuple, results in order; at most `ahead` in flight.

        The caller's thread keeps feeding and storing while the processes compute, and
        `calls` is read lazily, so no more than `ahead` inputs are held at once.
        """
        pending: deque[tuple[Future[T] | None, tuple[Any, ...]]] = deque()
        for args in calls:
            pending.append((self._submit(fn, args), args))
            if len(pending) >= ahead:
                yield self._result(fn, *pending.popleft())
        while pending:
            yield self._result(fn, *pending.popleft())

    def _submit(self, fn: Callable[..., T], args: tuple[Any, ...]) -> Future[T] | None:
        pool = self._pool
        if pool is None:
            return None
        try:
            return pool.submit(fn, *args)
        except (BrokenProcessPool, RuntimeError):
            self._pool = None
            return None

    def _result(self, fn: Callable[..., T], future: Future[T] | None, args: tuple[Any, ...]) -> T:
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool:
                self._pool = None  # a worker died: the rest runs here
        return fn(*args)

    def close(self, *, wait: bool = True) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None


def as_completed_until_cancelled(
    pool: ThreadPoolExecutor, jobs: Iterable[Callable[[], T]], cancel: CancelToken
) -> Iterator[T]:
    """Run jobs on a thread pool, yielding results as they complete, until cancelled.

    The loop refresh (feeds) and pages (pages, images) share: results are stored as they
    arrive, and a cancel stops handing them out at once; jobs not started are dropped.
    """
    pending: set[Future[T]] = {pool.submit(job) for job in jobs}
    while pending and not cancel.cancelled:
        done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()
    for future in pending:
        future.cancel()


def as_completed_within(
    pool: ThreadPoolExecutor,
    jobs: Sequence[Callable[[], T]],
    cancel: CancelToken,
    seconds: float,
    late: Callable[[int], T],
) -> Iterator[T]:
    """`as_completed_until_cancelled` where no job may hold the loop: a job running for
    `seconds` is given up, `late(its index)` standing in for its result at once.

    The job's thread runs on until its own timeouts end it (Python cannot stop a
    thread); its result is dropped. Time queued before a job starts does not count.
    """
    started: dict[int, float] = {}

    def timed(index: int, job: Callable[[], T]) -> T:
        started[index] = time.monotonic()
        return job()

    futures = {pool.submit(timed, i, job): i for i, job in enumerate(jobs)}
    pending = set(futures)
    while pending and not cancel.cancelled:
        done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()
        now = time.monotonic()
        overdue = [f for f in pending if now - started.get(futures[f], now) >= seconds]
        for future in overdue:
            pending.discard(future)
            yield late(futures[future])
    for future in pending:
        future.cancel()


class FetchPool:
    """Fetching threads and the CPU pool they hand parsing to, as one unit.

    The shape refresh (feeds) and pages (pages, images) share: jobs fetch on threads,
    run their CPU step in `cpu`, and the caller stores results as they come. On leaving,
    a cancelled pool, or one that gave up a job at its deadline, drops what has not
    started and waits for nothing.
    """

    def __init__(self, jobs: int, cancel: CancelToken, *, name: str, threads: int) -> None:
        self.cpu = CpuPool(jobs)
        self._cancel = cancel
        self._threads = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=name)
        self._gave_up = False

    def results(self, jobs: Iterable[Callable[[], T]]) -> Iterator[T]:
        """Each job's result as it completes, until the run is cancelled."""
        return as_completed_until_cancelled(self._threads, jobs, self._cancel)

    def results_within(
        self, jobs: Sequence[Callable[[], T]], seconds: float, late: Callable[[int], T]
    ) -> Iterator[T]:
        """`results`, but a job running for `seconds` is given up: `late(its index)`
        stands in for it (see `as_completed_within`)."""

        def given_up(index: int) -> T:
            self._gave_up = True
            return late(index)

        return as_completed_within(self._threads, jobs, self._cancel, seconds, given_up)

    def __enter__(self) -> FetchPool:
        return self

    def __exit__(self, *exc: object) -> None:
        # In-flight fetches end by their own timeouts; nothing waits for them (nor for a
        # fetch given up at its deadline).
        wait = not self._cancel.cancelled and not self._gave_up
        self._threads.shutdown(wait=wait, cancel_futures=True)
        self.cpu.close(wait=wait)
