"""Frozen dataclasses passed between layers.

`Parsed*` and `Extracted*` are what parsers and the extractor produce from bytes off
the network; `Feed`, `Article`, `StoredImage` are what the library stores. The two are
kept apart on purpose: storage maps one onto the other (NetNewsWire's ParsedItem/Article).
All datetimes are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from urllib.parse import urljoin

# --------------------------------------------------------------------------- network


@dataclass(frozen=True)
class FetchResult:
    """One HTTP response, body already read (under the size cap) and decompressed."""

    requested_url: str
    url: str  # final URL after redirects
    status: int  # 200, 304...
    content: bytes  # empty on 304
    content_type: str = ""  # media type without parameters, lower-case
    charset: str | None = None  # from the Content-Type header, if any
    etag: str | None = None
    last_modified: str | None = None
    # Set when the redirect chain began with a permanent redirect (301/308): the
    # address the caller should store instead of requested_url.
    permanent_url: str | None = None
    elapsed: float = 0.0
    content_location: str | None = None  # the Content-Location header, as sent

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def base_url(self) -> str:
        """What relative addresses in the body are relative to: Content-Location when the
        server names one (RFC 9110), else the final URL."""
        if not self.content_location:
            return self.url
        joined = urljoin(self.url, self.content_location.strip())
        return joined if joined.startswith(("http://", "https://")) else self.url


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class ImageRef:
    """An image as referenced by a feed or page, before it is downloaded."""

    url: str  # absolute
    caption: str = ""
    credit: str = ""
    alt: str = ""
    width: int | None = None
    height: int | None = None
    role: str = "inline"  # "lead" | "inline" | "thumbnail"


@dataclass(frozen=True)
class ParsedEntry:
    guid: str  # never empty: falls back to link, then to a hash of title + date
    link: str | None
    title: str  # plain text
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    summary_html: str = ""  # as given by the feed; sanitised before display
    content_html: str = ""
    images: tuple[ImageRef, ...] = ()
    tags: tuple[str, ...] = ()
    # What relative URLs in the HTML are relative to (xml:base); the link when None.
    base_url: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    format: str  # "rss20", "rss10", "rss09x", "atom10", "atom03", "json10", "json11"
    title: str
    site_url: str | None = None
    description: str = ""
    icon_url: str | None = None
    language: str | None = None
    entries: tuple[ParsedEntry, ...] = ()
    # A problem the parser worked around (feedparser's bozo) while still finding entries.
    warning: str | None = None


@dataclass(frozen=True)
class OutlineFeed:
    """A subscription as found in (or written to) an OPML file."""

    url: str
    title: str = ""
    site_url: str | None = None
    folder: str = ""  # "" = top level; nested folders joined with "/"


@dataclass(frozen=True)
class FeedPreview:
    """A feed as the subscribe lookup fetched and parsed it: subscribing stores its entries
    from this instead of asking the server a second time."""

    result: FetchResult
    parsed: ParsedFeed


@dataclass(frozen=True)
class DiscoveredFeed:
    """A feed found behind a site URL (autodiscovery)."""

    url: str
    title: str = ""
    format: str = ""  # e.g. "rss", "atom", "json"
    # Set when the lookup read the feed itself (not only a page's link to it).
    preview: FeedPreview | None = field(default=None, compare=False, repr=False)


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class ExtractedArticle:
    """The readable part of an article page."""

    title: str
    html: str  # sanitised HTML; <img src> are absolute URLs of `images` until stored
    text: str  # plain text, paragraphs separated by a blank line
    byline: str = ""
    published: datetime | None = None
    lead_image: ImageRef | None = None
    images: tuple[ImageRef, ...] = ()  # inline images in document order (lead excluded)
    language: str | None = None
    site_name: str = ""
    canonical_url: str | None = None
    description: str = ""


# --------------------------------------------------------------------------- stored


class FeedStatus(str, Enum):
    NEW = "new"  # never refreshed
    OK = "ok"
    WARNING = "warning"  # stored, but the feed is broken in some way (bozo...)
    ERROR = "error"  # last refresh failed; stored articles are kept
    GONE = "gone"  # 410: not fetched again; stored articles are kept


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    title: str
    folder: str = ""
    site_url: str | None = None
    status: FeedStatus = FeedStatus.NEW
    status_message: str = ""
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    last_checked: datetime | None = None
    retry_after: datetime | None = None  # do not fetch before this time
    icon_hash: str | None = None
    position: int = 0
    last_reached: datetime | None = None  # the last good answer (OK or a warning)

    @property
    def unreached_at_last_check(self) -> bool:
        """The last refresh could not reach the feed (the machine seemed offline) and
        kept the status of the answer before: only such a try moves `last_checked`
        without `last_reached` on a feed whose status is good."""
        return (
            self.status in (FeedStatus.OK, FeedStatus.WARNING, FeedStatus.NEW)
            and self.last_checked is not None
            and (self.last_reached is None or self.last_checked > self.last_reached)
        )


class PageState(str, Enum):
    PENDING = "pending"  # the article page has not been fetched yet
    DONE = "done"
    FAILED = "failed"  # fetching or extraction failed; feed content is shown instead
    RETRYING = "retrying"  # failed for a passing reason (503, timeout); tried again later
    SKIPPED = "skipped"  # no link, or full-article fetching is off for the feed


@dataclass(frozen=True)
class Article:
    id: int
    feed_id: int  # the first feed it arrived through
    guid: str
    url: str | None
    title: str
    author: str = ""
    # Never None once stored: the first-seen time if the feed gave none.
    published: datetime | None = None
    first_seen: datetime | None = None
    date_is_guess: bool = False  # True when `published` is the first-seen time
    summary_html: str = ""
    content_html: str = ""  # sanitised, local images only; best of feed content and page
    text: str = ""  # plain text of content_html
    page_state: PageState = PageState.PENDING
    page_error: str = ""
    language: str | None = None
    outlet: str = ""  # the feed's title at the time, for display and stories
    read: bool = False
    starred: bool = False


@dataclass(frozen=True)
class StoredImage:
    """An image attached to an article, downloaded into the content-addressed cache."""

    article_id: int
    position: int  # 0 = lead
    source_url: str
    sha256: str | None  # None until downloaded (or if it failed)
    caption: str = ""
    credit: str = ""
    alt: str = ""
    role: str = "inline"
    width: int | None = None
    height: int | None = None
    error: str = ""


@dataclass(frozen=True)
class RefreshProgress:
    done: int
    total: int
    message: str = ""
    feed_id: int | None = None  # the feed just stored (None: the refresh as a whole)


@dataclass(frozen=True)
class FeedRefreshResult:
    feed_id: int
    status: FeedStatus
    message: str = ""
    new_articles: int = 0
    not_modified: bool = False


@dataclass(frozen=True)
class RefreshSummary:
    results: tuple[FeedRefreshResult, ...] = ()
    cancelled: bool = False
    new_article_ids: tuple[int, ...] = field(default_factory=tuple)
    # No connection could be made to (nearly) any feed: the machine seems offline, and
    # those feeds were left as they were instead of being marked as failing.
    offline: bool = False

    @property
    def new_articles(self) -> int:
        return sum(r.new_articles for r in self.results)


@dataclass(frozen=True)
class SyncSummary:
    """What one sync of an account did (core/sync/engine.py)."""

    account_id: int
    new_article_ids: tuple[int, ...] = ()
    pushed: int = 0
    conflicts: int = 0
    state_changes: int = 0  # items whose read/starred state came from the server
    feeds_added: int = 0
    feeds_removed: int = 0
    requests: int = 0
    error: str = ""

    @property
    def message(self) -> str:
        if self.error:
            return self.error
        parts = [f"{len(self.new_article_ids)} new"]
        if self.pushed:
            parts.append(f"{self.pushed} changes sent")
        if self.state_changes:
            parts.append(f"{self.state_changes} changes received")
        if self.conflicts:
            parts.append(f"{self.conflicts} changed on the server meanwhile (server kept)")
        return ", ".join(parts)


# --------------------------------------------------------------------------- stories


@dataclass(frozen=True)
class NewsItem:
    """One article as the story engine sees it (also the line format of the story CLIs)."""

    id: str
    title: str
    text: str  # plain text, paragraphs separated by a blank line
    published: datetime | None = None
    source: str = ""  # outlet name
    url: str | None = None
