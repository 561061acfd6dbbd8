"""Make every <img> in a parsed page carry its real, absolute URL in `src`.

Pages hide the real image behind lazy-loading attributes (data-src, data-original,
data-lazy-src), srcset candidates, <picture><source> elements or a <noscript> copy,
and put a placeholder (a data: URI, a 1×1 gif) in `src`. This runs on the page
before readability sees it, so the article keeps its images.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml.html import HtmlElement, fragment_fromstring

LAZY_ATTRIBUTES = (
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-lazy",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-original-src",
    "data-actualsrc",
    "data-echo",
)
SRCSET_ATTRIBUTES = ("srcset", "data-srcset", "data-lazy-srcset")
# A candidate wider than this is more than a reader pane needs.
PREFERRED_MAX_WIDTH = 1600
# A src that only stands in for the image: a data:/about: URI, or a file named like
# "spacer.gif", "blank.png", "lazy-placeholder.png", "grey-16x9.gif" (the whole name,
# so "empty-deck.jpg" is a real picture).
_PLACEHOLDER = re.compile(
    r"^(data:|about:|javascript:)|(^|/)([\w-]*[-_])?(blank|spacer|pixel|placeholder|"
    r"transparent|lazy|loading|grey|gray|empty|clear|1x1|dot)([-_.]?(\d+x\d+|\d+|placeholder))?"
    r"\.(gif|png|svg|jpe?g|webp)(\?.*)?$",
    re.IGNORECASE,
)
_DESCRIPTOR = re.compile(r"^\s*(\d+(?:\.\d+)?)([wx])\s*$", re.IGNORECASE)


def is_placeholder(src: str | None) -> bool:
    """True for an empty src or one that only stands in for the real image."""
    return not src or not src.strip() or bool(_PLACEHOLDER.search(src.strip()))


def parse_srcset(srcset: str) -> list[tuple[str, float, str]]:
    """(url, size, unit) candidates of a srcset; unit "w", "x", or "" when none was given."""
    candidates: list[tuple[str, float, str]] = []
    position, length = 0, len(srcset)
    while position < length:
        while position < length and (srcset[position].isspace() or srcset[position] == ","):
            position += 1
        start = position
        while position < length and not srcset[position].isspace():
            position += 1
        url = srcset[start:position]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            end = srcset.find(",", position)
            end = length if end == -1 else end
            descriptor, position = srcset[position:end], end + 1
        if not url or url.startswith("data:"):
            continue
        match = _DESCRIPTOR.match(descriptor)
        if match:
            candidates.append((url, float(match.group(1)), match.group(2).lower()))
        else:
            candidates.append((url, 1.0, ""))
    return candidates


def best_srcset_candidate(srcset: str) -> str | None:
    """The largest candidate not wider than PREFERRED_MAX_WIDTH (else the smallest one)."""
    candidates = parse_srcset(srcset)
    if not candidates:
        return None
    widths = [c for c in candidates if c[2] == "w"]
    if widths:
        fitting = [c for c in widths if c[1] <= PREFERRED_MAX_WIDTH]
        return (max(fitting, key=lambda c: c[1]) if fitting else min(widths, key=lambda c: c[1]))[0]
    densities = [c for c in candidates if c[1] <= 2.0] or candidates
    return max(densities, key=lambda c: c[1])[0]


def _real_source(img: HtmlElement) -> str | None:
    """The URL the page would eventually show for this <img>, before resolving."""
    for attribute in LAZY_ATTRIBUTES:
        value = img.get(attribute)
        if value and not is_placeholder(value):
            return value.strip()
    for attribute in SRCSET_ATTRIBUTES:
        value = img.get(attribute)
        best = best_srcset_candidate(value) if value else None
        if best:
            return best
    # libxml2 does not know <source> is empty, so the <img> may sit inside one.
    picture = next(img.iterancestors("picture"), None)
    if picture is not None:
        for source in picture.iter("source"):
            media_type = (source.get("type") or "").lower()
            if media_type and not media_type.startswith(
                ("image/jpeg", "image/png", "image/webp", "image/gif")
            ):
                continue  # e.g. image/avif or image/jxl: may not display everywhere
            for attribute in SRCSET_ATTRIBUTES:
                value = source.get(attribute)
                best = best_srcset_candidate(value) if value else None
                if best:
                    return best
    src = img.get("src")
    return None if is_placeholder(src) else (src or "").strip()


def _noscript_image(noscript: HtmlElement) -> HtmlElement | None:
    """The <img> a <noscript> holds (lxml may keep its markup as text)."""
    found = next(iter(noscript.iter("img")), None)
    if found is not None:
        return found
    markup = (noscript.text or "").strip()
    if "<img" not in markup.lower():
        return None
    try:
        parsed = fragment_fromstring(markup, create_parent="div")
    except Exception:  # noqa: BLE001 - a broken <noscript> is simply ignored
        return None
    return next(iter(parsed.iter("img")), None)


def _placeholder_for(noscript: HtmlElement) -> HtmlElement | None:
    """The visible <img> a <noscript> stands beside: the previous sibling, or one in the parent."""
    previous = noscript.getprevious()
    if previous is not None:
        found = previous if previous.tag == "img" else next(iter(previous.iter("img")), None)
        if found is not None:
            return found
    parent = noscript.getparent()
    if parent is None:
        return None
    return next(
        (
            img
            for img in parent.iter("img")
            if not any(a.tag == "noscript" for a in img.iterancestors())
        ),
        None,
    )


def _unwrap_noscripts(root: HtmlElement) -> None:
    """Replace a lazy placeholder <img> by the real one its <noscript> sibling carries."""
    for noscript in list(root.iter("noscript")):
        real = _noscript_image(noscript)
        parent = noscript.getparent()
        if real is None or parent is None:
            continue
        visible = _placeholder_for(noscript)
        if visible is None:
            replacement = _copy_image(real)
            replacement.tail = noscript.tail
            parent.replace(noscript, replacement)
            continue
        holder = visible.getparent()
        if (
            holder is not None
            and is_placeholder(visible.get("src"))
            and not _has_lazy_source(visible)
        ):
            replacement = _copy_image(real)
            replacement.tail = visible.tail
            holder.replace(visible, replacement)
        noscript.drop_tree()


def _has_lazy_source(img: HtmlElement) -> bool:
    return any(img.get(a) for a in LAZY_ATTRIBUTES + SRCSET_ATTRIBUTES)


def _copy_image(img: HtmlElement) -> HtmlElement:
    return img.makeelement("img", dict(img.attrib))


def resolve_lazy_images(root: HtmlElement, base_url: str | None) -> None:
    """Rewrite every <img> in `root` to `src=<absolute real URL>`; drop hopeless ones."""
    _unwrap_noscripts(root)
    for img in list(root.iter("img")):
        source = _real_source(img)
        if not source:
            img.drop_tree()
            continue
        try:
            absolute = urljoin(base_url, source) if base_url else source
        except ValueError:
            img.drop_tree()
            continue
        img.set("src", absolute)
        for attribute in SRCSET_ATTRIBUTES + LAZY_ATTRIBUTES:
            img.attrib.pop(attribute, None)
        picture = next(img.iterancestors("picture"), None)
        above = picture.getparent() if picture is not None else None
        if picture is not None and above is not None:
            # readability does not know <picture>; leave the bare <img> in its place.
            img.tail = picture.tail
            above.replace(picture, img)
