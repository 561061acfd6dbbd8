"""Icons: the bundled SVGs in resources/icons, and feed icons from the media cache."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon, QPixmap

from desktop_reader.core.values import MediaCache, resources_dir


@cache
def icon(name: str) -> QIcon:
    """A bundled icon by file stem (e.g. "feed", "feed-error"); empty if missing."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def media_icon(media: MediaCache, sha256: str) -> QIcon | None:
    """A feed's own icon from the local cache, or None if it is missing or unreadable."""
    path = media.find(sha256)
    if path is None:
        return None
    pixmap = QPixmap(str(path))
    return QIcon(pixmap) if not pixmap.isNull() else None
