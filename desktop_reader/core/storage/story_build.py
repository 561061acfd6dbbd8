"""The SQL of building stories: which articles wait for one, a story's facts and
description written back, alerts recorded, every story forgotten for a rebuild.

What goes into those columns is computed in `pipeline/stories` and `core/stories`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_reader.core.storage import database
from desktop_reader.core.storage.vector_codec import decode

#: Every table a rebuild empties, children before parents.
STORY_TABLES = (
    "story_terms",
    "story_fingerprints",
    "story_entities",
    "story_articles",
    "stories",
    "story_df",
    "story_meta",
)


def unclustered_rows(conn: sqlite3.Connection, article_ids: Sequence[int]) -> list[sqlite3.Row]:
    """Articles among `article_ids` not in a story yet: id, title, text, published,
    date_is_guess, outlet (unordered)."""
    rows: list[sqlite3.Row] = []
    ids = sorted(set(article_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows.extend(
            conn.execute(
                "SELECT a.id, a.title, a.text, a.published, a.date_is_guess, a.outlet "
                "FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id "
                f"WHERE sa.article_id IS NULL AND a.id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        )
    return rows


def unclustered_article_ids(conn: sqlite3.Connection) -> list[int]:
    """Articles not in a story yet (new ones, or left over by an interrupted run)."""
    return [
        int(r[0])
        for r in conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id "
            "WHERE sa.article_id IS NULL"
        )
    ]


def forget_stories(conn: sqlite3.Connection) -> list[int]:
    """Empty every story table in one transaction; returns every article id."""
    with database.transaction(conn):
        for table in STORY_TABLES:
            conn.execute(f"DELETE FROM {table}")
    return [int(r[0]) for r in conn.execute("SELECT id FROM articles")]


def articles_in_published_order(conn: sqlite3.Connection) -> list[int]:
    """Every article id, published order, undated last."""
    return [
        int(r[0])
        for r in conn.execute("SELECT id FROM articles ORDER BY date_is_guess, published, id")
    ]


def story_of_articles(conn: sqlite3.Connection) -> dict[int, int]:
    """Article id -> story id, for every clustered article."""
    return {
        int(a): int(s) for a, s in conn.execute("SELECT article_id, story_id FROM story_articles")
    }


@dataclass(frozen=True)
class FactInputs:
    """What a story's facts are computed from."""

    centroid: dict[str, float]
    last_published: float | None
    entities_json: str | None  # as stored now
    count: int
    outlets: int
    # id, title and vector ("" and {} but for the newest `vectors`), entities_json;
    # oldest first
    members: list[tuple[int, str, dict[str, float], str]]


