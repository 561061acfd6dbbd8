"""GUI fixtures: a real library on disk filled through the storage layer, a real window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings
from PySide6.QtGui import QColor, QImage

from desktop_reader.core.models import ImageRef, PageState, ParsedEntry
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import articles, database, feeds, media
from desktop_reader.core.storage.articles import NewEntry


def png_bytes(width: int = 320, height: int = 200, color: str = "#3a7bd5") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def add_feed_with_articles(
    library: Library,
    title: str,
    count: int,
    *,
    folder: str = "",
    url: str | None = None,
    body: str = "",
    start: datetime | None = None,
) -> tuple[int, list[int]]:
    """A feed and `count` articles (newest first, an hour apart), stored like a refresh would."""
    start = start or datetime.now(UTC) - timedelta(minutes=5)
    conn = library.connect()
    try:
        feed = feeds.add_feed(
            conn,
            url or f"https://{title.lower().replace(' ', '')}.test/feed",
            title=title,
            folder=folder,
        )
        entries = [
            NewEntry(
                entry=ParsedEntry(
                    guid=f"{feed.id}-{i}",
                    link=f"https://news.test/{feed.id}/{i}",
                    title=f"{title} story {i}",
                    author="Ada Reporter",
                    published=start - timedelta(hours=i),
                ),
                content_html=body or f"<p>Body of {title} story {i}.</p>",
                text=f"Body of {title} story {i}.",
                page_state=PageState.DONE,
            )
            for i in range(count)
        ]
        with database.transaction(conn):
            ids = articles.store_entries(conn, feed.id, entries, outlet=title)
        return feed.id, ids
    finally:
        conn.close()


def attach_image(
    library: Library,
    article_id: int,
    *,
    caption: str,
    credit: str,
    role: str = "lead",
    width: int = 320,
) -> str:
    """Put a real PNG in the media cache and attach it to an article; returns its sha256."""
    data = png_bytes(width)
    sha, _path = library.media.write(data, "image/png")
    conn = library.connect()
    try:
        media.record_media(
            conn, sha, mime="image/png", size=len(data), width=width, height=200, has_thumb=False
        )
        url = f"https://img.test/{sha[:8]}.png"
        media.set_article_images(
            conn, article_id, [ImageRef(url=url, caption=caption, credit=credit, role=role)]
        )
        media.image_downloaded(conn, article_id, 0, sha)
    finally:
        conn.close()
    return sha


@pytest.fixture
def library(data_dir: Path) -> Library:
    return Library.open(data_dir)


@pytest.fixture
def reader(data_dir: Path) -> Iterator[Reader]:
    """The facade on the library in the fresh data directory (the `conn` fixture's)."""
    front = Reader(Library.open(data_dir))
    yield front
    front.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, library: Library, settings: QSettings) -> Iterator:  # type: ignore[no-untyped-def]
    """Build the main window on the test library (after the test has filled it)."""
    from desktop_reader.ui.main_window import MainWindow

    made: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(library, settings=settings, refresh_minutes=0)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()
