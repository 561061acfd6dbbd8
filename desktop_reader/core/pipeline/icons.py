"""Feed icons: each site's favicon, fetched once into the media cache.

A feed's icon is looked for at `<site>/favicon.ico` (the one place nearly every site
has one). A site without one is not asked again until the feed's site changes:
the failure is remembered as an empty icon hash.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from desktop_reader.core.errors import ReaderError
from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.pipeline.cancel import CancelToken
from desktop_reader.core.pipeline.imaging import ImageProblem, check_image
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import database, feeds, media

ICON_MAX_BYTES = 512 * 1024
NO_ICON = ""  # stored when the site has no usable icon, so we do not ask again


def favicon_url(feed_url: str, site_url: str | None) -> str | None:
    base = urlsplit(site_url or feed_url)
    if base.scheme not in ("http", "https") or not base.netloc:
        return None
    return urlunsplit((base.scheme, base.netloc, "/favicon.ico", "", ""))


def fetch_missing_icons(
    library: Library, fetcher: Fetcher, *, cancel: CancelToken | None = None
) -> int:
    """Fetch icons for feeds that have none yet; returns how many were found."""
    conn = library.connect()
    found = 0
    by_site: dict[str, str] = {}
    try:
        for feed in feeds.list_feeds(conn):
            if cancel is not None and cancel.cancelled:
                break
            if feed.icon_hash is not None:
                continue
            url = favicon_url(feed.url, feed.site_url)
            if url is None:
                continue
            if url not in by_site:
                by_site[url] = _download(library, fetcher, url)
            feeds.set_icon(conn, feed.id, by_site[url])
            found += by_site[url] != NO_ICON
        return found
    finally:
        conn.close()


def _download(library: Library, fetcher: Fetcher, url: str) -> str:
    try:
        result = fetcher.fetch(url, max_bytes=ICON_MAX_BYTES, accept="image/*")
        checked = check_image(result.content)
    except (ReaderError, ImageProblem):
        return NO_ICON
    sha256, _ = library.media.write(result.content, checked.mime)
    conn = library.connect()
    try:
        with database.transaction(conn):
            media.record_media(
                conn,
                sha256,
                mime=checked.mime,
                size=len(result.content),
                width=checked.width,
                height=checked.height,
                has_thumb=False,
            )
    finally:
        conn.close()
    return sha256
