"""When readability finds too little: the JSON-LD articleBody or the densest text block.

Readability returns nothing useful for some pages (text in anonymous <div>s with
<br>s, single-page apps that keep the article in JSON-LD, pages where an ancestor
carries a "comments" class...). The fallback is taken only when it holds clearly
more text than what readability returned.
"""

from __future__ import annotations

import html
import re

from lxml.html import HtmlElement, fragment_fromstring

# Below this many characters of text the readability result is suspect.
MIN_ARTICLE_CHARS = 500
# A fallback must be this many times longer than the readability text to win.
FALLBACK_ADVANTAGE = 2.0
_BLOCKS = ("div", "section", "article", "main", "td", "body")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")


def _text_length(element: HtmlElement) -> int:
    return len(" ".join(element.text_content().split()))


def _link_text_length(element: HtmlElement) -> int:
    return sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))


def densest_block(root: HtmlElement) -> HtmlElement | None:
    """The block whose own text (text directly inside it, not in child blocks) is largest,
    widened to its parent when the parent's other children carry text too."""
    best, best_score = None, 0
    for element in root.iter(*_BLOCKS):
        own = len(
            " ".join(
                "".join(
                    [element.text or ""]
                    + [
                        (c.tail or "")
                        + (
                            c.text_content()
                            if c.tag
                            in (
                                "p",
                                "br",
                                "span",
                                "em",
                                "strong",
                                "b",
                                "i",
                                "a",
                                "h2",
                                "h3",
                                "blockquote",
                                "ul",
                                "ol",
                            )
                            else ""
                        )
                        for c in element
                    ]
                ).split()
            )
        )
        if own > best_score:
            best, best_score = element, own
    if best is None or best_score < 200:
        return None
    if _link_text_length(best) > 0.5 * _text_length(best):
        return None
    return best


def json_ld_body(text: str) -> HtmlElement:
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    if len(paragraphs) <= 1:
        paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    markup = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return fragment_fromstring(markup or "<p></p>", create_parent="div")


def choose(body: HtmlElement, page: HtmlElement, article_body: str) -> HtmlElement:
    """`body` (readability's result) unless a fallback holds clearly more text."""
    found = _text_length(body)
    if found >= MIN_ARTICLE_CHARS and len(article_body) < FALLBACK_ADVANTAGE * found:
        return body
    if len(article_body) > max(FALLBACK_ADVANTAGE * found, 200):
        return json_ld_body(article_body)
    if found < MIN_ARTICLE_CHARS:
        block = densest_block(page)
        if block is not None and _text_length(block) > FALLBACK_ADVANTAGE * max(found, 100):
            wrapper = fragment_fromstring("<div></div>")
            wrapper.append(block)
            return wrapper
    return body
