"""One entry point for fetched bytes: JSON Feed, RSS/Atom, or a web page that is not a feed."""

from __future__ import annotations

import re

from desktop_reader.core.errors import ParseError
from desktop_reader.core.models import ParsedFeed
from desktop_reader.core.parse.discovery import find_feed_links
from desktop_reader.core.parse.encoding import strip_leading_junk, wide_encoding
from desktop_reader.core.parse.feeds import parse_xml_feed
from desktop_reader.core.parse.jsonfeed import parse_json_feed

_FIRST_ELEMENT = re.compile(rb"<([A-Za-z][A-Za-z0-9:._-]*)")
_SKIPPABLE = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>)", re.S | re.I)
_HTML_DOCTYPE = re.compile(rb"<!DOCTYPE\s+html", re.I)
_HTML_ROOTS = {b"html", b"head", b"body", b"meta", b"title", b"div", b"p", b"script"}
_FEED_ROOTS = {b"rss", b"feed", b"rdf:rdf", b"rdf", b"channel"}


def sniff(content: bytes, content_type: str = "") -> str:
    """ "json", "xml", "html" or "other", from the bytes first and the media type second."""
    if wide_encoding(content[:8]) is not None:
        return "xml"  # UTF-16/32 or EBCDIC: only XML feeds come that way
    head = strip_leading_junk(content[:65536])
    if head[:1] in (b"{", b"["):
        return "json"
    if not head.startswith(b"<"):
        return "json" if "json" in content_type else "other"
    position = 0
    html_doctype = False
    while match := _SKIPPABLE.match(head, position):
        html_doctype = html_doctype or bool(_HTML_DOCTYPE.match(match.group(1)))
        position = match.end()
    root = _FIRST_ELEMENT.search(head, position)
    name = root.group(1).lower() if root else b""
    # The root decides: some generators put an HTML DOCTYPE before <rss>.
    if name in _FEED_ROOTS or name.endswith((b":rss", b":feed", b":rdf")):
        return "xml"
    if html_doctype or name in _HTML_ROOTS or "html" in content_type:
        return "html"
    return "xml"


def parse_feed(
    content: bytes, *, url: str, content_type: str = "", charset: str | None = None
) -> ParsedFeed:
    """Parse whatever a feed URL returned; ParseError (maybe with alternate_url) if no feed."""
    if not content.strip():
        raise ParseError("The server sent an empty response")
    kind = sniff(content, content_type.lower())
    if kind == "json":
        return parse_json_feed(content, url=url)
    if kind == "xml":
        return parse_xml_feed(content, url=url, content_type=content_type, charset=charset)
    if kind == "html":
        text = (
            content.decode(charset or "utf-8", errors="replace")
            if _known(charset)
            else content.decode("utf-8", errors="replace")
        )
        links = find_feed_links(text, url)
        if links:
            raise ParseError(
                f"Not a feed; found {links[0].url} instead", alternate_url=links[0].url
            )
        raise ParseError("Not a feed: the address gives a web page without a feed link")
    shown = content_type or "unknown"
    raise ParseError(f"Not a feed: the server sent something else (type {shown})")


def _known(charset: str | None) -> bool:
    if not charset:
        return False
    try:
        "".encode(charset)
    except LookupError:
        return False
    return True
