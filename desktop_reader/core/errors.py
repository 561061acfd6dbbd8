"""One exception tree for the core. Each carries a message fit to show a user."""

from __future__ import annotations


class ReaderError(Exception):
    """Base of every error the core raises on purpose."""


class FetchError(ReaderError):
    """The network could not give us the resource.

    `status` is the HTTP status when there was one; `retry_after` is seconds to wait
    when the server asked us to (429/503).
    """

    def __init__(
        self,
        message: str,
        *,
        url: str = "",
        status: int | None = None,
        retry_after: float | None = None,
        kind: str = "network",
        unreachable: bool = False,
    ) -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        self.retry_after = retry_after
        self.kind = kind  # e.g. "timeout", "too-large", "http", "redirects", "network"
        # No connection could be made (refused, name not found, no route, connect timeout):
        # what every feed meets when the machine is offline.
        self.unreachable = unreachable


class ParseError(ReaderError):
    """Bytes we fetched are not something we can read (not a feed, broken OPML...)."""

    def __init__(self, message: str, *, alternate_url: str | None = None) -> None:
        super().__init__(message)
        # An HTML page that is not a feed may point at one (rel=alternate).
        self.alternate_url = alternate_url


class ExtractionError(ReaderError):
    """An article page could not be turned into readable text."""


class StorageError(ReaderError):
    """The library database could not be read or written (disk full, corrupt...)."""


class Cancelled(ReaderError):
    """Work was cancelled by the user; whatever was committed stays committed."""
