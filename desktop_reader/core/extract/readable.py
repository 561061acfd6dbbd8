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
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from readability import Document
from readability.readability import Unparseable

logging.getLogger("readability").setLevel(logging.CRITICAL)
logging.getLogger("readability.readability").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class ReadableResult:
    html: str  # the article body as an HTML fragment ("" when nothing was found)


def readable_article(page: str, url: str | None) -> ReadableResult:
    """Run readability over a decoded page and return its article."""
    document = Document(page, url=url or None)
    try:
        html = document.summary(html_partial=True) or ""
    except (Unparseable, ValueError, TypeError, RecursionError):
        html = ""
    return ReadableResult(html=html)
