"""NewsItems from a running feedfarm (feed entries: title + summary) and its truth.

Shared by the story tests and benchmarks/stories.py. Feeds are parsed with
feedparser (RSS, Atom, RDF) or json (JSON Feed, which feedparser cannot read);
summaries are stripped of tags. The truth maps each item to the farm's event id.
"""

from __future__ import annotations

import json
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from html import unescape

import feedparser

from desktop_reader.core.models import NewsItem
from tests.feedfarm import Farm

_TAG = re.compile(r"<[^>]+>")


def _plain(html: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", html or "")).split())


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()  # type: ignore[no-any-return]


def _date(value: object) -> datetime | None:
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            return None
    if value is not None and hasattr(value, "tm_year"):
        return datetime(*value[:6], tzinfo=UTC)  # type: ignore[index]
    return None


def _items(url: str, body: bytes) -> list[NewsItem]:
    found = []
    if url.endswith(".json"):
        feed = json.loads(body)
        source = feed.get("title", url)
        for entry in feed.get("items", []):
            text = _plain(entry.get("summary") or entry.get("content_html") or "")
            found.append(
                NewsItem(
                    id=entry.get("id") or entry.get("url"),
                    title=entry.get("title", ""),
                    text=text,
                    published=_date(entry.get("date_published")),
                    source=source,
                    url=entry.get("url"),
                )
            )
        return found
    parsed = feedparser.parse(body)
    source = parsed.feed.get("title", url)
    for entry in parsed.entries:
        text = _plain(entry.get("summary", ""))
        found.append(
            NewsItem(
                id=entry.get("id") or entry.get("link"),
                title=_plain(entry.get("title", "")),
                text=text,
                published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
                source=source,
                url=entry.get("link"),
            )
        )
    return found


def farm_items(farm: Farm, feeds: int | None = None) -> tuple[list[NewsItem], dict[str, int]]:
    """(items, truth): items of the first `feeds` feeds (all by default), and the event
    id of each item id. Items sharing a URL (wire copies in several feeds) repeat."""
    urls = _get(farm.url("/urls.txt")).decode().split()
    if feeds is not None:
        urls = urls[:feeds]
    with ThreadPoolExecutor(8) as pool:
        bodies = list(pool.map(_get, urls))
    truth_by_url = {u: v["event"] for u, v in farm.get_json("/_farm/truth.json").items()}
    items: list[NewsItem] = []
    truth: dict[str, int] = {}
    for number, (url, body) in enumerate(zip(urls, bodies, strict=True)):
        for item in _items(url, body):
            if item.url in truth_by_url:
                unique = NewsItem(
                    id=f"{number}:{item.id}",
                    title=item.title,
                    text=item.text,
                    published=item.published,
                    source=item.source,
                    url=item.url,
                )
                items.append(unique)
                truth[unique.id] = truth_by_url[item.url]
    return items, truth
