"""Feed names that tell feeds apart in a flat list (a combo box, a picker).

Several outlets publish one feed per section under the same title, so a title alone
("Meridian Wire" four times) says nothing. A feed in a folder shows it
("Meridian Wire — News"); feeds still alike show their address as well.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlsplit

from desktop_reader.core.values import Feed


def _folder(feed: Feed) -> str:
    return feed.folder.replace("/", " ▸ ")


def _address(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/") or url


def feed_labels(feeds: Sequence[Feed]) -> dict[int, str]:
    """A label for every feed, unique wherever the feeds' folders or addresses differ."""
    titles = Counter(f.title.casefold() for f in feeds)
    labels: dict[int, str] = {}
    for feed in feeds:
        label = feed.title or _address(feed.url)
        if titles[feed.title.casefold()] > 1 and feed.folder:
            label += f" — {_folder(feed)}"
        labels[feed.id] = label
    repeated = Counter(label.casefold() for label in labels.values())
    for feed in feeds:
        if repeated[labels[feed.id].casefold()] > 1:
            labels[feed.id] += f" ({_address(feed.url)})"
    return labels
