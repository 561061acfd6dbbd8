"""JSON Feed 1.0 and 1.1 -> ParsedFeed (feedparser cannot read JSON Feed).

Follows the spec's field names and tolerates the usual deviations: numeric ids,
`author` (1.0) and `authors` (1.1), missing titles, trailing commas or a cut-off body.
"""

from __future__ import annotations

import html
import json
from typing import Any

from desktop_reader.core.errors import ParseError
from desktop_reader.core.models import ImageRef, ParsedEntry, ParsedFeed
from desktop_reader.core.parse import dates
from desktop_reader.core.parse.entries import (
    absolute_url,
    dimension,
    first_image,
    make_guid,
    markup_title,
    plain_text,
    title_or_excerpt,
    title_text,
    unique_guids,
    with_lead,
)
from desktop_reader.core.parse.jsonrepair import loads_tolerant


def _str(value: Any) -> str:
    """A field as text: strings as they are, numbers as digits, anything else empty.

    JSON may escape half a surrogate pair ("\\ud800"), which no UTF-8 text can hold:
    pairs are joined, lone halves become U+FFFD.
    """
    if isinstance(value, str):
        if any("\ud800" <= c <= "\udfff" for c in value):
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _text_as_html(text: str) -> str:
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def _authors(item: dict[str, Any], feed: dict[str, Any]) -> str:
    for source in (item, feed):
        people = source.get("authors")
        if not isinstance(people, list):
            people = [source.get("author")]
        names = [plain_text(_str(p.get("name"))) for p in people if isinstance(p, dict)]
        names = [n for n in names if n]
        if names:
            return ", ".join(names)
    return ""


def _images(item: dict[str, Any], base: str) -> list[ImageRef]:
    images: list[ImageRef] = []
    for key in ("image", "banner_image"):
        if url := absolute_url(_str(item.get(key)), base):
            images.append(ImageRef(url=url))
    attachments = item.get("attachments")
    for attachment in attachments if isinstance(attachments, list) else []:
        if not isinstance(attachment, dict):
            continue
        if not _str(attachment.get("mime_type")).lower().startswith("image/"):
            continue
        if url := absolute_url(_str(attachment.get("url")), base):
            images.append(
                ImageRef(
                    url=url,
                    caption=plain_text(_str(attachment.get("title"))),
                    width=dimension(attachment.get("width")),
                    height=dimension(attachment.get("height")),
                )
            )
    return images


def _entry(item: dict[str, Any], feed: dict[str, Any], base: str) -> ParsedEntry:
    link = absolute_url(_str(item.get("url")) or _str(item.get("external_url")), base)
    content_html = _str(item.get("content_html")) or _text_as_html(_str(item.get("content_text")))
    summary_html = _text_as_html(_str(item.get("summary")))
    # The spec makes titles plain text, but generators paste HTML titles in: see
    # markup_title ("Die Rückkehr von <i> und <b>" keeps its words).
    title = title_or_excerpt(markup_title(_str(item.get("title"))), summary_html, content_html)
    published = dates.parse_date(_str(item.get("date_published")))
    updated = dates.parse_date(_str(item.get("date_modified")))
    images = _images(item, base)
    if not images and (found := first_image(content_html, link or base)):
        images.append(found)
    raw_tags = item.get("tags")
    tags: list[str] = []
    for tag in raw_tags if isinstance(raw_tags, list) else []:
        text = plain_text(_str(tag))
        if text and text not in tags:
            tags.append(text)
    return ParsedEntry(
        guid=make_guid(_str(item.get("id")), link, title, published or updated),
        link=link,
        title=title,
        author=_authors(item, feed),
        published=published or updated,
        updated=updated,
        summary_html=summary_html,
        content_html=content_html,
        images=with_lead(images),
        tags=tuple(tags),
    )


def _load(content: bytes) -> tuple[Any, str | None]:
    text = content.decode("utf-8-sig", errors="replace")
    try:
        return json.loads(text), None
    except ValueError as error:
        reason = (
            f"{error.msg} at line {error.lineno}"
            if isinstance(error, json.JSONDecodeError)
            else str(error)
        )
    except RecursionError:  # arrays nested thousands deep: no feed looks like that
        raise ParseError("The feed is not valid JSON: it is nested too deeply") from None
    try:
        return loads_tolerant(text), reason
    except (ValueError, RecursionError):
        raise ParseError(f"The feed is not valid JSON: {reason}") from None


def parse_json_feed(content: bytes, *, url: str) -> ParsedFeed:
    """Parse JSON Feed bytes fetched from `url`."""
    if not content.strip():
        raise ParseError("The feed is empty")
    document, broken = _load(content)
    if not isinstance(document, dict) or not (
        "jsonfeed.org/version" in _str(document.get("version"))
        or isinstance(document.get("items"), list)
    ):
        raise ParseError("Not a feed: the JSON is not a JSON Feed")
    items = document.get("items")
    items = [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
    base = url  # relative URLs are relative to where the feed was fetched from
    entries = unique_guids(
        [_entry(item, document, base) for item in items],
        has_id=[bool(_str(item.get("id")).strip()) for item in items],
    )
    if broken is not None and not entries:
        raise ParseError(f"The feed is not valid JSON: {broken}")
    warning = None
    if broken is not None:
        warning = (
            f"The feed is not valid JSON ({broken}); {len(entries)} "
            f"article{'s' if len(entries) != 1 else ''} recovered"
        )
    version = _str(document.get("version"))
    language = _str(document.get("language")) or None
    return ParsedFeed(
        format="json11" if version.rstrip("/").endswith("1.1") else "json10",
        title=title_text(_str(document.get("title"))),
        site_url=absolute_url(_str(document.get("home_page_url")), url),
        description=plain_text(_str(document.get("description"))),
        icon_url=absolute_url(_str(document.get("icon")) or _str(document.get("favicon")), url),
        language=language,
        entries=tuple(entries),
        warning=warning,
    )
