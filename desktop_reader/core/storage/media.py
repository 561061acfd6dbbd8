"""The image cache: content-addressed files on disk plus the media/article_images tables.

A file lives at `media/ab/abcdef….ext` named by the SHA-256 of its bytes, so the same
picture used by twenty articles is stored once. Thumbnails sit beside as `…-thumb.jpg`.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from desktop_reader.core.models import ImageRef, StoredImage

#: The scheme local images use inside stored HTML: `media:<sha256>`.
MEDIA_SCHEME = "media"

_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/x-icon": ".ico",
    "image/vnd.microsoft.icon": ".ico",
    "image/svg+xml": ".svg",
    "image/avif": ".avif",
    "image/bmp": ".bmp",
}


def media_url(sha256: str) -> str:
    return f"{MEDIA_SCHEME}:{sha256}"


class MediaCache:
    """Files of the image cache under one directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)

    def path_for(self, sha256: str, mime: str) -> Path:
        return self.root / sha256[:2] / (sha256 + _EXTENSIONS.get(mime, ".bin"))

    def thumb_path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / (sha256 + "-thumb.jpg")

    def write(self, data: bytes, mime: str) -> tuple[str, Path]:
        """Store bytes atomically (temp file + rename); returns (sha256, path)."""
        sha256 = hashlib.sha256(data).hexdigest()
        path = self.path_for(sha256, mime)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return sha256, path

    def find(self, sha256: str) -> Path | None:
        """The file of a cached image, whatever its extension."""
        folder = self.root / sha256[:2]
        if not folder.is_dir():
            return None
        for candidate in folder.glob(sha256 + ".*"):
            return candidate
        return None

    def remove(self, sha256: str) -> None:
        folder = self.root / sha256[:2]
        for candidate in folder.glob(sha256 + "*"):
            candidate.unlink(missing_ok=True)


def record_media(
    conn: sqlite3.Connection,
    sha256: str,
    *,
    mime: str,
    size: int,
    width: int | None,
    height: int | None,
    has_thumb: bool,
) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO media(sha256, mime, width, height, bytes, has_thumb, created) "
        "VALUES (?,?,?,?,?,?,?)",
        (sha256, mime, width, height, size, int(has_thumb), time.time()),
    )


def media_info(conn: sqlite3.Connection, sha256: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM media WHERE sha256 = ?", (sha256,)
    ).fetchone()
    return row


def set_article_images(conn: sqlite3.Connection, article_id: int, images: list[ImageRef]) -> None:
    """Replace an article's image list (e.g. after its page was extracted).

    Images already downloaded for the same URL keep their file.
    """
    known = {
        r["source_url"]: r["sha256"]
        for r in conn.execute(
            "SELECT source_url, sha256 FROM article_images WHERE article_id = ?", (article_id,)
        )
    }
    conn.execute("DELETE FROM article_images WHERE article_id = ?", (article_id,))
    for position, image in enumerate(images):
        conn.execute(
            """INSERT INTO article_images(article_id, position, source_url, sha256, caption,
                   credit, alt, role) VALUES (?,?,?,?,?,?,?,?)""",
            (
                article_id,
                position,
                image.url,
                known.get(image.url),
                image.caption,
                image.credit,
                image.alt,
                image.role,
            ),
        )


def _stored(row: sqlite3.Row) -> StoredImage:
    return StoredImage(
        article_id=row["article_id"],
        position=row["position"],
        source_url=row["source_url"],
        sha256=row["sha256"],
        caption=row["caption"],
        credit=row["credit"],
        alt=row["alt"],
        role=row["role"],
        width=row["width"],
        height=row["height"],
        error=row["error"],
    )


def article_images(conn: sqlite3.Connection, article_id: int) -> list[StoredImage]:
    rows = conn.execute(
        "SELECT i.*, m.width, m.height FROM article_images i "
        "LEFT JOIN media m ON m.sha256 = i.sha256 WHERE i.article_id = ? ORDER BY position",
        (article_id,),
    )
    return [_stored(r) for r in rows]


def pending_images(conn: sqlite3.Connection, limit: int = 200) -> list[tuple[int, int, str]]:
    """(article_id, position, url) of images not downloaded yet, newest articles first."""
    return [
        (r[0], r[1], r[2])
        for r in conn.execute(
            "SELECT i.article_id, i.position, i.source_url FROM article_images i "
            "JOIN articles a ON a.id = i.article_id "
            "WHERE i.sha256 IS NULL AND i.error = '' ORDER BY a.published DESC LIMIT ?",
            (limit,),
        )
    ]


def image_downloaded(conn: sqlite3.Connection, article_id: int, position: int, sha256: str) -> None:
    conn.execute(
        "UPDATE article_images SET sha256 = ?, error = '' WHERE article_id = ? AND position = ?",
        (sha256, article_id, position),
    )


def image_failed(conn: sqlite3.Connection, article_id: int, position: int, error: str) -> None:
    conn.execute(
        "UPDATE article_images SET error = ? WHERE article_id = ? AND position = ?",
        (error or "failed", article_id, position),
    )


def sha_for_url(conn: sqlite3.Connection, url: str) -> str | None:
    """An image already downloaded from this URL (for any article)."""
    row = conn.execute(
        "SELECT sha256 FROM article_images WHERE source_url = ? AND sha256 IS NOT NULL LIMIT 1",
        (url,),
    ).fetchone()
    return row[0] if row else None


def newest_article_with_image(conn: sqlite3.Connection) -> tuple[int, int] | None:
    """(article id, its feed id) of the newest article with a downloaded image."""
    row = conn.execute(
        "SELECT i.article_id, a.feed_id FROM article_images i JOIN articles a "
        "ON a.id = i.article_id WHERE i.sha256 IS NOT NULL ORDER BY a.published DESC "
        "LIMIT 1"
    ).fetchone()
    return (int(row[0]), int(row[1])) if row is not None else None
