"""Search-as-you-type off the GUI thread.

Each search runs in a task on a read-only connection of its own: a one-letter prefix
over a large library takes long enough (90 ms at 10,000 articles, more beyond) to
freeze typing if it ran on the GUI thread. A newer keystroke supersedes whatever is
running: its query is interrupted and, should it still finish, its results are
dropped (a generation counter), so the list never shows results for words the user
has already typed over.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader, SearchInterrupted
from desktop_reader.core.values import ArticleRow, Cancelled, StorageError
from desktop_reader.ui.models.reader_list import SEARCH_LIMIT
from desktop_reader.ui.tasks import TaskContext, TaskRunner, user_message

# Two threads: a superseded query still winding down never delays the newest one.
SEARCH_THREADS = 2


class BackgroundSearch(QObject):
    sig_found = Signal(str, object, object)  # words, feed ids (None: every feed), rows
    sig_failed = Signal(str)  # a message fit for the user

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = TaskRunner(library, self, SEARCH_THREADS)
        self.generation = 0  # bumped by every keystroke; only the newest search may show
        self._lock = threading.Lock()
        self._running: dict[int, Reader] = {}  # generation -> its reader
        app = QCoreApplication.instance()
        if app is not None:  # quitting never waits for a long search to end by itself
            app.aboutToQuit.connect(self.shutdown)

    def supersede(self) -> None:
        """The words changed: whatever is running or queued is no longer wanted."""
        self.generation += 1
        with self._lock:
            for reader in self._running.values():
                reader.interrupt()  # thread-safe; the query stops with "interrupted"

    def start(self, words: str, feed_ids: Sequence[int] | None) -> int:
        """Search for `words` in these feeds (None: every feed); returns its generation."""
        self.supersede()
        generation = self.generation
        scope = tuple(feed_ids) if feed_ids is not None else None
        library = self._runner.library

        def work(_ctx: TaskContext) -> tuple[int, str, tuple[int, ...] | None, list[ArticleRow]]:
            if generation != self.generation:  # superseded while queued
                raise Cancelled("Superseded")
            reader = Reader(library, readonly=True)
            with self._lock:
                self._running[generation] = reader
            try:
                if generation != self.generation:
                    raise Cancelled("Superseded")
                rows = reader.search(words, scope, limit=SEARCH_LIMIT)
            except StorageError as exc:
                if generation != self.generation or isinstance(exc, SearchInterrupted):
                    raise Cancelled("Superseded") from exc
                raise
            finally:
                with self._lock:
                    self._running.pop(generation, None)
                reader.close()
            return generation, words, scope, rows

        self._runner.start(
            "search",
            work,
            on_finished=self._finished,
            on_failed=lambda error: self._failed(generation, error),
        )
        return generation

    def _finished(self, result: Any) -> None:
        generation, words, scope, rows = result
        if generation == self.generation:
            self.sig_found.emit(words, scope, rows)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self.generation:
            self.sig_failed.emit(user_message(error))

    def busy(self) -> bool:
        return bool(self._runner.active())

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Interrupt and wait (bounded) for running searches, e.g. when the window closes."""
        self.supersede()
        return self._runner.shutdown(timeout_ms)
