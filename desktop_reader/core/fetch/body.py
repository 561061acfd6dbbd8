"""Turn a streamed response body into bytes: decompress it ourselves, under a size cap.

We read the raw (still encoded) bytes and decide from the bytes, not only the header,
whether they are gzip: servers send `Content-Encoding: gzip` on plain bodies and gzip
bodies nobody asked for. The cap applies to what arrives and to what it decompresses to,
so neither a huge download nor a small compression bomb can fill memory.
"""

from __future__ import annotations

import zlib

from desktop_reader.core.fetch import messages

GZIP_MAGIC = b"\x1f\x8b"
# Bodies that are gzip files in their own right: keep them as they are.
_ARCHIVE_TYPES = {
    "application/gzip",
    "application/x-gzip",
    "application/x-tar",
    "application/octet-stream",
}


class BodyTooLarge(Exception):
    """The body passed the cap; raised while reading so we stop at once."""


class BodyDamaged(Exception):
    """The body claims (and looks like) a compression we cannot undo."""


def _codings(content_encoding: str) -> list[str]:
    return [
        c.strip().lower()
        for c in content_encoding.split(",")
        if c.strip() and c.strip().lower() != "identity"
    ]


class CappedBody:
    """Feed raw chunks in with `add()`, then take the decoded bytes with `finish()`."""

    def __init__(self, max_bytes: int, content_encoding: str = "", content_type: str = "") -> None:
        self.max_bytes = max_bytes
        self.raw_size = 0
        codings = _codings(content_encoding)
        unsupported = [c for c in codings if c not in ("gzip", "x-gzip", "deflate")]
        if unsupported or len(codings) > 1:
            raise BodyDamaged(f"Unsupported compression ({content_encoding.strip()})")
        self._declared = codings[0] if codings else ""
        self._may_sniff = bool(codings) or content_type not in _ARCHIVE_TYPES
        self._head = b""  # raw bytes kept until we know how to decode them
        self._mode: str | None = None  # "plain" | "gzip" | "deflate", once decided
        self._decoder: zlib._Decompress | None = None
        self._parts: list[bytes] = []
        self._size = 0

    def add(self, chunk: bytes) -> None:
        if not chunk:
            return
        self.raw_size += len(chunk)
        if self.raw_size > self.max_bytes:
            raise BodyTooLarge()
        if self._mode is None:
            self._head += chunk
            if len(self._head) < 2:
                return
            chunk, self._head = self._head, b""
            self._decide(chunk)
        self._decode(chunk)

    def finish(self) -> bytes:
        if self._mode is None:  # fewer than two bytes in all
            chunk, self._head = self._head, b""
            self._decide(chunk)
            self._decode(chunk)
        # A gzip stream cut short still gives what it decoded, as a cut plain body would.
        return b"".join(self._parts)

    # ------------------------------------------------------------------ internals
    def _decide(self, start: bytes) -> None:
        if self._may_sniff and self._declared != "deflate" and start.startswith(GZIP_MAGIC):
            self._mode = "gzip"
            self._decoder = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        elif self._declared == "deflate" and _looks_like_zlib(start):
            self._mode = "deflate"
            self._decoder = zlib.decompressobj()
        else:  # no header, or a header the bytes contradict: take the body as sent
            self._mode = "plain"

    def _decode(self, data: bytes) -> None:
        if self._mode == "plain":
            self._keep(data)
            return
        assert self._decoder is not None
        if self._decoder.eof and not self._next_member(data):
            return
        while data:
            try:
                # max_length bounds the output of this one call (compression bombs).
                out = self._decoder.decompress(data, self.max_bytes - self._size + 1)
            except zlib.error as exc:
                raise BodyDamaged(messages.BAD_COMPRESSION) from exc
            self._keep(out)
            if not self._decoder.eof:
                data = self._decoder.unconsumed_tail
                continue
            data = self._decoder.unused_data
            if not self._next_member(data):
                return

    def _next_member(self, data: bytes) -> bool:
        """After a finished gzip member: start on the next one, or ignore trailing padding."""
        if self._mode == "gzip" and data.startswith(GZIP_MAGIC):
            self._decoder = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            return True
        return False

    def _keep(self, out: bytes) -> None:
        if not out:
            return
        self._size += len(out)
        if self._size > self.max_bytes:
            raise BodyTooLarge()
        self._parts.append(out)


def _looks_like_zlib(start: bytes) -> bool:
    return len(start) >= 2 and start[0] & 0x0F == 8 and (start[0] * 256 + start[1]) % 31 == 0
