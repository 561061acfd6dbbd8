"""Article extraction: page bytes in, title/byline/date/sanitised body/text/images out.

Steps: decode (decode.py) -> parse -> read metadata and og:image -> resolve lazy
images -> find the lead figure -> strip boilerplate -> readability picks the body
(readable.py) -> fall back to JSON-LD articleBody or the densest text block when it
found too little -> attach captions/credits to images -> sanitise -> plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from desktop_reader.core.errors import ExtractionError
from desktop_reader.core.extract import body_fallback
from desktop_reader.core.extract.boilerplate import remove_boilerplate, remove_calls_to_action
from desktop_reader.core.extract.decode import decode_html
from desktop_reader.core.extract.figures import ArticleImages, collect_images
from desktop_reader.core.extract.lazy_images import resolve_lazy_images
from desktop_reader.core.extract.metadata import PageMetadata, page_metadata
from desktop_reader.core.extract.plaintext import html_to_text
from desktop_reader.core.extract.readable import readable_article
from desktop_reader.core.extract.sanitize import sanitize_html
from desktop_reader.core.models import ExtractedArticle

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BINARY_SIGNATURES = ("%PDF", "\x89PNG", "GIF8", "\xff\xd8\xff", "PK\x03\x04", "\x1f\x8b")


@dataclass(frozen=True)
class _Body:
    root: HtmlElement  # the article body as a <div>
    images: ArticleImages
    meta: PageMetadata


def _to_text(data: bytes | str, charset: str | None) -> str:
    page = data if isinstance(data, str) else decode_html(data, charset)
    if not page.strip():
        raise ExtractionError("The page is empty.")
    head = page.lstrip()[:8]
    if head.startswith(_BINARY_SIGNATURES) or page[:2048].count("\x00") > 8:
        raise ExtractionError(
            "This is not a web page (it looks like a PDF, an image or another file)."
        )
    return page


def _parse_page(page: str) -> HtmlElement:
    page = _XML_DECLARATION.sub("", page, count=1).replace("\x00", "")
    try:
        root = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"The page could not be read as HTML ({exc}).") from exc
    return root


def _fragment(html: str) -> HtmlElement:
    try:
        return lxml.html.fragment_fromstring(html or "<div></div>", create_parent="div")
    except (etree.ParserError, ValueError):
        return lxml.html.fragment_fromstring("<div></div>")


def _body(data: bytes | str, url: str | None, charset: str | None) -> _Body:
    page = _to_text(data, charset)
    root = _parse_page(page)
    for base in list(root.iter("base")):
        base.drop_tree()  # links resolve against the page's own URL, never a planted <base>
    meta = page_metadata(root, url)  # reads JSON-LD, so before scripts go
    resolve_lazy_images(root, url)
    # Scripts and styles are never the article (a page's JSON state blob can outweigh
    # its text); without them every later pass walks a smaller tree.
    etree.strip_elements(root, "script", "style", "template", with_tail=False)
    images = collect_images(root, url)  # before boilerplate removal may drop figures
    remove_boilerplate(root)
    cleaned = lxml.html.tostring(root, encoding="unicode", method="html")
    body = _fragment(readable_article(cleaned).html)
    remove_calls_to_action(body)
    body = body_fallback.choose(body, root, meta.article_body)
    _remove_repeated_header(body, meta)
    return _Body(root=body, images=images, meta=meta)


def extract_article(html: bytes | str, url: str, *, charset: str | None = None) -> ExtractedArticle:
    """Extract the readable article from a page.

    `html` is the page as fetched (bytes, decoded here: header `charset`, then the
    page's <meta charset>, with a windows-1252 fallback for mislabelled UTF-8) or
    already-decoded text; `url` is the page's address (links and images resolve
    against it). Raises ExtractionError with a message fit for a user when the
    page is empty, not HTML, or holds no readable text.
    """
    body = _body(html, url or None, charset)
    images = body.images.attach(body.root)
    sanitized = sanitize_html(_inner_html(body.root), url or None)
    text = html_to_text(sanitized)
    if not text.strip():
        raise ExtractionError("No readable article text was found on this page.")
    meta = body.meta
    return ExtractedArticle(
        title=meta.title or _first_line(text),
        html=sanitized,
        text=text,
        byline=meta.byline,
        published=meta.published,
        lead_image=images.lead,
        images=images.inline,
        language=meta.language,
        site_name=meta.site_name,
        canonical_url=meta.canonical_url,
        description=meta.description,
    )


def extract_text(html: str | bytes, url: str | None = None) -> str:
    """The main text of an article page: paragraphs separated by blank lines.

    Never raises: returns "" for an empty, non-HTML or textless page. Captions,
    credits, menus, share bars, newsletter boxes, comments and ads are left out.
    """
    try:
        body = _body(html, url, None)
    except ExtractionError:
        return ""
    body.images.attach(body.root)
    return html_to_text(sanitize_html(_inner_html(body.root), url))


def _remove_repeated_header(body: HtmlElement, meta: PageMetadata) -> None:
    """The headline and the "By …" line are shown from the metadata, not the body."""
    title = " ".join(meta.title.split()).casefold()
    byline = " ".join(meta.byline.split()).casefold()
    for element in list(body.iter("h1", "h2", "p", "div", "span")):
        if element.getparent() is None:
            continue
        text = " ".join(element.text_content().split()).casefold()
        if not text:
            continue
        is_headline = (element.tag == "h1" and (text == title or not title)) or (
            element.tag == "h2" and text == title
        )
        is_byline = (
            bool(byline)
            and len(text) <= len(byline) + 12
            and byline in text
            and (text.startswith("by ") or text == byline)
        )
        if is_headline or is_byline:
            element.drop_tree()


def _inner_html(root: HtmlElement) -> str:
    return str(lxml.html.tostring(root, encoding="unicode", method="html"))


def _first_line(text: str) -> str:
    line = text.split("\n", 1)[0].strip()
    return line[:120]
