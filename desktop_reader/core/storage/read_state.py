"""Read and starred state of some articles and stories, captured and put back (for undo).

`capture` reads what is stored now; `restore` writes a captured state back exactly
(a story's star keeps the moment it was first starred, so Starred ▸ Stories keeps
its order). The unread counts follow by the article_state triggers.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from desktop_reader.core.storage import database

_CHUNK = 500  # ids per statement, well under SQLite's variable limit


@dataclass(frozen=True)
class ReadState:
    """What was stored for these articles and stories at one moment."""

    article_read: Mapping[int, bool] = field(default_factory=dict)
    article_starred: Mapping[int, bool] = field(default_factory=dict)
    story_seen: Mapping[int, int] = field(default_factory=dict)  # stories.seen_count
    story_starred: Mapping[int, float | None] = field(default_factory=dict)  # starred_at


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def capture(
    conn: sqlite3.Connection, article_ids: Iterable[int] = (), story_ids: Iterable[int] = ()
) -> ReadState:
    read: dict[int, bool] = {}
    starred: dict[int, bool] = {}
    for chunk in _chunks(article_ids):
        for article_id, is_read, is_starred in conn.execute(
            f"SELECT article_id, read, starred FROM article_state "
            f"WHERE article_id IN ({_marks(len(chunk))})",
            chunk,
        ):
            read[article_id], starred[article_id] = bool(is_read), bool(is_starred)
    seen: dict[int, int] = {}
    stars: dict[int, float | None] = {}
    for chunk in _chunks(story_ids):
        seen.update(
            (int(r[0]), int(r[1]))
            for r in conn.execute(
                f"SELECT id, seen_count FROM stories WHERE id IN ({_marks(len(chunk))})", chunk
            )
        )
        stars.update((story_id, None) for story_id in chunk if story_id in seen)
        stars.update(
            (int(r[0]), float(r[1]))
            for r in conn.execute(
                f"SELECT story_id, starred_at FROM story_stars "
                f"WHERE story_id IN ({_marks(len(chunk))})",
                chunk,
            )
        )
    return ReadState(read, starred, seen, stars)


def restore(conn: sqlite3.Connection, state: ReadState) -> None:
    """Write `state` back in one transaction (articles or stories gone since are skipped)."""
    now = time.time()
    with database.transaction(conn):
        for column, values in (("read", state.article_read), ("starred", state.article_starred)):
            for on in (True, False):
                for chunk in _chunks(i for i, v in values.items() if v is on):
                    conn.execute(
                        f"UPDATE article_state SET {column} = ?, changed = ? "
                        f"WHERE {column} != ? AND article_id IN ({_marks(len(chunk))})",
                        [int(on), now, int(on), *chunk],
                    )
        conn.executemany(
            "UPDATE stories SET seen_count = ? WHERE id = ?",
            [(seen, story_id) for story_id, seen in state.story_seen.items()],
        )
        for story_id, starred_at in state.story_starred.items():
            if starred_at is None:
                conn.execute("DELETE FROM story_stars WHERE story_id = ?", (story_id,))
            elif conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone():
                conn.execute(
                    "INSERT OR REPLACE INTO story_stars(story_id, starred_at) VALUES (?, ?)",
                    (story_id, starred_at),
                )


def unread_article_ids(conn: sqlite3.Connection, feed_ids: Sequence[int] | None) -> list[int]:
    """The unread articles of these feeds (None: of every feed): what "mark read" would change."""
    if feed_ids is None:
        return [r[0] for r in conn.execute("SELECT article_id FROM article_state WHERE read = 0")]
    found: set[int] = set()
    for chunk in _chunks(feed_ids):
        found.update(
            r[0]
            for r in conn.execute(
                f"SELECT fa.article_id FROM feed_articles fa JOIN article_state s "
                f"ON s.article_id = fa.article_id WHERE s.read = 0 "
                f"AND fa.feed_id IN ({_marks(len(chunk))})",
                chunk,
            )
        )
    return sorted(found)


def mark_story_seen(conn: sqlite3.Connection, story_id: int, read: bool = True) -> None:
    """The story alone read (or unread): its articles keep their own state."""
    conn.execute(
        "UPDATE stories SET seen_count = CASE WHEN ? THEN article_count ELSE 0 END WHERE id = ?",
        (int(read), story_id),
    )
