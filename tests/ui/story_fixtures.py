"""Story-pane fixtures: the demo library built once per session, copied for each test,
and small stories built from articles stored the way a refresh stores them."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_reader.core.models import ImageRef, PageState, ParsedEntry
from desktop_reader.core.pipeline.demo import load_demo
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.stories import update_stories
from desktop_reader.core.storage import articles, database, feeds, media, stories
from desktop_reader.core.storage.articles import NewEntry


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "library"
    load_demo(Library.open(root))
    return root


@pytest.fixture
def demo_library(demo_template: Path, tmp_path: Path) -> Library:
    root = tmp_path / "demo-library"
    shutil.copytree(demo_template, root)
    return Library.open(root)


def richest_story(conn) -> int:  # type: ignore[no-untyped-def]
    """The demo story with the most articles (several sources, images, a timeline)."""
    rows = stories.top_headlines(conn, limit=50)
    return max(rows, key=lambda r: (r.article_count, -r.id)).id


def store_story(
    library: Library,
    items: list[tuple[str, str, str]],
    *,
    images: list[ImageRef] | None = None,
    html: str = "",
) -> int:
    """Store (outlet, title, text) articles an hour apart, group them; returns the story id
    holding the first one. `images` are attached (not downloaded) to the first article."""
    conn = library.connect()
    try:
        start = datetime.now(UTC) - timedelta(hours=len(items) + 1)
        ids = []
        for n, (outlet, title, text) in enumerate(items):
            feed = feeds.add_feed(conn, f"https://{n}.feeds.test/rss", title=outlet)
            entry = ParsedEntry(
                guid=f"g{n}",
                link=f"https://news.test/{n}",
                title=title,
                author="A. Writer",
                published=start + timedelta(hours=n),
            )
            body = html or "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
            with database.transaction(conn):
                ids += articles.store_entries(
                    conn,
                    feed.id,
                    [NewEntry(entry, content_html=body, text=text, page_state=PageState.DONE)],
                    outlet=outlet,
                )
        if images:
            with database.transaction(conn):
                media.set_article_images(conn, ids[0], images)
        update_stories(conn, ids)
        story_id = stories.story_of_article(conn, ids[0])
        assert story_id is not None
        return story_id
    finally:
        conn.close()
