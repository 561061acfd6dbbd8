"""Turn the bytes of a web page into text, trusting declared charsets as far as the bytes agree.

Order: strict UTF-8, then the charset from the HTTP header or else the page's own
<meta charset> (or the http-equiv form), then windows-1252. A page is often labelled
UTF-8 while its bytes are windows-1252 (a CMS template that lies), so a declared UTF-8
that does not decode strictly falls back to windows-1252, which maps every byte we are
likely to see.
"""

from __future__ import annotations

import codecs
import re

# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">;
# only the first few KB are searched, as browsers do.
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE
)
_PRESCAN_BYTES = 4096
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels that browsers treat as windows-1252 (WHATWG encoding standard).
_LATIN1_ALIASES = {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1", "l1"}


def _normalise(label: str | None) -> str | None:
    """A Python codec name for an HTML charset label, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _LATIN1_ALIASES:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def sniff_meta_charset(data: bytes) -> str | None:
    """The charset a page declares in its own <meta>, if any and if Python knows it."""
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    return _normalise(match.group(1).decode("ascii", "replace")) if match else None


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Decode a page. Never raises: undecodable bytes become U+FFFD as a last resort."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, "replace")
    declared = _normalise(charset) or sniff_meta_charset(data)
    # Bytes that decode strictly as UTF-8 are UTF-8 whatever the label says (a
    # header claiming iso-8859-1 over UTF-8 bytes is common); otherwise the label,
    # then windows-1252, which is what a lying or missing label most often hides.
    candidates: list[str] = []
    if declared and declared.startswith(("utf-16", "utf-32")):
        candidates.append(declared)
    for fallback in ("utf-8", declared, "cp1252"):
        if fallback and fallback not in candidates:
            candidates.append(fallback)
    for name in candidates:
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode(declared or "utf-8", "replace")
