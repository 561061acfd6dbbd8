"""RSS 0.9x/1.0/2.0 and Atom feeds -> ParsedFeed. The only module that imports feedparser.

Never gives up on a feed that still has entries: a broken one comes back with
`warning` set; one with nothing readable raises ParseError with a message for a user.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]
import feedparser.mixin  # type: ignore[import-untyped]

from desktop_reader.core.errors import ParseError
from desktop_reader.core.models import ImageRef, ParsedEntry, ParsedFeed
from desktop_reader.core.parse import dates, encoding
from desktop_reader.core.parse.entries import (
    absolute_url,
    dimension,
    first_image,
    make_guid,
    plain_text,
    plain_title,
    title_or_excerpt,
    title_text,
    unique_guids,
    with_lead,
)
from desktop_reader.core.parse.mediarss import ItemMedia, read_item_media


def _c1_as_cp1252_table(mapping: dict[int, str]) -> str:
    """feedparser's C1-to-cp1252 mapping as a string indexed by code point (the BMP).

    feedparser runs every text it returns through `str.translate(_cp1252)`; with a dict,
    each character it does not map raises and clears a KeyError inside translate, which
    made that one line a tenth of feedparser's time. A string table maps the same
    characters (beyond the BMP, its IndexError means "unchanged" to translate, as the
    dict's KeyError did) in under half the time.
    """
    return "".join(mapping.get(code, chr(code)) for code in range(0x10000))


if isinstance(feedparser.mixin._cp1252, dict):  # the version we know; anything else: as is
    feedparser.mixin._cp1252 = _c1_as_cp1252_table(feedparser.mixin._cp1252)


_FORMATS = {"rss20": "rss20", "rss": "rss20", "rss10": "rss10", "atom10": "atom10"}
_PROLOG_MARK = re.compile(rb"<!--|<[A-Za-z_]")
# Only references that may name no character: control codes, surrogates, past U+10FFFF
# (matching every "&#8217;" and calling back for each costs a big feed a third of a second).
_CHAR_REF = re.compile(
    rb"&#(?:[xX]0*([0-9A-Fa-f]|1[0-9A-Fa-f]|[dD][89a-fA-F][0-9a-fA-F]{2}|[0-9a-fA-F]{6,})"
    rb"|0*([0-9]|[12][0-9]|3[01]|5[5-7][0-9]{3}|[0-9]{7,}));"
)
_ENTITY = re.compile(
    rb"<!ENTITY\s+(%\s*)?[^\s>]+\s+(SYSTEM|PUBLIC|\"[^\"]*\"|'[^']*')"
    rb"(?:\s+(\"[^\"]*\"|'[^']*'))?(?:\s+(\"[^\"]*\"|'[^']*'))?",
    re.I,
)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TYPES = {"text/plain", "text/html", "application/xhtml+xml", "html", "xhtml"}


def _char_ref(match: re.Match[bytes]) -> bytes:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    if code in (9, 10, 13) or (0x20 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF):
        return match.group(0)
    return b"&#xFFFD;"


def _safe_char_refs(content: bytes) -> bytes:
    """Character references to no character (a lone surrogate, NUL, past U+10FFFF) as
    U+FFFD: feedparser's fallback parser turns them into strings that cannot be encoded,
    and crashes on the way."""
    return _CHAR_REF.sub(_char_ref, content) if b"&#" in content else content


def _prolog(content: bytes) -> bytes:
    """Everything before the root element, comments left out, however long they are."""
    parts, position = [], 0
    while match := _PROLOG_MARK.search(content, position):
        parts.append(content[position : match.start()])
        if match.group() != b"<!--":
            return b"".join(parts)
        end = content.find(b"-->", match.end())
        if end < 0:
            return b"".join(parts)  # a comment that never ends: nothing after it is read
        position = end + 3
    return b"".join(parts) + content[position:]


def _screen_entities(content: bytes) -> None:
    """Refuse external entities and entities built from other entities (billion laughs).

    `content` is UTF-8 already (see encoding.prepare), so an attack cannot hide in
    UTF-16; comments are taken out first, so one cannot hide behind "<!-- <rss> -->".
    feedparser 6 strips such declarations too, and its expat reader does not fetch
    external entities; this check makes the refusal explicit and independent of that.
    A parameter entity naming a public DTD module on the web (XHTML's Latin-1 names)
    is harmless, since nothing here ever fetches it, and is let through.
    """
    for declaration in _ENTITY.finditer(_prolog(content)):
        parameter, value = declaration.group(1), declaration.group(2)
        if (
            parameter
            and value.upper() == b"PUBLIC"
            and (declaration.group(4) or b"")
            .strip(b"\"'")
            .lower()
            .startswith((b"http://", b"https://"))
        ):
            continue
        if (
            parameter
            or value.upper() in (b"SYSTEM", b"PUBLIC")
            or (re.search(rb"&(?!#)", value) or b"%" in value)
        ):
            raise ParseError(
                "The feed declares XML entities that could attack the reader "
                "(external files or nested expansion); it was not read"
            )


def _format(version: str) -> str:
    if version in _FORMATS:
        return _FORMATS[version]
    if version.startswith("rss09"):
        return "rss09x"
    return "atom03" if version.startswith("atom") else "rss20"


def _as_html(detail: Any, fallback: str = "") -> str:
    """A feedparser text construct as HTML (plain text is escaped)."""
    value = (detail or {}).get("value", fallback) if isinstance(detail, dict) else fallback
    kind = (detail or {}).get("type", "text/html") if isinstance(detail, dict) else "text/html"
    if not value:
        return ""
    if kind == "text/plain":
        return "<p>" + html.escape(value).replace("\n\n", "</p><p>") + "</p>"
    return str(value)


def _content_html(entry: Any, media: ItemMedia | None, is_rss: bool) -> str:
    for content in entry.get("content") or []:
        kind = content.get("type", "")
        # feedparser files media:description under `content`: skip it where the XML pass
        # saw no content element of the item's own, keep anything else (xhtml:body...).
        if (
            media is not None
            and not media.has_content
            and (plain_text(content.get("value")) in media.media_texts)
        ):
            continue
        if media is None and is_rss and kind == "text/plain":
            continue
        return _as_html(content)
    return ""


def _summary_html(entry: Any, media: ItemMedia | None) -> str:
    summary_html = _as_html(entry.get("summary_detail"), entry.get("summary", ""))
    if media is not None and summary_html and plain_text(summary_html) in media.media_texts:
        # feedparser let a media:description stand in for the summary: the item's own
        # description, if it has one, is the summary.
        return media.summary or ""
    return summary_html


def _title(entry: Any, is_rss: bool) -> str:
    """The entry's title as plain text.

    An Atom title is plain text unless it says otherwise (type="text" is the default),
    so "History of the <blink> tag" keeps its "<blink>". RSS never says: feedparser's
    "text/plain" there is a guess, and RSS titles are escaped HTML in practice, so
    their tags go (an unclosed "<img onerror=…>" too).
    """
    if not is_rss and (entry.get("title_detail") or {}).get("type") == "text/plain":
        return plain_title(entry.get("title"))
    return title_text(entry.get("title"))


def _fallback_images(entry: Any, base: str | None) -> list[ImageRef]:
    """Images from feedparser's fields, for feeds too broken for the XML pass."""
    images: list[ImageRef] = []
    credits = entry.get("media_credit") or []
    single = len(entry.get("media_content") or []) == 1
    for media in entry.get("media_content") or []:
        url = absolute_url(media.get("url"), base)
        if url and (media.get("medium") == "image" or media.get("type", "").startswith("image/")):
            images.append(
                ImageRef(
                    url=url,
                    width=dimension(media.get("width")),
                    height=dimension(media.get("height")),
                    credit=(plain_text(credits[0].get("content")) if single and credits else ""),
                )
            )
    for thumb in entry.get("media_thumbnail") or []:
        if url := absolute_url(thumb.get("url"), base):
            images.append(
                ImageRef(
                    url=url,
                    role="thumbnail",
                    width=dimension(thumb.get("width")),
                    height=dimension(thumb.get("height")),
                )
            )
    for enclosure in entry.get("enclosures") or []:
        url = absolute_url(enclosure.get("href"), base)
        if enclosure.get("type", "").startswith("image/") and url:
            images.append(ImageRef(url=url))
    return images


def _join(base: str, relative: str) -> str:
    """`urljoin`, but a malformed xml:base ("https://[host/") leaves the base as it was:
    one bad attribute must not cost the feed."""
    try:
        return urljoin(base, relative)
    except ValueError:
        return base


def _entry(entry: Any, media: ItemMedia | None, base: str, is_rss: bool) -> ParsedEntry:
    # feedparser reports xml:base as written (it is not told the feed's URL: resolving
    # every element against it costs a fifth of its time); relative ones join the URL.
    entry_base = _join(
        base, (entry.get("title_detail") or entry.get("summary_detail") or {}).get("base") or ""
    )
    content_base = _join(
        base,
        next(
            (c.get("base") for c in entry.get("content") or [] if c.get("base")),
            (entry.get("summary_detail") or {}).get("base"),
        )
        or entry_base,
    )
    link = absolute_url(entry.get("link"), entry_base)
    title = _title(entry, is_rss)
    published = dates.parse_date(
        entry.get("published"), fallback=dates.from_struct_time(entry.get("published_parsed"))
    )
    updated = dates.parse_date(
        entry.get("updated"), fallback=dates.from_struct_time(entry.get("updated_parsed"))
    )
    summary_html = _summary_html(entry, media)
    content_html = _content_html(entry, media, is_rss)
    title = title_or_excerpt(title, summary_html, content_html)
    images = list(media.images) if media is not None else _fallback_images(entry, entry_base)
    if not any(image.role != "thumbnail" for image in images):
        found = first_image(content_html, entry_base) or first_image(summary_html, entry_base)
        if found is not None:
            images.insert(0, found)
    author = plain_text((entry.get("author_detail") or {}).get("name") or entry.get("author"))
    tags = []
    for tag in entry.get("tags") or []:
        text = plain_text(tag.get("label") or tag.get("term"))
        if text and text not in tags:
            tags.append(text)
    return ParsedEntry(
        guid=make_guid(
            media.guid if media and media.guid else entry.get("id"),
            link,
            title,
            published or updated,
        ),
        link=link,
        title=title,
        author=author,
        published=published or updated,
        updated=updated,
        summary_html=summary_html,
        content_html=content_html,
        images=with_lead(images),
        tags=tuple(tags),
        base_url=content_base,
    )


def _failure(parsed: Any, content: bytes) -> ParseError:
    if _HTML_START.match(content[:4096]):
        return ParseError("Not a feed: the server sent an HTML page")
    error = parsed.get("bozo_exception")
    if parsed.get("bozo") and error is not None:
        return ParseError(f"The feed is not valid XML: {error}")
    return ParseError("Not a feed: the document is neither RSS nor Atom")


def parse_xml_feed(
    content: bytes, *, url: str, content_type: str = "", charset: str | None = None
) -> ParsedFeed:
    """Parse RSS or Atom bytes fetched from `url` (header media type and charset given)."""
    if not content.strip():
        raise ParseError("The feed is empty")
    prepared = encoding.prepare(content, charset)
    _screen_entities(prepared.content)
    prepared = replace(prepared, content=_safe_char_refs(prepared.content))
    header = (content_type or "application/xml") + (
        f"; charset={prepared.charset}" if prepared.charset else ""
    )
    # Our nh3 pass sanitises and resolves URLs against each entry's xml:base (kept in
    # ParsedEntry.base_url); feedparser doing both too costs about a third of its time.
    parsed = feedparser.parse(
        prepared.content,
        response_headers={"content-type": header},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    entries_raw = parsed.get("entries") or []
    version = parsed.get("version") or ""
    if not entries_raw and (parsed.get("bozo") or not version):
        raise _failure(parsed, prepared.content)
    media = read_item_media(prepared.content, url)
    if media is not None and len(media) != len(entries_raw):
        media = None  # the two readers disagree on the items: trust feedparser alone
    fmt = _format(version)
    is_rss = fmt.startswith("rss")
    entries = unique_guids(
        [
            _entry(item, media[index] if media else None, url, is_rss)
            for index, item in enumerate(entries_raw)
        ],
        has_id=[
            bool((media[index].guid if media else None) or (item.get("id") or "").strip())
            for index, item in enumerate(entries_raw)
        ],
    )
    warning = prepared.warning
    if parsed.get("bozo"):
        error = parsed.get("bozo_exception")
        if isinstance(error, feedparser.CharacterEncodingOverride):
            warning = warning or (
                f"The feed's encoding was wrong; it was read as {parsed.get('encoding')}"
            )
        else:
            count = len(entries)
            warning = (
                f"The feed is not well-formed XML; {count} "
                f"article{'s' if count != 1 else ''} recovered"
            )
    return _feed(parsed.get("feed") or {}, url, fmt, tuple(entries), warning)


def _feed(
    feed: Any, url: str, fmt: str, entries: tuple[ParsedEntry, ...], warning: str | None
) -> ParsedFeed:
    icon = feed.get("icon") or (feed.get("image") or {}).get("href") or feed.get("logo")
    base = _join(url, (feed.get("title_detail") or {}).get("base") or "")
    return ParsedFeed(
        format=fmt,
        title=title_text(feed.get("title")),
        site_url=absolute_url(feed.get("link"), base),
        description=plain_text(feed.get("subtitle") or feed.get("description")),
        icon_url=absolute_url(icon, base),
        language=(feed.get("language") or None),
        entries=entries,
        warning=warning,
    )
