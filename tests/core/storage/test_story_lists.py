"""Story list pages (keyset paging), entity lists and starred stories on a real library."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from desktop_reader.core.models import PageState, ParsedEntry
from desktop_reader.core.storage import articles, database, feeds, starred, story_lists
from desktop_reader.core.storage import stories as st
from desktop_reader.core.storage.articles import NewEntry

BASE = datetime(2026, 3, 1, tzinfo=UTC)


def _stories(conn: sqlite3.Connection, feed_title: str, times: list[float | None]) -> list[int]:
    """A feed with one article per entry of `times`, each alone in a story whose newest
    member is that time (None: undated). Returns the story ids in insertion order."""
    feed = feeds.add_feed(conn, f"https://{feed_title}.test/feed", title=feed_title)
    entries = [
        NewEntry(
            entry=ParsedEntry(
                guid=f"{feed_title}-{n}",
                link=f"https://{feed_title}.test/{n}",
                title=f"{feed_title} {n}",
                published=BASE - timedelta(minutes=n),
            ),
            content_html="<p>x</p>",
            text="x",
            page_state=PageState.DONE,
        )
        for n in range(len(times))
    ]
    story_ids = []
    with database.transaction(conn):
        article_ids = articles.store_entries(conn, feed.id, entries, outlet=feed_title)
        for n, (article_id, when) in enumerate(zip(article_ids, times, strict=True)):
            story_id = conn.execute(
                "INSERT INTO stories(language, created, last_added, last_published, "
                "article_count, outlet_count, headline) VALUES ('en', 0, 0, ?, 1, 1, ?)",
                (when, f"{feed_title} story {n}"),
            ).lastrowid
            conn.execute(
                "INSERT INTO story_articles(article_id, story_id, published, score, "
                "position) VALUES (?, ?, ?, 1.0, 0)",
                (article_id, story_id, when),
            )
            story_ids.append(int(story_id))
    return story_ids


def _expected(conn: sqlite3.Connection, story_ids: list[int]) -> list[int]:
    """The order the list promises, computed in Python: newest first, ties by higher id,
    undated last."""
    rows = conn.execute(
        f"SELECT id, last_published FROM stories WHERE id IN ({','.join(map(str, story_ids))})"
    ).fetchall()
    return [i for i, _ in sorted(rows, key=lambda r: (r[1] is None, -(r[1] or 0), -r[0]))]


def _all_pages(fetch, size: int) -> list[int]:  # type: ignore[no-untyped-def]
    pages: list[list[st.StoryRow]] = [fetch(size, None)]
    while len(pages[-1]) == size:
        pages.append(fetch(size, pages[-1][-1]))
    return [row.id for page in pages for row in page]


def test_feed_pages_concatenate_to_the_full_order_with_ties_and_undated(conn) -> None:
    t = BASE.timestamp()
    # Runs of equal times (ties broken by id), float times that a datetime would round,
    # and undated stories, which come last.
    times: list[float | None] = []
    for n in range(60):
        times += [t - (n // 7) * 3600.0] if n % 5 else [None]
    times += [t + 0.1234567891, t + 0.1234567892, t + 0.1234567891]
    mine = _stories(conn, "harbourcourier", times)
    other = _stories(conn, "meridianwire", [t - n * 60.0 for n in range(25)] + [None, None])
    feed_id = conn.execute("SELECT id FROM feeds WHERE title = 'harbourcourier'").fetchone()[0]

    expected = _expected(conn, mine)
    full = [r.id for r in st.stories_for_feeds(conn, [feed_id], limit=1000)]
    assert full == expected
    for size in (1, 4, 7, 12, 62, 63, 64):
        paged = _all_pages(
            lambda n, last: st.stories_for_feeds(conn, [feed_id], limit=n, after=last), size
        )
        assert paged == expected, size
    # A folder of both feeds pages through both, still in one order.
    both = [feed_id, feeds.list_feeds(conn)[1].id]
    assert _all_pages(
        lambda n, last: st.stories_for_feeds(conn, both, limit=n, after=last), 10
    ) == _expected(conn, mine + other)


def test_a_story_arriving_while_scrolling_neither_repeats_nor_hides_rows(conn) -> None:
    t = BASE.timestamp()
    ids = _stories(conn, "harbourcourier", [t - n * 60.0 for n in range(10)])
    first = st.stories_for_feeds(conn, [1], limit=4)
    # A refresh adds a member to the oldest story before the next page is asked for, so
    # it moves to the top; with OFFSET the next page would start one row early and show
    # the fourth story twice.
    conn.execute("UPDATE stories SET last_published = ? WHERE id = ?", (t + 60, ids[-1]))
    rest = st.stories_for_feeds(conn, [1], limit=100, after=first[-1])
    assert [r.id for r in first + rest] == ids[:-1]


def test_entity_list_pages_the_same_way(conn) -> None:
    t = BASE.timestamp()
    ids = _stories(conn, "harbourcourier", [t, t, None, t - 60, t, None, t - 60])
    for story_id in ids[:6]:  # the last one names someone else
        conn.execute(
            "INSERT INTO story_entities(story_id, key, name, kind, count) "
            "VALUES (?, 'ada reporter', 'Ada Reporter', 'person', 1)",
            (story_id,),
        )
    paged = _all_pages(
        lambda n, last: story_lists.stories_with_entity(conn, "Ada  Reporter", limit=n, after=last),
        2,
    )
    assert paged == _expected(conn, ids[:6])


def test_starred_stories_list_and_count(conn) -> None:
    t = BASE.timestamp()
    ids = _stories(conn, "harbourcourier", [t - 60, t, None])
    assert story_lists.starred_stories(conn) == []
    for story_id in ids:
        starred.set_story_starred(conn, story_id)
    st.mark_story_read(conn, ids[0])
    assert [r.id for r in story_lists.starred_stories(conn)] == [ids[1], ids[0], ids[2]]
    assert story_lists.count_starred_stories(conn) == 3
    assert story_lists.count_starred_stories(conn, unread_only=True) == 2
    starred.set_story_starred(conn, ids[1], False)
    assert [r.id for r in story_lists.starred_stories(conn)] == [ids[0], ids[2]]
