"""The CPU pool behind page extraction: one bad page must not move the rest of the run
into the app's own process (where it competes with the window for the interpreter)."""

import os

import pytest

from desktop_reader.core.pipeline.workers import CpuPool


def test_an_error_raised_by_the_work_reaches_the_caller_and_the_pool_stays_on() -> None:
    pool = CpuPool(jobs=100, min_jobs=1)
    try:
        assert pool.run(os.getpid) != os.getpid()
        # Deeply nested hostile HTML ends in a RecursionError, which is a RuntimeError:
        # it is the page's failure, not the pool's.
        with pytest.raises(RecursionError, match="nested too deep"):
            pool.run(exec, "raise RecursionError('nested too deep')")
        assert pool.run(os.getpid) != os.getpid()
    finally:
        pool.close()


def test_a_closed_pool_does_the_work_here() -> None:
    pool = CpuPool(jobs=100, min_jobs=1)
    pool.close()
    assert pool.run(os.getpid) == os.getpid()
