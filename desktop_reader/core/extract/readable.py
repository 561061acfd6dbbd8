"""The only module that imports readability (readability-lxml); its quirks stay here.

Quirks handled:
- `Document.summary()` raises `Unparseable` for anything it cannot score, and logs a
  full traceback through the `readability` logger first: we silence that logger and
  turn the failure into "no article found" (an empty string).
- Given a parsed tree it re-uses that same, already mutated tree when its first
  ("ruthless") pass finds too little and it retries, so it is always given a string.
- With `html_partial=True` it returns `<div>` fragments, which is what we sanitise.
- It drops <noscript> (where lazy-loading pages keep the real <img>) and often the
  lead figure, so image resolution happens before it runs, and the lead image is
  found separately.
- Given the page's URL it makes every link of the page absolute on each parse; the
  sanitiser resolves the links of the body it keeps anyway, so it is not given one.
- Its whitespace normaliser (`clean`, run on the text of nearly every element it
  scores) applies three regular expressions to each text, most of which cannot match;
  `_clean` below gives the same result and skips those that cannot.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import readability.readability as readability_module
from readability import Document
from readability.readability import Unparseable

logging.getLogger("readability").setLevel(logging.CRITICAL)
logging.getLogger("readability.readability").setLevel(logging.CRITICAL)

# readability's own three patterns, compiled once.
_LONG_SPACE = re.compile(r"\s{255,}")
_NEWLINE_SPACE = re.compile(r"\s*\n\s*")
_TAB_OR_SPACES = re.compile(r"\t|[ \t]{2,}")


def _clean(text: str) -> str:
    """readability's `clean`, equal for every input: a pattern is run only when the
    text holds what it needs to match (255 characters, a newline, a tab or two spaces)."""
    if len(text) >= 255:
        text = _LONG_SPACE.sub(" " * 255, text)
    if "\n" in text:
        text = _NEWLINE_SPACE.sub("\n", text)
    if "\t" in text or "  " in text:
        text = _TAB_OR_SPACES.sub(" ", text)
    return text.strip()


#: readability's own, kept for the test that holds `_clean` equal to it.
readability_clean = readability_module.clean
readability_module.clean = _clean


@dataclass(frozen=True)
class ReadableResult:
    html: str  # the article body as an HTML fragment ("" when nothing was found)


def readable_article(page: str) -> ReadableResult:
    """Run readability over a decoded page and return its article (links as they were
    on the page: the caller resolves them)."""
    document = Document(page)
    try:
        html = document.summary(html_partial=True) or ""
    except (Unparseable, ValueError, TypeError, RecursionError):
        html = ""
    return ReadableResult(html=html)
