"""Background work's one front door: core functions run in a thread pool.

A task's callable gets a `TaskContext` (a `Reader` of its own thread, a cancel token, a
progress callback) and never touches widgets. Its outcome arrives on the GUI thread,
typed: `on_finished(T)` with the callable's return value, or `on_failed(BaseException)`
with what it raised (`user_message()` words it for the user). Cancelling has one way in,
`Task.cancel()`, and one way out: `on_cancelled()` — a cancelled task never reports a
failure. The signal object lives in the GUI thread, so Qt queues each emission to it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from desktop_reader.core.values import Cancelled, ReaderError

log = logging.getLogger(__name__)

T = TypeVar("T")


class TaskContext:
    """What a task's callable may use: a reader of its own, cancel, progress."""

    def __init__(
        self, library: Library, cancel: CancelToken, progress: Callable[[Any], None]
    ) -> None:
        self.library = library
        self.cancel = cancel
        self.progress = progress
        self._reader: Reader | None = None

    @property
    def reader(self) -> Reader:
        """Opened on first use, in the worker thread (SQLite connections are per thread)."""
        if self._reader is None:
            self._reader = Reader(self.library)
        return self._reader

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None


class _TaskSignals(QObject):
    sig_progress = Signal(object)
    sig_finished = Signal(object)  # T
    sig_failed = Signal(object)  # the exception raised
    sig_cancelled = Signal()


def user_message(exc: BaseException) -> str:
    """Our own errors already speak plainly; anything else is a bug, said so briefly."""
    if isinstance(exc, ReaderError):
        return str(exc) or type(exc).__name__
    return f"Something went wrong ({type(exc).__name__}: {exc})."


class Task(QRunnable, Generic[T]):
    """One unit of background work. Create on the GUI thread, start with TaskRunner."""

    def __init__(self, name: str, library: Library, fn: Callable[[TaskContext], T]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its outcome is delivered
        self.name = name
        self.library = library
        self.cancel_token = CancelToken()
        self._fn = fn
        self._signals = _TaskSignals()
        self._done = threading.Event()
        self.cancelled = False

    @property
    def sig_progress(self) -> Any:
        return self._signals.sig_progress

    @property
    def sig_finished(self) -> Any:
        return self._signals.sig_finished

    @property
    def sig_failed(self) -> Any:
        return self._signals.sig_failed

    @property
    def sig_cancelled(self) -> Any:
        return self._signals.sig_cancelled

    def cancel(self) -> None:
        """Ask the work to stop (it checks `ctx.cancel`); `on_cancelled` follows."""
        self.cancel_token.cancel()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def run(self) -> None:  # worker thread
        context = TaskContext(self.library, self.cancel_token, self._signals.sig_progress.emit)
        try:
            result = self._fn(context)
        except Cancelled:
            self.cancelled = True
            self._signals.sig_cancelled.emit()
        except BaseException as exc:  # a task must never kill the app
            if not isinstance(exc, ReaderError):
                log.exception("task %s failed", self.name)
            self._signals.sig_failed.emit(exc)
        else:
            self._signals.sig_finished.emit(result)
        finally:
            context.close()
            self._done.set()


class TaskRunner(QObject):
    """Starts tasks, keeps them alive until they end, cancels them all on quit."""

    sig_busy_changed = Signal(bool)

    def __init__(
        self, library: Library, parent: QObject | None = None, max_threads: int = 3
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._active: list[Task[Any]] = []

    def start(
        self,
        name: str,
        fn: Callable[[TaskContext], T],
        *,
        on_finished: Callable[[T], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
    ) -> Task[T]:
        task: Task[T] = Task(name, self.library, fn)
        if on_progress:
            task.sig_progress.connect(on_progress)
        if on_finished:
            task.sig_finished.connect(on_finished)
        if on_failed:
            task.sig_failed.connect(on_failed)
        if on_cancelled:
            task.sig_cancelled.connect(on_cancelled)
        # Connected last so the caller's handlers run before the task is let go.
        task.sig_finished.connect(lambda _result, t=task: self._forget(t))
        task.sig_failed.connect(lambda _error, t=task: self._forget(t))
        task.sig_cancelled.connect(lambda t=task: self._forget(t))
        self._active.append(task)
        if len(self._active) == 1:
            self.sig_busy_changed.emit(True)
        self.pool.start(task)
        return task

    def _forget(self, task: Task[Any]) -> None:
        if not isValid(self):
            return  # the window (and this runner) closed before a late task ended
        if task in self._active:
            self._active.remove(task)
            if not self._active:
                self.sig_busy_changed.emit(False)

    def active(self, name: str | None = None) -> list[Task[Any]]:
        return [t for t in self._active if name is None or t.name == name]

    def cancel_all(self) -> None:
        for task in self._active:
            task.cancel()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """On quit: cancel everything, then wait (bounded). True if all stopped in time."""
        self.cancel_all()
        self.pool.clear()  # tasks not started yet never start
        return self.pool.waitForDone(timeout_ms)
