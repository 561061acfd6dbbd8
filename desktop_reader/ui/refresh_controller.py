"""Refreshing from the GUI: one refresh at a time, in tasks, then pages in the background.

Stage one (`refresh_feeds`) stores the feeds' entries; stage two (`complete_library`)
fetches article pages, groups articles into stories, then fetches images. The window redraws after
each stage, and each feed's row as soon as its own result is stored
(`sig_feed_stored`); neither stage ever runs on the GUI thread. A timer refreshes every
`interval_minutes` (30 by default).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_reader.core.changes import Changes
from desktop_reader.core.reader import open_fetcher
from desktop_reader.core.values import RefreshProgress, RefreshSummary
from desktop_reader.ui.tasks import Task, TaskContext, TaskRunner, user_message

if TYPE_CHECKING:
    # The network stack (httpx, feedparser, readability…) loads on first refresh,
    # not at start-up: it costs about a second before the first paint.
    from desktop_reader.core.values import Fetcher

DEFAULT_INTERVAL_MINUTES = 30


class RefreshController(QObject):
    sig_started = Signal(object)  # tuple of feed ids, or None for every feed
    sig_progress = Signal(object)  # RefreshProgress
    sig_feed_stored = Signal(int)  # this feed's result is stored (its row can update)
    sig_feeds_stored = Signal(object)  # RefreshSummary: feeds done, pages may follow
    sig_pages_stored = Signal(int)  # articles whose page was stored (stories are current)
    sig_completed = Signal(object)  # the Changes of that stage (pages, stories, images)
    sig_finished = Signal(str)  # a one-line outcome for the status bar
    sig_failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        parent: QObject | None = None,
        interval_minutes: int = DEFAULT_INTERVAL_MINUTES,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._fetcher: Fetcher | None = None
        self._feeds_task: Task[RefreshSummary] | None = None
        self._pages_task: Task[tuple[int, Changes]] | None = None
        self._ahead_task: Task[list[int]] | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.refresh())
        self.set_interval(interval_minutes)

    def set_interval(self, minutes: int) -> None:
        """Minutes between automatic refreshes; 0 turns the timer off."""
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:  # created on first use: a window that never refreshes needs none
            self._fetcher = open_fetcher()
        return self._fetcher

    @property
    def busy(self) -> bool:
        return self._feeds_task is not None

    def refresh(self, feed_ids: Sequence[int] | None = None) -> bool:
        """Start refreshing (every feed, or these); False if a refresh is already running."""
        if self._feeds_task is not None:
            return False
        if self._pages_task is not None:
            self._pages_task.cancel()  # pages resume after this refresh
        if self._ahead_task is not None:
            self._ahead_task.cancel()  # never beside a refresh: it starts again after it
        fetcher = self.fetcher
        ids = tuple(feed_ids) if feed_ids is not None else None

        def work(ctx: TaskContext) -> RefreshSummary:
            return ctx.reader.refresh(fetcher, ids, progress=ctx.progress, cancel=ctx.cancel)

        self._feeds_task = self._runner.start(
            "refresh",
            work,
            on_progress=self._progress,
            on_finished=self._feeds_done,
            on_failed=self._feeds_failed,
            on_cancelled=self._feeds_cancelled,
        )
        self.sig_started.emit(ids)
        return True

    def _progress(self, progress: RefreshProgress) -> None:
        self.sig_progress.emit(progress)
        if isinstance(progress, RefreshProgress) and progress.feed_id is not None:
            self.sig_feed_stored.emit(progress.feed_id)

    def cancel(self) -> None:
        for task in (self._feeds_task, self._pages_task, self._ahead_task):
            if task is not None:
                task.cancel()

    def stored(self, summary: RefreshSummary) -> None:
        """Feeds stored outside a refresh (a subscription stored from its lookup): told
        as a refresh's are, then their pages fetched (after a running refresh's feeds)."""
        self._report(summary)
        if not summary.cancelled and self._feeds_task is None:
            self._start_pages()

    def _feeds_done(self, summary: RefreshSummary) -> None:
        self._feeds_task = None
        self._report(summary)
        if not summary.cancelled:
            self._start_pages()

    def _report(self, summary: RefreshSummary) -> None:
        self.sig_feeds_stored.emit(summary)
        self.sig_finished.emit(outcome_text(summary))

    def _feeds_failed(self, error: BaseException) -> None:
        self._feeds_task = None
        self.sig_failed.emit(f"Refresh failed: {user_message(error)}")

    def _feeds_cancelled(self) -> None:
        self._feeds_task = None
        self.sig_failed.emit("Refresh failed: Cancelled.")

    def _start_pages(self) -> None:
        if self._pages_task is not None:
            return
        fetcher = self.fetcher

        def work(ctx: TaskContext) -> tuple[int, Changes]:
            return ctx.reader.complete(fetcher, cancel=ctx.cancel)

        def finished(result: tuple[int, Changes]) -> None:
            self._pages_task = None
            count, changes = result
            self.sig_completed.emit(changes)  # the window redraws before others react
            self.sig_pages_stored.emit(count)
            self._describe_ahead()

        def failed(error: BaseException) -> None:
            self._pages_task = None
            self.sig_failed.emit(f"Downloading articles failed: {user_message(error)}")

        def cancelled() -> None:
            self._pages_task = None

        self._pages_task = self._runner.start(
            "pages", work, on_finished=finished, on_failed=failed, on_cancelled=cancelled
        )

    def _describe_ahead(self) -> None:
        """The refresh only grouped stories: now, with nothing else running, describe the
        first few Top Headlines so they open complete (the rest are described when
        opened). Its result changes nothing a list shows."""
        if self._ahead_task is not None or self._feeds_task is not None:
            return

        def done(_result: object = None) -> None:
            self._ahead_task = None

        self._ahead_task = self._runner.start(
            "describe ahead",
            lambda ctx: ctx.reader.describe_ahead(cancel=ctx.cancel),
            on_finished=done,
            on_failed=done,
            on_cancelled=done,
        )

    def close(self) -> None:
        """After the runner has shut down: release the HTTP client."""
        self.timer.stop()
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None


OFFLINE_TEXT = "You seem to be offline: feeds will be checked again at the next refresh"


def outcome_text(summary: RefreshSummary) -> str:
    """One line for the status bar; offline, one sentence instead of an error per feed."""
    if summary.cancelled:
        text = "Refresh cancelled"
    elif summary.offline and not summary.new_articles:
        return OFFLINE_TEXT
    else:
        new = summary.new_articles
        text = f"{new} new article{'s' if new != 1 else ''}" if new else "No new articles"
    if summary.offline:
        return f"{text}; {OFFLINE_TEXT[0].lower()}{OFFLINE_TEXT[1:]}"
    failed = sum(1 for r in summary.results if r.status.value in ("error", "gone"))
    if failed:
        text += f", {failed} feed{'s' if failed != 1 else ''} failed"
    return text


def progress_text(progress: RefreshProgress) -> str:
    return progress.message or f"{progress.done} of {progress.total}"
