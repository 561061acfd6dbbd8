"""Retention: what cleanup deletes, what it never deletes, images and VACUUM."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from desktop_reader.core.models import ImageRef, PageState, ParsedEntry
from desktop_reader.core.pipeline import retention
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.storage import articles, database, feeds, media, settings, starred

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _fill(
    conn,
    url: str,
    days_old: list[int],
    *,
    text: str = "",  # type: ignore[no-untyped-def]
    guid_prefix: str | None = None,
    title_prefix: str | None = None,
) -> list[int]:
    feed = feeds.add_feed(conn, url)
    prefix = guid_prefix or url
    entries = [
        NewEntry(
            ParsedEntry(
                guid=f"{prefix}#{d}",
                link=None,
                title=f"{title_prefix or url} {d} days",
                published=NOW - timedelta(days=d),
            ),
            content_html="",
            text=text or f"day {d}",
            page_state=PageState.SKIPPED,
        )
        for d in days_old
    ]
    with database.transaction(conn):
        ids = articles.store_entries(conn, feed.id, entries, outlet=url)
    return ids


NewEntry = articles.NewEntry


def _titles(conn) -> set[str]:  # type: ignore[no-untyped-def]
    return {r[0] for r in conn.execute("SELECT title FROM articles")}


def test_policy_never_deletes_unread_or_starred(library: Library) -> None:
    conn = library.connect()
    ids = _fill(conn, "a", [1, 10, 20, 30, 40])
    articles.set_read(conn, ids[:4], True)  # the 40-day-old one stays unread
    articles.set_starred(conn, ids[3], True)  # the 30-day-old one is starred
    settings.write(conn, settings.KEEP_DAYS, 14)

    report = retention.run_cleanup(library, now=NOW.timestamp())

    assert report.deleted_articles == 1  # only the read, unstarred, 20-day-old one
    assert _titles(conn) == {"a 1 days", "a 10 days", "a 30 days", "a 40 days"}
    # Searching no longer finds what was deleted (the full-text index followed).
    assert articles.search(conn, "20") == []
    conn.close()


def test_per_feed_count_limit_and_shared_articles(library: Library) -> None:
    conn = library.connect()
    wire = {"guid_prefix": "https://wire.example/", "title_prefix": "wire"}
    a_ids = _fill(conn, "a", [1, 2, 3, 4], **wire)
    b_ids = _fill(conn, "b", [3, 4, 5], guid_prefix="b")
    # Feed c lists the same wire copies as a (stored once, listed in both).
    _fill(conn, "c", [3, 4], **wire)
    articles.set_read(conn, a_ids + b_ids, True)
    a, b, c = (feeds.feed_by_url(conn, u) for u in "abc")
    settings.write(conn, settings.KEEP_ARTICLES, 1, feed_id=a.id)  # type: ignore[union-attr]
    settings.write(conn, settings.KEEP_ARTICLES, 2, feed_id=b.id)  # type: ignore[union-attr]
    # c has no policy: it keeps the shared wire copies alive.

    report = retention.run_cleanup(library, now=NOW.timestamp())

    assert report.deleted_articles == 2
    assert _titles(conn) == {"wire 1 days", "wire 3 days", "wire 4 days", "b 3 days", "b 4 days"}
    assert c is not None and articles.count_articles(conn, [c.id]) == 2
    conn.close()


def test_starred_story_keeps_its_members(library: Library) -> None:
    conn = library.connect()
    ids = _fill(conn, "a", [30, 31])
    articles.set_read(conn, ids, True)
    conn.execute("INSERT INTO stories(id, created, last_added) VALUES (1, 0, 0)")
    conn.execute(
        "INSERT INTO story_articles(article_id, story_id, score, position) VALUES (?, 1, 1.0, 0)",
        (ids[0],),
    )
    starred.set_story_starred(conn, 1)
    settings.write(conn, settings.KEEP_DAYS, 7)

    retention.run_cleanup(library, now=NOW.timestamp())

    assert _titles(conn) == {"a 30 days"}
    assert starred.starred_story_ids(conn) == [1]
    conn.close()


def test_images_leave_the_cache_only_when_unused(library: Library) -> None:
    conn = library.connect()
    old, keep = _fill(conn, "a", [30, 1])
    articles.set_read(conn, [old, keep], True)
    shared, _ = library.media.write(b"\x89PNG shared picture", "image/png")
    own, _ = library.media.write(b"\x89PNG only the old article", "image/png")
    for sha in (shared, own):
        media.record_media(
            conn, sha, mime="image/png", size=20, width=10, height=10, has_thumb=False
        )
    library.media.thumb_path(own).write_bytes(b"thumb")
    media.set_article_images(
        conn, old, [ImageRef("https://i.test/s.png"), ImageRef("https://i.test/o.png")]
    )
    media.image_downloaded(conn, old, 0, shared)
    media.image_downloaded(conn, old, 1, own)
    media.set_article_images(conn, keep, [ImageRef("https://i.test/s.png")])
    media.image_downloaded(conn, keep, 0, shared)
    settings.write(conn, settings.KEEP_DAYS, 7)

    report = retention.run_cleanup(library, now=NOW.timestamp())

    assert (report.deleted_articles, report.deleted_images) == (1, 1)
    assert library.media.find(own) is None and not library.media.thumb_path(own).exists()
    assert library.media.find(shared) is not None
    assert media.media_info(conn, own) is None and media.media_info(conn, shared) is not None
    conn.close()


def test_vacuum_only_when_worthwhile(library: Library) -> None:
    conn = library.connect()
    ids = _fill(conn, "a", list(range(1, 1201)), text="padding words " * 200)
    articles.set_read(conn, ids, True)
    assert not retention.vacuum_worthwhile(conn)  # a full file has nothing to reclaim
    nothing = retention.run_cleanup(library, now=NOW.timestamp())
    assert nothing == retention.CleanupReport()

    before = retention.library_sizes(library).database_bytes
    settings.write(conn, settings.KEEP_ARTICLES, 100)
    started = time.perf_counter()
    report = retention.run_cleanup(library, now=NOW.timestamp())
    elapsed = time.perf_counter() - started

    assert report.deleted_articles == 1100 and report.vacuumed
    after = retention.library_sizes(library).database_bytes
    assert after < before / 3
    assert not retention.vacuum_worthwhile(conn)
    assert elapsed < 10
    conn.close()
