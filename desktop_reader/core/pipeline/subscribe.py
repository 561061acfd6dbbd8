"""Subscribing: find the feed(s) behind what the user typed, then add one.

The lookup fetches and parses a feed to show its title; subscribing then stores the
entries of that reading (`DiscoveredFeed.preview`), so the feed is fetched once.
"""

from __future__ import annotations

import hashlib
import sqlite3
from urllib.parse import urlsplit

from desktop_reader.core.errors import FetchError, ParseError
from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.fetch.limits import FEED_MAX_BYTES
from desktop_reader.core.models import (
    DiscoveredFeed,
    Feed,
    FeedPreview,
    FeedRefreshResult,
    FeedStatus,
    FetchResult,
    ParsedFeed,
    RefreshSummary,
)
from desktop_reader.core.parse.detect import parse_feed
from desktop_reader.core.parse.discovery import candidate_feed_paths, find_feed_links
from desktop_reader.core.pipeline.entries import prepare_entries
from desktop_reader.core.pipeline.entry_policy import apply_feed_policy
from desktop_reader.core.storage import articles, database, feeds


def normalise_address(text: str) -> str:
    """What the user typed, as an http(s) URL: `feed:` URIs and bare host names accepted."""
    text = text.strip()
    if text.startswith("feed:"):
        text = text[5:].removeprefix("//") if not text.startswith("feed:http") else text[5:]
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ParseError(f"“{text}” is not a web address.")
    return text


def find_feeds(fetcher: Fetcher, address: str) -> list[DiscoveredFeed]:
    """The feeds behind a feed URL or a site URL (autodiscovery, then common paths).

    Raises FetchError/ParseError with a message fit for the user when nothing is found.
    """
    url = normalise_address(address)
    result = fetcher.fetch(url, max_bytes=FEED_MAX_BYTES)
    try:
        parsed = parse_feed(result.content, url=result.base_url, content_type=result.content_type,
                            charset=result.charset)
        return [_read(result.permanent_url or result.url, result, parsed)]
    except ParseError as not_a_feed:
        links = find_feed_links(result.content, result.url)
        if links:
            return _with_titles(fetcher, links)
        for candidate in candidate_feed_paths(result.url):
            try:
                page = fetcher.fetch(candidate, max_bytes=FEED_MAX_BYTES)
                parsed = parse_feed(page.content, url=page.base_url, content_type=page.content_type,
                                    charset=page.charset)
            except (FetchError, ParseError):
                continue
            return [_read(page.url, page, parsed)]
        raise ParseError(f"No feed found at {url}. {not_a_feed}") from not_a_feed


def _with_titles(fetcher: Fetcher, links: list[DiscoveredFeed]) -> list[DiscoveredFeed]:
    """Fill in titles the page's <link> did not give, by reading each feed (best effort)."""
    out = []
    for link in links:
        if link.title:
            out.append(link)
            continue
        try:
            page = fetcher.fetch(link.url, max_bytes=FEED_MAX_BYTES)
            parsed = parse_feed(page.content, url=page.base_url, content_type=page.content_type,
                                charset=page.charset)
            out.append(_read(link.url, page, parsed))
        except (FetchError, ParseError):
            out.append(link)
    return out


def _read(url: str, result: FetchResult, parsed: ParsedFeed) -> DiscoveredFeed:
    return DiscoveredFeed(url=url, title=parsed.title, format=parsed.format,
                          preview=FeedPreview(result, parsed))


def subscribe(conn: sqlite3.Connection, url: str, *, title: str = "", folder: str = "") -> Feed:
    """Add a feed (a no-op returning the existing one if already subscribed)."""
    return feeds.add_feed(conn, normalise_address(url), title=title, folder=folder)


def subscribe_found(conn: sqlite3.Connection, found: DiscoveredFeed, *,
                    folder: str = "") -> tuple[Feed, RefreshSummary | None]:
    """Add a feed the lookup found. If the lookup read it, its entries are stored from
    that reading as a refresh stores them (filters, validators, status), in the same
    transaction; the summary says so. None: it was not read yet, refresh it."""
    url = normalise_address(found.url)
    if found.preview is None:
        return feeds.add_feed(conn, url, title=found.title, folder=folder), None
    result, parsed = found.preview.result, found.preview.parsed
    prepared = prepare_entries(parsed.entries)
    status = FeedStatus.WARNING if parsed.warning else FeedStatus.OK
    with database.transaction(conn):
        feed = feeds.add_feed(conn, url, title=found.title, folder=folder)
        entries = apply_feed_policy(conn, feed.id, prepared).entries
        outlet = feed.title if feed.title and feed.title != feed.url else parsed.title or url
        new_ids = articles.store_entries(conn, feed.id, entries, outlet=outlet)
        message = parsed.warning or (f"{len(new_ids)} new" if new_ids else "No new articles")
        feeds.record_fetch(conn, feed.id, status=status, message=message, etag=result.etag,
                           last_modified=result.last_modified,
                           body_hash=hashlib.sha256(result.content).hexdigest(),
                           title=parsed.title, site_url=parsed.site_url)
    return feed, RefreshSummary(
        (FeedRefreshResult(feed.id, status, message, new_articles=len(new_ids)),),
        new_article_ids=tuple(new_ids))
