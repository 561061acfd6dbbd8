"""Decoding streamed bodies: gzip sniffing, odd encodings, and the size cap."""

from __future__ import annotations

import gzip
import zlib

import pytest

from desktop_reader.core.fetch.body import BodyDamaged, BodyTooLarge, CappedBody

TEXT = b"<?xml version='1.0'?><rss><channel><title>Quay Courier</title></channel></rss>\n" * 40


def decode(
    data: bytes, encoding: str = "", ctype: str = "", cap: int = 1 << 20, step: int = 4096
) -> bytes:
    body = CappedBody(cap, encoding, ctype)
    for i in range(0, len(data), step):
        body.add(data[i : i + step])
    return body.finish()


@pytest.mark.parametrize("step", [1, 7, 4096])
def test_gzip_in_any_chunking(step: int) -> None:
    assert decode(gzip.compress(TEXT), "gzip", step=step) == TEXT


def test_several_gzip_members_and_trailing_padding() -> None:
    data = gzip.compress(TEXT[:1000]) + gzip.compress(TEXT[1000:]) + b"\0" * 16
    assert decode(data, "x-gzip") == TEXT


def test_zlib_deflate() -> None:
    assert decode(zlib.compress(TEXT), "deflate") == TEXT


def test_plain_body_under_a_false_header() -> None:
    assert decode(TEXT, "gzip") == TEXT
    assert decode(b"x", "gzip") == b"x"
    assert decode(b"", "gzip") == b""


def test_gzip_files_served_as_archives_stay_compressed() -> None:
    packed = gzip.compress(TEXT)
    assert decode(packed, "", "application/gzip") == packed
    assert decode(packed, "", "application/rss+xml") == TEXT


def test_unknown_compression_is_refused() -> None:
    with pytest.raises(BodyDamaged, match="Unsupported compression"):
        CappedBody(100, "br")


def test_cap_counts_decoded_bytes() -> None:
    with pytest.raises(BodyTooLarge):
        decode(gzip.compress(b"a" * 10_000), "gzip", cap=9_999)
    assert len(decode(gzip.compress(b"a" * 10_000), "gzip", cap=10_000)) == 10_000


def test_cap_counts_raw_bytes() -> None:
    with pytest.raises(BodyTooLarge):
        decode(b"z" * 5000, cap=4999)
