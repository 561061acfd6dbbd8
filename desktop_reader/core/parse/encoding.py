"""Get feed bytes into UTF-8 that every XML parser reads correctly, before parsing.

Real-world problems fixed here, on bytes, so both feedparser and our own XML pass read
the same characters:
- a UTF-8 byte-order mark or blank lines before `<?xml` (the declaration must come first);
- UTF-16 and UTF-32, with or without a byte-order mark, and EBCDIC;
- a legacy encoding named in the declaration or the header (Shift_JIS, Big5, EUC-KR,
  windows-1251…): the document is transcoded to UTF-8 and its declaration rewritten,
  because expat refuses multi-byte encodings outright;
- windows-1252 bytes (curly quotes, €, é) in a document that says it is UTF-8: each byte
  that is not valid UTF-8 is read as windows-1252, so a mostly-UTF-8 file is kept intact;
- a document with no valid UTF-8 at all that names no encoding, or wrongly says UTF-8
  (EUC-JP, KOI8-R, cp1251…): its encoding is detected (chardet) and named in a warning;
- a Content-Type charset that contradicts a UTF-8 document (valid UTF-8 with a UTF-8
  declaration is trusted over the header, as browsers do for feeds).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import chardet

_DECLARATION = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_DECLARATION_TAG = re.compile(rb"^<\?xml[^>]*?\?>")
_ENCODING_ATTRIBUTE = re.compile(rb"(encoding\s*=\s*)[\"'][A-Za-z0-9._:-]+[\"']")
_UTF8_NAMES = {"utf-8", "utf8", "u8"}
_LEGACY_NAMES = {
    "iso-8859-1",
    "latin-1",
    "latin1",
    "us-ascii",
    "ascii",
    "windows-1252",
    "cp1252",
    "iso8859-1",
    "l1",
}
# Byte patterns of `<` (or a byte-order mark) in the wide encodings, longest first.
_WIDE = (
    (codecs.BOM_UTF32_BE, "utf-32-be", 4),
    (codecs.BOM_UTF32_LE, "utf-32-le", 4),
    (b"\x00\x00\x00<", "utf-32-be", 0),
    (b"<\x00\x00\x00", "utf-32-le", 0),
    (codecs.BOM_UTF16_BE, "utf-16-be", 2),
    (codecs.BOM_UTF16_LE, "utf-16-le", 2),
    (b"\x00<", "utf-16-be", 0),
    (b"<\x00", "utf-16-le", 0),
    (b"\x4c\x6f\xa7\x94", "cp037", 0),
)  # "<?xm" in EBCDIC
# Encodings a detector may name for a document with no valid UTF-8 in it. Latin ones are
# left out on purpose: short Western text is told apart badly, and windows-1252 (the
# fallback) reads it right far more often than a guessed Turkish or Baltic code page.
_DETECTABLE = {
    "windows-1251": "cp1251",
    "koi8-r": "koi8_r",
    "iso-8859-5": "iso8859_5",
    "maccyrillic": "mac_cyrillic",
    "ibm866": "cp866",
    "ibm855": "cp855",
    "shift_jis": "cp932",
    "cp932": "cp932",
    "euc-jp": "euc_jp",
    "euc-kr": "cp949",
    "cp949": "cp949",
    "gb2312": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "iso-2022-jp": "iso2022_jp",
    "iso-2022-kr": "iso2022_kr",
    "windows-1253": "cp1253",
    "iso-8859-7": "iso8859_7",
    "windows-1255": "cp1255",
    "iso-8859-8": "iso8859_8",
    "tis-620": "cp874",
}
# Declared names whose everyday meaning is a larger code page (what browsers do too),
# keyed by Python's canonical codec name.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
}
# Names feeds use that Python does not know ("x-" and "cs" prefixes are tried too).
_ALIASES = {
    "windows-31j": "cp932",
    "windows-874": "cp874",
    "gb_2312-80": "gb2312",
    "x-mac-roman": "mac_roman",
    "x-mac-cyrillic": "mac_cyrillic",
}
_DETECTION_SAMPLE = 32 * 1024


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
    byte = error.object[error.start : error.start + 1]
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
            trimmed = trimmed[len(codecs.BOM_UTF8) :]
        if trimmed == content:
            return content
        content = trimmed


def wide_encoding(content: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) when `content` is UTF-16, UTF-32 or EBCDIC, else None."""
    head = content.lstrip(b" \t\r\n")[:4] if not content.startswith(b"\x00") else content[:4]
    for prefix, codec, bom in _WIDE:
        if head.startswith(prefix):
            return codec, bom
    return None


