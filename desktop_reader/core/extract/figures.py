"""Which images belong to the article, and in what shape they go into its HTML.

`collect_images` looks at the whole page (after lazy images are resolved, before
boilerplate is stripped): every image's caption and credit, og:image, and the lead
figure near the top of the article, which readability tends to drop.
`ArticleImages.attach` then walks the extracted body: the lead is taken out of it
(it is shown on its own), tracking pixels, ads and repeats are dropped, and each
remaining figure is rebuilt as <figure><img><figcaption>caption <small>credit</small>.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml.html import HtmlElement

from desktop_reader.core.extract.images import (
    image_ref,
    is_tracking_pixel,
    og_image,
    outside_article_content,
)
from desktop_reader.core.extract.tracking import is_tracking_url
from desktop_reader.core.models import ImageRef

# A figure is the lead when at most this many real paragraphs (a standfirst) come before it.
_LEAD_MAX_PARAGRAPHS_BEFORE = 1
_REAL_PARAGRAPH_CHARS = 80
_CAPTION_CLASS = re.compile(
    r"(^|[-_\s])(caption|credit|photo-credit|image-credit)s?($|[-_\s])", re.IGNORECASE
)


@dataclass(frozen=True)
class AttachedImages:
    lead: ImageRef | None
    inline: tuple[ImageRef, ...]


@dataclass
class ArticleImages:
    lead: ImageRef | None = None
    known: dict[str, ImageRef] = field(default_factory=dict)  # url -> ref from the page
    excluded: set[str] = field(default_factory=set)  # ads, logos, pixels on the page

    def attach(self, body: HtmlElement) -> AttachedImages:
        """Clean the images of an extracted body in place and return their refs."""
        for element in list(body.iter()):
            if (
                isinstance(element.tag, str)
                and element.tag != "figcaption"
                and element.getparent() is not None
                and _CAPTION_CLASS.search(element.get("class") or "")
                and not element.xpath(".//img")
            ):
                element.drop_tree()  # a loose caption paragraph is not article prose
        seen: set[str] = set()
        if self.lead is not None:
            seen.add(self.lead.url)
        inline: list[ImageRef] = []
        for img in list(body.iter("img")):
            src = img.get("src") or ""
            ref = self.known.get(src) or image_ref(img, "inline")
            if ref is None or src in seen or src in self.excluded or is_tracking_pixel(img):
                _drop_image(img)
                continue
            seen.add(src)
            ref = replace(ref, role="inline")
            inline.append(ref)
            _rebuild_figure(img, ref)
        for figcaption in list(body.iter("figcaption")):
            parent = figcaption.getparent()
            if parent is None:
                continue
            if parent.tag != "figure":
                figcaption.drop_tree()  # a caption whose figure readability took apart
            elif not parent.xpath(".//img"):
                parent.drop_tree()
        return AttachedImages(lead=self.lead, inline=tuple(inline))


def _drop_image(img: HtmlElement) -> None:
    figure = next(img.iterancestors("figure"), None)
    if figure is not None and len(figure.xpath(".//img")) <= 1:
        figure.drop_tree()
    elif img.getparent() is not None:
        img.drop_tree()


def _rebuild_figure(img: HtmlElement, ref: ImageRef) -> None:
    figure = next(img.iterancestors("figure"), None)
    parent = figure.getparent() if figure is not None else None
    if figure is None or parent is None:
        return
    new = figure.makeelement("figure", {})
    attributes = {"src": ref.url, "alt": ref.alt}
    if ref.width:
        attributes["width"] = str(ref.width)
    if ref.height:
        attributes["height"] = str(ref.height)
    new.append(new.makeelement("img", attributes))
    if ref.caption or ref.credit:
        caption = new.makeelement("figcaption", {})
        caption.text = ref.caption
        if ref.credit:
            small = caption.makeelement("small", {})
            small.text = ref.credit
            if ref.caption:
                caption.text = ref.caption + " "
            caption.append(small)
        new.append(caption)
    new.tail = figure.tail
    parent.replace(figure, new)


def _article_scope(root: HtmlElement) -> HtmlElement:
    for xpath in ("//article", "//main", "//*[@role='main']", "//body"):
        found = [e for e in root.xpath(xpath) if isinstance(e, HtmlElement)]
        if found:
            return (
                max(found, key=lambda e: len(e.text_content()))
                if xpath == "//article"
                else found[0]
            )
    return root


def _lead_figure(root: HtmlElement) -> ImageRef | None:
    """The first captioned or large image near the top of the article, if any."""
    paragraphs = 0
    for element in _article_scope(root).iter("p", "figure", "img"):
        if element.tag == "p":
            if len(element.text_content().strip()) >= _REAL_PARAGRAPH_CHARS:
                paragraphs += 1
                if paragraphs > _LEAD_MAX_PARAGRAPHS_BEFORE:
                    return None
            continue
        img = element if element.tag == "img" else next(element.iter("img"), None)
        if img is None or is_tracking_pixel(img) or outside_article_content(img):
            continue
        in_figure = element.tag == "figure" or next(img.iterancestors("figure"), None) is not None
        width = img.get("width") or ""
        if in_figure or (width.isdigit() and int(width) >= 300):
            ref = image_ref(img, "lead")
            if ref is not None:
                return ref
    return None


def collect_images(root: HtmlElement, base_url: str | None) -> ArticleImages:
    """Look at every image of a page whose lazy images were already resolved."""
    images = ArticleImages()
    for img in root.iter("img"):
        src = img.get("src") or ""
        if is_tracking_pixel(img) or outside_article_content(img):
            images.excluded.add(src)
            continue
        ref = image_ref(img, "inline")
        if ref is not None and src not in images.known:
            images.known[src] = ref
    images.excluded -= set(images.known)  # the same picture used in the article too
    figure_lead = _lead_figure(root)
    og = og_image(root, base_url)
    if og is not None and is_tracking_url(og.url):
        og = None
    if figure_lead is not None:
        if og is not None and og.url == figure_lead.url:
            figure_lead = replace(
                figure_lead,
                alt=figure_lead.alt or og.alt,
                width=figure_lead.width or og.width,
                height=figure_lead.height or og.height,
            )
        images.lead = figure_lead
    elif og is not None:
        known = images.known.get(og.url)
        images.lead = replace(known, role="lead") if known is not None else og
    return images
