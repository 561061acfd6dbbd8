"""The Reader's undo history on a real library: each action puts back exactly the
states it changed, no others, and the history holds at least the last 20 actions."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_reader.core.models import PageState, ParsedEntry
from desktop_reader.core.pipeline.demo import load_demo
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.reader import Reader
from desktop_reader.core.storage import articles, database, feeds
from desktop_reader.core.storage.articles import NewEntry
from desktop_reader.core.undo import UNDO_DEPTH


def _feed(library: Library, name: str, count: int) -> tuple[int, list[int]]:
    conn = library.connect()
    try:
        feed = feeds.add_feed(conn, f"https://{name}.test/feed", title=name)
        start = datetime.now(UTC)
        entries = [
            NewEntry(
                ParsedEntry(
                    guid=f"{name}-{i}",
                    link=f"https://{name}.test/{i}",
                    title=f"{name} {i}",
                    author="",
                    published=start - timedelta(hours=i),
                ),
                content_html="<p>x</p>",
                text="x",
                page_state=PageState.DONE,
            )
            for i in range(count)
        ]
        with database.transaction(conn):
            ids = articles.store_entries(conn, feed.id, entries, outlet=name)
        return feed.id, ids
    finally:
        conn.close()


@pytest.fixture
def reader(tmp_path: Path):  # type: ignore[no-untyped-def]
    front = Reader(Library.open(tmp_path / "library"))
    yield front
    front.close()


def _read(reader: Reader, ids: list[int]) -> dict[int, bool]:
    return {i: reader.article(i).read for i in ids}  # type: ignore[union-attr]


def test_mark_all_read_undo_puts_back_only_what_it_changed(reader: Reader) -> None:
    feed_a, ids_a = _feed(reader.library, "tide", 10)
    _feed_b, ids_b = _feed(reader.library, "hill", 5)
    reader.mark_read(ids_a[:4], True)  # read before: must stay read
    reader.set_starred(ids_a[5], True)
    before = _read(reader, ids_a + ids_b)
    changes = reader.mark_feeds_read([feed_a])
    assert feed_a in changes.feeds
    assert reader.undo_name == "Mark All Read"
    assert reader.count_articles(unread_only=True) == 5
    # New articles arriving in the meantime keep their own state.
    _feed_c, ids_c = _feed(reader.library, "cove", 3)
    undone = reader.undo()
    assert undone.articles == frozenset(ids_a[4:])  # the six it changed, no others
    assert feed_a in undone.feeds and undone.starred
    assert _read(reader, ids_a + ids_b) == before
    assert not any(_read(reader, ids_c).values())
    assert reader.article(ids_a[5]).starred  # type: ignore[union-attr]
    assert reader.unread_counts()[feed_a] == 6
    assert reader.redo_name == "Mark All Read"
    reader.redo()
    assert reader.unread_counts().get(feed_a, 0) == 0


def test_actions_that_change_nothing_are_not_recorded(reader: Reader) -> None:
    _feed_a, ids = _feed(reader.library, "tide", 3)
    reader.mark_read(ids, False)  # unread already
    reader.mark_feeds_read([])
    assert reader.undo_name is None and len(reader.history) == 0
    assert not reader.undo()


def test_a_new_action_ends_redo_and_twenty_undo_in_reverse(reader: Reader) -> None:
    _feed_a, ids = _feed(reader.library, "tide", 25)
    for article_id in ids:
        reader.mark_read([article_id], True)
    for n, article_id in enumerate(reversed(ids)):
        if n == 20:
            break
        reader.undo()
        assert not reader.article(article_id).read  # type: ignore[union-attr]
        assert reader.count_articles(unread_only=True) == n + 1
    assert UNDO_DEPTH >= 20 and reader.undo_name == "Mark Read"
    reader.set_starred(ids[0], True)
    assert reader.redo_name is None  # the starring ended what could be redone


def test_the_history_forgets_beyond_its_depth(reader: Reader) -> None:
    _feed_a, ids = _feed(reader.library, "tide", 3)
    for _ in range(UNDO_DEPTH + 5):
        reader.set_starred(ids[0], not reader.article(ids[0]).starred)  # type: ignore[union-attr]
    assert len(reader.history) == UNDO_DEPTH


def test_grouped_writes_undo_as_one_action(reader: Reader) -> None:
    _feed_a, ids = _feed(reader.library, "tide", 6)
    reader.mark_read(ids[:1], True)
    with reader.undoable("Mark All Read"):
        reader.mark_read(ids[:3], True)
        reader.mark_read(ids[2:], True)
    assert reader.undo_name == "Mark All Read" and len(reader.history) == 2
    reader.undo()
    assert _read(reader, ids) == {i: i == ids[0] for i in ids}


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("undo-demo") / "library"
    load_demo(Library.open(root))
    return root


def test_story_read_star_and_preference_undo_exactly(demo_root: Path, tmp_path: Path) -> None:
    shutil.copytree(demo_root, tmp_path / "lib")
    reader = Reader(Library.open(tmp_path / "lib"))
    try:
        story = max(reader.top_headlines(limit=50), key=lambda r: r.article_count)
        members = reader.story_member_ids(story.id)
        reader.mark_read(members[:1], True)
        before = _read(reader, members)
        # The default: opening marks the story alone.
        changes = reader.story_opened(story.id)
        assert not changes.articles and _read(reader, members) == before
        assert not reader.story(story.id).row.unread  # type: ignore[union-attr]
        reader.undo()
        assert reader.story(story.id).row.seen_count == story.seen_count  # type: ignore[union-attr]
        # With its articles, undo puts each back as it was (the first stays read).
        reader.mark_story_read(story.id, True, with_articles=True)
        assert all(_read(reader, members).values())
        undone = reader.undo()
        assert _read(reader, members) == before and story.id in undone.stories
        assert reader.story(story.id).row.unread  # type: ignore[union-attr]
        # A star keeps its place in Starred ▸ Stories through unstar and undo.
        others = [r.id for r in reader.top_headlines(limit=3) if r.id != story.id][:2]
        reader.set_story_starred(story.id, True)
        for other in others:
            reader.set_story_starred(other, True)
        order = [r.id for r in reader.starred_stories()]
        reader.set_story_starred(story.id, False)
        reader.undo()
        assert [r.id for r in reader.starred_stories()] == order
    finally:
        reader.close()