def _with_utf8_declaration(text: str) -> bytes:
    return _declare_utf8(strip_leading_junk(text.lstrip("\ufeff").encode("utf-8")))


def _declare_utf8(data: bytes) -> bytes:
    """`data` with its XML declaration (if any) naming UTF-8."""
    declaration = _DECLARATION_TAG.match(data)
    if declaration is None:
        return data
    fixed = _ENCODING_ATTRIBUTE.sub(rb'\1"utf-8"', declaration.group(0), count=1)
    return fixed + data[declaration.end() :]


def _codec(name: str | None) -> str | None:
    """A Python codec for an encoding name, or None for unknown names."""
    if not name:
        return None
    name = name.lower()
    for candidate in (name, _ALIASES.get(name), name.removeprefix("x-"), name.removeprefix("cs")):
        try:
            found = codecs.lookup(candidate or "").name
        except LookupError:
            continue
        return codecs.lookup(_SUPERSETS.get(found, found)).name
    return None


def _transcode(content: bytes, codec: str, warning: str | None) -> PreparedBytes:
    try:
        text = content.decode(codec)
    except UnicodeDecodeError:
        text = content.decode(codec, errors="replace")
        warning = warning or f"Some characters could not be read as {codec}; they were replaced"
    return PreparedBytes(_with_utf8_declaration(text), "utf-8", warning)


def detect_legacy(content: bytes) -> str | None:
    """The non-Latin legacy encoding of `content` (a codec name), or None.

    Asked only of bytes that are not valid UTF-8. A UTF-8 document with a few stray
    windows-1252 bytes is detected as UTF-8 or a Latin code page, both None here.
    """
    lines = [line for line in content.splitlines() if not line.isascii()]
    sample = b"\n".join(lines)[:_DETECTION_SAMPLE]
    guess = chardet.detect(sample)
    name = (guess.get("encoding") or "").lower()
    if (guess.get("confidence") or 0) < 0.5:
        return None
    return _DETECTABLE.get(name)


def prepare(content: bytes, charset: str | None) -> PreparedBytes:
    """Bytes (UTF-8 where we could tell) and header charset fixed up for parsing."""
    wide = wide_encoding(content)
    if wide is not None:
        codec, bom = wide
        return _transcode(content[bom:], codec, None)
    content = strip_leading_junk(content)
    declared = declared_encoding(content)
    if declared is not None and (_codec(declared) or "").startswith(("utf-16", "utf-32")):
        # A wide encoding declared for narrow bytes (not caught above): a copied
        # declaration. The bytes are read as UTF-8 and the declaration says so.
        declared, content = "utf-8", _declare_utf8(content)
    header = (charset or "").strip().lower() or None
    if header is not None and (_codec(header) or "").startswith(("utf-16", "utf-32")):
        header = charset = None  # the same mistake in the header
    if _is_utf8(content):
        if header in _LEGACY_NAMES and declared in (None, *_UTF8_NAMES) and not content.isascii():
            # Valid multi-byte UTF-8 is almost never meant as Latin-1: trust the document.
            return PreparedBytes(content, None)
        if declared not in (None, *_UTF8_NAMES) and (named := _codec(declared)):
            # expat refuses multi-byte declarations: hand on UTF-8 with a UTF-8 declaration.
            # A header naming UTF-8 for valid UTF-8 bytes wins over the declaration.
            return _transcode(
                content, "utf-8" if header in _UTF8_NAMES else (_codec(header) or named), None
            )
        return PreparedBytes(content, charset)
    if declared is not None and declared not in _UTF8_NAMES:
        # The document names its own legacy encoding; a header claiming UTF-8 is wrong.
        chosen = _codec(header) if header not in (None, *_UTF8_NAMES) else _codec(declared)
        if chosen is None:
            return PreparedBytes(content, None if header in _UTF8_NAMES else charset)
        return _transcode(content, chosen, None)
    if declared is None and header not in (None, *_UTF8_NAMES) and (from_header := _codec(header)):
        return _transcode(content, from_header, None)
    said_utf8 = declared in _UTF8_NAMES or header in _UTF8_NAMES
    if legacy := detect_legacy(content):
        name = codecs.lookup(legacy).name
        return _transcode(
            content,
            legacy,
            (
                f"The feed says it is UTF-8 but is written in {name}; it was read as {name}"
                if said_utf8
                else f"The feed does not name its encoding; it was read as {name}"
            ),
        )
    return PreparedBytes(
        repair_utf8(content),
        "utf-8",
        "The feed says it is UTF-8 but contains Windows-1252 characters; they were converted",
    )
