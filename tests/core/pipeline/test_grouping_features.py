"""Grouping features computed by the page workers: the stories built with them are the
ones built without them (every member's story, score, reasons, vector and names), they
are used only when computed from what the grouping reads, and they do not outlive the
grouping."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from desktop_reader.core.fetch import Fetcher
from desktop_reader.core.pipeline import pages, refresh, stories, subscribe, update
from desktop_reader.core.pipeline.library import Library
from desktop_reader.core.pipeline.workers import MIN_JOBS_FOR_PROCESSES
from desktop_reader.core.storage import grouping_features
from desktop_reader.core.stories import prepared
from tests.feedfarm import Farm


def _stories(conn: sqlite3.Connection) -> str:
    """Digest of every membership: article, its story's members, score, reasons, vector,
    names (ids are the same in both copies of one library)."""
    members: dict[int, list[int]] = {}
    rows = conn.execute(
        "SELECT article_id, story_id, score, reasons_json, vector, entities_json "
        "FROM story_articles ORDER BY article_id"
    ).fetchall()
    for row in rows:
        members.setdefault(row[1], []).append(row[0])
    lines = [
        json.dumps([a, sorted(members[s]), score, json.loads(why), bytes(v).hex(), names])
        for a, s, score, why, v, names in rows
    ]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _copy(library: Library, data_dir: Path) -> Library:
    """A second library holding exactly what `library` holds now."""
    copy_dir = data_dir.parent / "copy"
    copy_dir.mkdir()
    copy = Library.open(copy_dir)
    source, target = library.connect(), copy.connect()
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return copy


def _group(library: Library) -> list[int]:
    conn = library.connect()
    try:
        return stories.update_stories(conn, update.unclustered_articles(conn), summaries=False)
    finally:
        conn.close()


def test_stories_built_with_the_workers_features_are_the_ones_built_without(
    farm: Farm, library: Library, fetcher: Fetcher, data_dir: Path
) -> None:
    conn = library.connect()
    for url in farm.get_bytes("/urls.txt").decode().split()[:3]:
        subscribe.subscribe(conn, url)
    refresh.refresh_feeds(library, fetcher)
    assert pages.download_pages(library, fetcher, per_host=None) >= MIN_JOBS_FOR_PROCESSES

    # The workers computed features for the pages stored, from what grouping will read.
    rows = conn.execute(
        "SELECT a.id, a.title, a.text, a.published, a.date_is_guess, f.inputs "
        "FROM articles a JOIN article_features f ON f.article_id = a.id"
    ).fetchall()
    done = conn.execute("SELECT COUNT(*) FROM articles WHERE page_state = 'done'").fetchone()[0]
    assert len(rows) == done >= MIN_JOBS_FOR_PROCESSES
    for _id, title, text, published, guess, inputs in rows:
        assert inputs == prepared.inputs_key(title, text, None if guess else published)

    # The feed edited one entry's title after its page was read: the stored features
    # were computed from the old title and are not used (with them, the title's words
    # would weigh in its vector).
    conn.execute("UPDATE articles SET title = 'Edited: ' || title WHERE id = ?", (rows[1][0],))
    # A copy that has none (an older library, features never computed); in this one,
    # one article's stored features are spoiled: computed in place instead.
    without = _copy(library, data_dir)
    other = without.connect()
    other.execute("DELETE FROM article_features")
    other.close()
    conn.execute("UPDATE article_features SET features = x'00' WHERE article_id = ?", (rows[0][0],))

    changed = _group(library)
    assert changed == _group(without)
    other = without.connect()
    try:
        assert _stories(conn) == _stories(other)
        grouped = conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
        assert grouped == conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    finally:
        other.close()
    # Kept only until the article is grouped.
    assert conn.execute("SELECT COUNT(*) FROM article_features").fetchone()[0] == 0
    conn.close()


def test_features_are_not_kept_for_an_article_grouped_or_gone(
    library: Library, data_dir: Path
) -> None:
    from tests.core.storage.test_writer_priority import add_feed_with_articles

    _feed, ids = add_feed_with_articles(library, "Wire", 2)
    _group(library)
    conn = library.connect()
    try:
        grouping_features.save_features(conn, ids[0], b"key", b"features")
        grouping_features.save_features(conn, max(ids) + 1, b"key", b"features")  # deleted
        assert grouping_features.grouping_inputs(conn, ids) == {}
        assert grouping_features.stored_features(conn, [*ids, max(ids) + 1]) == {}
    finally:
        conn.close()
