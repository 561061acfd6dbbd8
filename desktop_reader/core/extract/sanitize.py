"""Allowlist sanitising of article and feed HTML (nh3), and the local-image rewrite.

`sanitize_html` keeps text structure only: no scripts, styles, frames, forms, event
handlers or SVG; links become absolute http/https/mailto; images keep src/alt/
width/height/title with an absolute http(s) src that is not a known tracker. nh3
(ammonia, an html5ever parser like a browser's) is always the last step, so nothing our
own pre-pass serialises can reopen a hole (mXSS).

`rewrite_images` runs at display/storage time: every <img src> is mapped to a local
URL (e.g. "media:<sha256>") or the image is dropped, so nothing remote is ever loaded.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import nh3
from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring, tostring

from desktop_reader.core.extract.tracking import is_tracking_url

ALLOWED_TAGS = frozenset(
    {
        "p",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "figure",
        "figcaption",
        "img",
        "a",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "small",
        "mark",
        "q",
        "cite",
        "abbr",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
        "pre",
        "code",
        "br",
        "hr",
        "sub",
        "sup",
        "dl",
        "dt",
        "dd",
        "span",
        "div",
    }
)
# Removed together with everything inside them (the rest are unwrapped, text kept).
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "svg",
        "math",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "frame",
        "frameset",
        "applet",
        "audio",
        "video",
        "canvas",
        "map",
        "dialog",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES = frozenset({"http", "https"})
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)
_IMG_TAG = re.compile(r"<img\b[^>]*>")
_NEVER_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "about", "blob"})


def _absolute(value: str, base_url: str | None) -> str:
    value = value.strip()
    if base_url:
        try:
            return urljoin(base_url, value)
        except ValueError:  # e.g. a malformed IPv6 host
            return ""
    return value


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return ""


def _url_filter(base_url: str | None) -> Callable[[str, str, str], str | None]:
    """nh3 attribute filter: absolute URLs of allowed schemes only."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "href":
            url = _absolute(value, base_url)
            return url if _scheme(url) in LINK_SCHEMES else None
        if attribute == "src":
            url = _absolute(value, base_url)
            keep_image = (
                _scheme(url) in IMAGE_SCHEMES and urlsplit(url).netloc and not is_tracking_url(url)
            )
            return url if keep_image else None
        if attribute in ("width", "height"):
            return value if value.strip().isdigit() and len(value) < 6 else None
        return value

    return keep


class _Cleaners:
    """nh3 cleaners built once: passing the allowlists to `nh3.clean` on every call
    converted them into Rust sets each time, which cost more than cleaning a summary.

    A cleaner's attribute filter is fixed when it is built, but ours depends on the
    call (its base URL, the local images allowed): the filter in force is kept per
    thread, since pages are sanitised in several threads at once.
    """

    def __init__(self) -> None:
        self._filters = threading.local()
        self._built: dict[frozenset[str], nh3.Cleaner] = {}
        self._lock = threading.Lock()

    def _current_filter(self, tag: str, attribute: str, value: str) -> str | None:
        keep: Callable[[str, str, str], str | None] = self._filters.keep
        return keep(tag, attribute, value)

    def _cleaner(self, extra_schemes: frozenset[str]) -> nh3.Cleaner:
        cleaner = self._built.get(extra_schemes)
        if cleaner is None:
            with self._lock:
                cleaner = self._built.setdefault(
                    extra_schemes,
                    nh3.Cleaner(
                        tags=set(ALLOWED_TAGS),
                        clean_content_tags=set(DROPPED_WITH_CONTENT),
                        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
                        attribute_filter=self._current_filter,
                        url_schemes=set(LINK_SCHEMES | extra_schemes),
                        strip_comments=True,
                        link_rel="noopener noreferrer nofollow",
                    ),
                )
        return cleaner

    def clean(
        self,
        html: str,
        attribute_filter: Callable[[str, str, str], str | None],
        extra_schemes: frozenset[str] = frozenset(),
    ) -> str:
        cleaner = self._cleaner(extra_schemes)
        outer = getattr(self._filters, "keep", None)
        self._filters.keep = attribute_filter
        try:
            return str(cleaner.clean(html))
        finally:
            self._filters.keep = outer


_CLEANERS = _Cleaners()


def _keep_attribute(tag: str, attribute: str, value: str) -> str:
    return value


def _clean(
    html: str,
    attribute_filter: Callable[[str, str, str], str | None],
    extra_schemes: frozenset[str] = frozenset(),
) -> str:
    return _drop_sourceless_images(_CLEANERS.clean(html, attribute_filter, extra_schemes))


def _parse_fragment(html: str) -> HtmlElement | None:
    try:
        return fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def _serialise_children(root: HtmlElement) -> str:
    parts = [root.text or ""]
    parts.extend(tostring(child, encoding="unicode", method="html") for child in root)
    return "".join(parts)


def _drop_sourceless_images(html: str) -> str:
    """An <img> whose src was refused is useless; remove it (and a figure left empty)."""
    if "<img" not in html or all(" src=" in tag for tag in _IMG_TAG.findall(html)):
        return html  # nh3 writes attributes one way: no parse needed to see them all
    root = _parse_fragment(html)
    if root is None:
        return ""
    changed = False
    for img in root.iter("img"):
        if not img.get("src"):
            _remove_image(img)
            changed = True
    return _clean_again(root) if changed else html


def _remove_image(img: HtmlElement) -> None:
    figure = next((a for a in img.iterancestors("figure")), None)
    img.drop_tree()
    if figure is not None and not figure.xpath(".//img"):
        figure.drop_tree()


def _clean_again(root: HtmlElement) -> str:
    # lxml's serialisation goes back through nh3 (no filters needed: every URL in
    # it already passed them), so nh3 stays the last word on what is emitted.
    return _CLEANERS.clean(_serialise_children(root), _keep_attribute)


def sanitize_html(html: str, base_url: str | None) -> str:
    """Sanitise an HTML fragment for display; relative URLs resolve against `base_url`.

    Without a base URL, relative links are dropped and relative images removed.
    """
    if not html or not html.strip():
        return ""
    # <h1> belongs to the page, not a fragment: keep such headings as <h2>. (A raw
    # rewrite is safe here: nh3 parses the result from scratch.)
    return _clean(_H1.sub(r"<\1h2", html), _url_filter(base_url))


def rewrite_images(html: str, resolve: Callable[[str], str | None]) -> str:
    """Point every <img> at a local copy via `resolve(src)`; drop images it returns None for.

    `html` is expected to be sanitised already; the result is sanitised again with
    only the resolved local URLs allowed as image sources.
    """
    if not html or "<img" not in html:
        return sanitize_html(html, None) if html else ""
    root = _parse_fragment(html)
    if root is None:
        return ""
    local: set[str] = set()
    for img in list(root.iter("img")):
        target = resolve(img.get("src") or "")
        if not target or _scheme(target) in _NEVER_SCHEMES:
            _remove_image(img)
            continue
        for attribute in ("srcset", "data-src", "data-srcset"):
            img.attrib.pop(attribute, None)
        img.set("src", target)
        local.add(target)
    schemes = frozenset(_scheme(url) for url in local) - _NEVER_SCHEMES

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "src":
            return value if value in local else None
        if attribute == "href":
            return value if _scheme(value) in LINK_SCHEMES else None
        return value

    return _clean(_serialise_children(root), keep, schemes)
