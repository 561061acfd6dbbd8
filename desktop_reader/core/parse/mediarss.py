"""Images of each feed item read from the XML itself (Media RSS, enclosures, xml:base).

Also the item's GUID as written (feedparser resolves permalink GUIDs into URLs) and its
own summary (feedparser lets media:description overwrite it).

feedparser flattens Media RSS: media:title/description are lost or pasted into the
entry's content, credits are not tied to their image, and relative media URLs are not
resolved against xml:base. This second, safe pass over the same bytes reads each item's
images with caption, credit and alt, in document order, plus whether the item has real
content (content:encoded, Atom content) so a caption is never taken for the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element

from desktop_reader.core.errors import ParseError
from desktop_reader.core.models import ImageRef
from desktop_reader.core.parse.entries import absolute_url, dimension, plain_text
from desktop_reader.core.parse.safexml import XML_NS, local_name, namespace, parse_xml

_MEDIA_NS = ("http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss")
_MEDIA_PREFIXES = tuple("{" + ns for ns in _MEDIA_NS)
_ATOM_NS = ("http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#")
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_RSS_NS = (
    "",
    "http://purl.org/rss/1.0/",
    "http://backend.userland.com/rss2",
    "http://my.netscape.com/rdf/simple/0.9/",
)
_XHTML_NS = "http://www.w3.org/1999/xhtml"
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")


@dataclass(frozen=True)
class ItemMedia:
    images: tuple[ImageRef, ...]
    has_content: bool  # content:encoded / Atom <content> / xhtml:body present
    summary: str | None = None  # RSS <description> / Atom <summary> text, None if absent
    guid: str | None = None  # RSS <guid> / Atom <id> exactly as written
    # Plain text of the item's media:title/description: feedparser may have put one of
    # them in the entry's summary or content, where it is not the article's text.
    media_texts: frozenset[str] = frozenset()


def _is_item(element: Element) -> bool:
    name = local_name(element)
    if name == "entry":
        return namespace(element) in _ATOM_NS
    return name == "item" and namespace(element) not in _MEDIA_NS


def _text(parent: Element, name: str) -> str:
    for child in parent:
        if namespace(child) in _MEDIA_NS and local_name(child) == name:
            return plain_text("".join(child.itertext()))
    return ""


def _looks_like_image(url: str, mime: str, medium: str) -> bool:
    if medium:
        return medium == "image"
    if mime:
        return mime.startswith("image/")
    return url.lower().split("?", 1)[0].endswith(_IMAGE_SUFFIXES)


class _ItemReader:
    def __init__(self, item: Element, base: str | None) -> None:
        self.item = item
        self.base = base
        self.images: list[ImageRef] = []
        self.has_content = False
        self.summary: str | None = None
        self.guid: str | None = None
        self.media_texts: set[str] = set()

    def read(self) -> ItemMedia:
        media_count = sum(1 for _ in self._media_contents(self.item))
        for child in self.item:
            ns, name = namespace(child), local_name(child)
            if ns in _MEDIA_NS and name in ("content", "group"):
                self._media(child, single=media_count == 1)
            elif ns in _MEDIA_NS and name == "thumbnail":
                self._add(child.get("url"), role="thumbnail", element=child)
            elif name == "enclosure" and not ns:
                if _looks_like_image(child.get("url", ""), child.get("type", ""), ""):
                    self._add(child.get("url"), role="inline", element=child)
            elif ns in _ATOM_NS and name == "link" and child.get("rel") == "enclosure":
                if _looks_like_image(child.get("href", ""), child.get("type", ""), ""):
                    self._add(child.get("href"), role="inline", element=child)
            elif (
                (ns == _CONTENT_NS and name == "encoded")
                or (ns in _ATOM_NS and name == "content")
                or (ns == _XHTML_NS and name == "body")
                or (not ns and name == "fullitem")
            ):
                self.has_content = self.has_content or bool(
                    "".join(child.itertext()).strip() or len(child)
                )
            elif (name == "description" and ns in _RSS_NS) or (
                ns in _ATOM_NS and name == "summary"
            ):
                self.summary = "".join(child.itertext()).strip()
            elif (name == "guid" and ns in _RSS_NS) or (ns in _ATOM_NS and name == "id"):
                self.guid = (child.text or "").strip()
        for element in self.item.iter():
            tag = element.tag
            # Most descendants are not Media RSS: a prefix test skips them cheaply.
            if not isinstance(tag, str) or not tag.startswith(_MEDIA_PREFIXES):
                continue
            if namespace(element) not in _MEDIA_NS or local_name(element) not in (
                "title",
                "description",
            ):
                continue
            if text := plain_text("".join(element.itertext())):
                self.media_texts.add(text)
        return ItemMedia(
            tuple(self.images),
            self.has_content,
            self.summary,
            self.guid,
            frozenset(self.media_texts),
        )

    def _media_contents(self, parent: Element) -> list[Element]:
        found = []
        for child in parent:
            if namespace(child) in _MEDIA_NS and local_name(child) == "content":
                found.append(child)
            elif namespace(child) in _MEDIA_NS and local_name(child) == "group":
                found.extend(self._media_contents(child))
        return found

    def _media(self, element: Element, *, single: bool) -> None:
        if local_name(element) == "group":
            for content in self._media_contents(element):
                self._media_one(content, fallbacks=(element, self.item) if single else (element,))
            for child in element:
                if namespace(child) in _MEDIA_NS and local_name(child) == "thumbnail":
                    self._add(child.get("url"), role="thumbnail", element=child)
        else:
            self._media_one(element, fallbacks=(self.item,) if single else ())

    def _media_one(self, element: Element, fallbacks: tuple[Element, ...]) -> None:
        url = element.get("url", "")
        if not _looks_like_image(url, element.get("type", ""), element.get("medium", "")):
            return
        sources = (element, *fallbacks)  # the image's own text first, then its group/item
        title = next((t for s in sources if (t := _text(s, "title"))), "")
        description = next((t for s in sources if (t := _text(s, "description"))), "")
        credit = next((t for s in sources if (t := _text(s, "credit"))), "")
        self._add(
            url,
            role="inline",
            element=element,
            caption=description or title,
            credit=credit,
            alt=title if description else "",
        )
        for child in element:
            if namespace(child) in _MEDIA_NS and local_name(child) == "thumbnail":
                self._add(child.get("url"), role="thumbnail", element=child)

    def _add(
        self,
        url: str | None,
        *,
        role: str,
        element: Element,
        caption: str = "",
        credit: str = "",
        alt: str = "",
    ) -> None:
        absolute = absolute_url(url, self.base)
        if absolute is None:
            return
        self.images.append(
            ImageRef(
                url=absolute,
                caption=caption,
                credit=credit,
                alt=alt,
                role=role,
                width=dimension(element.get("width")),
                height=dimension(element.get("height")),
            )
        )


def read_item_media(content: bytes, base_url: str) -> list[ItemMedia] | None:
    """Per-item media in document order, or None when the bytes are not strict XML."""
    try:
        root = parse_xml(content, what="feed")
    except ParseError:
        return None
    found: list[ItemMedia] = []
    # Depth first, in document order, with a stack of our own: a hostile document can
    # nest elements far deeper than Python's recursion limit.
    stack: list[tuple[Element, str | None]] = [(root, base_url)]
    while stack:
        element, base = stack.pop()
        declared = element.get(XML_NS + "base")
        if declared:
            base = absolute_url(declared, base) or base
        if _is_item(element):
            try:
                found.append(_ItemReader(element, base).read())
            except RecursionError:  # media:group inside media:group, thousands deep
                return None
            continue
        stack.extend((child, base) for child in reversed(element))
    return found
