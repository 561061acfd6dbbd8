"""Reading stories for the UI: Top Headlines, per-feed lists, one story, read state.

Sources order inside a story is oldest first (undated last): citation numbers [n]
then stay stable as a story grows, since new articles are appended at the end.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desktop_reader.core.storage import database
from desktop_reader.core.stories.rank import MIN_OUTLETS


def _ts(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if value is not None else None


@dataclass(frozen=True)
class StoryRow:
    """A story in a list: "Headline — Updated (N articles), K outlets"."""

    id: int
    headline: str
    article_count: int
    outlet_count: int
    last_published: datetime | None  # time of the newest member ("Updated …")
    language: str
    seen_count: int  # article_count when last marked read (0: never)
    # last_published exactly as stored: the seek position of newest-first lists
    # (a datetime rounds to microseconds, and a rounded key would skip or repeat rows).
    sort_key: float | None = field(default=None, compare=False, repr=False)

    @property
    def unread(self) -> bool:
        return self.seen_count < self.article_count

    @property
    def updated_since_read(self) -> bool:
        return 0 < self.seen_count < self.article_count


@dataclass(frozen=True)
class StoryMember:
    article_id: int
    number: int  # 1-based position in Sources: the n of citations [n]
    title: str
    outlet: str
    url: str | None
    published: datetime | None  # None when the article's date is unknown
    score: float
    reasons: dict[str, object]  # why it joined: rule, score, shared entities/terms
    read: bool


@dataclass(frozen=True)
class StoryImage:
    article_id: int
    outlet: str
    source_url: str
    sha256: str | None
    caption: str
    credit: str
    alt: str


@dataclass(frozen=True)
class StoryDetail:
    row: StoryRow
    members: tuple[StoryMember, ...]
    images: tuple[StoryImage, ...]  # lead images, identical files once
    entities: tuple[dict[str, object], ...]  # name, kind, articles, ticker
    summary: dict[str, object] | None
    timeline: dict[str, object] | None
    #: Whether summary and timeline are those of the members listed: False for a story
    #: never described, or one whose members changed since (described on demand).
    described: bool = True


_ROW = (
    "s.id, s.headline, s.article_count, s.outlet_count, s.last_published, s.language, s.seen_count"
)


def _row(r: sqlite3.Row | tuple[Any, ...]) -> StoryRow:
    return StoryRow(
        int(r[0]), str(r[1]), int(r[2]), int(r[3]), _ts(r[4]), str(r[5]), int(r[6]), r[4]
    )


def newest_first_page(
    conn: sqlite3.Connection,
    source: str,
    params: Sequence[object],
    *,
    limit: int,
    after: StoryRow | None,
) -> list[StoryRow]:
    """One page of a list ordered `last_published DESC, id DESC` (undated stories last),
    starting just after the row `after` (None: the first page).

    `source` is `FROM … WHERE …` naming the stories table `s`. Seeking on the key
    instead of OFFSET keeps every page a range scan of the stories_last index
    (last_published, then rowid): the last page costs what the first does. Dated and
    undated stories are two ranges, since a row value holding NULL compares as NULL.
    """
    order = " ORDER BY s.last_published DESC, s.id DESC LIMIT ?"
    if after is None:
        sql, args = f"SELECT {_ROW} {source}{order}", [*params, limit]
        return [_row(r) for r in conn.execute(sql, args)]
    found: list[StoryRow] = []
    if after.sort_key is not None:
        sql = f"SELECT {_ROW} {source} AND (s.last_published, s.id) < (?, ?){order}"
        found = [_row(r) for r in conn.execute(sql, [*params, after.sort_key, after.id, limit])]
        if len(found) == limit:
            return found
        undated, bound = f"SELECT {_ROW} {source} AND s.last_published IS NULL", []
    else:
        undated = f"SELECT {_ROW} {source} AND s.last_published IS NULL AND s.id < ?"
        bound = [after.id]
    rows = conn.execute(
        undated + " ORDER BY s.id DESC LIMIT ?", [*params, *bound, limit - len(found)]
    )
    return found + [_row(r) for r in rows]


def top_headlines(conn: sqlite3.Connection, limit: int = 50, offset: int = 0) -> list[StoryRow]:
    """Stories covered by two or more outlets, best first (see core/stories/rank.py)."""
    rows = conn.execute(
        f"SELECT {_ROW} FROM stories s WHERE s.outlet_count >= ? "
        "ORDER BY s.rank_key DESC, s.id DESC LIMIT ? OFFSET ?",
        (MIN_OUTLETS, limit, offset),
    )
    return [_row(r) for r in rows]


def count_stories(conn: sqlite3.Connection, *, top_only: bool = False) -> int:
    sql = "SELECT COUNT(*) FROM stories" + (" WHERE outlet_count >= ?" if top_only else "")
    return int(conn.execute(sql, (MIN_OUTLETS,) if top_only else ()).fetchone()[0])


def stories_for_feeds(
    conn: sqlite3.Connection,
    feed_ids: Sequence[int],
    *,
    limit: int = 200,
    after: StoryRow | None = None,
) -> list[StoryRow]:
    """Stories with a member listed in these feeds (single-article ones too), newest
    first; the page after the row `after` (None: the first page)."""
    if not feed_ids:
        return []
    marks = ",".join("?" * len(feed_ids))
    source = (
        "FROM stories s WHERE s.id IN (SELECT sa.story_id FROM feed_articles fa "
        "JOIN story_articles sa ON sa.article_id = fa.article_id "
        f"WHERE fa.feed_id IN ({marks}))"
    )
    return newest_first_page(conn, source, list(feed_ids), limit=limit, after=after)


def story_holding(conn: sqlite3.Connection, article_ids: Sequence[int]) -> int | None:
    """The story holding most of these articles now (where a merged-away story's
    members went); None if none of them is in a story."""
    ids = list(article_ids)[:500]  # well under SQLite's limit on bound parameters
    if not ids:
        return None
    row = conn.execute(
        f"SELECT story_id FROM story_articles WHERE article_id IN ({','.join('?' * len(ids))}) "
        "GROUP BY story_id ORDER BY COUNT(*) DESC, story_id LIMIT 1",
        ids,
    ).fetchone()
    return int(row[0]) if row else None


def story_of_article(conn: sqlite3.Connection, article_id: int) -> int | None:
    row = conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return int(row[0]) if row else None


def story(conn: sqlite3.Connection, story_id: int) -> StoryDetail | None:
    """One story with its Sources (oldest first, undated last) and deduplicated images."""
    head = conn.execute(
        f"SELECT {_ROW}, s.entities_json, s.summary_json, s.timeline_json, "
        "s.dirty FROM stories s WHERE s.id = ?",
        (story_id,),
    ).fetchone()
    if head is None:
        return None
    rows = conn.execute(
        "SELECT a.id, a.title, a.outlet, a.url, sa.published, sa.score, sa.reasons_json, "
        "COALESCE(st.read, 0) FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "LEFT JOIN article_state st ON st.article_id = a.id WHERE sa.story_id = ? "
        "ORDER BY sa.published IS NULL, sa.published, a.id",
        (story_id,),
    ).fetchall()
    members = tuple(
        StoryMember(r[0], n, r[1], r[2], r[3], _ts(r[4]), r[5], json.loads(r[6]), bool(r[7]))
        for n, r in enumerate(rows, 1)
    )
    outlets = {m.article_id: m.outlet for m in members}
    return StoryDetail(
        row=_row(head),
        members=members,
        images=tuple(lead_images(conn, [m.article_id for m in members], outlets)),
        entities=tuple(json.loads(head[7] or "[]")),
        summary=json.loads(head[8]) if head[8] else None,
        timeline=json.loads(head[9]) if head[9] else None,
        described=not head[10],
    )


def lead_images(
    conn: sqlite3.Connection, article_ids: Sequence[int], outlets: dict[int, str] | None = None
) -> list[StoryImage]:
    """The lead image of each article (in the given order); the same file (sha256),
    or the same address while not downloaded, is listed once."""
    found: list[StoryImage] = []
    seen: set[str] = set()
    for article_id in article_ids:
        row = conn.execute(
            "SELECT source_url, sha256, caption, credit, alt FROM article_images "
            "WHERE article_id = ? AND error = '' ORDER BY role != 'lead', position LIMIT 1",
            (article_id,),
        ).fetchone()
        if row is None:
            continue
        key = row[1] or row[0]
        if key in seen:
            continue
        seen.add(key)
        found.append(
            StoryImage(
                article_id,
                (outlets or {}).get(article_id, ""),
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
            )
        )
    return found


def related_stories(conn: sqlite3.Connection, story_id: int, limit: int = 5) -> list[StoryRow]:
    """Other stories naming the same people, organisations or places, most shared first."""
    rows = conn.execute(
        f"SELECT {_ROW}, COUNT(*) AS shared FROM story_entities mine "
        "JOIN story_entities other ON other.key = mine.key AND other.story_id != mine.story_id "
        "JOIN stories s ON s.id = other.story_id WHERE mine.story_id = ? "
        "GROUP BY s.id ORDER BY shared DESC, s.last_published DESC, s.id DESC LIMIT ?",
        (story_id, limit),
    )
    return [_row(r) for r in rows]


def mark_story_read(conn: sqlite3.Connection, story_id: int, read: bool = True) -> int:
    """Mark a story and its member articles read (or unread); returns articles changed."""
    now = time.time()
    with database.writing():
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "UPDATE stories SET seen_count = "
                "CASE WHEN ? THEN article_count ELSE 0 END WHERE id = ?",
                (int(read), story_id),
            )
            cur = conn.execute(
                "UPDATE article_state SET read = ?, changed = ? WHERE read != ? AND article_id IN "
                "(SELECT article_id FROM story_articles WHERE story_id = ?)",
                (int(read), now, int(read), story_id),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return cur.rowcount
