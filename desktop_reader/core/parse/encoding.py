"""Get feed bytes into a state an XML parser reads correctly, before parsing.

Three real-world problems are fixed here, on bytes, so feedparser still does its own
encoding detection afterwards:
- a UTF-8 byte-order mark or blank lines before `<?xml` (the declaration must come first);
- windows-1252 bytes (curly quotes, €, é) in a document that says it is UTF-8: each byte
  that is not valid UTF-8 is read as windows-1252, so a mostly-UTF-8 file is kept intact;
- a Content-Type charset that contradicts a UTF-8 document (valid UTF-8 with a UTF-8
  declaration is trusted over the header, as browsers do for feeds).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_DECLARATION = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_UTF8_NAMES = {"utf-8", "utf8", "u8"}
_LEGACY_NAMES = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252",
                 "cp1252", "iso8859-1", "l1"}


@dataclass(frozen=True)
class PreparedBytes:
    content: bytes
    charset: str | None  # the header charset to hand on, None when we dropped it
    warning: str | None = None


def declared_encoding(content: bytes) -> str | None:
    """The encoding named in the XML declaration, lower-case, or None."""
    match = _DECLARATION.match(content[:200])
    return match.group(1).decode("ascii").lower() if match else None


def _is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    byte = error.object[error.start:error.start + 1]
    try:
        return byte.decode("windows-1252"), error.start + 1
    except UnicodeDecodeError:  # 0x81, 0x8d... are unassigned: keep the Latin-1 meaning
        return byte.decode("latin-1"), error.start + 1


codecs.register_error("desktop_reader_cp1252", _cp1252_fallback)


def repair_utf8(content: bytes) -> bytes:
    """UTF-8 bytes in which every invalid byte was read as windows-1252."""
    return content.decode("utf-8", errors="desktop_reader_cp1252").encode("utf-8")


def strip_leading_junk(content: bytes) -> bytes:
    """Remove UTF-8 BOMs and whitespace before the first `<` (UTF-16 is left alone)."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content
    while True:
        trimmed = content.lstrip(b" \t\r\n\x00")
        if trimmed.startswith(codecs.BOM_UTF8):
            trimmed = trimmed[len(codecs.BOM_UTF8):]
        if trimmed == content:
            return content
        content = trimmed


def prepare(content: bytes, charset: str | None) -> PreparedBytes:
    """Bytes and header charset fixed up for parsing (see the module docstring)."""
    content = strip_leading_junk(content)
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return PreparedBytes(content, charset)  # UTF-16 with a BOM: the parser knows
    declared = declared_encoding(content)
    header = (charset or "").strip().lower() or None
    if _is_utf8(content):
        if (header in _LEGACY_NAMES and declared in (None, *_UTF8_NAMES)
                and not content.isascii()):
            # Valid multi-byte UTF-8 is almost never meant as Latin-1: trust the document.
            return PreparedBytes(content, None)
        return PreparedBytes(content, charset)
    if declared is not None and declared not in _UTF8_NAMES:
        # The document names its own legacy encoding; a header claiming UTF-8 is wrong.
        return PreparedBytes(content, None if header in _UTF8_NAMES else charset)
    if declared in _UTF8_NAMES or header in (None, *_UTF8_NAMES):
        return PreparedBytes(
            repair_utf8(content), "utf-8",
            "The feed says it is UTF-8 but contains Windows-1252 characters; they were converted")
    return PreparedBytes(content, charset)
