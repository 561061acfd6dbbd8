"""Which article-page failures are tried again, when, and how the outcome is worded.

A page that failed for a passing reason (a 5xx, 429, a timeout or stall, a reset or
refused connection) is tried again on later refreshes after a growing delay; after
MAX_ATTEMPTS tries it is given up. Failures that another try would not change (404,
410, not a web page, no article text, a paywall) are final at once.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from desktop_reader.core.errors import FetchError
from desktop_reader.core.models import Article, PageState
from desktop_reader.core.storage import articles

#: Wait before the 2nd, 3rd and 4th try; after the 4th failed try the page is given up.
RETRY_DELAYS = (10 * 60.0, 60 * 60.0, 6 * 60 * 60.0)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1

# Fetch failures (FetchError.kind) a later try may not meet again. Redirect loops,
# oversized pages and bad addresses are properties of the page, not of the moment.
_PASSING_KINDS = {"timeout", "network"}
_PASSING_STATUSES = {408, 425, 429}


@dataclass(frozen=True)
class Transient:
    """A failure worth another try; `retry_after` is the wait the server asked for."""

    retry_after: float | None = None


def transient(exc: BaseException) -> Transient | None:
    """A Transient when `exc` may pass by itself, None when retrying would not help."""
    if not isinstance(exc, FetchError):
        return None  # extraction and parsing failures repeat on the same bytes
    if exc.kind == "http" and exc.status is not None:
        if exc.status >= 500 or exc.status in _PASSING_STATUSES:
            return Transient(exc.retry_after)
        return None
    return Transient() if exc.kind in _PASSING_KINDS else None


def next_try(attempts: int, now: float, retry_after: float | None = None) -> float | None:
    """When to try again after `attempts` failed tries, or None to give up.

    The server's Retry-After is honoured when it asks for longer than our schedule.
    """
    if attempts >= MAX_ATTEMPTS:
        return None
    delay = RETRY_DELAYS[max(0, attempts - 1)]
    return now + max(delay, retry_after or 0.0)


def record_failure(
    conn: sqlite3.Connection,
    article_id: int,
    error: str,
    passing: Transient | None,
    *,
    now: float | None = None,
) -> PageState:
    """Store a failed try of an article's page; returns the state it is left in.

    The article's feed content is never touched: it stays what the reader shows.
    """
    if passing is None:
        articles.page_failed(conn, article_id, error)
        return PageState.FAILED
    attempts = articles.page_attempts(conn, article_id) + 1
    due = next_try(attempts, time.time() if now is None else now, passing.retry_after)
    if due is None:
        articles.page_failed(conn, article_id, f"{error}; gave up after {attempts} tries")
        return PageState.FAILED
    articles.page_retry(conn, article_id, error, due=due)
    return PageState.RETRYING


def status_line(article: Article) -> str:
    """One plain sentence on the article's full page, or "" when it is stored (or has none).

    Shown under the article in the reader and by `desktop-reader show`.
    """
    state = article.page_state
    if state is PageState.PENDING and article.url:
        return "The full article has not been downloaded yet; this is the feed's text."
    reason = f": {article.page_error}" if article.page_error else ""
    if state is PageState.RETRYING:
        return (
            f"The page could not be downloaded{reason}. It will be tried again later; "
            "this is the feed's text."
        )
    if state is PageState.FAILED:
        return (
            f"The full article could not be stored{reason}. It will not be tried again; "
            "this is the feed's text."
        )
    return ""
