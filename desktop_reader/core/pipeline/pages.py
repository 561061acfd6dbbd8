"""Completing stored articles for offline reading: their pages, then their images.

Runs after feeds are stored, in the background: workers fetch, extract and save image
files, the calling thread writes the rows (one writer, a transaction per group of
results). Reading is never blocked — an article shows its feed content until its page
arrives.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from typing import TypeVar
from urllib.parse import urlsplit

from desktop_reader.core.errors import FetchError, ReaderError
from desktop_reader.core.extract import extract_article, rewrite_images
from desktop_reader.core.extract.tracking import is_tracking_url
from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.models import (
    ExtractedArticle,
    FetchResult,
    ImageRef,
    RefreshProgress,
    StoredImage,
)
from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.pipeline.imaging import ImageProblem, check_image
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.page_retries import Transient, record_failure, transient
from desktop_reader.core.pipeline.workers import CpuPool, FetchPool
from desktop_reader.core.storage import articles, database, media, page_work
from desktop_reader.core.storage import grouping_features as gf
from desktop_reader.core.storage.media import MediaCache, media_url
from desktop_reader.core.stories import prepared

T = TypeVar("T")

Progress = Callable[[RefreshProgress], None]

PAGE_MAX_BYTES = 8 * 1024 * 1024
IMAGE_MAX_BYTES = 15 * 1024 * 1024
WORKERS = 8
BATCH = 200
#: Results stored per write transaction, and the longest a result waits for its group.
GROUP_SIZE = 50
GROUP_SECONDS = 0.5
#: A page must give at least this share of the feed's text to replace it (paywalls).
_MIN_SHARE = 0.8
#: Article pages asked of one host in one run: a feed of 50,000 entries must not send
#: 50,000 requests to its site at once. The rest stay pending for later runs.
PAGES_PER_HOST = 500


@dataclass(frozen=True)
class _Page:
    article_id: int
    result: FetchResult | None = None
    extracted: ExtractedArticle | None = None
    error: str = ""
    retry: Transient | None = None  # the failure may pass: try again later
    # (inputs digest, encoded features) for the grouping, computed by the worker
    features: tuple[bytes, bytes] | None = None


@dataclass(frozen=True)
class _Saved:
    """An image checked and written to the cache (file and thumbnail) by a worker."""

    sha256: str
    mime: str
    width: int
    height: int
    has_thumb: bool


@dataclass(frozen=True)
class _Image:
    article_id: int
    position: int
    url: str
    size: int = 0
    saved: _Saved | None = None
    error: str = ""


#: A fetched result the calling thread stores: a page or an image.
_Stored = TypeVar("_Stored", _Page, _Image)


def download_articles(
    library: Library,
    fetcher: Fetcher,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    limit: int | None = None,
    now: float | None = None,
    per_host: int | None = PAGES_PER_HOST,
) -> int:
    """Pending article pages, then pending images (a refresh puts stories between them).

    Returns the number of article pages handled (stored or failed). Safe to interrupt
    at any point: what is pending stays pending for the next run.
    """
    done = download_pages(
        library, fetcher, progress=progress, cancel=cancel, limit=limit, now=now, per_host=per_host
    )
    if cancel is None or not cancel.cancelled:
        download_images(library, fetcher, progress=progress, cancel=cancel)
    return done


def download_pages(
    library: Library,
    fetcher: Fetcher,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    limit: int | None = None,
    now: float | None = None,
    per_host: int | None = PAGES_PER_HOST,
) -> int:
    """Fetch and extract pending article pages; their images stay pending.

    Returns the number of article pages handled (stored or failed). Pages that failed
    for a passing reason come back once due; `now` (epoch seconds) is for tests. At most
    `per_host` pages are asked of one host per run (None: no cap).
    """
    cancel = cancel or CancelToken()
    conn = library.connect()
    page_total = page_work.backlog(conn, time.time() if now is None else now)[0]
    done_pages = 0
    try:
        with FetchPool(page_total, cancel, name="pages", threads=WORKERS) as pool:
            quota = _HostQuota(per_host)
            while not cancel.cancelled and (limit is None or done_pages < limit):
                want = BATCH if limit is None else min(BATCH, limit - done_pages)
                # Pages held back by the host cap stay pending: ask past them.
                batch = quota.take(articles.pending_pages(conn, want + quota.held, now=now), want)
                if not batch:
                    break
                grouping = gf.grouping_inputs(conn, [aid for aid, _ in batch])
                jobs = [
                    partial(_fetch_page, fetcher, pool.cpu, aid, url, grouping.get(aid))
                    for aid, url in batch
                ]
                for group in _groups(pool.results(jobs)):
                    # A page whose images are all stored already (kept from the feed's)
                    # is final now; the others when their last image lands.
                    _store_group(conn, group, partial(_store_page, now=now))
                    done_pages += len(group)
                    if progress:
                        progress(
                            RefreshProgress(
                                done_pages, max(page_total, done_pages), "Downloading articles…"
                            )
                        )
        return done_pages
    finally:
        conn.close()


def download_images(
    library: Library,
    fetcher: Fetcher,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """Download, check and store pending images; returns how many were handled."""
    cancel = cancel or CancelToken()
    conn = library.connect()
    image_total = page_work.backlog(conn, time.time())[1]
    done = 0
    try:
        with FetchPool(image_total, cancel, name="images", threads=WORKERS) as pool:
            while not cancel.cancelled:
                batch = media.pending_images(conn, BATCH)
                if not batch:
                    break
                jobs = [
                    partial(_fetch_image, fetcher, pool.cpu, library.media, aid, pos, url)
                    for aid, pos, url in batch
                ]
                for group in _groups(pool.results(jobs)):
                    # Finalised with the rows that settle their last image, so no
                    # interruption can leave an article pointing at remote copies.
                    _store_group(conn, group, _store_image)
                    done += len(group)
                    if progress:
                        progress(
                            RefreshProgress(done, max(image_total, done), "Downloading images…")
                        )
        return done
    finally:
        conn.close()


class _HostQuota:
    """Counts the pages asked of each host in one run and holds back those over the cap."""

    def __init__(self, per_host: int | None) -> None:
        self.per_host = per_host
        self.asked: dict[str, int] = {}
        self.held_back: set[int] = set()

    @property
    def held(self) -> int:
        return len(self.held_back)

    def take(self, candidates: list[tuple[int, str]], want: int) -> list[tuple[int, str]]:
        chosen = []
        for article_id, url in candidates:
            if article_id in self.held_back:
                continue
            host = (urlsplit(url).hostname or "") if url else ""
            if self.per_host is not None and self.asked.get(host, 0) >= self.per_host:
                self.held_back.add(article_id)
                continue
            self.asked[host] = self.asked.get(host, 0) + 1
            chosen.append((article_id, url))
            if len(chosen) == want:
                break
        return chosen


def _groups(results: Iterable[T], seconds: float = GROUP_SECONDS) -> Iterator[list[T]]:
    """Results gathered for one write transaction each: up to GROUP_SIZE of them, or what
    arrived within `seconds`. A commit per result would cost more than the result's
    own rows; a crash loses at most one group, fetched again on the next run."""
    group: list[T] = []
    started = time.monotonic()
    for result in results:
        group.append(result)
        if len(group) >= GROUP_SIZE or time.monotonic() - started >= seconds:
            yield group
            group, started = [], time.monotonic()
    if group:
        yield group


def _store_group(
    conn: sqlite3.Connection,
    group: list[_Stored],
    store: Callable[[sqlite3.Connection, _Stored], None],
) -> None:
    """Store a group of results in as few transactions as the window allows: when the
    GUI thread waits to write (mark read), commit after the result in hand and go on in
    a new transaction, so its write waits for one result's rows, not the group's."""
    rest = group
    while rest:
        with database.transaction(conn):
            stored = 0
            for item in rest:
                store(conn, item)
                stored += 1
                if database.writing().wanted():
                    break
            _finalise_html(conn, {item.article_id for item in rest[:stored]})
        rest = rest[stored:]


def _fetch_page(
    fetcher: Fetcher,
    cpu: CpuPool,
    article_id: int,
    url: str | None,
    grouping: gf.GroupingInputs | None = None,
) -> _Page:
    if not url:
        return _Page(article_id, error="No link to the article page")
    try:
        result = fetcher.fetch(url, max_bytes=PAGE_MAX_BYTES)
        if result.content_type and "html" not in result.content_type:
            return _Page(article_id, result, error=f"Not a web page ({result.content_type})")
        extracted, features = cpu.run(
            _extract_page, result.content, result.url, result.charset, grouping
        )
        return _Page(article_id, result, extracted, features=features)
    except ReaderError as exc:
        return _Page(article_id, error=_page_error(exc), retry=transient(exc))
    except Exception as exc:  # noqa: BLE001 - extractor bugs on hostile pages must not stop the run
        return _Page(article_id, error=f"Could not read the page ({exc.__class__.__name__})")


def _extract_page(
    content: bytes, url: str, charset: str | None, grouping: gf.GroupingInputs | None
) -> tuple[ExtractedArticle, tuple[bytes, bytes] | None]:
    """Extract the page and, where its text will replace the feed's, compute the
    grouping's features of the article from it (in the worker process, which has the
    text): the grouping thread then skips that third of its work."""
    extracted = extract_article(content, url, charset=charset)
    text = extracted.text
    if grouping is None or not text.strip() or len(text) < _MIN_SHARE * grouping.feed_text_length:
        return extracted, None
    try:
        ahead = prepared.prepare(grouping.title, text, grouping.published)
    except Exception:  # noqa: BLE001 - the grouping computes them itself then
        return extracted, None
    key = prepared.inputs_key(grouping.title, text, grouping.published)
    return extracted, (key, prepared.encode(ahead))


def _page_error(exc: Exception) -> str:
    """The fetch message for a page: no feed-only wording (when to retry, feed removed)."""
    if isinstance(exc, FetchError) and exc.status == 410:
        return "Gone (410) — the page was removed"
    if isinstance(exc, FetchError) and exc.retry_after is not None:
        return f"Server busy ({exc.status})"  # page_retries words the retry itself
    return str(exc)


def _store_page(conn: sqlite3.Connection, page: _Page, *, now: float | None = None) -> None:
    extracted = page.extracted
    if extracted is None or not extracted.text.strip():
        record_failure(
            conn, page.article_id, page.error or "No article text on the page", page.retry, now=now
        )
        return
    current = articles.get_article(conn, page.article_id)
    if current is not None and len(extracted.text) < _MIN_SHARE * len(current.text):
        # The feed gave more than the page (paywall, teaser page): keep the feed's text.
        articles.page_failed(conn, page.article_id, "The page had less text than the feed")
        return
    images = [i for i in (extracted.lead_image, *extracted.images) if i is not None]
    if current is not None:
        feed_images = media.article_images(conn, page.article_id)
        known = {i.url for i in images}
        # Keep feed-declared credits and captions where the page gave none.
        images = [_fill_from_feed(i, feed_images) for i in images]
        if not images:
            images = [
                ImageRef(
                    url=i.source_url, caption=i.caption, credit=i.credit, alt=i.alt, role=i.role
                )
                for i in feed_images
                if i.source_url not in known
            ]
    result = page.result
    articles.save_page(
        conn,
        page.article_id,
        content_html=extracted.html,
        text=extracted.text,
        language=extracted.language,
        author=extracted.byline or None,
        etag=result.etag if result else None,
        last_modified=result.last_modified if result else None,
    )
    media.set_article_images(conn, page.article_id, images)
    if page.features is not None:
        gf.save_features(conn, page.article_id, *page.features)


def _fill_from_feed(image: ImageRef, feed_images: list[StoredImage]) -> ImageRef:
    for known in feed_images:
        if known.source_url == image.url:
            return replace(
                image, caption=image.caption or known.caption, credit=image.credit or known.credit
            )
    return image


def _fetch_image(
    fetcher: Fetcher, cpu: CpuPool, cache: MediaCache, article_id: int, position: int, url: str
) -> _Image:
    if is_tracking_url(url):  # listed before the tracker rules knew it: still never fetched
        return _Image(article_id, position, url, error="Tracking image (not downloaded)")
    try:
        result = fetcher.fetch(url, max_bytes=IMAGE_MAX_BYTES, accept="image/*")
        saved = cpu.run(_check_and_save, cache, result.content)
        return _Image(article_id, position, url, len(result.content), saved)
    except (ReaderError, ImageProblem) as exc:
        return _Image(article_id, position, url, error=_page_error(exc))
    except OSError as exc:
        return _Image(article_id, position, url, error=f"Could not save the image ({exc})")
    except Exception as exc:  # noqa: BLE001 - nor decoder bugs on hostile images
        return _Image(article_id, position, url, error=f"Unreadable image ({exc!r})")


def _check_and_save(cache: MediaCache, data: bytes) -> _Saved:
    """Check the bytes and write the file and its thumbnail, in a worker process: the
    thumbnail never travels back, and the app's process (which fetches and writes rows
    for every image) does no file work. Files are content-addressed and written
    atomically, so processes can store them side by side."""
    checked = check_image(data)
    sha256, _ = cache.write(data, checked.mime)
    if checked.thumbnail:
        thumb = cache.thumb_path(sha256)
        if not thumb.exists():
            thumb.write_bytes(checked.thumbnail)
    return _Saved(sha256, checked.mime, checked.width, checked.height, bool(checked.thumbnail))


def _store_image(conn: sqlite3.Connection, image: _Image) -> None:
    saved = image.saved
    if saved is None:
        media.image_failed(conn, image.article_id, image.position, image.error)
        return
    media.record_media(
        conn,
        saved.sha256,
        mime=saved.mime,
        size=image.size,
        width=saved.width,
        height=saved.height,
        has_thumb=saved.has_thumb,
    )
    media.image_downloaded(conn, image.article_id, image.position, saved.sha256)


def _finalise_html(conn: sqlite3.Connection, article_ids: Iterable[int]) -> None:
    """Point stored HTML at the local cache; images that failed are dropped."""
    for article_id in article_ids:
        html_now = page_work.content_html(conn, article_id)
        if html_now is None or "<img" not in html_now:
            continue
        stored = media.article_images(conn, article_id)
        if any(i.sha256 is None and not i.error for i in stored):
            continue  # still downloading; finalised on a later run
        local = {i.source_url: media_url(i.sha256) for i in stored if i.sha256}
        html = rewrite_images(html_now, partial(_local_copy, local))
        if html != html_now:
            page_work.set_content_html(conn, article_id, html)


def _local_copy(local: dict[str, str], url: str) -> str | None:
    """The cached copy's URL for `url` (already local ones stay), None when it has none."""
    return url if url.startswith("media:") else local.get(url)