def fact_inputs(
    conn: sqlite3.Connection, story_id: int, members: int, vectors: int
) -> FactInputs | None:
    """Counts from SQL aggregates and the newest `members` members, the newest `vectors`
    of them with their titles and vectors, or None if the story is gone."""
    story = conn.execute(
        "SELECT centroid, last_published, entities_json FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    if story is None:
        return None
    count, outlets = conn.execute(
        "SELECT COUNT(*), COUNT(DISTINCT CASE WHEN outlet != '' THEN outlet END) "
        "+ COUNT(CASE WHEN outlet = '' THEN 1 END) FROM story_articles WHERE story_id = ?",
        (story_id,),
    ).fetchone()
    rows = conn.execute(
        "SELECT article_id, vector, entities_json FROM story_articles "
        "WHERE story_id = ? ORDER BY position DESC LIMIT ?",
        (story_id, members),
    ).fetchall()[::-1]
    # Titles only where vectors are read: an article row is a lookup in the big table.
    newest = rows[-vectors:] if vectors else []
    titles = dict(
        conn.execute(
            f"SELECT id, title FROM articles WHERE id IN ({','.join('?' * len(newest))})",
            [r[0] for r in newest],
        ).fetchall()
    )
    return FactInputs(
        decode(story[0]),
        story[1],
        story[2],
        int(count),
        int(outlets),
        [
            (
                int(r[0]),
                titles.get(r[0], ""),
                decode(r[1]) if k >= len(rows) - vectors else {},
                r[2],
            )
            for k, r in enumerate(rows)
        ],
    )


@dataclass(frozen=True)
class StoryFacts:
    headline: str
    headline_article_id: int | None
    outlet_count: int
    article_count: int
    rank_key: float
    entities_json: str
    # (key, name, kind, articles, ticker) of the story's top entities
    entities: list[tuple[str, str, str, int, str | None]]


def write_facts(
    conn: sqlite3.Connection, story_id: int, facts: StoryFacts, stored_entities_json: str | None
) -> None:
    """Store the facts; the entity rows only when the entities differ from
    `stored_entities_json` (they are written together, so equal JSON means equal rows)."""
    conn.execute(
        "UPDATE stories SET headline = ?, headline_article_id = ?, outlet_count = ?, "
        "article_count = ?, rank_key = ?, entities_json = ? WHERE id = ?",
        (
            facts.headline,
            facts.headline_article_id,
            facts.outlet_count,
            facts.article_count,
            facts.rank_key,
            facts.entities_json,
            story_id,
        ),
    )
    if facts.entities_json == stored_entities_json:
        return
    conn.execute("DELETE FROM story_entities WHERE story_id = ?", (story_id,))
    conn.executemany(
        "INSERT INTO story_entities(story_id, key, name, kind, count, ticker) VALUES (?,?,?,?,?,?)",
        [(story_id, *entity) for entity in facts.entities],
    )


def member_rows(conn: sqlite3.Connection, story_id: int) -> list[sqlite3.Row]:
    """Members in Sources order (oldest first, undated last): id, title, text,
    published, outlet, url, date_is_guess."""
    return conn.execute(
        "SELECT a.id, a.title, a.text, a.published, a.outlet, a.url, a.date_is_guess "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? "
        "ORDER BY a.date_is_guess, a.published, a.id",
        (story_id,),
    ).fetchall()


def description_state(conn: sqlite3.Connection, story_id: int) -> tuple[int, bool, int] | None:
    """(version, dirty, article count) of a story, or None if it is gone."""
    row = conn.execute(
        "SELECT version, dirty, article_count FROM stories WHERE id = ?", (story_id,)
    ).fetchone()
    return (int(row[0]), bool(row[1]), int(row[2])) if row is not None else None


def write_description(
    conn: sqlite3.Connection, story_id: int, version: int, summary_json: str, timeline_json: str
) -> None:
    """Store summary and timeline unless the story changed since `version` was read."""
    conn.execute(
        "UPDATE stories SET summary_json = ?, timeline_json = ?, dirty = 0 "
        "WHERE id = ? AND version = ?",
        (summary_json, timeline_json, story_id, version),
    )


def untold_broad_stories(
    conn: sqlite3.Connection, min_outlets: int
) -> list[tuple[int, str, int, int, float]]:
    """Stories of at least `min_outlets` outlets not alerted yet, broadest first:
    (id, headline, outlets, articles, last_added)."""
    return [
        (int(r[0]), r[1], int(r[2]), int(r[3]), float(r[4]))
        for r in conn.execute(
            "SELECT s.id, s.headline, s.outlet_count, s.article_count, s.last_added FROM stories s "
            "WHERE s.outlet_count >= ? AND NOT EXISTS ("
            "SELECT 1 FROM story_alerts a WHERE a.story_id = s.id) "
            "ORDER BY s.outlet_count DESC, s.last_added DESC",
            (min_outlets,),
        )
    ]


def record_alerts(conn: sqlite3.Connection, told: Iterable[tuple[int, int]], now: float) -> None:
    """Record (story id, outlet count) pairs as told about."""
    with database.transaction(conn):
        conn.executemany(
            "INSERT OR IGNORE INTO story_alerts(story_id, outlet_count, alerted_at) VALUES (?,?,?)",
            [(sid, outlets, now) for sid, outlets in told],
        )


def article_id_for(conn: sqlite3.Connection, guid: str, url: str | None) -> int | None:
    """The article stored under `guid`, else the first one at `url`."""
    row = conn.execute("SELECT id FROM articles WHERE guid = ?", (guid,)).fetchone()
    if row is None and url:
        row = conn.execute("SELECT id FROM articles WHERE url = ? LIMIT 1", (url,)).fetchone()
    return int(row[0]) if row is not None else None
