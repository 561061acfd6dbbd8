"""Turning parsed feed entries into rows ready to store (sanitised, images listed)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import urlsplit

from lxml import html as lxml_html

from desktop_reader.core.extract import rewrite_images, sanitize_html
from desktop_reader.core.extract.plaintext import element_to_text
from desktop_reader.core.extract.tracking import is_tracking_url
from desktop_reader.core.models import ImageRef, PageState, ParsedEntry
from desktop_reader.core.parse.entries import plain_text
from desktop_reader.core.storage.articles import NewEntry


def prepare_entries(entries: Iterable[ParsedEntry]) -> list[NewEntry]:
    """Sanitise each entry's content and list the images it uses, for download later."""
    prepared = []
    for entry in entries:
        raw = entry.content_html or entry.summary_html
        base = entry.base_url or entry.link
        content = sanitize_html(raw, base) if raw else ""
        root = _parse(content)
        images = _merge(entry.images, content_images(root))
        has_page = bool(entry.link) and urlsplit(entry.link or "").scheme in ("http", "https")
        # The summary is stored too: never keep the feed's raw (possibly hostile) markup,
        # nor its remote images (only content_html is rewritten to local copies).
        summary = (
            content
            if raw == entry.summary_html
            else (sanitize_html(entry.summary_html, base) if entry.summary_html else "")
        )
        if "<img" in summary:
            summary = rewrite_images(summary, _no_image)
        prepared.append(
            NewEntry(
                # The raw content is not needed past this point: the entry carries the
                # sanitised string itself, so a hand-off between processes pickles it once.
                entry=replace(entry, images=images, summary_html=summary, content_html=content),
                content_html=content,
                text=_text(root, content),
                page_state=PageState.PENDING if has_page else PageState.SKIPPED,
            )
        )
    return prepared


def _text(root: lxml_html.HtmlElement | None, content: str) -> str:
    text = element_to_text(root) if root is not None else ""
    if not text.strip() and content:
        # libxml2 gives up below 256 nested elements and returns an empty tree; the
        # text is still there for a parser that does not build one.
        text = plain_text(content)
    return text


def _no_image(url: str) -> None:
    return None


def _parse(html: str) -> lxml_html.HtmlElement | None:
    """Sanitised HTML parsed once, for both its images and its text."""
    if not html.strip():
        return None
    try:
        return lxml_html.fragment_fromstring(html, create_parent="div")
    except (ValueError, SyntaxError):
        return None


def content_images(root: lxml_html.HtmlElement | None) -> tuple[ImageRef, ...]:
    """<img> in parsed (sanitised) HTML, minus tracking pixels, in document order."""
    if root is None:
        return ()
    found = []
    for img in root.iter("img"):
        src = img.get("src") or ""
        if not src.startswith(("http://", "https://")) or _is_pixel(img):
            continue
        caption = ""
        figure = img.getparent()
        while figure is not None and figure.tag != "figure":
            figure = figure.getparent()
        if figure is not None:
            cap = figure.find(".//figcaption")
            if cap is not None:
                caption = " ".join(cap.text_content().split())
        found.append(ImageRef(url=src, caption=caption, alt=img.get("alt") or ""))
    return tuple(found)


def _is_pixel(img: lxml_html.HtmlElement) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 2:
            return True
    return False


def _merge(first: tuple[ImageRef, ...], second: tuple[ImageRef, ...]) -> tuple[ImageRef, ...]:
    """Feed-declared images (with their credits) first, then content images not yet listed."""
    # A feed may declare a tracking address as the entry's image: never listed, never fetched.
    first = tuple(image for image in first if not is_tracking_url(image.url))
    seen = {image.url for image in first}
    merged = list(first)
    for image in second:
        if image.url not in seen:
            seen.add(image.url)
            merged.append(image)
    if merged and not any(image.role == "lead" for image in merged):
        merged[0] = replace(merged[0], role="lead")
    return tuple(merged)
