"""What the desktop asked us to open: a `feed:` URI, a web address, or a feed file.

The .desktop file registers Desktop Reader for `x-scheme-handler/feed` and for
`application/rss+xml` / `application/atom+xml` files. Whatever arrives becomes a
`FeedRequest`: the http(s) address to subscribe to, after the user confirms.

A file is subscribed through the address it gives for itself (Atom/RSS
`<atom:link rel="self">`, JSON Feed `feed_url`): that is the only address that
is known to be the feed. A file without one is refused with a message naming its
site link, rather than importing a one-off copy of its entries that would never
update. Qt-free; the dialog lives in ui/dialogs/confirm_subscribe.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from desktop_reader.core.errors import ParseError
from desktop_reader.core.parse.detect import parse_feed, sniff
from desktop_reader.core.parse.safexml import local_name, parse_xml
from desktop_reader.core.pipeline.subscribe import normalise_address

_FILE_LIMIT = 20 * 1024 * 1024
_ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedRequest:
    url: str  # http(s) feed address to subscribe to
    title: str = ""  # the feed's own title, when a file told us
    source: str = ""  # what was opened, as the user would recognise it


def is_open_argument(text: str) -> bool:
    """Does a command-line word look like something to open (rather than a command)?"""
    if text.startswith(("feed:", "http://", "https://", "file:")):
        return True
    return Path(text).is_file()


def absolute_argument(text: str) -> str:
    """The argument as another process can read it: file paths made absolute."""
    if text.startswith(("feed:", "http://", "https://", "file:")):
        return text
    return str(Path(text).expanduser().resolve())


def feed_request(argument: str) -> FeedRequest:
    """Turn an opened argument into a subscription request; ParseError says why not."""
    argument = argument.strip()
    if argument.startswith("file:"):
        return _from_file(Path(unquote(urlsplit(argument).path)))
    if argument.startswith(("feed:", "http://", "https://")):
        return FeedRequest(url=normalise_address(argument), source=argument)
    return _from_file(Path(argument))


def _from_file(path: Path) -> FeedRequest:
    try:
        if path.stat().st_size > _FILE_LIMIT:
            raise ParseError(f"“{path.name}” is too large to be a feed file.")
        content = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"“{path}” could not be read: {exc.strerror or exc}.") from exc
    feed = parse_feed(content, url=path.as_uri())  # ParseError: not a feed
    own = _self_link(content)
    if not own or not own.startswith(("http://", "https://")):
        where = (
            f" Its website is {feed.site_url}."
            if feed.site_url and feed.site_url.startswith("http")
            else ""
        )
        raise ParseError(
            f"“{path.name}” is a saved copy of the feed “{feed.title or path.name}” "
            "but does not say where the feed lives online, so there is nothing "
            f"to subscribe to.{where} Use File ▸ Subscribe with the site’s address."
        )
    return FeedRequest(url=normalise_address(own), title=feed.title, source=str(path))


def _self_link(content: bytes) -> str:
    """The feed's own address as written in the document ("" if none)."""
    if sniff(content) == "json":
        try:
            document = json.loads(content.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError):
            return ""
        url = document.get("feed_url") if isinstance(document, dict) else None
        return url.strip() if isinstance(url, str) else ""
    try:
        root = parse_xml(content, what="feed file")
    except ParseError:
        return ""  # feedparser recovered it; no reliable self link then
    channel = (
        root
        if local_name(root) == "feed"
        else next((child for child in root if local_name(child) == "channel"), root)
    )
    for child in channel:
        if (
            local_name(child) == "link"
            and child.get("rel") == "self"
            and (child.tag.startswith(f"{{{_ATOM_NS}}}") or local_name(root) == "feed")
        ):
            return (child.get("href") or "").strip()
    return ""
