"""Image addresses that exist to tell someone an article was read: never requested.

A tracking pixel is refused after download by its size (see pipeline/imaging.py), but by
then the request has been made and counted. These addresses are recognised before any
request: analytics and ad-measurement hosts, feed-proxy open counters, and paths whose
folder or file name says what they are (`/track/…`, `/pixel.gif`). Only images are
judged so: an article link through a feed proxy still leads to the article.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Hosts (and their subdomains) that only count views or serve beacons.
_HOSTS = (
    "google-analytics.com",
    "analytics.google.com",
    "doubleclick.net",
    "googleadservices.com",
    "scorecardresearch.com",
    "quantserve.com",
    "pixel.wp.com",
    "stats.wp.com",
    "stats.wordpress.com",
    "pixel.mathtag.com",
    "bat.bing.com",
    "ct.pinterest.com",
    "px.ads.linkedin.com",
    "analytics.twitter.com",
    "pixel.facebook.com",
    "chartbeat.net",
    "parsely.com",
    "omtrdc.net",
    "2o7.net",
    "krxd.net",
    "adnxs.com",
    "pixel.newscred.com",
    "googletagmanager.com",
    "facebook.com/tr",
    "counter.theconversation.com",
    "feeds.feedburner.com/~r",
    "feedproxy.google.com/~r",
    "feeds.feedburner.com/~ff",
)


def _host_paths(entries: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """host -> the path prefixes it counts under ("" for the whole host)."""
    found: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        host, _, path = entry.partition("/")
        found[host] = (*found.get(host, ()), "/" + path if path else "")
    return found


_HOST_PATHS = _host_paths(_HOSTS)

# A path folder named for what it does: /track/…, /tracking/…, /pixel/…, /beacon/…
_FOLDER = re.compile(
    r"/(track|tracking|tracker|pixel|pixels|beacon|beacons|analytics|"
    r"open-tracking|impression|impressions)/",
    re.IGNORECASE,
)
# … or a file named so: /pixel.gif, /1x1.png, /beacon.gif, /spacer.gif, /b.gif
_FILE = re.compile(
    r"/(pixel|1x1|beacon|spacer|blank|transparent|clear|open|track|"
    r"tracking|impression|[bpt])\.(gif|png|jpe?g|webp)$",
    re.IGNORECASE,
)
# … or a collector endpoint answering with an image: /collect?…, /ping?…
_ENDPOINT = re.compile(r"/(collect|ping|pixel|beacon)$", re.IGNORECASE)


def is_tracking_url(url: str) -> bool:
    """True when the image at `url` is a known tracking or view-counting address."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    path = parts.path or "/"
    labels = host.split(".")
    for start in range(len(labels) - 1):  # the host, then each parent domain
        prefixes = _HOST_PATHS.get(".".join(labels[start:]))
        if prefixes is not None and path.startswith(prefixes):
            return True
    return bool(_FOLDER.search(path) or _FILE.search(path) or _ENDPOINT.search(path))
