"""HTTP: conditional GET, timeouts, size caps, redirects, politeness."""

from desktop_reader.core.fetch.client import (
    ERROR_KINDS,
    FEED_ACCEPT,
    IMAGE_ACCEPT,
    PAGE_ACCEPT,
    Fetcher,
)
from desktop_reader.core.fetch.messages import describe_status

__all__ = [
    "ERROR_KINDS",
    "FEED_ACCEPT",
    "IMAGE_ACCEPT",
    "PAGE_ACCEPT",
    "Fetcher",
    "describe_status",
]
