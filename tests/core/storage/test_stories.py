"""Story queries the UI uses, on a real clustered library."""

from __future__ import annotations

import sqlite3

from desktop_reader.commands.cluster import store_items
from desktop_reader.core.pipeline.stories import update_stories
from desktop_reader.core.storage import stories as st
from tests.core.stories.corpus import handwritten


def _library(conn: sqlite3.Connection) -> dict[str, int]:
    items = handwritten()
    ids = dict(zip([i["id"] for i in items], store_items(conn, items), strict=True))
    update_stories(conn, list(ids.values()))
    return ids


def test_top_headlines_rank_breadth_and_freshness(conn: sqlite3.Connection) -> None:
    ids = _library(conn)
    top = st.top_headlines(conn, limit=100)
    assert all(row.outlet_count >= 2 for row in top)
    assert st.count_stories(conn, top_only=True) == len(top)
    order = [row.id for row in top]
    # The storm (Oct 2026, 3 outlets) outranks the older leak story only by freshness;
    # the 2019 heist with 2 outlets is last.
    assert order.index(st.story_of_article(conn, ids["st-1"])) < order.index(
        st.story_of_article(conn, ids["l-1"])
    )
    assert order[-1] == st.story_of_article(conn, ids["h19-1"])
    assert st.top_headlines(conn, limit=2, offset=1) == top[1:3]
    singles = st.stories_for_feeds(conn, [r[0] for r in conn.execute("SELECT id FROM feeds")])
    assert any(row.article_count == 1 for row in singles)
    assert st.story_of_article(conn, ids["x-1"]) not in order  # a singleton is not top


def test_story_detail_sources_oldest_first_with_reasons(conn: sqlite3.Connection) -> None:
    ids = _library(conn)
    detail = st.story(conn, st.story_of_article(conn, ids["l-1"]) or 0)
    assert detail is not None and detail.row.article_count == 6
    dates = [m.published for m in detail.members]
    assert dates == sorted(dates)  # type: ignore[type-var]
    assert [m.number for m in detail.members] == list(range(1, 7))
    assert detail.members[0].reasons["rule"] == "new"
    assert all(m.reasons["rule"] == "similar" for m in detail.members[1:])
    assert any(e["name"] == "Port Ellery" for e in detail.entities)
    assert st.story(conn, 999_999) is None


def test_identical_lead_images_are_shown_once(conn: sqlite3.Connection) -> None:
    ids = _library(conn)
    members = [ids["q-1"], ids["q-2"], ids["q-3"]]
    for n, article_id in enumerate(members):
        conn.execute(
            "INSERT INTO media VALUES (?, 'image/jpeg', 640, 360, 10, 0, 0)", (f"sha{n}",)
        ) if n < 2 else None
        conn.execute(
            "INSERT INTO article_images(article_id, position, source_url, sha256, "
            "caption, role) VALUES (?, 0, ?, ?, 'Rescuers in Belgrat', 'lead')",
            (article_id, f"https://img.example/{n}.jpg", "sha0" if n != 1 else "sha1"),
        )
    images = st.lead_images(conn, members)
    assert [i.sha256 for i in images] == ["sha0", "sha1"]
    detail = st.story(conn, st.story_of_article(conn, ids["q-1"]) or 0)
    assert detail is not None and len(detail.images) == 2


def test_related_stories_share_entities(conn: sqlite3.Connection) -> None:
    ids = _library(conn)
    talks = st.story_of_article(conn, ids["t-1"]) or 0
    related = [row.id for row in st.related_stories(conn, talks)]
    assert st.story_of_article(conn, ids["s-1"]) in related  # Norland, Kesh, Geneva


def test_marking_a_story_read_marks_its_articles_and_notices_updates(
    conn: sqlite3.Connection,
) -> None:
    ids = _library(conn)
    story_id = st.story_of_article(conn, ids["rm-1"]) or 0
    assert st.mark_story_read(conn, story_id) == 3
    read = [
        r[0]
        for r in conn.execute(
            "SELECT read FROM article_state WHERE article_id IN (?,?,?)",
            (ids["rm-1"], ids["rm-2"], ids["rm-3"]),
        )
    ]
    assert read == [1, 1, 1]
    row = next(
        r
        for r in st.stories_for_feeds(conn, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        if r.id == story_id
    )
    assert not row.unread
    conn.execute("UPDATE stories SET article_count = 4 WHERE id = ?", (story_id,))
    row = next(r for r in st.top_headlines(conn, limit=100) if r.id == story_id)
    assert row.updated_since_read
    assert st.mark_story_read(conn, story_id, read=False) == 3
