"""HTTP: conditional GET, timeouts, size caps, redirects, politeness."""

from desktop_reader.core.fetch.client import FEED_ACCEPT, IMAGE_ACCEPT, PAGE_ACCEPT, Fetcher

__all__ = ["FEED_ACCEPT", "IMAGE_ACCEPT", "PAGE_ACCEPT", "Fetcher"]
