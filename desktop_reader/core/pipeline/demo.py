"""The demo library: invented articles and pictures bundled in resources/demo/.

A first start is useful offline: this stores a week of news from seven invented outlets,
with text, images, captions and credits, exactly as a refresh would have stored them.
Nothing here touches the network. Feeds get `demo:` URLs, which refresh skips.

The articles are dated within one week; they are moved forward by whole weeks so that
"on Monday" in the text still names the right day while the newest article is less than
a week old.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_reader.core import paths
from desktop_reader.core.errors import StorageError
from desktop_reader.core.models import FeedStatus, ImageRef, PageState, ParsedEntry
from desktop_reader.core.pipeline.imaging import ImageProblem, check_image
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.stories import update_stories
from desktop_reader.core.storage import articles, feeds, media
from desktop_reader.core.storage.database import transaction

#: Demo feeds live under this folder, one subfolder per section, apart from real feeds.
DEMO_FOLDER = "Demo"
DEMO_SCHEME = "demo:"
_WEEK = timedelta(days=7)


def demo_dir() -> Path:
    return paths.resources_dir() / "demo"


@dataclass(frozen=True)
class DemoArticle:
    id: str
    outlet: str
    section: str
    title: str
    author: str
    published: datetime  # as written in the file
    url: str
    text: str
    html: str
    images: tuple[dict[str, str], ...]


def read_demo(folder: Path | None = None) -> list[DemoArticle]:
    """The bundled articles, as written (dates not shifted)."""
    path = (folder or demo_dir()) / "articles.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [
            DemoArticle(
                id=a["id"],
                outlet=a["outlet"],
                section=a["section"],
                title=a["title"],
                author=a["author"],
                published=datetime.fromisoformat(a["published"]),
                url=a["url"],
                text=a["text"],
                html=a["html"],
                images=tuple(a["images"]),
            )
            for a in raw
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StorageError(f"The demo library is missing or damaged ({path}): {exc}") from exc


def week_shift(newest: datetime, now: datetime) -> timedelta:
    """Whole weeks that bring `newest` into the last seven days before `now`."""
    weeks = (now - newest) // _WEEK
    return weeks * _WEEK


def outlet_slug(outlet: str) -> str:
    name = re.sub(r"^the\s+", "", outlet.strip(), flags=re.I)
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def demo_feed_url(outlet: str, section: str) -> str:
    return f"{DEMO_SCHEME}{outlet_slug(outlet)}/{outlet_slug(section)}"


def is_demo_url(url: str) -> bool:
    return url.startswith(DEMO_SCHEME)


def load_demo(library: Library, *, now: datetime | None = None) -> int:
    """Store the demo library; returns how many articles were added (0 the second time)."""
    items = read_demo()
    folder = demo_dir()
    now = now or datetime.now(UTC)
    shift = week_shift(max(a.published for a in items), now)
    conn = library.connect()
    try:
        new_ids = _store(conn, library, folder, items, shift)
    finally:
        conn.close()
    if new_ids:
        _build_stories(library, new_ids)
    return len(new_ids)


def _store(
    conn: sqlite3.Connection,
    library: Library,
    folder: Path,
    items: list[DemoArticle],
    shift: timedelta,
) -> list[int]:
    new_ids: list[int] = []
    with transaction(conn):
        for item in items:
            feed = feeds.add_feed(
                conn,
                demo_feed_url(item.outlet, item.section),
                title=item.outlet,
                folder=f"{DEMO_FOLDER}/{item.section}",
                site_url=f"https://example.org/{outlet_slug(item.outlet)}/",
            )
            stored = _store_images(conn, library, folder, item)
            html = item.html
            for image, sha in zip(item.images, stored, strict=True):
                html = html.replace(
                    f'src="images/{image["file"]}"', f'src="{media.media_url(sha)}"'
                )
            refs = [
                ImageRef(
                    url=f"{DEMO_SCHEME}{image['file']}",
                    caption=image["caption"],
                    credit=image["credit"],
                    alt=image["alt"],
                    role="lead" if position == 0 else "inline",
                )
                for position, image in enumerate(item.images)
            ]
            entry = ParsedEntry(
                guid=f"{DEMO_SCHEME}{item.id}",
                link=item.url,
                title=item.title,
                author=item.author,
                published=item.published + shift,
                images=tuple(refs),
            )
            ids = articles.store_entries(
                conn,
                feed.id,
                [
                    articles.NewEntry(
                        entry, content_html=html, text=item.text, page_state=PageState.DONE
                    )
                ],
                outlet=item.outlet,
                now=time.time(),
            )
            for article_id in ids:
                for position, sha in enumerate(stored):
                    media.image_downloaded(conn, article_id, position, sha)
            new_ids.extend(ids)
            feeds.record_fetch(
                conn, feed.id, status=FeedStatus.OK, message="Demo feed: not refreshed"
            )
    return new_ids


def _store_images(
    conn: sqlite3.Connection, library: Library, folder: Path, item: DemoArticle
) -> list[str]:
    """Copy an article's pictures into the media cache; returns their sha256 in order."""
    hashes = []
    for image in item.images:
        path = folder / "images" / image["file"]
        try:
            data = path.read_bytes()
            checked = check_image(data)
        except (OSError, ImageProblem) as exc:
            raise StorageError(f"A demo picture is missing or damaged ({path}): {exc}") from exc
        sha, _ = library.media.write(data, checked.mime)
        has_thumb = checked.thumbnail is not None
        if has_thumb and not library.media.thumb_path(sha).exists():
            library.media.thumb_path(sha).write_bytes(checked.thumbnail or b"")
        media.record_media(
            conn,
            sha,
            mime=checked.mime,
            size=len(data),
            width=checked.width,
            height=checked.height,
            has_thumb=has_thumb,
        )
        hashes.append(sha)
    return hashes


def _build_stories(library: Library, article_ids: list[int]) -> None:
    """Group the demo into stories, as a refresh would."""
    conn = library.connect()
    try:
        update_stories(conn, article_ids)
    finally:
        conn.close()
