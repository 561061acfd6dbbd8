"""A whole refresh, as the app and the CLI run it: feeds, pages, stories, images.

Order matters: feeds first (new articles are readable at once), then article pages
(full text), then stories (grouping reads the full text) and, at the same time, images
(the slowest part; stories do not need them). Stories are not described here: see
core/pipeline/stories.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import RefreshProgress, RefreshSummary
from desktop_reader.core.pipeline import icons, pages, refresh, stories
from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import story_build

Progress = Callable[[RefreshProgress], None]


@dataclass(frozen=True)
class UpdateSummary:
    feeds: RefreshSummary
    pages: int = 0
    changed_stories: tuple[int, ...] = ()
    cancelled: bool = False


def unclustered_articles(conn: sqlite3.Connection) -> list[int]:
    """Articles not in a story yet (new ones, or left over by an interrupted run)."""
    return story_build.unclustered_article_ids(conn)


def update_library(
    library: Library,
    fetcher: Fetcher,
    feed_ids: Sequence[int] | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    full_articles: bool = True,
) -> UpdateSummary:
    """Refresh feeds, complete articles for offline reading and keep stories current."""
    cancel = cancel or CancelToken()
    summary = refresh.refresh_feeds(library, fetcher, feed_ids, progress=progress, cancel=cancel)
    if cancel.cancelled:
        return UpdateSummary(summary, cancelled=True)
    done, changed = complete_library(
        library, fetcher, progress=progress, cancel=cancel, full_articles=full_articles
    )
    return UpdateSummary(summary, done, changed, cancelled=cancel.cancelled)


def complete_library(
    library: Library,
    fetcher: Fetcher,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    full_articles: bool = True,
    per_host: int | None = pages.PAGES_PER_HOST,
) -> tuple[int, tuple[int, ...]]:
    """After feeds are stored: pages, then stories, then images.

    Returns (article pages handled, ids of stories that changed). `per_host` caps the
    pages asked of one host in this run (None: no cap, for a local farm).
    """
    cancel = cancel or CancelToken()
    done = 0
    if full_articles:
        done = pages.download_pages(
            library, fetcher, progress=progress, cancel=cancel, per_host=per_host
        )
    # Images need nothing from stories: they download on their own thread (fetching and
    # checking in worker processes) while this one groups, so both cores stay busy.
    # Two writers take turns: each commits small groups, never holding the file long.
    images: ThreadPoolExecutor | None = None
    images_done: Future[int] | None = None
    if full_articles and not cancel.cancelled:
        images = ThreadPoolExecutor(max_workers=1, thread_name_prefix="images")
        images_done = images.submit(
            pages.download_images, library, fetcher, progress=progress, cancel=cancel
        )
    changed: list[int] = []
    try:
        if not cancel.cancelled:
            conn = library.connect()
            try:
                # Grouped only: stories are described when shown, or ahead of time
                # for the first few (`Reader.describe_ahead`, after this run).
                changed = stories.update_stories(
                    conn,
                    unclustered_articles(conn),
                    progress=progress,
                    cancel=cancel,
                    summaries=False,
                )
            finally:
                conn.close()
    finally:
        if images is not None:
            images.shutdown(wait=True)
    if images_done is not None:
        images_done.result()  # its failure is the run's failure, as before
    if not cancel.cancelled:
        icons.fetch_missing_icons(library, fetcher, cancel=cancel)
    return done, tuple(changed)
