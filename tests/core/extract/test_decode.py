"""decode_html: header charset, then <meta charset>, with fallbacks for lying labels."""

from __future__ import annotations

from desktop_reader.core.extract.decode import decode_html

TEXT = "Café « crème » — 2,50 € “quoted”"


def test_declared_charsets() -> None:
    assert decode_html(TEXT.encode("utf-8"), "utf-8") == TEXT
    body = f'<meta charset="windows-1252"><p>{TEXT}</p>'
    assert TEXT in decode_html(body.encode("cp1252"))
    assert "Grüße" in decode_html("Grüße".encode("iso-8859-15"), "iso-8859-15")
    assert decode_html(b"\xef\xbb\xbfhello", "iso-8859-1") == "hello"  # BOM wins


def test_windows_1252_labelled_utf8_falls_back() -> None:
    body = f'<meta charset="utf-8"><p>{TEXT}</p>'.encode("cp1252")
    assert TEXT in decode_html(body)
    assert TEXT in decode_html(body, "utf-8")


def test_utf8_bytes_under_a_latin1_header_stay_utf8() -> None:
    assert decode_html(TEXT.encode("utf-8"), "iso-8859-1") == TEXT


def test_unknown_labels_and_garbage_never_raise() -> None:
    assert decode_html(b"plain", "no-such-charset") == "plain"
    assert decode_html(bytes(range(256)), "utf-8")
