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
PRELOAD = ["desktop_reader.core.pipeline.refresh", "desktop_reader.core.pipeline.pages"]


class CpuPool:
    """Runs `fn(*args)` in a worker process when the pool is on, else inline."""

    def __init__(self, jobs: int) -> None:
        self._pool: ProcessPoolExecutor | None = None
        workers = min(4, os.cpu_count() or 1)
        if jobs >= MIN_JOBS_FOR_PROCESSES and workers > 1:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        pool = self._pool
        if pool is not None:
            try:
                return pool.submit(fn, *args, **kwargs).result()
            except (BrokenProcessPool, RuntimeError):
                # A worker died (killed, out of memory) or the pool was closed on
                # cancel: do the work here rather than fail it.
                self._pool = None
        return fn(*args, **kwargs)

    def close(self, *, wait: bool = True) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=True)
            self._pool = None


def as_completed_until_cancelled(pool: ThreadPoolExecutor, jobs: Iterable[Callable[[], T]],
                                 cancel: CancelToken) -> Iterator[T]:
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


def as_completed_within(pool: ThreadPoolExecutor, jobs: Sequence[Callable[[], T]],
                        cancel: CancelToken, seconds: float,
                        late: Callable[[int], T]) -> Iterator[T]:
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
