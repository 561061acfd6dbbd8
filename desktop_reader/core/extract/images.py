"""Image references of an article: the lead image, inline images, captions and credits.

Runs on a page whose <img src> were already resolved (lazy_images.py). Captions come
from the enclosing <figure>'s <figcaption> (credit removed) or the alt text; credits
from a `.credit`/`.byline`-like element inside the figcaption or a "Photo: …",
"© …" or "(Reuters)"-style ending of the caption.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from desktop_reader.core.extract.tracking import is_tracking_url
from desktop_reader.core.models import ImageRef

# Class/id words marking a credit element inside a figcaption.
_CREDIT_CLASS = re.compile(
    r"credit|byline|copyright|source|attribution|photographer", re.IGNORECASE
)
_CREDIT_SUFFIXES = (
    # "…. Photo: Jane Doe/Agency", "Image: Outlet", "Photograph by X", "Credit: X"
    re.compile(
        r"(?:^|\s|[.;,|–—-]\s*)((?:Photo(?:graph)?s?|Image|Picture|Illustration|Credit|"
        r"Foto|Bild)\s*(?:credit)?\s*(?::|by\b)\s*\S.*)$",
        re.IGNORECASE,
    ),
    re.compile(r"(?:^|\s)(©\s*\S.*)$"),
    # "(Reuters)", "(AP Photo/Jane Doe)": a short capitalised phrase in parentheses
    re.compile(r"\s\((\s*[A-Z][\w.&'’/ -]{1,48}?)\)\s*$"),
)
# Class/id words of containers whose images are not the article's.
_NOT_ARTICLE = re.compile(
    r"(^|[\s_-])(ads?|advert\w*|sponsor\w*|promo\w*|logo|avatar|author-bio|bio|masthead|"
    r"related|share|social|icon|newsletter|comment\w*|sidebar|teaser|outbrain|taboola)"
    r"($|[\s_-])",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")


def _text(element: HtmlElement | None) -> str:
    return _SPACES.sub(" ", element.text_content()).strip() if element is not None else ""


def _dimension(value: str | None) -> int | None:
    if value is None:
        return None
    match = re.match(r"\s*(\d{1,5})(px)?\s*$", value)
    return int(match.group(1)) if match else None


def split_credit(caption: str) -> tuple[str, str]:
    """("caption", "credit") from a caption that may end with a credit line."""
    caption = caption.strip()
    for pattern in _CREDIT_SUFFIXES:
        match = pattern.search(caption)
        if match:
            credit = match.group(1).strip()
            rest = caption[: match.start(1)].rstrip(" |–—-(").strip()
            return rest, credit
    return caption, ""


def caption_and_credit(img: HtmlElement) -> tuple[str, str]:
    """Caption and credit for an <img> from its figure, or ("", "") when it has none."""
    figure = next(img.iterancestors("figure"), None)
    figcaption = next(figure.iter("figcaption"), None) if figure is not None else None
    if figcaption is None:
        return "", ""
    credit = ""
    for element in figcaption.iter():
        if element is figcaption or not isinstance(element.tag, str):
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"
        if _CREDIT_CLASS.search(marker) or element.tag == "small":
            credit = _text(element)
            break
    full = _text(figcaption)
    if credit:
        caption = full.replace(credit, "", 1).strip(" |–—-")
        return caption, credit
    return split_credit(full)


def is_tracking_pixel(img: HtmlElement) -> bool:
    """1×1 and other tiny images, and URLs of known beacons."""
    width, height = _dimension(img.get("width")), _dimension(img.get("height"))
    if (width is not None and width <= 2) or (height is not None and height <= 2):
        return True
    return is_tracking_url(img.get("src") or "")


def outside_article_content(img: HtmlElement) -> bool:
    """True when an ancestor looks like an ad, a logo, an avatar or a related-links box."""
    for element in (img, *img.iterancestors()):
        if element.tag in ("header", "footer", "nav", "aside"):
            return True
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if marker.strip() and _NOT_ARTICLE.search(marker):
            return True
    return False


def image_ref(img: HtmlElement, role: str) -> ImageRef | None:
    """An ImageRef for a resolved <img>, or None when it is not a usable http(s) image."""
    src = (img.get("src") or "").strip()
    parts = urlsplit(src)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    caption, credit = caption_and_credit(img)
    alt = _SPACES.sub(" ", img.get("alt") or "").strip()
    return ImageRef(
        url=src,
        caption=caption or alt,
        credit=credit,
        alt=alt,
        width=_dimension(img.get("width")),
        height=_dimension(img.get("height")),
        role=role,
    )


def og_image(root: HtmlElement, base_url: str | None) -> ImageRef | None:
    """The page's og:image (or twitter:image), with its declared alt and size."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in (
            "og:image",
            "og:image:url",
            "og:image:secure_url",
            "twitter:image",
            "og:image:alt",
            "og:image:width",
            "og:image:height",
            "twitter:image:alt",
        ):
            values.setdefault(key, (meta.get("content") or "").strip())
    url = (
        values.get("og:image:secure_url")
        or values.get("og:image")
        or values.get("og:image:url")
        or values.get("twitter:image")
    )
    if not url:
        return None
    try:
        url = urljoin(base_url, url) if base_url else url
    except ValueError:
        return None
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    alt = values.get("og:image:alt") or values.get("twitter:image:alt") or ""
    return ImageRef(
        url=url,
        alt=alt,
        caption=alt,
        width=_dimension(values.get("og:image:width")),
        height=_dimension(values.get("og:image:height")),
        role="lead",
    )
