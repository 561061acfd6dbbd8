"""Rules every feed format shares: plain-text titles, absolute links, stable GUIDs, images.

Used by feeds.py (RSS/Atom via feedparser) and jsonfeed.py so both formats give the
library the same guarantees: a GUID is never empty and never shared by two different
entries of one feed, titles are plain text, links and image URLs are absolute.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from desktop_reader.core.models import ImageRef, ParsedEntry

TITLE_LIMIT = 1000
_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def plain_text(value: str | None, *, limit: int | None = None) -> str:
    """`value` with tags removed, entities decoded and whitespace collapsed."""
    if not value:
        return ""
    if "<" in value:
        collector = _TextCollector()
        collector.feed(value)
        collector.close()
        value = "".join(collector.parts)
    value = html.unescape(value)  # feeds double-escape: "&amp;amp;" is common
    value = _SPACE.sub(" ", _INVISIBLE.sub("", value)).strip()
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return value


def title_text(value: str | None) -> str:
    return plain_text(value, limit=TITLE_LIMIT)


_PAIRED_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)\b[^<>]*>.*?</\1\s*>", re.S)


def markup_title(value: str | None) -> str:
    """A title of a format that says nothing of its type: HTML only if it holds a closed
    element ("<i>weekend</i>"); lone "<i>" or "<b>" are characters someone wrote."""
    if value and "<" in value and _PAIRED_TAG.search(value):
        return title_text(value)
    return plain_title(html.unescape(value or ""))


def plain_title(value: str | None) -> str:
    """A title the feed says is plain text: "<" and "&" are characters, not markup."""
    value = _SPACE.sub(" ", _INVISIBLE.sub("", value or "")).strip()
    return value if len(value) <= TITLE_LIMIT else value[: TITLE_LIMIT - 1].rstrip() + "…"


def absolute_url(url: str | None, base: str | None) -> str | None:
    """`url` resolved against `base`; None unless the result is http(s)."""
    if not url:
        return None
    url = url.strip()
    if url.startswith(("https://", "http://")) and " " not in url and "[" not in url:
        return url  # already absolute: urljoin would return it unchanged
    try:
        joined = urljoin(base or "", url) if base else url
        scheme = urlsplit(joined).scheme.lower()
    except ValueError:
        return None
    return joined if scheme in ("http", "https") else None


def fallback_guid(title: str, published: datetime | None, link: str | None) -> str:
    """A GUID for an entry that has neither id nor link: a hash of what identifies it."""
    key = "\n".join([title, published.isoformat() if published else "", link or ""])
    return "sha1:" + hashlib.sha1(key.encode("utf-8")).hexdigest()


def make_guid(raw_id: str | None, link: str | None, title: str, published: datetime | None) -> str:
    """The entry id, else its link, else a hash of title and date; never empty."""
    raw_id = (raw_id or "").strip()
    if raw_id:
        return raw_id
    return link or fallback_guid(title, published, link)


def _identity(entry: ParsedEntry) -> tuple[str, str | None, str, str, str]:
    return (entry.guid, entry.link, entry.title, entry.content_html, entry.summary_html)


def unique_guids(
    entries: Iterable[ParsedEntry], *, has_id: Sequence[bool] | None = None
) -> list[ParsedEntry]:
    """Entries with one GUID each: repeats of an id dropped, different entries kept.

    Feeds reuse one GUID for several stories (a CMS bug) or leave it empty; a
    repeated GUID on a different entry gets a suffix from its link and title, so every
    distinct entry survives and keeps the same GUID on the next refresh. An exact repeat
    is dropped only when the feed gave it an id (`has_id`): two identical id-less entries
    are two posts (the same notice given twice), kept as the feed lists them.
    """
    seen: dict[str, ParsedEntry] = {}
    identities: set[tuple[str, str | None, str, str, str]] = set()
    result: list[ParsedEntry] = []
    for index, entry in enumerate(entries):
        identity = _identity(entry)
        if identity in identities and (has_id is None or has_id[index]):
            continue  # the same entry twice in one feed
        identities.add(identity)
        guid = entry.guid
        if guid in seen:
            key = "\n".join([entry.link or "", entry.title, entry.summary_html, entry.content_html])
            guid = f"{entry.guid}#{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"
            counter = 2
            while guid in seen:  # the hashed parts collide too (an id-less twin)
                guid = f"{guid.rsplit('~', 1)[0]}~{counter}"
                counter += 1
            entry = replace(entry, guid=guid)
        seen[guid] = entry
        result.append(entry)
    return result


class _ImageFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.found.append({k: v or "" for k, v in attrs})


def _dimension(value: str | None) -> int | None:
    try:
        return int(str(value).strip().removesuffix("px")) if value else None
    except ValueError:
        return None


def first_image(markup: str, base: str | None) -> ImageRef | None:
    """The first real <img> in `markup` (not a tracking pixel, not a data: URI)."""
    if not markup or "<img" not in markup.lower():
        return None
    finder = _ImageFinder()
    finder.feed(markup)
    finder.close()
    for attrs in finder.found:
        url = absolute_url(attrs.get("src") or attrs.get("data-src"), base)
        width, height = _dimension(attrs.get("width")), _dimension(attrs.get("height"))
        tiny = (width is not None and width <= 2) or (height is not None and height <= 2)
        if url is None or tiny:
            continue
        return ImageRef(
            url=url,
            alt=plain_text(attrs.get("alt")),
            width=width,
            height=height,
            caption=plain_text(attrs.get("title")),
        )
    return None


def with_lead(images: list[ImageRef]) -> tuple[ImageRef, ...]:
    """Images de-duplicated by URL, the first non-thumbnail marked as the lead."""
    unique: list[ImageRef] = []
    urls: set[str] = set()
    for image in images:
        if image.url not in urls:
            urls.add(image.url)
            unique.append(image)
    for index, image in enumerate(unique):
        if image.role != "thumbnail":
            unique[index] = replace(image, role="lead")
            break
    return tuple(unique)


def dimension(value: object) -> int | None:
    """A width/height attribute as a positive int, or None."""
    number = _dimension(str(value)) if value is not None else None
    return number if number and number > 0 else None


def title_or_excerpt(title: str, *bodies: str) -> str:
    """The title, or for a title-less post (microblogs) the start of its text."""
    if title:
        return title
    for body in bodies:
        text = plain_text(body)
        if text:
            return text if len(text) <= 100 else text[:99].rsplit(" ", 1)[0] + "…"
    return ""
