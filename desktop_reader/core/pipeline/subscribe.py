"""Subscribing: find the feed(s) behind what the user typed, then add one."""

from __future__ import annotations

import sqlite3
from urllib.parse import urlsplit

from desktop_reader.core.errors import FetchError, ParseError
from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.fetch.limits import FEED_MAX_BYTES
from desktop_reader.core.models import DiscoveredFeed, Feed
from desktop_reader.core.parse.detect import parse_feed
from desktop_reader.core.parse.discovery import candidate_feed_paths, find_feed_links
from desktop_reader.core.storage import feeds


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
        return [DiscoveredFeed(url=result.permanent_url or result.url, title=parsed.title,
                               format=parsed.format)]
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
            return [DiscoveredFeed(url=page.url, title=parsed.title, format=parsed.format)]
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
            out.append(DiscoveredFeed(url=link.url, title=parsed.title, format=parsed.format))
        except (FetchError, ParseError):
            out.append(link)
    return out


def subscribe(conn: sqlite3.Connection, url: str, *, title: str = "", folder: str = "") -> Feed:
    """Add a feed (a no-op returning the existing one if already subscribed)."""
    return feeds.add_feed(conn, normalise_address(url), title=title, folder=folder)
