"""Paragraph-aware plain text from HTML: what the reader shows and the story engine reads.

Blocks (paragraphs, headings, list items, quotes, table rows) become paragraphs
separated by one blank line; inline markup is flattened; whitespace is collapsed
except inside <pre>. Scripts, styles, images and figure captions are not prose and
are left out. The walk is iterative, so pathological nesting cannot overflow the stack.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement, fragment_fromstring

# Elements whose end (and start) closes the current paragraph.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
# Elements whose content is never prose.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "figcaption",
        "button",
        "select",
        "textarea",
        "input",
        "video",
        "audio",
        "canvas",
        "map",
    }
)
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")


def _tag(element: object) -> str:
    tag = getattr(element, "tag", None)
    return tag.lower() if isinstance(tag, str) else ""


class _Paragraphs:
    """Collects text runs, closing a paragraph at each block boundary."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self.parts: list[str] = []
        self.pre_depth = 0

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text if self.pre_depth else _SPACES.sub(" ", text))

    def close(self) -> None:
        raw = "".join(self.parts)
        self.parts = []
        if self.pre_depth:
            text = raw.strip("\n")
        else:
            text = "\n".join(line.strip() for line in raw.split("\n")).strip()
        if text.strip():
            self.done.append(text)

    def result(self) -> str:
        self.close()
        return "\n\n".join(self.done)


def element_to_text(root: HtmlElement) -> str:
    """Plain text of a parsed element (see the module docstring for the rules).

    Comments are stripped from `root` first (iterwalk does not report them, and
    their tails are text).
    """
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
    out = _Paragraphs()
    skipping: object | None = None  # the element whose subtree is being skipped
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = _tag(element)
        if skipping is not None:
            if event == "end" and element is skipping:
                skipping = None
                out.add(element.tail)
            continue
        if event == "start":
            if element is not root and tag in SKIP_TAGS:
                skipping = element
                continue
            if tag in BLOCK_TAGS:
                out.close()
            if tag == "pre":
                out.pre_depth += 1
            if tag == "br":
                out.parts.append("\n")
            out.add(element.text)
        else:
            if tag in BLOCK_TAGS:
                out.close()
            if tag == "pre":
                out.pre_depth -= 1
            if element is not root:
                out.add(element.tail)
    return out.result()


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment or page; "" for empty or unparseable input."""
    if not html or not html.strip():
        return ""
    try:
        root = fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    return element_to_text(root)
