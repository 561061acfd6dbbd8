"""Remove the parts of a news page that are never the article.

Cookie banners, share bars, newsletter boxes, "Read more"/related boxes, comments,
ads, breadcrumbs and tag lists are recognised by their class/id words and ARIA
roles. An element holding most of the page's text, or several long paragraphs
(ids like "read-more" or "sharing-with-a-team" can hold the article), is never removed, so a page
whose <body class="has-comments"> or <article class="share-enabled"> would
otherwise vanish keeps its article.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

# A class or id word that marks boilerplate, between spaces, hyphens or underscores,
# so "c-share-bar" and "newsletter_signup" hit.
_BOILERPLATE_WORD = re.compile(
    r"(?:^|[-_\s])(cookie|cookies|consent|gdpr|share|sharing|sharebar|social|newsletter|"
    r"subscribe|signup|related|recommended|recirculation|readmore|read-more|more-stories|"
    r"most-read|mostread|most-popular|trending|comments?|disqus|ads?|advert\w*|adslot|"
    r"sponsor\w*|promo\w*|outbrain|taboola|breadcrumbs?|tags|topics|author-bio|bio|"
    r"paywall|popup|skip-link|visually-hidden|sr-only|print-only)(?:$|[-_\s])",
    re.IGNORECASE,
)
_BOILERPLATE_ROLES = {
    "dialog",
    "alertdialog",
    "banner",
    "navigation",
    "contentinfo",
    "complementary",
    "search",
}
_BOILERPLATE_TAGS = ("nav", "footer", "aside", "form", "button", "select", "dialog")
# Short blocks whose text starts like this are calls to action, not prose.
_CALL_TO_ACTION = re.compile(
    r"^\s*(read more|read also|also read|see also|related|more on this|recommended|"
    r"sign up|subscribe|advertisement|share this|follow us|click here)\b[:\s]?",
    re.IGNORECASE,
)
_KEEP_TAGS = {"html", "body", "main", "article"}
# Elements with a boilerplate tag or a role, class or id to read.
_CANDIDATES = etree.XPath(
    "descendant-or-self::*[@role or @class or @id or "
    + " or ".join(f"self::{tag}" for tag in _BOILERPLATE_TAGS)
    + "]"
)
# An element with more than this share of the page's text is content, whatever its class.
_MAX_SHARE = 0.5
# ... and so is one holding this many paragraphs of this many characters.
_PROSE_PARAGRAPHS = 3
_PROSE_PARAGRAPH_CHARS = 150


def _is_marked(element: HtmlElement) -> bool:
    if (element.get("role") or "").lower() in _BOILERPLATE_ROLES:
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return names != " " and _BOILERPLATE_WORD.search(names) is not None


def _text_length(element: HtmlElement) -> int:
    """Visible text only: inline scripts can outweigh a whole article."""
    if element.find(".//script") is None and element.find(".//style") is None:
        return len(element.text_content())
    return sum(
        len(text)
        for text in element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")
    )


def _holds_prose(element: HtmlElement) -> bool:
    """Several long paragraphs: an article (or its hidden continuation), not a widget."""
    long_paragraphs = 0
    for paragraph in element.iter("p"):
        if len(paragraph.text_content()) >= _PROSE_PARAGRAPH_CHARS:
            long_paragraphs += 1
            if long_paragraphs >= _PROSE_PARAGRAPHS:
                return True
    return False


def remove_boilerplate(root: HtmlElement) -> None:
    """Drop boilerplate elements from a parsed page, in place."""
    body = root.find("body")
    total = _text_length(body if body is not None else root) or 1
    doomed: list[HtmlElement] = []
    # Only elements that can be boilerplate come back to Python (document order).
    for element in _CANDIDATES(root):
        if element.tag in _KEEP_TAGS:
            continue
        if element.tag in _BOILERPLATE_TAGS or _is_marked(element):
            doomed.append(element)
    removed: set[HtmlElement] = set()
    for element in doomed:  # document order: outer elements come first
        if element.getparent() is None or any(a in removed for a in element.iterancestors()):
            continue
        if _text_length(element) / total > _MAX_SHARE or _holds_prose(element):
            continue
        removed.add(element)
        element.drop_tree()


def remove_calls_to_action(root: HtmlElement) -> None:
    """Drop short "Read more: …", "Sign up …" paragraphs inside an extracted article."""
    for element in list(root.iter("p", "div", "li", "aside", "h2", "h3", "h4", "strong")):
        if element.getparent() is None:
            continue
        text = element.text_content()
        if len(text) < 160 and _CALL_TO_ACTION.match(text):
            element.drop_tree()
