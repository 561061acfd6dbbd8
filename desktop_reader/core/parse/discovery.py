"""Feed autodiscovery: the feeds a web page links to, and the usual places to try."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit, urlunsplit

from desktop_reader.core.models import DiscoveredFeed
from desktop_reader.core.parse.entries import absolute_url, plain_text

FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
    "application/json": "json",
    "application/rdf+xml": "rss",
    "application/x.atom+xml": "atom",
}
COMMON_PATHS = (
    "/feed",
    "/rss",
    "/rss.xml",
    "/atom.xml",
    "/feed.xml",
    "/index.xml",
    "/feed.json",
    "/feed/",
)
_SCAN_LIMIT = 2_000_000  # characters; feed links are in the head


class _LinkFinder(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base_url
        self.found: list[DiscoveredFeed] = []
        self._seen: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "base" and values.get("href"):
            self.base = absolute_url(values["href"], self.base) or self.base
            return
        if tag not in ("link", "a"):
            return
        rels = values.get("rel", "").lower().split()
        kind = FEED_TYPES.get(values.get("type", "").split(";")[0].strip().lower())
        if "alternate" not in rels or kind is None:
            return
        url = absolute_url(values.get("href"), self.base)
        if url is None or url in self._seen:
            return
        self._seen.add(url)
        self.found.append(
            DiscoveredFeed(url=url, title=plain_text(values.get("title")), format=kind)
        )

    handle_startendtag = handle_starttag


def find_feed_links(page: bytes | str, base_url: str) -> list[DiscoveredFeed]:
    """Feeds declared with <link rel="alternate" type="..."> in page order, de-duplicated."""
    text = page.decode("utf-8", errors="replace") if isinstance(page, bytes) else page
    finder = _LinkFinder(base_url)
    finder.feed(text[:_SCAN_LIMIT])
    finder.close()
    return finder.found


def candidate_feed_paths(site_url: str) -> list[str]:
    """Absolute URLs where sites commonly keep their feed, for when a page links none."""
    parts = urlsplit(site_url if "://" in site_url else "https://" + site_url)
    root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    path = parts.path.rstrip("/")
    urls = [root + path + p for p in COMMON_PATHS] if path else []
    urls += [root + p for p in COMMON_PATHS]
    return list(dict.fromkeys(urls))
