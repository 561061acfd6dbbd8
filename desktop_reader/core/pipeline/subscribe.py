"""Subscribing: find the feed(s) behind what the user typed, then add one.

The lookup fetches and parses a feed to show its title; subscribing then stores the
entries of that reading (`DiscoveredFeed.preview`), so the feed is fetched once.
"""

from __future__ import annotations

import hashlib
import ipaddress
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

NO_ANSWER_KINDS = ("network", "timeout")  # FetchError kinds where no server answered


def normalise_address(text: str) -> str:
    """What the user typed, as an http(s) URL: `feed:` URIs and bare host names accepted
    (a bare address gets the scheme tried first, see `candidate_addresses`)."""
    return candidate_addresses(text)[0]


def candidate_addresses(text: str) -> list[str]:
    """The URLs to try for what the user typed, best first.

    With a scheme, just that. Without one, both: https first for a host name (nearly
    every site serves it, and it is private), but http first for an IP address or
    localhost: a certificate names a host, so a bare IP or a local server is almost
    always plain http, and trying https first would only end in a TLS error.
    """
    text = text.strip()
    if text.startswith("feed:"):
        text = text[5:].removeprefix("//") if not text.startswith("feed:http") else text[5:]
    if "://" in text:
        candidates = [text]
    else:
        host = urlsplit("//" + text).hostname or ""
        schemes = ("http", "https") if _is_local_or_ip(host) else ("https", "http")
        candidates = [f"{scheme}://{text}" for scheme in schemes]
    for url in candidates:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ParseError(f"“{url}” is not a web address.")
    return candidates


def _is_local_or_ip(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def find_feeds(fetcher: Fetcher, address: str) -> list[DiscoveredFeed]:
    """The feeds behind a feed URL or a site URL (autodiscovery, then common paths).

    Raises FetchError/ParseError with a message fit for the user when nothing is found.
    """
    url, result = _first_answer(fetcher, candidate_addresses(address))
    try:
        parsed = parse_feed(
            result.content,
            url=result.base_url,
            content_type=result.content_type,
            charset=result.charset,
        )
        return [_read(result.permanent_url or result.url, result, parsed)]
    except ParseError as not_a_feed:
        links = find_feed_links(result.content, result.url)
        if links:
            return _with_titles(fetcher, links)
        for candidate in candidate_feed_paths(result.url):
            try:
                page = fetcher.fetch(candidate, max_bytes=FEED_MAX_BYTES)
                parsed = parse_feed(
                    page.content,
                    url=page.base_url,
                    content_type=page.content_type,
                    charset=page.charset,
                )
            except (FetchError, ParseError):
                continue
            return [_read(page.url, page, parsed)]
        raise ParseError(f"No feed found at {url}. {not_a_feed}") from not_a_feed


def _first_answer(fetcher: Fetcher, urls: list[str]) -> tuple[str, FetchResult]:
    """The first of `urls` whose server answers. Only a failure to get any answer
    (refused, TLS, timeout, no such host) moves on to the next; an HTTP error is the
    server's answer and is reported as it is. If none answers, the first one's error,
    saying what else was tried."""
    first: FetchError | None = None
    for url in urls:
        try:
            return url, fetcher.fetch(url, max_bytes=FEED_MAX_BYTES)
        except FetchError as exc:
            if exc.kind not in NO_ANSWER_KINDS or (url == urls[-1] and first is None):
                raise
            first = first or exc
    assert first is not None
    tried = " and ".join(urls)
    raise FetchError(
        f"{first} (tried {tried})", url=first.url, status=first.status, kind=first.kind
    ) from first


def _with_titles(fetcher: Fetcher, links: list[DiscoveredFeed]) -> list[DiscoveredFeed]:
    """Fill in titles the page's <link> did not give, by reading each feed (best effort)."""
    out = []
    for link in links:
        if link.title:
            out.append(link)
            continue
        try:
            page = fetcher.fetch(link.url, max_bytes=FEED_MAX_BYTES)
            parsed = parse_feed(
                page.content,
                url=page.base_url,
                content_type=page.content_type,
                charset=page.charset,
            )
            out.append(_read(link.url, page, parsed))
        except (FetchError, ParseError):
            out.append(link)
    return out


def _read(url: str, result: FetchResult, parsed: ParsedFeed) -> DiscoveredFeed:
    return DiscoveredFeed(
        url=url, title=parsed.title, format=parsed.format, preview=FeedPreview(result, parsed)
    )


def subscribe(conn: sqlite3.Connection, url: str, *, title: str = "", folder: str = "") -> Feed:
    """Add a feed (a no-op returning the existing one if already subscribed)."""
    return feeds.add_feed(conn, normalise_address(url), title=title, folder=folder)


def subscribe_found(
    conn: sqlite3.Connection, found: DiscoveredFeed, *, folder: str = ""
) -> tuple[Feed, RefreshSummary | None]:
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
        feeds.record_fetch(
            conn,
            feed.id,
            status=status,
            message=message,
            etag=result.etag,
            last_modified=result.last_modified,
            body_hash=hashlib.sha256(result.content).hexdigest(),
            title=parsed.title,
            site_url=parsed.site_url,
        )
    return feed, RefreshSummary(
        (FeedRefreshResult(feed.id, status, message, new_articles=len(new_ids)),),
        new_article_ids=tuple(new_ids),
    )
