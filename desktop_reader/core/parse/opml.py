"""OPML subscription lists: read (nested outlines become folders "A/B") and write (OPML 2.0).

Reading keeps whatever can be read: a file broken by a raw "&" or a cut-off end still
gives its feeds, and an outline whose address is not a web feed (javascript:, file:,
ftp:, a relative path) is reported as skipped, with why, instead of being imported to
sit unrefreshable forever.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from desktop_reader.core.errors import ParseError
from desktop_reader.core.models import OutlineFeed
from desktop_reader.core.parse.encoding import prepare, strip_leading_junk
from desktop_reader.core.parse.safexml import local_name, parse_xml_recovering


def _attribute(element: Element, name: str) -> str:
    """An attribute matched case-insensitively (exporters write xmlUrl, xmlurl, XMLURL)."""
    for key, value in element.attrib.items():
        if key.lower() == name:
            return value.strip()
    return ""


@dataclass(frozen=True)
class SkippedOutline:
    title: str
    url: str
    reason: str


@dataclass
class OpmlContents:
    feeds: list[OutlineFeed] = field(default_factory=list)
    skipped: list[SkippedOutline] = field(default_factory=list)
    recovered: bool = False  # the file was not valid XML; what could be read was kept


def feed_address(url: str) -> tuple[str | None, str]:
    """(http(s) address, "") for a subscribable URL, else (None, why it is skipped).

    `feed://host/path` and `feed:https://…` are the feed: scheme browsers used; they
    mean the http(s) address inside.
    """
    url = url.strip()
    lowered = url.lower()
    if lowered.startswith("feed:"):
        rest = url[5:]
        url = (
            rest
            if rest.lower().startswith(("http://", "https://"))
            else ("http:" + rest if rest.startswith("//") else "http://" + rest)
        )
    try:
        parts = urlsplit(url)
    except ValueError:
        return None, "not a valid address"
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and parts.netloc:
        return url, ""
    if not scheme:
        return None, "a relative address, with no site to resolve it against"
    return None, f"a {scheme}: address, not a web feed"


def _walk(element: Element, folder: str, found: OpmlContents) -> None:
    for child in element:
        if local_name(child) != "outline":
            continue
        # Attributes are plain text: "<" in a title is a character, not a tag.
        title = " ".join((_attribute(child, "title") or _attribute(child, "text")).split())
        url = _attribute(child, "xmlurl")
        title = "" if title == url else title  # exporters put the URL in for a missing title
        if url:
            address, reason = feed_address(url)
            if address is None:
                found.skipped.append(SkippedOutline(title, url, reason))
            else:
                found.feeds.append(
                    OutlineFeed(
                        url=address,
                        title=title,
                        site_url=_attribute(child, "htmlurl") or None,
                        folder=folder,
                    )
                )
            _walk(child, folder, found)  # a feed outline with children: keep them, same folder
        else:
            name = title.replace("/", "∕")  # "/" separates levels, so a literal one is swapped
            _walk(child, f"{folder}/{name}" if folder and name else (name or folder), found)


def read_opml_contents(content: bytes) -> OpmlContents:
    """Subscriptions in an OPML file, in file order, de-duplicated by URL, and what was
    skipped; ParseError only when nothing of the file can be read as OPML."""
    content = strip_leading_junk(content)
    if not content:
        raise ParseError("The OPML file is empty")
    # UTF-8 whatever the file was written in: expat refuses Shift_JIS, Big5, EUC-KR...
    content = prepare(content, None).content
    root, recovered = parse_xml_recovering(content, what="OPML file")
    if local_name(root) != "opml":
        raise ParseError(f"Not an OPML file: it starts with <{local_name(root)}>")
    body = next((child for child in root if local_name(child) == "body"), None)
    if body is None:
        raise ParseError("The OPML file has no <body> with subscriptions")
    found = OpmlContents(recovered=recovered)
    _walk(body, "", found)
    unique: dict[str, OutlineFeed] = {}
    for feed in found.feeds:
        unique.setdefault(feed.url, feed)
    found.feeds = list(unique.values())
    return found


def read_opml(content: bytes) -> list[OutlineFeed]:
    """Subscriptions in an OPML file (see read_opml_contents for what is skipped)."""
    return read_opml_contents(content).feeds


def write_opml(feeds: Iterable[OutlineFeed], title: str) -> bytes:
    """An OPML 2.0 document; folders become nested outlines in first-seen order."""
    opml = Element("opml", version="2.0")
    head = SubElement(opml, "head")
    SubElement(head, "title").text = title
    SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = SubElement(opml, "body")
    folders: dict[str, Element] = {"": body}

    def folder_element(path: str) -> Element:
        if path not in folders:
            parent_path, _, name = path.rpartition("/")
            parent = folder_element(parent_path)
            folders[path] = SubElement(parent, "outline", text=name, title=name)
        return folders[path]

    for feed in feeds:
        attributes = {"type": "rss", "text": feed.title or feed.url, "xmlUrl": feed.url}
        if feed.title:
            attributes["title"] = feed.title
        if feed.site_url:
            attributes["htmlUrl"] = feed.site_url
        SubElement(folder_element(feed.folder.strip("/")), "outline", attributes)
    indent(opml)
    document: bytes = tostring(opml, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
